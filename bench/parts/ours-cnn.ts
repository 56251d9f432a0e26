// Our engine on the mnist-cnn preset, measured as the playground trains it:
// a TrainingSession at batch 100 with the dataset on the GPU, one submit per
// step, the loss read once at the end. Besides the throughput: the GFLOP/s of
// each convolution kernel at the preset's shapes, every dispatch timed alone
// (the fastest of a few runs: on a shared machine one run may be slowed
// twofold), and the anatomy of one training step (each of its dispatches
// replayed alone), which says where a step's time goes.

import type { Gpu } from '../../src/engine/gpu.ts';
import {
  conv2dGeometry,
  conv2dInputGradInto,
  conv2dInto,
  conv2dReduceInto,
  conv2dWeightGradPartials,
  type Conv2dGeometry,
} from '../../src/engine/ops/conv2d.ts';
import { matmulInto } from '../../src/engine/ops/matmul.ts';
import { Tensor } from '../../src/engine/tensor.ts';
import { presetConfig } from '../../src/train/presets.ts';
import { TrainingSession } from '../../src/train/session.ts';
import { CNN, randomBytes, syntheticImages, type CnnResult, type MatmulResult, type PartOptions } from './common.ts';
import { timeSession, type PerStep } from './ours.ts';

export interface ConvFigure extends MatmulResult {
  /** N×C×H×W → O, kernel and padding. */
  shape: string;
}

/** One kernel's share of a training step: its dispatches of one step, each replayed alone. */
export interface StepKernel {
  kernel: string;
  dispatches: number;
  /** Milliseconds of all its dispatches in one step. */
  ms: number;
}

export interface OursCnnResult extends CnnResult {
  adapter: string;
  /** GPU work per timed step. */
  perStep: PerStep;
  /**
   * conv1 and conv2 of the model at batch 100: "forward" (bias and ReLU fused,
   * as the model runs it), "input gradient" (conv2 only: nothing asks for the
   * images' gradient), "weight gradient" (the partial sums' dispatch; adding
   * them up is `weight gradient sum`, timed alone too, its FLOP/s not counted).
   */
  conv: Record<string, ConvFigure>;
  /**
   * conv2's forward as the explicit product our matmul kernel computes,
   * W [64×288] · X̂ [288×19600], with X̂ stored: what the implicit product's
   * gathers cost, against the same adapter in the same page.
   */
  conv2AsMatmul: MatmulResult & { shape: string };
  /** Every dispatch of one training step, replayed alone (the best of 3, or 5 in a full run) and summed by kernel, slowest first. */
  stepKernels: StepKernel[];
  /** Their sum: how much of msPerStep the dispatches account for. */
  stepKernelsMs: number;
}

/** 60,000 samples like MNIST's training split; the values do not change the work. */
const TRAIN_SAMPLES = 60_000;
const PIXELS = CNN.image[1] * CNN.image[2];

export async function benchOursCnn(gpu: Gpu, options: PartOptions): Promise<OursCnnResult> {
  const { log } = options;
  const conv = await measureConvolutions(gpu, options);
  const [in2, out2] = CNN.convs[1];
  const side2 = CNN.image[1] / 2;
  const product = { M: out2, K: in2 * CNN.kernel * CNN.kernel, N: CNN.batchSize * side2 * side2 };
  const conv2AsMatmul = { shape: `${product.M}x${product.K}x${product.N}`, ...(await timeProduct(gpu, product.M, product.K, product.N, options)) };
  log(`ours cnn: conv2 forward as a matmul ${conv2AsMatmul.shape}: ${conv2AsMatmul.gflops.toFixed(2)} GFLOP/s`);

  const data = syntheticImages(TRAIN_SAMPLES);
  const session = new TrainingSession(
    gpu,
    {
      train: { inputs: data.inputs, labels: data.labels, count: TRAIN_SAMPLES, features: PIXELS },
      test: { inputs: data.inputs.subarray(0, PIXELS * 1000), labels: data.labels.subarray(0, 1000), count: 1000, features: PIXELS },
      inputShape: CNN.image,
    },
    { ...presetConfig('mnist-cnn'), batchSize: CNN.batchSize },
  );
  try {
    const { throughput: b100, perStep } = await timeSession(gpu, session, CNN.batchSize, { ...options, minSteps: 2 });
    await gpu.checkCompileErrors();
    log(`ours cnn: b100 ${b100.samplesPerSec.toFixed(1)} samples/s (${b100.msPerStep.toFixed(0)} ms/step)`);
    const stepKernels = await stepAnatomy(gpu, session, options);
    const stepKernelsMs = stepKernels.reduce((sum, k) => sum + k.ms, 0);
    log(`ours cnn: one step's dispatches alone sum to ${stepKernelsMs.toFixed(0)} ms: ${stepKernels.map((k) => `${k.kernel} ${k.ms.toFixed(0)}`).join(', ')}`);
    return {
      adapter: gpu.adapterName,
      b100,
      layout: 'NCHW (the only layout our kernels take, as PyTorch stores it)',
      detail: `WebGPU, ${gpu.adapter.runsOnCpu ? '16×16' : '8×8'} outputs per invocation`,
      perStep,
      conv,
      conv2AsMatmul,
      stepKernels,
      stepKernelsMs,
    };
  } finally {
    session.destroy();
  }
}

/**
 * GFLOP/s of one kernel's dispatch, the fastest of a few runs (see bestTime):
 * a convolution of the model takes about a second here, which timeMatmul
 * would time once.
 */
async function timeKernel(gpu: Gpu, flops: number, run: () => void, options: PartOptions): Promise<MatmulResult> {
  const ms = await bestTime(run, () => gpu.finish(), options.quick ? 3 : 5);
  return { gflops: flops / ms / 1e6, ms };
}

/** A·B of M×K by K×N with our matmul, timed as timeKernel does. */
async function timeProduct(gpu: Gpu, M: number, K: number, N: number, options: PartOptions): Promise<MatmulResult> {
  const fill = (count: number) => Float32Array.from(randomBytes(count, M + K + N), (b) => b / 255 - 0.5);
  const a = Tensor.fromArray(gpu, fill(M * K), [M, K]);
  const b = Tensor.fromArray(gpu, fill(K * N), [K, N]);
  const c = Tensor.empty(gpu, [M, N]);
  try {
    return await timeKernel(gpu, 2 * M * N * K, () => matmulInto(c, a, b), options);
  } finally {
    for (const t of [a, b, c]) t.dispose();
  }
}

const convFlops = (g: Conv2dGeometry) => 2 * g.N * g.O * g.OH * g.OW * g.C * g.KH * g.KW;

/** The three kernels of each of the model's convolutions, at batch 100, each dispatch timed alone. */
async function measureConvolutions(gpu: Gpu, options: PartOptions): Promise<Record<string, ConvFigure>> {
  const fill = (count: number, seed: number) => Float32Array.from(randomBytes(count, seed), (b) => b / 255 - 0.5);
  const figures: Record<string, ConvFigure> = {};
  const sides = [CNN.image[1], CNN.image[1] / 2];
  for (const [index, [C, O]] of CNN.convs.entries()) {
    const H = sides[index]!;
    const g = conv2dGeometry([CNN.batchSize, C, H, H], [O, C, CNN.kernel, CNN.kernel], [O], { padding: [1, 1] });
    const shape = `${g.N}×${C}×${H}×${H} → ${O}, 3×3, padding 1`;
    const x = Tensor.fromArray(gpu, fill(g.N * C * H * H, 1 + index), [g.N, C, H, H]);
    const weight = Tensor.fromArray(gpu, fill(O * C * 9, 3 + index), [O, C, 3, 3]);
    const bias = Tensor.fromArray(gpu, fill(O, 5 + index), [O]);
    const y = Tensor.empty(gpu, [g.N, O, g.OH, g.OW]);
    const dy = Tensor.fromArray(gpu, fill(y.size, 7 + index), y.shape);
    const dx = Tensor.empty(gpu, x.shape);
    const dw = Tensor.empty(gpu, weight.shape);
    const db = Tensor.empty(gpu, [O]);
    const taps = C * 9;
    const name = `conv${index + 1}`;
    const time = async (pass: string, run: () => void, flops: number) => {
      figures[`${name} ${pass}`] = { shape, ...(await timeKernel(gpu, flops, run, options)) };
      options.log(`ours cnn: ${name} ${pass} (${shape}): ${figures[`${name} ${pass}`]!.gflops.toFixed(2)} GFLOP/s, ${figures[`${name} ${pass}`]!.ms.toFixed(1)} ms`);
    };
    let partial: Tensor | null = null;
    try {
      await time('forward', () => conv2dInto(y, x, weight, bias, g, true), convFlops(g));
      if (index > 0) await time('input gradient', () => conv2dInputGradInto(dx, dy, weight, g), convFlops(g));
      await time(
        'weight gradient',
        () => {
          partial?.dispose();
          partial = conv2dWeightGradPartials(dy, x, g, true);
        },
        convFlops(g),
      );
      await time(
        'weight gradient sum',
        () => {
          conv2dReduceInto(dw, partial!, 0, taps);
          conv2dReduceInto(db, partial!, taps, 1);
        },
        0,
      );
    } finally {
      (partial as Tensor | null)?.dispose();
      for (const t of [x, weight, bias, y, dy, dx, dw, db]) t.dispose();
    }
  }
  return figures;
}

type DispatchArgs = Parameters<Gpu['dispatch']>;

/**
 * The fastest of `runs` timed runs, each between waits, after an untimed one:
 * on a shared machine most runs are slowed by others, and a share of a step
 * should not depend on which kernel ran during a spike.
 */
async function bestTime(run: () => void, wait: () => Promise<void>, runs: number): Promise<number> {
  run();
  await wait();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    await wait();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * Records the dispatches of one training step as they are made, then replays
 * each alone (same pipeline, bindings and sizes; the buffers hold whatever the
 * step left in them, which changes no kernel's work) between waits, the best
 * of a few runs, and sums the times by kernel. Copies and clears are not
 * dispatches and not counted.
 */
async function stepAnatomy(gpu: Gpu, session: TrainingSession, options: PartOptions): Promise<StepKernel[]> {
  const captured: DispatchArgs[] = [];
  const dispatch = gpu.dispatch;
  gpu.dispatch = (...args: DispatchArgs) => {
    captured.push(args);
    dispatch.apply(gpu, args);
  };
  try {
    session.step();
  } finally {
    gpu.dispatch = dispatch;
  }
  await session.readLosses();
  const byKernel = new Map<string, StepKernel>();
  for (const args of captured) {
    const ms = await bestTime(() => dispatch.apply(gpu, args), () => gpu.finish(), options.quick ? 3 : 5);
    const name = args[0].name;
    const entry = byKernel.get(name) ?? { kernel: name, dispatches: 0, ms: 0 };
    entry.dispatches++;
    entry.ms += ms;
    byKernel.set(name, entry);
  }
  return [...byKernel.values()].sort((a, b) => b.ms - a.ms);
}
