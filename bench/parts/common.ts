// What every part of the benchmark shares: the model's shape, synthetic data,
// and the timing rule (warm up, estimate one step, then time enough steps to
// fill the time budget with the loss read once at the end).

/** The mnist-mlp-adam preset's layer widths. */
export const WIDTHS = [784, 256, 256, 10] as const;
export const CLASSES = 10;
export const LEARNING_RATE = 1e-3;

/**
 * The mnist-cnn preset's model, which every peer builds the same way:
 * Conv2d(1, 32, 3, padding=1), ReLU, MaxPool2d(2), Conv2d(32, 64, 3,
 * padding=1), ReLU, MaxPool2d(2), Flatten, Linear(3136, 10), trained with
 * Adam (lr 1e-3) and cross-entropy at the preset's batch of 100.
 */
export const CNN = {
  batchSize: 100,
  image: [1, 28, 28] as const,
  /** [in, out] channels of the two 3×3 convolutions (padding 1, stride 1). */
  convs: [
    [1, 32],
    [32, 64],
  ] as const,
  kernel: 3,
  /** Flatten's width: 64 channels of 7×7 after two 2×2 pools. */
  flat: 64 * 7 * 7,
};

export interface Throughput {
  samplesPerSec: number;
  msPerStep: number;
  /** Timed steps (after warm-up). */
  steps: number;
  /** The loss of the last timed step: a finite value shows the steps really ran. */
  finalLoss: number;
}

export interface MatmulResult {
  gflops: number;
  ms: number;
}

/** The mnist-cnn training step of one framework. */
export interface CnnResult {
  b100: Throughput;
  /** The image layout the framework computes in (NCHW or NHWC), and why. */
  layout: string;
  /** What the framework says it runs on. */
  detail: string;
}

export interface PartOptions {
  quick: boolean;
  log: (message: string) => void;
}

/** Seconds of timed steps per measurement. */
export function timedSeconds(options: PartOptions): number {
  return options.quick ? 1.5 : 3;
}

/** Deterministic pseudo-random numbers (mulberry32), so every peer trains on the same bytes. */
export function randomBytes(count: number, seed: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(count / 4));
  let state = seed >>> 0;
  for (let i = 0; i < words.length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    words[i] = (t ^ (t >>> 14)) >>> 0;
  }
  return new Uint8Array(words.buffer, 0, count);
}

/** `count` synthetic MNIST-shaped samples: image bytes and class labels. */
export function syntheticImages(count: number, seed = 1): { inputs: Uint8Array; labels: Uint8Array } {
  const inputs = randomBytes(count * WIDTHS[0], seed);
  const labels = randomBytes(count, seed + 1).map((b) => b % CLASSES);
  return { inputs, labels };
}

/** Images scaled to [0, 1] and one-hot labels, for peers that take floats. */
export function syntheticBatch(batchSize: number, seed: number): { x: Float32Array<ArrayBuffer>; labels: Int32Array<ArrayBuffer>; oneHot: Float32Array<ArrayBuffer> } {
  const { inputs, labels } = syntheticImages(batchSize, seed);
  const x = Float32Array.from(inputs, (b) => b / 255);
  const oneHot = new Float32Array(batchSize * CLASSES);
  labels.forEach((label, i) => (oneHot[i * CLASSES + label] = 1));
  return { x, labels: Int32Array.from(labels), oneHot };
}

/**
 * Times training steps the same way for every framework: `warmup` steps and a
 * wait (compilation, first allocations), one more step with a wait to
 * estimate the cost of a step, then as many steps as fill the budget, queued
 * back to back, and one wait for the last loss.
 */
export async function timeSteps(
  batchSize: number,
  step: () => void,
  lastLoss: () => Promise<number>,
  options: PartOptions & { warmup?: number; minSteps?: number; maxSteps?: number },
): Promise<Throughput> {
  const { warmup = 1, minSteps = 3, maxSteps = 2000 } = options;
  for (let i = 0; i < warmup; i++) step();
  await lastLoss();
  let started = performance.now();
  step();
  await lastLoss();
  const estimate = performance.now() - started;
  const steps = Math.min(maxSteps, Math.max(minSteps, Math.round((timedSeconds(options) * 1000) / Math.max(estimate, 0.01))));
  started = performance.now();
  for (let i = 0; i < steps; i++) step();
  const finalLoss = await lastLoss();
  const ms = performance.now() - started;
  if (!Number.isFinite(finalLoss)) throw new Error(`the loss is ${finalLoss} after ${steps} timed steps`);
  return { samplesPerSec: (steps * batchSize * 1000) / ms, msPerStep: ms / steps, steps, finalLoss };
}

/** Times back-to-back runs of a kernel (a matrix product, a convolution), enough to fill the budget, after one untimed run. */
export async function timeMatmul(
  flops: number,
  run: () => void,
  wait: () => Promise<void>,
  options: PartOptions,
): Promise<MatmulResult> {
  run();
  await wait();
  let started = performance.now();
  run();
  await wait();
  const estimate = performance.now() - started;
  const budgetMs = (options.quick ? 0.4 : 1) * 1000;
  // A product slower than the budget is timed once (tfjs-webgpu's 1024³ takes seconds on SwiftShader).
  if (estimate >= budgetMs) return { gflops: flops / estimate / 1e6, ms: estimate };
  const reps = Math.max(1, Math.min(200, Math.round(budgetMs / Math.max(estimate, 0.01))));
  started = performance.now();
  for (let i = 0; i < reps; i++) run();
  await wait();
  const ms = (performance.now() - started) / reps;
  return { gflops: flops / ms / 1e6, ms };
}

export const MATMUL_SHAPES = [
  { name: '1000x784x256', M: 1000, K: 784, N: 256 },
  { name: '1024x1024x1024', M: 1024, K: 1024, N: 1024 },
] as const;
