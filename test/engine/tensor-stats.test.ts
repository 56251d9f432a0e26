// The per-tensor reductions behind the "Gradient flow" and "Weight histograms"
// views (tensor_norms.wgsl, histogram.wgsl), on tensors laid out as a model's
// flat buffers are (each on a 64-float boundary), against float64 CPU code.
// Lengths 1, 7, 33, 784, 1000 and 3000 are not multiples of the 256-wide
// workgroup nor of the 1024-element chunk; a small `maxGroupsX` sends the
// chunks into the second dispatch dimension (the real limit, 65,535 chunks,
// would need 67 million elements).
//
// Tolerance of the sums of squares: every term is ≥ 0, so f32 summation in a
// tree of depth d (4 per invocation, then 8 + 8 levels of workgroup trees) has
// relative error ≤ (d + 2)·u ≈ 22·u ≈ 1.3e-6 (the +2: the square and, for the
// update, the f32 subtraction). We allow 4e-6 relative. A missed or doubled
// element is off by far more than that on these uniform random values.

import { describe, expect, it } from 'vitest';
import { GradientFlow } from '../../src/engine/gradient-flow.ts';
import { HISTOGRAM_BINS } from '../../src/engine/ops/histogram.ts';
import type { Segment } from '../../src/engine/ops/segments.ts';
import { TensorHistograms } from '../../src/engine/tensor-histograms.ts';
import type { BufferSlice, Gpu } from '../../src/engine/gpu.ts';
import { expectClose, uniformF32, useGpu } from './helpers.ts';
import { histogramRef, sumOfSquaresRef } from './reference.ts';

const gpuOf = useGpu();

const LENGTHS = [1, 7, 33, 784, 1000, 3000];

/** Segments on 64-float boundaries, as Parameters lays them out, and the flat length. */
function layout(lengths: number[]): { segments: Segment[]; count: number } {
  let offset = 0;
  const segments = lengths.map((length) => {
    const segment = { offset, length };
    offset = Math.ceil((offset + length) / 64) * 64;
    return segment;
  });
  return { segments, count: offset };
}

function flatBuffer(gpu: Gpu, values: Float32Array, label: string): BufferSlice {
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const slice = { buffer: gpu.createBuffer(values.byteLength, usage, label), offset: 0, size: values.byteLength };
  gpu.write(slice, values);
  return slice;
}

const part = (values: Float32Array, s: Segment) => values.subarray(s.offset, s.offset + s.length);

describe('tensor norms (Gradient flow)', () => {
  for (const maxGroupsX of [65535, 3]) {
    it(`‖g‖, ‖Δw‖ and ‖w‖ per tensor match float64 (at most ${maxGroupsX} workgroups along x)`, async () => {
      const gpu = gpuOf();
      const { segments, count } = layout(LENGTHS);
      // Padding holds garbage here, unlike a model's zeros: it must not be read.
      const grads = uniformF32(count, 1, -3, 3);
      const values = uniformF32(count, 2);
      const backup = Float32Array.from(values, (v, i) => v - 0.01 * grads[i]!);
      const buffers = { grads: flatBuffer(gpu, grads, 'grads'), values: flatBuffer(gpu, values, 'values'), backup: flatBuffer(gpu, backup, 'backup') };
      const flow = new GradientFlow(gpu, buffers, segments, 8, maxGroupsX);
      flow.record(5);
      const [sample] = await flow.read();
      expect(sample!.step).toBe(5);
      const delta = Float64Array.from(values, (v, i) => v - backup[i]!);
      const expected = segments.map((s) => ({
        grad: Math.sqrt(sumOfSquaresRef(part(grads, s))),
        update: Math.sqrt(sumOfSquaresRef(delta.subarray(s.offset, s.offset + s.length))),
        weight: Math.sqrt(sumOfSquaresRef(part(backup, s))),
      }));
      for (const key of ['grad', 'update', 'weight'] as const) {
        const want = expected.map((e) => e[key]);
        // On the norm, half the relative error of the sum of squares; 4e-6 keeps a margin.
        expectClose(sample!.tensors.map((t) => t[key]), want, (i) => 4e-6 * want[i]!, `‖${key}‖`);
      }
      flow.destroy();
      for (const b of Object.values(buffers)) b.buffer.destroy();
    });
  }

  it('keeps each sample as a row of its ring, read with the steps they were taken at; after the ring wraps, the newest rows', async () => {
    const gpu = gpuOf();
    const { segments, count } = layout([7, 33]);
    const grads = uniformF32(count, 3);
    const values = uniformF32(count, 4);
    const buffers = { grads: flatBuffer(gpu, grads, 'grads'), values: flatBuffer(gpu, values, 'values'), backup: flatBuffer(gpu, values, 'backup') };
    const flow = new GradientFlow(gpu, buffers, segments, 4);
    const scaled = (factor: number) => gpu.write(buffers.grads, Float32Array.from(grads, (g) => g * factor));
    // Each sample sees the gradient as it is when it is recorded: scale it between samples.
    for (const step of [1, 2, 3]) {
      scaled(step);
      gpu.submit();
      flow.record(step * 10);
      gpu.submit();
    }
    const first = await flow.read();
    expect(first.map((s) => s.step)).toEqual([10, 20, 30]);
    const base = Math.sqrt(sumOfSquaresRef(part(grads, segments[1]!)));
    expectClose(first.map((s) => s.tensors[1]!.grad), [1, 2, 3].map((f) => f * base), (i) => 4e-6 * (i + 1) * base, 'ring rows');
    expect(first[0]!.tensors[0]!.update).toBe(0);
    for (const step of [4, 5, 6, 7, 8, 9]) {
      scaled(step);
      gpu.submit();
      flow.record(step * 10);
      gpu.submit();
    }
    const second = await flow.read();
    expect(second.map((s) => s.step)).toEqual([60, 70, 80, 90]);
    expectClose(second.map((s) => s.tensors[1]!.grad), [6, 7, 8, 9].map((f) => f * base), (i) => 4e-6 * (i + 6) * base, 'wrapped rows');
    expect(await flow.read()).toEqual([]);
    flow.destroy();
    for (const b of Object.values(buffers)) b.buffer.destroy();
  });
});

describe('tensor histograms (Weight histograms)', () => {
  for (const maxGroupsX of [65535, 2]) {
    it(`ranges and ${HISTOGRAM_BINS}-bin counts per tensor match float64 (at most ${maxGroupsX} workgroups along x)`, async () => {
      const gpu = gpuOf();
      const { segments, count } = layout([...LENGTHS, 7]);
      const data = uniformF32(count, 5, -0.3, 0.7);
      // Quantised values put many elements exactly on bin edges, which both sides must agree on.
      for (let i = segments[3]!.offset; i < segments[3]!.offset + 784; i++) data[i] = Math.round(data[i]! * 8) / 8;
      // A constant tensor: all in bin 0. A non-finite value: left out.
      part(data, segments[6]!).fill(0.25);
      data[segments[4]!.offset + 17] = Infinity;
      data[segments[5]!.offset + 2999] = NaN;
      const slice = flatBuffer(gpu, data, 'data');
      const histograms = new TensorHistograms(gpu, segments, 'test histograms', maxGroupsX);
      const result = await histograms.read(slice);
      segments.forEach((s, t) => {
        const want = histogramRef(part(data, s), HISTOGRAM_BINS);
        const got = result[t]!;
        expect([got.min, got.max], `tensor ${t}: range`).toEqual([want.min, want.max]);
        const finite = part(data, s).filter(Number.isFinite).length;
        expect(got.counts.reduce((a, b) => a + b, 0), `tensor ${t}: total`).toBe(finite);
        expectClose(got.counts, want.counts, (b) => want.slack[b]!, `tensor ${t}: counts`);
      });
      // Read again: the counts are cleared first, not added to.
      const again = await histograms.read(slice);
      expect(again.map((h) => Array.from(h.counts))).toEqual(result.map((h) => Array.from(h.counts)));
      histograms.destroy();
      slice.buffer.destroy();
    });
  }
});
