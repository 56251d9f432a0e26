// The pretrained MNIST model, fetched from the server at start-up: it answers
// drawings until the user trains or loads a model of their own.

import type { Gpu } from '../../engine/gpu.ts';
import { postModels, type HeldModel } from './models.ts';
import { errorMessage, post } from './page.ts';
import { worker } from './state.ts';
import { modelFromFile } from './weights.ts';

const PRETRAINED_FILE_NAME = 'mnist-mlp.safetensors';
const PRETRAINED_URL = `${import.meta.env.BASE_URL}models/${PRETRAINED_FILE_NAME}`;

/** The pretrained model made from its file on `device` (at start-up, and again on a new device). */
export function pretrainedFromFile(device: Gpu, bytes: Uint8Array): Promise<HeldModel> {
  return modelFromFile(device, bytes, PRETRAINED_FILE_NAME, 'mnist', 'pretrained');
}

export async function loadPretrained(device: Gpu): Promise<void> {
  let bytes: Uint8Array;
  try {
    const response = await fetch(PRETRAINED_URL);
    // Vite's dev server answers a missing file with index.html and status 200.
    if (!response.ok || response.headers.get('content-type')?.includes('text/html')) {
      post({
        type: 'pretrained',
        available: false,
        message: 'No pretrained model is available (models/mnist-mlp.safetensors is not on the server). Train a model and it will answer your drawings.',
      });
      postModels();
      return;
    }
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    post({ type: 'pretrained', available: false, message: `The pretrained model could not be fetched (${errorMessage(error)}).` });
    postModels();
    return;
  }
  try {
    worker.pretrained = await pretrainedFromFile(device, bytes);
    worker.pretrainedBytes = bytes;
    post({ type: 'pretrained', available: true, message: 'A pretrained MNIST model answers until you train your own.' });
  } catch (error) {
    post({ type: 'pretrained', available: false, message: `The pretrained model could not be loaded: ${errorMessage(error)}` });
  }
  postModels();
}
