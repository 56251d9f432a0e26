// The GPU loss monitor (a ring of losses and a divergence flag) and the last
// good weights it protects: values in order, readout after the ring wraps,
// the first non-finite loss flagged and never overwritten, optimizers frozen
// by the flag, and a diverged session rolled back.

import { describe, expect, it } from 'vitest';
import { GoodWeights } from '../../src/engine/good-weights.ts';
import { LossMonitor } from '../../src/engine/loss-monitor.ts';
import { mse } from '../../src/engine/ops/losses.ts';
import { SGD } from '../../src/engine/optim.ts';
import { Parameters } from '../../src/engine/parameters.ts';
import { Tensor, tidy } from '../../src/engine/tensor.ts';
import { TrainingSession } from '../../src/train/session.ts';
import type { Gpu } from '../../src/engine/gpu.ts';
import { uniformF32, useGpu } from './helpers.ts';

const gpuOf = useGpu();

/** Records each value as a step's loss (one submit for all of them). */
function recordAll(gpu: Gpu, monitor: LossMonitor, values: number[]): void {
  tidy(() => {
    for (const v of values) monitor.record(Tensor.fromArray(gpu, [v]));
  });
}

describe('LossMonitor', () => {
  it('returns the losses recorded since the last read, in order, and which step they start at', async () => {
    const gpu = gpuOf();
    const monitor = new LossMonitor(gpu, 8);
    recordAll(gpu, monitor, [0.5, 0.25, 2, 1e-7, 3]);
    const first = await monitor.read();
    expect(Array.from(first.losses)).toEqual([0.5, 0.25, 2, 1e-7, 3].map(Math.fround));
    expect(first).toMatchObject({ firstStep: 1, divergedAtStep: null, dropped: 0 });
    recordAll(gpu, monitor, [4, 5]);
    const second = await monitor.read();
    expect(Array.from(second.losses)).toEqual([4, 5]);
    expect(second).toMatchObject({ firstStep: 6, dropped: 0 });
    expect((await monitor.read()).losses.length).toBe(0);
    monitor.destroy();
  });

  it('after the ring wraps, returns the newest `capacity` losses and says how many were dropped', async () => {
    const gpu = gpuOf();
    const monitor = new LossMonitor(gpu, 4);
    recordAll(gpu, monitor, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const readout = await monitor.read();
    expect(Array.from(readout.losses)).toEqual([7, 8, 9, 10]);
    expect(readout).toMatchObject({ firstStep: 7, dropped: 6, divergedAtStep: null });
    recordAll(gpu, monitor, [11, 12, 13]);
    const next = await monitor.read();
    expect(Array.from(next.losses)).toEqual([11, 12, 13]);
    expect(next).toMatchObject({ firstStep: 11, dropped: 0 });
    monitor.destroy();
  });

  it('flags the first non-finite loss (a NaN from a NaN input), keeps that step through later ones, and forgets it on reset', async () => {
    const gpu = gpuOf();
    const monitor = new LossMonitor(gpu, 16);
    recordAll(gpu, monitor, [1, 2]);
    tidy(() => {
      const loss = mse(Tensor.fromArray(gpu, [1, Number.NaN, 3]), Tensor.fromArray(gpu, [0, 0, 0]));
      monitor.record(loss);
    });
    recordAll(gpu, monitor, [4, Number.POSITIVE_INFINITY, 5]);
    const readout = await monitor.read();
    expect(Number.isNaN(readout.losses[2])).toBe(true);
    expect(readout.losses[4]).toBe(Number.POSITIVE_INFINITY);
    expect(readout.divergedAtStep).toBe(3);
    expect(readout.divergence).toBe('not-finite');
    const [flag] = new Uint32Array((await gpu.read(monitor.status))[0]!);
    expect(flag).not.toBe(0);
    monitor.reset();
    recordAll(gpu, monitor, [6]);
    const after = await monitor.read();
    expect(after).toMatchObject({ firstStep: 1, divergedAtStep: null });
    expect(Array.from(after.losses)).toEqual([6]);
    monitor.destroy();
  });

  it('flags ±Infinity as well as NaN', async () => {
    for (const bad of [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]) {
      const gpu = gpuOf();
      const monitor = new LossMonitor(gpu, 4);
      recordAll(gpu, monitor, [1, bad]);
      expect((await monitor.read()).divergedAtStep).toBe(2);
      monitor.destroy();
    }
  });

  it('freezes an optimizer through its status word once a loss is not finite', async () => {
    const gpu = gpuOf();
    const params = new Parameters(gpu, [{ name: 'w', shape: [5], init: uniformF32(5, 1) }]);
    const optimizer = new SGD(params, { lr: 0.1 });
    const monitor = new LossMonitor(gpu, 4);
    const w = params.get('w');
    const stepWithLoss = async (loss: number) => {
      gpu.write(w.grad.slice, new Float32Array(5).fill(1));
      w.gradIsZero = false;
      tidy(() => monitor.record(Tensor.fromArray(gpu, [loss])));
      optimizer.step(monitor.status);
      return (await params.read())[0]!.data;
    };
    const start = (await params.read())[0]!.data;
    const afterGood = await stepWithLoss(1);
    expect(Array.from(afterGood)).toEqual(Array.from(start, (v) => Math.fround(v - Math.fround(0.1))));
    const afterBad = await stepWithLoss(Number.NaN);
    expect(Array.from(afterBad)).toEqual(Array.from(afterGood));
    expect(Array.from(await stepWithLoss(1))).toEqual(Array.from(afterGood));
    optimizer.destroy();
    monitor.destroy();
    params.destroy();
  });
});

describe('GoodWeights', () => {
  it('is filled by the optimizer with the weights each update replaces, not once the status is set, and restored', async () => {
    const gpu = gpuOf();
    const w0 = uniformF32(40, 10);
    const g = uniformF32(40, 11);
    const params = new Parameters(gpu, [{ name: 'w', shape: [40], init: w0 }]);
    const good = new GoodWeights(params);
    const optimizer = new SGD(params, { lr: 0.5 });
    await gpu.finish();
    const status = gpu.createBuffer(16, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, 'test status');
    const statusSlice = { buffer: status, offset: 0, size: 4 };
    const read = async () => Array.from((await params.read())[0]!.data);
    const step = async (flag: number) => {
      gpu.write(statusSlice, new Uint32Array([flag]));
      const w = params.entries[0]!.value;
      gpu.write(w.grad.slice, g);
      w.gradIsZero = false;
      optimizer.step(statusSlice, good.slice);
      await gpu.finish();
    };

    // Restoring straight away gives the weights it was made with.
    params.write([{ name: 'w', shape: [40], data: uniformF32(40, 12) }]);
    good.restore();
    expect(await read()).toEqual(Array.from(w0));

    await step(0);
    const w1 = Float32Array.from(w0, (w, i) => w - Math.fround(0.5 * g[i]!));
    expect(await read()).toEqual(Array.from(w1));
    await step(0);
    // A diverged status: the weights stay, and so does the copy of those before them.
    await step(1);
    const w2 = Float32Array.from(w1, (w, i) => w - Math.fround(0.5 * g[i]!));
    expect(await read()).toEqual(Array.from(w2));
    good.restore();
    expect(await read()).toEqual(Array.from(w1));
    status.destroy();
    good.destroy();
    params.destroy();
  });

  it('rolls a diverged training session back to the last weights that gave a finite loss', async () => {
    const gpu = gpuOf();
    // Four batches of 4 in order; a NaN feature in the third batch makes step 3's loss NaN.
    const count = 16;
    const inputs = uniformF32(count * 3, 20);
    inputs[9 * 3 + 1] = Number.NaN;
    const labels = Uint8Array.from({ length: count }, (_, i) => i % 2);
    const session = new TrainingSession(gpu, { train: { inputs, labels, count, features: 3 }, test: { inputs, labels, count, features: 3 } }, {
      dataset: 'blobs',
      layers: [{ type: 'linear', in: 3, out: 2 }],
      loss: 'cross-entropy',
      optimizer: { type: 'sgd', lr: 0.5 },
      batchSize: 4,
      epochs: 1,
      seed: 1,
      shuffle: false,
      flip: false,
    });
    const weights = async () => (await session.model.stateDict()).map((t) => Array.from(t.data));
    session.step();
    const afterStep1 = await weights();
    session.step();
    const afterStep2 = await weights();
    expect(afterStep2).not.toEqual(afterStep1);
    session.step();
    session.step();
    const losses = await session.readLosses();
    expect(losses.divergedAtStep).toBe(3);
    expect(Number.isFinite(losses.losses[1])).toBe(true);
    expect(Number.isNaN(losses.losses[2])).toBe(true);
    // No update from step 3 on: the weights are those that gave the NaN.
    expect(await weights()).toEqual(afterStep2);
    // The last weights that gave a finite loss (step 2's) are those after step 1.
    session.restoreGoodWeights();
    expect(await weights()).toEqual(afterStep1);
    expect((await session.readLosses()).divergedAtStep).toBeNull();
    session.destroy();
  });
});
