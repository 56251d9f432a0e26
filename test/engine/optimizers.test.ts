// SGD, Adam and RMSprop over several steps against torch.optim's update rules
// evaluated in float64 on the CPU (reference.ts), with known gradients written
// straight into the flat gradient buffer. Two parameters of sizes that leave
// padding between them in the flat buffers (21 and 33 floats, each starting on
// a 64-float boundary).
//
// Tolerance, per element, summed over the steps taken (u = 2^-24):
//   2u·|p| for rounding the parameter itself, plus 16u·|Δp| for the update: it
//   is at most ~8 f32 operations (WGSL allows sqrt and division 2.5 ULP), and
//   errors already in a momentum or moment buffer carry over with weight < 1.
// Adam and RMSprop receive β (alpha) as an f32 and form 1 − β on the GPU: for
// β2 = 0.999 that is 1 − f32(0.999), 1.3e-5 away from 0.001 in relative terms,
// which skews v and so the update by up to half that. The tolerance adds that
// term explicitly (|f32(β) − β| / (1 − β) × |Δp|) so the rest stays tight.

import { describe, expect, it } from 'vitest';
import { Adam, OptimizerError, RMSprop, SGD, createOptimizer, type OptimizerSpec } from '../../src/engine/optim.ts';
import { Parameters } from '../../src/engine/parameters.ts';
import type { Gpu } from '../../src/engine/gpu.ts';
import { U, expectClose, uniformF32, useGpu } from './helpers.ts';
import { AdamRef, RmspropRef, SgdRef } from './reference.ts';

const gpuOf = useGpu();

const SHAPES = [
  { name: 'a.weight', shape: [3, 7] },
  { name: 'a.bias', shape: [33] },
];
const STEPS = 5;

function makeParams(gpu: Gpu, seed: number): Parameters {
  return new Parameters(
    gpu,
    SHAPES.map(({ name, shape }, i) => ({ name, shape, init: uniformF32(shape[0]! * (shape[1] ?? 1), seed + i) })),
  );
}

function writeGrads(params: Parameters, grads: Float32Array[]): void {
  params.entries.forEach(({ value }, i) => {
    params.gpu.write(value.grad.slice, grads[i]!);
    value.gradIsZero = false;
  });
}

interface StepRef {
  step(p: Float64Array, g: ArrayLike<number>): void;
}

/** Relative error of 1 − β when β is rounded to f32 first. */
function oneMinusError(beta: number): number {
  return Math.abs(Math.fround(beta) - beta) / (1 - beta);
}

async function compareOverSteps(spec: OptimizerSpec, makeRefs: () => StepRef[], hyperError: number, seed: number) {
  const gpu = gpuOf();
  const params = makeParams(gpu, seed);
  const optimizer = createOptimizer(params, spec);
  const refs = makeRefs();
  const p64 = (await params.read()).map((t) => Float64Array.from(t.data));
  const scale = p64.map((p) => new Float64Array(p.length));
  for (let step = 1; step <= STEPS; step++) {
    // Gradients of mixed sign and size, with exact zeros in the first step.
    const grads = p64.map((p, i) => uniformF32(p.length, seed + 10 * step + i, -2, 2));
    if (step === 1) grads[0]![0] = 0;
    writeGrads(params, grads);
    optimizer.step();
    const got = await params.read();
    p64.forEach((p, i) => {
      const before = Float64Array.from(p);
      refs[i]!.step(p, grads[i]!);
      for (let j = 0; j < p.length; j++) {
        const delta = Math.abs(p[j]! - before[j]!);
        scale[i]![j]! += 2 * U * Math.abs(before[j]!) + (16 * U + hyperError) * delta;
      }
      expectClose(got[i]!.data, p, (j) => scale[i]![j]!, `${spec.type} step ${step}: ${got[i]!.name}`);
    });
  }
  // The padding between parameters is read by no op and must stay zero.
  const [all] = await gpu.read(params.slice(params.values));
  const flat = new Float32Array(all!);
  const padding = params.entries.flatMap(({ offset, value }, i) => {
    const end = i + 1 < params.entries.length ? params.entries[i + 1]!.offset : params.count;
    return Array.from(flat.subarray(offset + value.size, end));
  });
  expect(padding.length).toBeGreaterThan(0);
  expect(padding.every((v) => v === 0), 'padding between parameters stays zero').toBe(true);
  optimizer.destroy();
  params.destroy();
}

function perParam<T>(make: () => T): () => T[] {
  return () => SHAPES.map(() => make());
}

describe('SGD', () => {
  const variants: [string, { lr: number; momentum?: number; dampening?: number; weightDecay?: number; nesterov?: boolean }][] = [
    ['plain', { lr: 0.1 }],
    ['momentum 0.9', { lr: 0.05, momentum: 0.9 }],
    ['momentum 0.9, dampening 0.25', { lr: 0.05, momentum: 0.9, dampening: 0.25 }],
    ['weight decay 0.01', { lr: 0.1, weightDecay: 0.01 }],
    ['Nesterov momentum 0.9 with weight decay 0.1', { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.1 }],
  ];
  variants.forEach(([label, options], k) => {
    it(`matches torch.optim.SGD over ${STEPS} steps: ${label}`, async () => {
      await compareOverSteps({ type: 'sgd', ...options }, perParam(() => new SgdRef(options)), 0, 100 + 50 * k);
    });
  });
});

describe('Adam', () => {
  const variants: [string, { lr: number; betas: [number, number]; eps: number; weightDecay: number }][] = [
    ['defaults with lr 0.01', { lr: 0.01, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 }],
    ['weight decay 0.1, betas (0.8, 0.99), eps 1e-3', { lr: 0.02, betas: [0.8, 0.99], eps: 1e-3, weightDecay: 0.1 }],
  ];
  variants.forEach(([label, options], k) => {
    it(`matches torch.optim.Adam with bias correction over ${STEPS} steps: ${label}`, async () => {
      const hyperError = oneMinusError(options.betas[0]) + oneMinusError(options.betas[1]);
      await compareOverSteps({ type: 'adam', ...options }, perParam(() => new AdamRef(options)), hyperError, 400 + 50 * k);
    });
  });
});

describe('RMSprop', () => {
  const variants: [string, { lr: number; alpha: number; eps: number; momentum: number; weightDecay: number }][] = [
    ['alpha 0.99, no momentum', { lr: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0, weightDecay: 0 }],
    ['alpha 0.9, momentum 0.5, weight decay 0.05, eps 1e-4', { lr: 0.01, alpha: 0.9, eps: 1e-4, momentum: 0.5, weightDecay: 0.05 }],
  ];
  variants.forEach(([label, options], k) => {
    it(`matches torch.optim.RMSprop over ${STEPS} steps: ${label}`, async () => {
      await compareOverSteps({ type: 'rmsprop', ...options }, perParam(() => new RmspropRef(options)), oneMinusError(options.alpha), 600 + 50 * k);
    });
  });
});

describe('every optimizer', () => {
  const specs: OptimizerSpec[] = [
    { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0.1 },
    { type: 'adam', lr: 0.1, weightDecay: 0.1 },
    { type: 'rmsprop', lr: 0.1, momentum: 0.5, weightDecay: 0.1 },
  ];

  for (const spec of specs) {
    it(`${spec.type}: changes nothing, weights or state, while the status word is non-zero`, async () => {
      const gpu = gpuOf();
      const params = makeParams(gpu, 900);
      const optimizer = createOptimizer(params, spec);
      const status = gpu.createBuffer(16, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, 'test status');
      const statusSlice = { buffer: status, offset: 0, size: 4 };
      // Two ordinary steps first, so that there is optimizer state to preserve.
      gpu.write(statusSlice, new Uint32Array([0]));
      for (let step = 0; step < 2; step++) {
        writeGrads(params, params.entries.map(({ value }, i) => uniformF32(value.size, 910 + 2 * step + i)));
        optimizer.step(statusSlice);
        await gpu.finish();
      }
      const before = await params.read();
      expect(before[0]!.data).not.toEqual((await makeParams(gpu, 900).read())[0]!.data);
      const stateBefore = await optimizer.readState();
      gpu.write(statusSlice, new Uint32Array([1]));
      for (let step = 0; step < 3; step++) {
        writeGrads(params, params.entries.map(({ value }, i) => uniformF32(value.size, 950 + 2 * step + i)));
        optimizer.step(statusSlice);
        await gpu.finish();
      }
      const after = await params.read();
      after.forEach((t, i) => expect(Array.from(t.data), `${t.name}`).toEqual(Array.from(before[i]!.data)));
      const stateAfter = await optimizer.readState();
      stateAfter.forEach((s, i) => expect(s.every((v, j) => v === stateBefore[i]![j]), `state buffer ${i}`).toBe(true));
      status.destroy();
      optimizer.destroy();
      params.destroy();
    });
  }

  it('does not apply a stale gradient of a parameter that backward did not reach (gradIsZero)', async () => {
    const gpu = gpuOf();
    const params = makeParams(gpu, 1000);
    const before = await params.read();
    const optimizer = new SGD(params, { lr: 0.5 });
    for (const { value } of params.entries) gpu.write(value.grad.slice, new Float32Array(value.size).fill(3));
    params.zeroGrad();
    optimizer.step();
    const after = await params.read();
    after.forEach((t, i) => expect(Array.from(t.data), t.name).toEqual(Array.from(before[i]!.data)));
    optimizer.destroy();
    params.destroy();
  });

  it('continues exactly where it left off after readState/writeState (Adam)', async () => {
    const gpu = gpuOf();
    const grads = (step: number) => SHAPES.map(({ shape }, i) => uniformF32(shape[0]! * (shape[1] ?? 1), 1100 + 2 * step + i));
    const runA = makeParams(gpu, 1050);
    const a = new Adam(runA, { lr: 0.01 });
    // Each step is submitted before the next gradients are written: a write
    // goes through the queue at once, ahead of commands still being recorded.
    for (let step = 0; step < 4; step++) {
      writeGrads(runA, grads(step));
      a.step();
      await gpu.finish();
    }
    const runB = makeParams(gpu, 1050);
    const b1 = new Adam(runB, { lr: 0.01 });
    for (let step = 0; step < 2; step++) {
      writeGrads(runB, grads(step));
      b1.step();
      await gpu.finish();
    }
    const saved = await b1.readState();
    const b2 = new Adam(runB, { lr: 0.01 });
    b2.writeState(saved, b1.stepCount);
    for (let step = 2; step < 4; step++) {
      writeGrads(runB, grads(step));
      b2.step();
      await gpu.finish();
    }
    const [wa, wb] = [await runA.read(), await runB.read()];
    wa.forEach((t, i) => expect(Array.from(wb[i]!.data), t.name).toEqual(Array.from(t.data)));
    for (const o of [a, b1, b2]) o.destroy();
    runA.destroy();
    runB.destroy();
  });

  it('refuses hyperparameters PyTorch refuses', () => {
    const gpu = gpuOf();
    const params = makeParams(gpu, 1200);
    expect(() => new SGD(params, { lr: 0 })).toThrow(OptimizerError);
    expect(() => new SGD(params, { lr: 0.1, nesterov: true })).toThrow(/Nesterov/);
    expect(() => new SGD(params, { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true })).toThrow(/Nesterov/);
    expect(() => new Adam(params, { betas: [1, 0.999] })).toThrow(/beta1/);
    expect(() => new Adam(params, { eps: 0 })).toThrow(/eps/);
    expect(() => new RMSprop(params, { alpha: -0.1 })).toThrow(/alpha/);
    expect(() => new RMSprop(params, { weightDecay: Number.NaN })).toThrow(/weight decay/);
    params.destroy();
  });
});

describe('every optimizer past 65,535 workgroups', () => {
  // Four floats per invocation and 64 invocations per workgroup: 65,535
  // workgroups hold 16,776,960 floats, so the last 4,352 of this parameter are
  // reached only through the second dimension of the grid. The update is per
  // element, so only the first and last 8,192 floats get gradients and are
  // compared (the rest have zero gradients), which keeps the test's memory at
  // the GPU buffers themselves. No weight decay: among 16,384 elements some
  // gradient would nearly cancel with weight_decay · p, which the tolerance of
  // compareOverSteps does not cover, and the index is what is tested here.
  const count = 2 ** 24 + 4096;
  const ends = 8192;
  const cases: [OptimizerSpec, () => StepRef, number][] = [
    [{ type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0 }, () => new SgdRef({ lr: 0.1, momentum: 0.9, weightDecay: 0 }), 0],
    [
      { type: 'adam', lr: 0.01, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 },
      () => new AdamRef({ lr: 0.01, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 }),
      oneMinusError(0.9) + oneMinusError(0.999),
    ],
    [
      { type: 'rmsprop', lr: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0.5, weightDecay: 0 },
      () => new RmspropRef({ lr: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0.5, weightDecay: 0 }),
      oneMinusError(0.99),
    ],
  ];

  for (const [spec, makeRef, hyperError] of cases) {
    it(`${spec.type}: updates the last elements of a ${count.toLocaleString('en')}-float parameter too`, async () => {
      const gpu = gpuOf();
      const init = uniformF32(count, 1300);
      const params = new Parameters(gpu, [{ name: 'big', shape: [count], init }]);
      const optimizer = createOptimizer(params, spec);
      const at = [0, count - ends];
      const grads = at.map((_, i) => uniformF32(ends, 1301 + i, -2, 2));
      at.forEach((first, i) => gpu.write({ buffer: params.grads, offset: first * 4, size: ends * 4 }, grads[i]!));
      params.entries[0]!.value.gradIsZero = false;
      optimizer.step();
      const got = await gpu.read(...at.map((first) => ({ buffer: params.values, offset: first * 4, size: ends * 4 })));
      at.forEach((first, i) => {
        const before = Float64Array.from(init.subarray(first, first + ends));
        const p = Float64Array.from(before);
        makeRef().step(p, grads[i]!);
        const tolerance = (j: number) => 2 * U * Math.abs(before[j]!) + (16 * U + hyperError) * Math.abs(p[j]! - before[j]!);
        expectClose(new Float32Array(got[i]!), p, tolerance, `${spec.type}: floats ${first}…${first + ends - 1}`);
      });
      optimizer.destroy();
      params.destroy();
    });
  }
});
