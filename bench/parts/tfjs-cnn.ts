// TensorFlow.js 4.22 at its best for the mnist-cnn model, as tfjs.ts does the
// MLP: raw ops, `optimizer.minimize` inside `tf.tidy`, the batches uploaded
// once and cycled, the loss read once at the end. Images are NHWC and filters
// [KH, KW, in, out], tfjs's own layout: tf.maxPool and the gradient of
// tf.fused.conv2d take nothing else.
// Each convolution is `tf.fused.conv2d` with its bias added in the kernel;
// the ReLU stays a separate op because tfjs fuses an activation only when no
// gradient is being taken. tfjs-wasm 4.22 has no Conv2DBackpropFilter kernel,
// so there each convolution is a 3-D one of depth 1 (NDHWC, filters
// [1, KH, KW, in, out]), whose gradients it has: the same arithmetic.

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { CLASSES, CNN, LEARNING_RATE, syntheticBatch, timeSteps, type CnnResult, type PartOptions } from './common.ts';
import { startTfjs, type TfjsBackend } from './tfjs.ts';

const BATCHES = 4;

export async function benchTfjsCnn(backend: TfjsBackend, options: PartOptions): Promise<CnnResult> {
  const detail = await startTfjs(backend, options);
  const { batchSize, kernel } = CNN;
  const [, side] = CNN.image;
  const uniform = (shape: number[], fanIn: number) => tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn)));
  const asConv3d = backend === 'wasm';
  const convs = CNN.convs.map(([inChannels, outChannels]) => ({
    filter: uniform([...(asConv3d ? [1] : []), kernel, kernel, inChannels, outChannels], inChannels * kernel * kernel),
    bias: uniform([outChannels], inChannels * kernel * kernel),
  }));
  const dense = { w: uniform([CNN.flat, CLASSES], CNN.flat), b: uniform([CLASSES], CNN.flat) };
  const batches = Array.from({ length: BATCHES }, (_, i) => {
    const { x, oneHot } = syntheticBatch(batchSize, 100 + i);
    return { x: tf.tensor4d(x, [batchSize, side, side, 1]), y: tf.tensor2d(oneHot, [batchSize, CLASSES]) };
  });
  const optimizer = tf.train.adam(LEARNING_RATE);
  const forward = (x: tf.Tensor4D): tf.Tensor2D => {
    let h = x;
    for (const { filter, bias } of convs) {
      const [n, height, width, channels] = h.shape;
      const z = asConv3d
        ? tf.add(tf.reshape(tf.conv3d(tf.reshape(h, [n, 1, height, width, channels]) as tf.Tensor5D, filter as tf.Tensor5D, 1, 'same'), [n, height, width, bias.shape[0]!]), bias)
        : tf.fused.conv2d({ x: h, filter: filter as tf.Tensor4D, strides: 1, pad: 'same', bias });
      h = tf.maxPool(tf.relu(z as tf.Tensor4D), 2, 2, 'valid');
    }
    return tf.add(tf.matMul(tf.reshape(h, [batchSize, CNN.flat]), dense.w as tf.Tensor2D), dense.b);
  };
  let index = 0;
  let loss: tf.Scalar | null = null;
  try {
    const b100 = await timeSteps(
      batchSize,
      () => {
        const { x, y } = batches[index++ % BATCHES]!;
        loss?.dispose();
        loss = tf.tidy(() => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(x)) as tf.Scalar, true)!);
      },
      async () => (await loss!.data())[0]!,
      { ...options, minSteps: 2 },
    );
    options.log(`tfjs ${backend} cnn: b100 ${b100.samplesPerSec.toFixed(1)} samples/s (${b100.msPerStep.toFixed(0)} ms/step)`);
    const layout = asConv3d
      ? 'NHWC, each convolution a depth-1 tf.conv3d (tfjs-wasm has no Conv2DBackpropFilter kernel)'
      : 'NHWC, filters [KH, KW, in, out] (tf.maxPool and the fused convolution’s gradient take only NHWC)';
    return { b100, layout, detail };
  } finally {
    (loss as tf.Scalar | null)?.dispose();
    optimizer.dispose();
    tf.dispose([...convs.flatMap((c) => [c.filter, c.bias]), dense.w, dense.b, ...batches.flatMap((b) => [b.x, b.y])]);
  }
}
