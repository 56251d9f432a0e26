// The fused loss kernels (loss and gradient in one pass): cross-entropy on
// logits, BCE on probabilities, MSE, and the [loss sum, correct count] they
// add into an evaluation's stats, against float64 references.
//
// Tolerances (u = 2^-24):
//   cross-entropy, per row: max + log(Σ exp(x − max)) − x[label] rounds to
//     about u·|max| (|max| up to 1000 here), log and exp add a few ULP of
//     log C; the mean over B rows then adds a tree reduction of log2(256) + B/256
//     levels. We allow (16 + 2·log2 B)·u·(mean |loss_r| + max|x| + log C).
//     Gradient: softmax p = exp(x − lse) has relative error ≈ |x − lse| ULP
//     from exp plus the absolute error of lse (≈ 4u·|lse|): we allow
//     (16u + 8u·max|x| + 4u·|x − lse|)·p/B + 4u/B.
//   bce: log() is within 2^-21 absolute near 1 and 3 ULP elsewhere (WGSL), so a
//     term is within 2^-20 + 8u·|term|; the mean adds the same reduction error.
//     The gradient is four roundings: 8u relative.
//   mse: squares and a reduction: (16 + 2·log2 n)·u·mean; gradient 4u relative.
//   correct counts are integers and must be exact.

import { describe, expect, it } from 'vitest';
import { backward, noGrad } from '../../src/engine/autograd.ts';
import { bce, crossEntropy, mse } from '../../src/engine/ops/losses.ts';
import { Tensor, tidy } from '../../src/engine/tensor.ts';
import type { Gpu } from '../../src/engine/gpu.ts';
import { U, expectClose, labelsU32, rng, uniformF32, useGpu } from './helpers.ts';
import { bceRef, crossEntropyRef, mseRef } from './reference.ts';

const gpuOf = useGpu();

type LossFn = typeof crossEntropy | typeof bce | typeof mse;

/** Runs a loss with a gradient, twice into slot 1 of a 2-slot stats tensor. */
async function runLoss(gpu: Gpu, fn: LossFn, input: Float32Array, shape: number[], target: Float32Array | Uint32Array) {
  const result = tidy(() => {
    const stats = Tensor.fromArray(gpu, new Float32Array([7, 8, 0, 0]));
    const x = Tensor.fromArray(gpu, input, shape);
    x.requiresGrad = true;
    const t = Tensor.fromArray(gpu, target);
    fn(x, t, { stats, statsSlot: 1 });
    const loss = fn(x, t, { stats, statsSlot: 1 });
    expect(loss.shape).toEqual([1]);
    backward(loss);
    return { loss, grad: x.grad!, stats };
  });
  const out = {
    loss: (await result.loss.readFloat32())[0]!,
    grad: await result.grad.readFloat32(),
    stats: Array.from(await result.stats.readFloat32()),
  };
  for (const t of [result.loss, result.grad, result.stats]) t.dispose();
  return out;
}

function checkStats(stats: number[], expected: { lossSum: number; correct: number }, lossTol: number, what: string) {
  // Slot 0 is left as it was; slot 1 received two identical calls.
  expect(stats.slice(0, 2), `${what}: stats slot 0`).toEqual([7, 8]);
  expectClose([stats[2]!], [2 * expected.lossSum], 2 * lossTol, `${what}: stats loss sum`);
  expect(stats[3], `${what}: stats correct count`).toBe(2 * expected.correct);
}

function crossEntropyTolerances(logits: Float32Array, B: number, C: number, ref: ReturnType<typeof crossEntropyRef>) {
  let maxAbs = 0;
  for (const v of logits) maxAbs = Math.max(maxAbs, Math.abs(v));
  const meanAbsLoss = ref.lossSum / B;
  const lossTol = (16 + 2 * Math.log2(B)) * U * (meanAbsLoss + maxAbs + Math.log(C));
  const lse = new Float64Array(B);
  for (let r = 0; r < B; r++) {
    // lse = log(Σ exp(x)) recovered from the reference gradient: p_label − 1 = B·grad.
    let max = -Infinity;
    for (let j = 0; j < C; j++) max = Math.max(max, logits[r * C + j]!);
    let s = 0;
    for (let j = 0; j < C; j++) s += Math.exp(logits[r * C + j]! - max);
    lse[r] = max + Math.log(s);
  }
  const gradTol = (i: number) => {
    const r = Math.floor(i / C);
    const p = Math.exp(logits[i]! - lse[r]!);
    return ((16 * U + 8 * U * maxAbs + 4 * U * Math.abs(logits[i]! - lse[r]!)) * p + 4 * U) / B;
  };
  return { lossTol, gradTol };
}

describe('crossEntropy', () => {
  it('matches float64 loss, gradient and stats on batches 1, 7, 33, 1000 and 1000 classes', async () => {
    const gpu = gpuOf();
    let seed = 500;
    for (const [B, C] of [[1, 1], [1, 3], [7, 3], [33, 10], [1000, 10], [3, 1000]] as const) {
      const logits = uniformF32(B * C, (seed += 3), -4, 4);
      const labels = labelsU32(B, C, seed + 1);
      const got = await runLoss(gpu, crossEntropy, logits, [B, C], labels);
      const ref = crossEntropyRef(logits, labels, B, C);
      const { lossTol, gradTol } = crossEntropyTolerances(logits, B, C, ref);
      const what = `crossEntropy ${B}×${C}`;
      expectClose([got.loss], [ref.loss], lossTol, `${what}: loss`);
      expectClose(got.grad, ref.grad, gradTol, `${what}: gradient`);
      checkStats(got.stats, ref, lossTol * B, what);
    }
  });

  it('stays finite and matches float64 for logits of magnitude 1000 (log-sum-exp is shifted by the row maximum)', async () => {
    const gpu = gpuOf();
    const C = 4;
    const logits = new Float32Array([
      1000, 0, -1000, 999,
      -1000, -1000, -1000, -999,
      1000, 1000, 1000, 1000,
      -1000, 1000, 0, 500,
      88, 89, 90, 100,
    ]);
    const labels = new Uint32Array([0, 3, 0, 0, 1]);
    const B = labels.length;
    const got = await runLoss(gpu, crossEntropy, logits, [B, C], labels);
    const ref = crossEntropyRef(logits, labels, B, C);
    expect(Number.isFinite(got.loss), `loss ${got.loss}`).toBe(true);
    expect(got.grad.every(Number.isFinite)).toBe(true);
    const { lossTol, gradTol } = crossEntropyTolerances(logits, B, C, ref);
    expectClose([got.loss], [ref.loss], lossTol, 'large logits: loss');
    expectClose(got.grad, ref.grad, gradTol, 'large logits: gradient');
    // The fourth row's loss alone is 2000 (label 0 at −1000, max 1000): the mean is dominated by it.
    expect(ref.loss).toBeGreaterThan(400);
    // Rows 0 and 1 are predicted right, and row 2, a four-way tie, too: the
    // first maximum (class 0) wins, as in torch.argmax.
    expect(got.stats[3]).toBe(2 * ref.correct);
    expect(ref.correct).toBe(3);
  });

  it('gives the same loss without a gradient (under noGrad, or for inputs that need none), and no gradient', async () => {
    const gpu = gpuOf();
    const logits = uniformF32(33 * 10, 600, -3, 3);
    const labels = labelsU32(33, 10, 601);
    const ref = crossEntropyRef(logits, labels, 33, 10);
    const { a, b, x } = tidy(() => {
      const x = Tensor.fromArray(gpu, logits, [33, 10]);
      const t = Tensor.fromArray(gpu, labels);
      const a = crossEntropy(x, t); // x does not require a gradient
      x.requiresGrad = true;
      const b = noGrad(() => crossEntropy(x, t));
      return { a, b, x };
    });
    expect(a.node).toBeNull();
    expect(b.node).toBeNull();
    expect(x.grad).toBeNull();
    const { lossTol } = crossEntropyTolerances(logits, 33, 10, ref);
    expectClose([(await a.readFloat32())[0]!, (await b.readFloat32())[0]!], [ref.loss, ref.loss], lossTol, 'loss without gradient');
    for (const t of [a, b, x]) t.dispose();
  });

  it('makes the loss non-finite for a label outside [0, classes), so the divergence check sees it', async () => {
    const gpu = gpuOf();
    const got = await runLoss(gpu, crossEntropy, new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3], new Uint32Array([0, 3]));
    expect(Number.isFinite(got.loss)).toBe(false);
  });
});

describe('bce', () => {
  it('matches float64 on random probabilities and targets (n = 1, 7, 33, 1000)', async () => {
    const gpu = gpuOf();
    let seed = 700;
    for (const n of [1, 7, 33, 1000]) {
      const p = uniformF32(n, (seed += 3), 0.001, 0.999);
      const next = rng(seed + 1);
      const y = Float32Array.from({ length: n }, () => (next() < 0.5 ? 0 : 1));
      await checkBce(gpu, p, y, `bce(${n})`);
    }
  });

  it('handles the edges: p = 0 and 1 with the matching target, tiny p, p one ULP from 1, soft targets', async () => {
    const gpu = gpuOf();
    const p = new Float32Array([0, 1, 0.5, 1e-30, 1 - 2 ** -24, 2 ** -24, 0.25]);
    const y = new Float32Array([0, 1, 1, 1, 0, 0, 0.3]);
    const got = await checkBce(gpu, p, y, 'bce at the edges');
    expect(got.grad[0]).toBe(0);
    expect(got.grad[1]).toBe(0);
  });

  it('costs exactly 100 for p = 0, y = 1 and for p = 1, y = 0 (PyTorch clamps each log at −100), with gradient ∓1e12/n', async () => {
    // torch.nn.BCELoss()(tensor([0.]), tensor([1.])) is 100 and its gradient
    // (p − y)/max(p(1 − p), 1e-12) is −1e12. A saturated sigmoid gives exactly
    // 0 or 1 in f32 (sigmoid(±1000) above), so this is what a confidently wrong
    // prediction costs. The kernel must not rely on log(0) being −∞: WGSL
    // leaves a non-finite result indeterminate, and SwiftShader returns ≈ −88.
    const gpu = gpuOf();
    for (const [p, y, grad] of [[0, 1, -1e12], [1, 0, 1e12]] as const) {
      const got = await runLoss(gpu, bce, new Float32Array([p]), [1], new Float32Array([y]));
      expect(got.loss, `bce(p = ${p}, y = ${y})`).toBe(100);
      expect(got.grad[0]! / grad, `gradient at p = ${p}, y = ${y}`).toBeCloseTo(1, 6);
    }
  });
});

async function checkBce(gpu: Gpu, p: Float32Array, y: Float32Array, what: string) {
  const n = p.length;
  const got = await runLoss(gpu, bce, p, [n], y);
  const ref = bceRef(p, y);
  const lossTol = 2 ** -20 + (16 + 2 * Math.log2(n)) * U * (ref.lossSum / n);
  expectClose([got.loss], [ref.loss], lossTol, `${what}: loss`);
  expectClose(got.grad, ref.grad, (i) => 8 * U * Math.abs(ref.grad[i]!), `${what}: gradient`);
  checkStats(got.stats, ref, lossTol * n, what);
  return got;
}

describe('mse', () => {
  it('matches float64 (n = 1, 7, 33, 1000), counting nothing as correct', async () => {
    const gpu = gpuOf();
    let seed = 800;
    for (const n of [1, 7, 33, 1000]) {
      const x = uniformF32(n, (seed += 3), -3, 3);
      const y = uniformF32(n, seed + 1, -3, 3);
      const got = await runLoss(gpu, mse, x, [n], y);
      const ref = mseRef(x, y);
      const lossTol = (16 + 2 * Math.log2(n)) * U * ref.loss;
      expectClose([got.loss], [ref.loss], lossTol, `mse(${n}): loss`);
      expectClose(got.grad, ref.grad, (i) => 4 * U * Math.abs(ref.grad[i]!), `mse(${n}): gradient`);
      checkStats(got.stats, ref, lossTol * n, `mse(${n})`);
    }
  });
});
