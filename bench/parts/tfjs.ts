// TensorFlow.js 4.22 at its best for this model: raw ops (no tf.layers), a
// custom loop with `optimizer.minimize` inside `tf.tidy`, the batches
// uploaded once and cycled, weights stored [in, out] so no product needs a
// transpose, and the loss read once at the end.

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { CLASSES, LEARNING_RATE, MATMUL_SHAPES, WIDTHS, syntheticBatch, timeMatmul, timeSteps, type MatmulResult, type PartOptions, type Throughput } from './common.ts';

export type TfjsBackend = 'webgpu' | 'webgl' | 'wasm';

export interface PeerResult {
  b1000: Throughput;
  b64: Throughput;
  matmul: Record<string, MatmulResult>;
  /** What the framework says it runs on. */
  detail: string;
}

/** Distinct batches cycled through, all resident on the device. */
const BATCHES = 4;

/** Starts a backend and says what it runs on. */
export async function startTfjs(backend: TfjsBackend, options: PartOptions): Promise<string> {
  // The bench page serves the wasm binaries itself; nothing is fetched from the network.
  if (backend === 'wasm') setWasmPaths(new URL('/tfjs-wasm/', location.href).href);
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs could not start its ${backend} backend`);
  await tf.ready();
  const detail = describeBackend(backend);
  options.log(`tfjs ${backend}: ${detail}`);
  return detail;
}

export async function benchTfjs(backend: TfjsBackend, options: PartOptions): Promise<PeerResult> {
  const detail = await startTfjs(backend, options);

  const matmul: Record<string, MatmulResult> = {};
  for (const { name, M, K, N } of MATMUL_SHAPES) {
    const a = tf.randomUniform([M, K], -0.5, 0.5);
    const b = tf.randomUniform([K, N], -0.5, 0.5);
    let last: tf.Tensor | null = null;
    matmul[name] = await timeMatmul(
      2 * M * N * K,
      () => {
        last?.dispose();
        last = tf.matMul(a, b);
      },
      async () => {
        await last!.data();
      },
      options,
    );
    options.log(`tfjs ${backend}: matmul ${name} ${matmul[name]!.gflops.toFixed(2)} GFLOP/s`);
    tf.dispose([a, b, last!]);
  }

  const b1000 = await train(1000, backend, options);
  const b64 = await train(64, backend, options);
  return { b1000, b64, matmul, detail };
}

async function train(batchSize: number, backend: TfjsBackend, options: PartOptions): Promise<Throughput> {
  const params: tf.Variable[] = [];
  for (let i = 0; i + 1 < WIDTHS.length; i++) {
    const bound = 1 / Math.sqrt(WIDTHS[i]!);
    params.push(tf.variable(tf.randomUniform([WIDTHS[i]!, WIDTHS[i + 1]!], -bound, bound)));
    params.push(tf.variable(tf.randomUniform([WIDTHS[i + 1]!], -bound, bound)));
  }
  const batches = Array.from({ length: BATCHES }, (_, i) => {
    const { x, oneHot } = syntheticBatch(batchSize, 100 + i);
    return { x: tf.tensor2d(x, [batchSize, WIDTHS[0]]), y: tf.tensor2d(oneHot, [batchSize, CLASSES]) };
  });
  const optimizer = tf.train.adam(LEARNING_RATE);
  const forward = (x: tf.Tensor2D): tf.Tensor2D => {
    let h = x;
    for (let i = 0; i < params.length; i += 2) {
      h = tf.add(tf.matMul(h, params[i] as tf.Tensor2D), params[i + 1]!);
      if (i + 2 < params.length) h = tf.relu(h);
    }
    return h;
  };
  let index = 0;
  let loss: tf.Scalar | null = null;
  try {
    const result = await timeSteps(
      batchSize,
      () => {
        const { x, y } = batches[index++ % BATCHES]!;
        loss?.dispose();
        loss = tf.tidy(() => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(x as tf.Tensor2D)) as tf.Scalar, true)!);
      },
      async () => (await loss!.data())[0]!,
      options,
    );
    options.log(`tfjs ${backend}: b${batchSize} ${result.samplesPerSec.toFixed(0)} samples/s`);
    return result;
  } finally {
    (loss as tf.Scalar | null)?.dispose();
    optimizer.dispose();
    tf.dispose([...params, ...batches.flatMap((b) => [b.x, b.y])]);
  }
}

function describeBackend(backend: TfjsBackend): string {
  if (backend === 'wasm') {
    const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
    const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    return `wasm${simd ? ' SIMD' : ''}${threads ? ', multithreaded' : ', one thread'} (crossOriginIsolated ${String(self.crossOriginIsolated)})`;
  }
  if (backend === 'webgl') {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl;
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return info && gl ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'webgl';
  }
  const adapterInfo = (tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;
  return `webgpu ${adapterInfo?.vendor ?? ''} ${adapterInfo?.architecture ?? ''}`.trim();
}
