// jax-js at its best for the mnist-cnn model, as jaxjs.ts does the MLP: the
// whole step (forward, backward and Adam) under one `jit`, parameters,
// optimizer state and batches on the device, the loss read once at the end.
// jax-js 0.1's convolution is `lax.convGeneralDilated`, which takes NCHW
// images and OIHW weights and no other layout (no dimension numbers), as
// PyTorch stores them; the 2×2 max pool is `lax.reduceWindow` with `np.max`
// over each window (jax.lax.reduce_window's idiom: it has no nn.maxPool).

import { lax, nn, numpy as np } from '@jax-js/jax';
import { CLASSES, CNN, syntheticBatch, type CnnResult, type PartOptions } from './common.ts';
import { adamTrainStep, startJax, timeJaxTraining, uniformArray, type JaxBackend, type LossFunction } from './jaxjs.ts';

type CnnParams = { c1w: np.Array; c1b: np.Array; c2w: np.Array; c2b: np.Array; w: np.Array; b: np.Array };

const BATCHES = 4;

function initialParams(): CnnParams {
  const { kernel } = CNN;
  const [[in1, out1], [in2, out2]] = CNN.convs;
  // PyTorch's default: uniform in ±1/√fan_in for weights and biases alike.
  const bound = (fanIn: number) => 1 / Math.sqrt(fanIn);
  return {
    c1w: uniformArray([out1, in1, kernel, kernel], bound(in1 * kernel * kernel), 41),
    c1b: uniformArray([out1], bound(in1 * kernel * kernel), 42),
    c2w: uniformArray([out2, in2, kernel, kernel], bound(in2 * kernel * kernel), 43),
    c2b: uniformArray([out2], bound(in2 * kernel * kernel), 44),
    w: uniformArray([CNN.flat, CLASSES], bound(CNN.flat), 45),
    b: uniformArray([CLASSES], bound(CNN.flat), 46),
  };
}

/** Conv2d(3×3, padding 1) + bias, ReLU, MaxPool2d(2), on [N, C, H, W]. */
function block(x: np.Array, weight: np.Array, bias: np.Array): np.Array {
  const channels = weight.shape[0]!;
  const z = lax.convGeneralDilated(x, weight, [1, 1], [
    [1, 1],
    [1, 1],
  ]).add(bias.reshape([channels, 1, 1]));
  return lax.reduceWindow(nn.relu(z), (window) => np.max(window), [2, 2], [2, 2]);
}

function loss(p: CnnParams, x: np.Array, oneHot: np.Array): np.Array {
  const batch = x.shape[0]!;
  const h = block(block(x, p.c1w, p.c1b), p.c2w, p.c2b).reshape([batch, CNN.flat]);
  const logits = np.dot(h, p.w).add(p.b);
  return nn.logSoftmax(logits).mul(oneHot).sum().mul(-1 / batch);
}

const trainStep = adamTrainStep(loss as LossFunction);

export async function benchJaxCnn(backend: JaxBackend, options: PartOptions): Promise<CnnResult> {
  const detail = await startJax(backend, options);
  const { batchSize, image } = CNN;
  const batches = Array.from({ length: BATCHES }, (_, i) => {
    const { x, oneHot } = syntheticBatch(batchSize, 100 + i);
    return { x: np.array(x).reshape([batchSize, ...image]), y: np.array(oneHot).reshape([batchSize, CLASSES]) };
  });
  const b100 = await timeJaxTraining(trainStep, initialParams(), batches, { ...options, minSteps: 2 });
  options.log(`jax-js ${backend} cnn: b100 ${b100.samplesPerSec.toFixed(1)} samples/s (${b100.msPerStep.toFixed(0)} ms/step)`);
  return { b100, layout: 'NCHW, weights OIHW (lax.convGeneralDilated takes no other)', detail };
}
