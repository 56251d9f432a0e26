// Writes from the CPU against work that is recorded but not yet submitted.
// Ops record their dispatches into one encoder that is submitted later, while
// Tensor.fromArray / write go through queue.writeBuffer, which takes effect at
// once, ahead of that encoder. A tidy scope returns its temporaries to the
// pool as soon as it ends, so the next tensor of the same size gets the same
// buffer, and writing it changes what the earlier, still unsubmitted, op reads.

import { describe, expect, it } from 'vitest';
import { relu } from '../../src/engine/ops/activations.ts';
import { Tensor, tidy } from '../../src/engine/tensor.ts';
import { useGpu } from './helpers.ts';
import { GpuSplit } from '../../src/engine/gpu-split.ts';

const gpuOf = useGpu();

describe('a CPU write after a tidy scope', () => {
  it('does not change the inputs of ops recorded before it (engine bug: pooled buffer reused before submit)', async () => {
    const gpu = gpuOf();
    const first = tidy(() => relu(Tensor.fromArray(gpu, [1, -2, 3])));
    // Same size: the pool hands out the input buffer the first scope released.
    const second = tidy(() => relu(Tensor.fromArray(gpu, [4, 5, -6])));
    expect(Array.from(await first.read())).toEqual([1, 0, 3]);
    expect(Array.from(await second.read())).toEqual([4, 5, 0]);
    first.dispose();
    second.dispose();
  });
});

describe('a data split reordered while a gather is recorded', () => {
  it('gathers with the order it had when the gather was recorded', async () => {
    const gpu = gpuOf();
    const split = new GpuSplit(gpu, { inputs: Float32Array.from([10, 11, 12, 13]), labels: Float32Array.from([0, 1, 0, 1]), count: 4, features: 1 }, 'order test');
    const batch = tidy(() => split.nextBatch(2).x);
    // The new order's cursor and indices must not overtake the recorded gather.
    split.setOrder(Uint32Array.from([3, 2, 1, 0]), 0);
    expect(Array.from(await batch.read())).toEqual([10, 11]);
    const next = tidy(() => split.nextBatch(2).x);
    expect(Array.from(await next.read())).toEqual([13, 12]);
    batch.dispose();
    next.dispose();
    split.destroy();
  });
});
