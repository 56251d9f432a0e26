// The GPU device: opened at start-up, and replaced after a loss, with the
// models rebuilt on the new one from their CPU copies.

import type { Gpu } from '../../engine/gpu.ts';
import { requestGpu } from '../../engine/request-gpu.ts';
import { restoreCheckpoint } from './checkpoints.ts';
import { postModels } from './models.ts';
import { errorMessage, post } from './page.ts';
import { loadPretrained, pretrainedFromFile } from './pretrained.ts';
import { enqueue } from './queue.ts';
import { resumeLostRun } from './runs.ts';
import { worker, forgetJobs, lostSoon } from './state.ts';
import { forgetViewWork } from './views/scheduler.ts';

function gpuApi(): GPU | undefined {
  return (navigator as Navigator & { gpu?: GPU }).gpu;
}

function openGpu(): Promise<Gpu> {
  return requestGpu(gpuApi(), { onError: (message) => post({ type: 'gpu-warning', message }) });
}

/** Opens the device, tells the page whether it can train here, then loads the pretrained model. */
export async function init(): Promise<void> {
  const api = gpuApi();
  if (!api) {
    post({ type: 'gpu-error', reason: 'no-webgpu', message: 'This browser has no WebGPU (navigator.gpu is missing in the worker).' });
    return;
  }
  let gpu: Gpu;
  try {
    const adapter = await api.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) {
      post({ type: 'gpu-error', reason: 'no-adapter', message: 'WebGPU is there, but the browser found no GPU adapter to use (the GPU may be blocklisted or disabled).' });
      return;
    }
    gpu = await openGpu();
  } catch (error) {
    post({ type: 'gpu-error', reason: 'device', message: errorMessage(error) });
    return;
  }
  worker.gpu = gpu;
  watchLoss(gpu);
  post({ type: 'ready', adapterName: gpu.adapterName });
  await loadPretrained(gpu);
}

/** A lost device (driver restart, the GPU taken elsewhere) is reported, then replaced, in the queue's turn. */
function watchLoss(device: Gpu): void {
  void device.lost.then((reason) => {
    if (worker.gpu !== device) return;
    post({ type: 'gpu-lost', message: reason });
    enqueue(() => recover(device, reason));
  });
}

/**
 * After a device loss: forgets everything that lived on the old device (without
 * waiting on its GPU work, which may never finish), opens a new device, and
 * rebuilds the pretrained model and the current model from their CPU
 * checkpoints. Datasets are CPU arrays, uploaded again. The run in progress
 * goes on from the state it kept last; a comparison or a learning-rate search
 * in progress ends, and the user starts it again.
 */
async function recover(lostDevice: Gpu, reason: string): Promise<void> {
  if (worker.gpu !== lostDevice) return;
  worker.gpu = null;
  const stopping = worker.run;
  worker.run = null;
  stopping?.control.stop();
  // What it has not posted yet goes to the page, which drops what came after the kept state.
  stopping?.batcher.flush();
  const comparison = worker.comparison;
  if (comparison) comparison.stop = true;
  worker.comparison = null;
  const rangeTest = worker.rangeTest;
  if (rangeTest) rangeTest.stop = true;
  worker.rangeTest = null;
  forgetJobs();
  forgetViewWork();
  worker.pretrained = null;
  worker.current = null;
  let device: Gpu;
  try {
    device = await openGpu();
  } catch (error) {
    post({ type: 'gpu-error', reason: 'device', message: `The GPU device was lost (${reason}) and no new one could be opened: ${errorMessage(error)}` });
    return;
  }
  worker.gpu = device;
  watchLoss(device);
  const pretrainedBytes = worker.pretrainedBytes;
  if (pretrainedBytes) worker.pretrained = await pretrainedFromFile(device, pretrainedBytes);
  // A run in progress goes on, and its own model becomes the current one: the
  // checkpoint's model is only rebuilt when there is none, or it cannot.
  if (stopping && !stopping.ended) {
    post({ type: 'gpu-recovered', adapterName: device.adapterName, message: `The GPU device was lost (${reason}) and recovered.` });
    try {
      await resumeLostRun(stopping);
      return;
    } catch (error) {
      if (await lostSoon(device)) {
        // Lost again before the run went on: the next recovery, queued behind this one, resumes it.
        worker.run = stopping;
        return;
      }
      post({ type: 'run-error', runId: stopping.id, message: `The GPU device was lost (${reason}) and the run could not go on on the new one: ${errorMessage(error)}` });
    }
  }
  const saved = worker.checkpoint;
  if (saved) worker.current = restoreCheckpoint(device, saved);
  if (!stopping || stopping.ended) {
    post({
      type: 'gpu-recovered',
      adapterName: device.adapterName,
      message: saved
        ? `The GPU device was lost (${reason}) and recovered: your model is back as of its last checkpoint${saved.info.epochs !== undefined ? ` (epoch ${saved.info.epochs})` : ''}.`
        : `The GPU device was lost (${reason}) and recovered.`,
    });
  }
  postModels();
}
