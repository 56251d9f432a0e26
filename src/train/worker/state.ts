// What the worker holds between messages: the device, the run or comparison
// in progress, the models, and the GPU work in flight. Kept in one place so
// that recovering from a lost device can see and forget all of it.

import type { Gpu } from '../../engine/gpu.ts';
import type { Comparison } from './comparison.ts';
import type { Checkpoint } from './checkpoints.ts';
import type { HeldModel } from './models.ts';
import type { RangeTest } from './lr-range-test.ts';
import type { Run } from './runs.ts';

export interface WorkerState {
  gpu: Gpu | null;
  run: Run | null;
  comparison: Comparison | null;
  /** "Find learning rate" in progress. */
  rangeTest: RangeTest | null;
  /** The user's model (trained, training, loaded or restored); null while the pretrained one answers. */
  current: HeldModel | null;
  pretrained: HeldModel | null;
  /** The pretrained file, kept to rebuild the model on a new device. */
  pretrainedBytes: Uint8Array | null;
  checkpoint: Checkpoint | null;
}

export const worker: WorkerState = {
  gpu: null,
  run: null,
  comparison: null,
  rangeTest: null,
  current: null,
  pretrained: null,
  pretrainedBytes: null,
  checkpoint: null,
};

export function requireGpu(): Gpu {
  if (!worker.gpu) throw new Error('the GPU is not ready');
  return worker.gpu;
}

/** How long work that failed waits for its device's loss to be reported before it counts as an error. */
const LOST_REPORT_MS = 1000;

/**
 * Whether `device` is lost, or its loss is reported within a moment: GPU work
 * that fails because of the loss may fail before the loss itself is reported.
 */
export function lostSoon(device: Gpu): Promise<boolean> {
  if (device.lostReason !== null) return Promise.resolve(true);
  return Promise.race([device.lost.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), LOST_REPORT_MS))]);
}

// ---- GPU work in flight ------------------------------------------------------------

/** GPU work in flight outside the training loop; awaited before anything it uses is destroyed. */
const jobs = new Set<Promise<unknown>>();

export function track<T>(job: Promise<T>): Promise<T> {
  jobs.add(job);
  const done = () => jobs.delete(job);
  job.then(done, done);
  return job;
}

export async function settleJobs(): Promise<void> {
  await Promise.allSettled([...jobs]);
}

/** After a device loss: the old device's work may never finish, so nothing waits on it. */
export function forgetJobs(): void {
  jobs.clear();
}
