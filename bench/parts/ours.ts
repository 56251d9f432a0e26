// Our engine, measured the way the playground trains: a TrainingSession on
// the mnist-mlp-adam preset, the dataset resident on the GPU and each batch
// gathered there, one submit per step. The same code runs in the bench page
// and in Node on Dawn (--node).

import fmaSource from '../fma-peak.wgsl?raw';
import type { Gpu, GpuStats } from '../../src/engine/gpu.ts';
import { defineKernel, f32, u32, uniforms } from '../../src/engine/kernel.ts';
import { matmulInto, type MatmulOptions } from '../../src/engine/ops/matmul.ts';
import { Tensor } from '../../src/engine/tensor.ts';
import { presetConfig } from '../../src/train/presets.ts';
import { TrainingSession } from '../../src/train/session.ts';
import { MATMUL_SHAPES, randomBytes, syntheticImages, timeMatmul, timeSteps, type MatmulResult, type PartOptions, type Throughput } from './common.ts';

export interface PerStep {
  buffersCreated: number;
  readbacks: number;
  submits: number;
  dispatches: number;
  /** Which steps (counted from 1) created buffers, and how many. */
  buffersCreatedAt?: { step: number; buffers: number }[];
}

export interface OursResult {
  adapter: string;
  b1000: Throughput;
  b64: Throughput;
  /** Milliseconds per step when every step's loss is read back before the next. */
  stepLatencyMs: { b1000: number; b64: number };
  /** GPU work per training step, the first included, over 48 steps at batch 64 that cross three epoch starts and short batches. */
  perStep: PerStep;
  /** The same over the timed steps at batch 1000. */
  perStepTimedB1000: PerStep;
  /** A·B for the shapes named M×K×N, plus the first layer's three products at batch 1000. */
  matmul: Record<string, MatmulResult & { fractionOfPeak: number }>;
  fmaPeakGflops: number;
}

/** 60,000 samples like MNIST's training split; the values do not change the work. */
const TRAIN_SAMPLES = 60_000;

export async function benchOurs(gpu: Gpu, options: PartOptions): Promise<OursResult> {
  const { log } = options;
  const fmaPeakGflops = await measureFmaPeak(gpu, options);
  log(`ours: FMA peak ${fmaPeakGflops.toFixed(2)} GFLOP/s`);

  const matmul: OursResult['matmul'] = {};
  const products: { name: string; M: number; K: number; N: number; options?: MatmulOptions }[] = [
    ...MATMUL_SHAPES,
    { name: 'layer1 forward X·Wᵀ 1000x784x256', M: 1000, K: 784, N: 256, options: { transposeB: true } },
    { name: 'layer1 grad W dZᵀ·X 256x1000x784', M: 256, K: 1000, N: 784, options: { transposeA: true } },
    { name: 'layer2 grad X dZ·W 1000x256x256', M: 1000, K: 256, N: 256 },
  ];
  for (const product of products) {
    if (options.quick && product.name.startsWith('layer')) continue;
    const result = await measureMatmul(gpu, product.M, product.K, product.N, product.options ?? {}, options);
    matmul[product.name] = { ...result, fractionOfPeak: result.gflops / fmaPeakGflops };
    log(`ours: matmul ${product.name}: ${result.gflops.toFixed(2)} GFLOP/s`);
  }

  const data = syntheticImages(TRAIN_SAMPLES);
  const run = async (batchSize: number) => {
    const session = newSession(gpu, data, TRAIN_SAMPLES, batchSize);
    try {
      const { throughput, perStep } = await timeSession(gpu, session, batchSize, options);
      await gpu.checkCompileErrors();
      const latencySteps = options.quick ? 3 : batchSize >= 1000 ? 5 : 20;
      const started = performance.now();
      for (let i = 0; i < latencySteps; i++) {
        session.step();
        await session.readLosses();
      }
      const latencyMs = (performance.now() - started) / latencySteps;
      log(`ours: b${batchSize} ${throughput.samplesPerSec.toFixed(0)} samples/s, ${latencyMs.toFixed(1)} ms/step reading every loss`);
      return { throughput, latencyMs, perStep };
    } finally {
      session.destroy();
    }
  };
  const b1000 = await run(1000);
  const b64 = await run(64);
  const perStep = await countAcrossEpochs(gpu, data);
  log(`ours: per step ${JSON.stringify(perStep)}`);
  return {
    adapter: gpu.adapterName,
    b1000: b1000.throughput,
    b64: b64.throughput,
    stepLatencyMs: { b1000: b1000.latencyMs, b64: b64.latencyMs },
    perStep,
    perStepTimedB1000: b1000.perStep,
    matmul,
    fmaPeakGflops,
  };
}

/**
 * timeSteps on a session's own steps, the loss read through its monitor, and
 * the GPU work per step of the steps timed (counted before the read that ends
 * them adds its own).
 */
export async function timeSession(
  gpu: Gpu,
  session: TrainingSession,
  batchSize: number,
  options: PartOptions & { minSteps?: number },
): Promise<{ throughput: Throughput; perStep: PerStep }> {
  let counted: GpuStats | null = null;
  let perStep: PerStep | null = null;
  let queued = 0;
  const throughput = await timeSteps(
    batchSize,
    () => {
      session.step();
      queued++;
    },
    async () => {
      if (counted) perStep = perStepSince(counted, gpu.stats, queued);
      const readout = await session.readLosses();
      counted = { ...gpu.stats };
      queued = 0;
      return readout.losses.at(-1) ?? NaN;
    },
    options,
  );
  return { throughput, perStep: perStep! };
}

function newSession(gpu: Gpu, data: { inputs: Uint8Array; labels: Uint8Array }, count: number, batchSize: number): TrainingSession {
  return new TrainingSession(
    gpu,
    {
      train: { inputs: data.inputs.subarray(0, count * 784), labels: data.labels.subarray(0, count), count, features: 784 },
      test: { inputs: data.inputs.subarray(0, 784 * 1000), labels: data.labels.subarray(0, 1000), count: 1000, features: 784 },
    },
    { ...presetConfig('mnist-mlp-adam'), batchSize },
  );
}

/**
 * GPU work per step, the first included, over steps that cross epoch starts
 * (a new shuffle written) and short last batches (1,000 samples in batches of
 * 64 end with a batch of 40, as MNIST's 60,000 end with one of 32): the steps
 * where a new buffer would most likely slip in. Nothing is read back until
 * the end.
 */
async function countAcrossEpochs(gpu: Gpu, data: { inputs: Uint8Array; labels: Uint8Array }): Promise<PerStep> {
  const session = newSession(gpu, data, 1000, 64);
  try {
    await gpu.finish();
    const before = { ...gpu.stats };
    const steps = 3 * session.batchesPerEpoch;
    const buffersCreatedAt: { step: number; buffers: number }[] = [];
    for (let i = 0; i < steps; i++) {
      const created = gpu.stats.buffersCreated;
      session.step();
      if (gpu.stats.buffersCreated > created) buffersCreatedAt.push({ step: session.steps, buffers: gpu.stats.buffersCreated - created });
    }
    const perStep = { ...perStepSince(before, gpu.stats, steps), buffersCreatedAt };
    await session.readLosses();
    return perStep;
  } finally {
    session.destroy();
  }
}

export function perStepSince(before: GpuStats, after: GpuStats, steps: number): PerStep {
  const per = (key: keyof GpuStats) => (after[key] - before[key]) / steps;
  return { buffersCreated: per('buffersCreated'), readbacks: per('readbacks'), submits: per('submits'), dispatches: per('dispatches') };
}

async function measureMatmul(gpu: Gpu, M: number, K: number, N: number, layout: MatmulOptions, options: PartOptions): Promise<MatmulResult> {
  const fill = (count: number) => Float32Array.from(randomBytes(count, M + K + N), (b) => b / 255 - 0.5);
  const a = Tensor.fromArray(gpu, fill(M * K), layout.transposeA ? [K, M] : [M, K]);
  const b = Tensor.fromArray(gpu, fill(K * N), layout.transposeB ? [N, K] : [K, N]);
  const c = Tensor.empty(gpu, [M, N]);
  try {
    return await timeMatmul(2 * M * N * K, () => matmulInto(c, a, b, layout), () => gpu.finish(), options);
  } finally {
    for (const t of [a, b, c]) t.dispose();
  }
}

const fmaKernel = defineKernel('fma_peak', fmaSource);

/**
 * FLOP/s of a kernel that only does register FMAs: 256 workgroups of 64, so
 * every core has work, with the loop length grown until a dispatch takes
 * long enough to time. The best of five runs: a peak is a maximum, and on a
 * shared machine most runs are slowed by others.
 */
export async function measureFmaPeak(gpu: Gpu, options: PartOptions): Promise<number> {
  const workgroupSize = 64;
  const groups = 256;
  const invocations = workgroupSize * groups;
  const sink = gpu.createBuffer(invocations * 16, GPUBufferUsage.STORAGE, 'fma peak sink');
  const run = (iterations: number) =>
    gpu.dispatch(fmaKernel, {
      constants: { WORKGROUP_SIZE: workgroupSize },
      uniforms: uniforms(u32(iterations), f32(0.999)),
      bindings: { sink: { buffer: sink, offset: 0, size: invocations * 16 } },
      workgroups: [groups],
    });
  const time = async (iterations: number) => {
    const started = performance.now();
    run(iterations);
    await gpu.finish();
    return performance.now() - started;
  };
  try {
    let iterations = 4;
    await time(iterations);
    await gpu.checkCompileErrors();
    const target = options.quick ? 100 : 250;
    while ((await time(iterations)) < target / 4 && iterations < 1 << 20) iterations *= 4;
    let best = Infinity;
    for (let i = 0; i < 5; i++) best = Math.min(best, await time(iterations));
    // Per iteration: 32 rounds × 4 vec4 chains × 4 lanes × 2 FLOPs.
    return (invocations * iterations * 1024) / best / 1e6;
  } finally {
    sink.destroy();
  }
}
