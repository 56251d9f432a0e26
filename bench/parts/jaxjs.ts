// jax-js at its best for this model: the whole training step (forward,
// backward and Adam, written with its ops because @jax-js/optax is not on
// npm) traced once under a single `jit`, so it can fuse and replay the
// step; parameters, optimizer state, the step count and the batches all stay
// on the device, and the loss is read once at the end.

import { blockUntilReady, defaultDevice, init, jit, nn, numpy as np, tree, valueAndGrad } from '@jax-js/jax';
import { CLASSES, LEARNING_RATE, MATMUL_SHAPES, WIDTHS, randomBytes, syntheticBatch, timeMatmul, timeSteps, type PartOptions, type Throughput } from './common.ts';
import type { PeerResult } from './tfjs.ts';

export type JaxBackend = 'webgpu' | 'wasm';

type Params = { w1: np.Array; b1: np.Array; w2: np.Array; b2: np.Array; w3: np.Array; b3: np.Array };

const BATCHES = 4;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

/** Starts a backend as the default device and says what it runs on. */
export async function startJax(backend: JaxBackend, options: PartOptions): Promise<string> {
  const available = await init(backend);
  if (!available.includes(backend)) throw new Error(`jax-js could not start its ${backend} backend (got ${available.join(', ') || 'none'})`);
  defaultDevice(backend);
  const detail = backend === 'wasm' ? `wasm (SharedArrayBuffer ${typeof SharedArrayBuffer !== 'undefined' ? 'on: multithreaded' : 'off: one thread'})` : 'webgpu';
  options.log(`jax-js ${backend}: ${detail}`);
  return detail;
}

export async function benchJax(backend: JaxBackend, options: PartOptions): Promise<PeerResult> {
  const detail = await startJax(backend, options);

  const matmul: PeerResult['matmul'] = {};
  for (const { name, M, K, N } of MATMUL_SHAPES) {
    const a = uniformArray([M, K], 0.5, M);
    const b = uniformArray([K, N], 0.5, N);
    // jax-js is lazy: a result disposed before anything waits on it is never
    // computed, so every product is kept until the wait.
    const pending: np.Array[] = [];
    matmul[name] = await timeMatmul(
      2 * M * N * K,
      () => {
        pending.push(np.dot(a.ref, b.ref));
      },
      async () => {
        await blockUntilReady(pending);
        tree.dispose(pending.splice(0));
      },
      options,
    );
    options.log(`jax-js ${backend}: matmul ${name} ${matmul[name]!.gflops.toFixed(2)} GFLOP/s`);
    tree.dispose([a, b]);
  }

  const b1000 = await train(1000, backend, options);
  const b64 = await train(64, backend, options);
  return { b1000, b64, matmul, detail };
}

/** Uniform in ±bound, made from the same pseudo-random bytes as the other peers. */
export function uniformArray(shape: number[], bound: number, seed: number): np.Array {
  const count = shape.reduce((a, b) => a * b, 1);
  const values = Float32Array.from(randomBytes(count, seed), (byte) => (byte / 255) * 2 * bound - bound);
  return np.array(values).reshape(shape);
}

function initialParams(): Params {
  const [d0, d1, d2, d3] = WIDTHS;
  const layer = (fanIn: number, fanOut: number, seed: number) => [
    uniformArray([fanIn, fanOut], 1 / Math.sqrt(fanIn), seed),
    uniformArray([fanOut], 1 / Math.sqrt(fanIn), seed + 1),
  ];
  const [w1, b1] = layer(d0, d1, 11);
  const [w2, b2] = layer(d1, d2, 21);
  const [w3, b3] = layer(d2, d3, 31);
  return { w1: w1!, b1: b1!, w2: w2!, b2: b2!, w3: w3!, b3: b3! };
}

function loss(p: Params, x: np.Array, oneHot: np.Array): np.Array {
  const batch = x.shape[0]!;
  const h1 = nn.relu(np.dot(x, p.w1).add(p.b1));
  const h2 = nn.relu(np.dot(h1, p.w2).add(p.b2));
  const logits = np.dot(h2, p.w3).add(p.b3);
  return nn.logSoftmax(logits).mul(oneHot).sum().mul(-1 / batch);
}

/** Parameters by name: the MLP's w1…b3, the CNN's conv and dense weights. */
export type ParamTree = Record<string, np.Array>;
/** A model's loss: its parameters (any names), a batch of inputs and its one-hot labels. */
export type LossFunction = (p: ParamTree, x: np.Array, oneHot: np.Array) => np.Array;

/**
 * The whole training step of a model with this loss, under one `jit`: its
 * value and gradients, then one Adam step (torch.optim.Adam's rule) on every
 * parameter; `t` is the step count before this step.
 */
export function adamTrainStep(loss: LossFunction) {
  return jit((p: ParamTree, m: ParamTree, v: ParamTree, t: np.Array, x: np.Array, oneHot: np.Array) => {
    const [value, g] = valueAndGrad(loss)(tree.ref(p), x, oneHot);
    const step = t.add(1);
    // 1 − β^t as exp(t·ln β), so the step count never leaves the device.
    const correction1 = np.exp(step.ref.mul(Math.log(BETA1))).mul(-1).add(1);
    const correction2Sqrt = np.sqrt(np.exp(step.ref.mul(Math.log(BETA2))).mul(-1).add(1));
    const stepSize = np.reciprocal(correction1).mul(LEARNING_RATE);
    const next = {} as ParamTree;
    const nextM = {} as ParamTree;
    const nextV = {} as ParamTree;
    for (const key of Object.keys(p)) {
      const grad = (g as ParamTree)[key]!;
      nextM[key] = m[key]!.mul(BETA1).add(grad.ref.mul(1 - BETA1));
      nextV[key] = v[key]!.mul(BETA2).add(grad.ref.mul(grad).mul(1 - BETA2));
      const denominator = np.sqrt(nextV[key]!.ref).div(correction2Sqrt.ref).add(EPS);
      next[key] = p[key]!.sub(nextM[key]!.ref.mul(stepSize.ref).div(denominator));
    }
    correction2Sqrt.dispose();
    stepSize.dispose();
    return [next, nextM, nextV, step, value] as const;
  });
}

const trainStep = adamTrainStep(loss as LossFunction);

/**
 * Times `trainStep` on `batches` cycled, starting from `params` with zero
 * optimizer state, the loss read once at the end; everything is disposed after.
 */
export async function timeJaxTraining(
  trainStep: ReturnType<typeof adamTrainStep>,
  initial: ParamTree,
  batches: { x: np.Array; y: np.Array }[],
  options: PartOptions & { minSteps?: number },
): Promise<Throughput> {
  let params = initial;
  let m = tree.map((a: np.Array) => np.zerosLike(a.ref), params) as ParamTree;
  let v = tree.map((a: np.Array) => np.zerosLike(a.ref), params) as ParamTree;
  let t = np.array(0);
  let index = 0;
  let lossValue: np.Array | null = null;
  const batchSize = batches[0]!.x.shape[0]!;
  try {
    return await timeSteps(
      batchSize,
      () => {
        const { x, y } = batches[index++ % batches.length]!;
        lossValue?.dispose();
        [params, m, v, t, lossValue] = trainStep(params, m, v, t, x.ref, y.ref) as unknown as [ParamTree, ParamTree, ParamTree, np.Array, np.Array];
      },
      async () => (await lossValue!.ref.data())[0] as number,
      options,
    );
  } finally {
    tree.dispose([params, m, v, t, lossValue, batches]);
  }
}

async function train(batchSize: number, backend: JaxBackend, options: PartOptions): Promise<Throughput> {
  const batches = Array.from({ length: BATCHES }, (_, i) => {
    const { x, oneHot } = syntheticBatch(batchSize, 100 + i);
    return { x: np.array(x).reshape([batchSize, WIDTHS[0]]), y: np.array(oneHot).reshape([batchSize, CLASSES]) };
  });
  const result = await timeJaxTraining(trainStep, initialParams(), batches, options);
  options.log(`jax-js ${backend}: b${batchSize} ${result.samplesPerSec.toFixed(0)} samples/s`);
  return result;
}
