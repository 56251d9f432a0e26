// What the worker holds between messages: the device, the run or comparison
// in progress, the models, and the GPU work in flight. Kept in one place so
// that recovering from a lost device can see and forget all of it.

import type { Gpu } from '../../engine/gpu.ts';
import type { Comparison } from './comparison.ts';
import type { Checkpoint } from './checkpoints.ts';
import type { HeldModel } from './models.ts';
import type { Run } from './runs.ts';

// ---- the device ----------------------------------------------------------------

let gpu: Gpu | null = null;

export function currentGpu(): Gpu | null {
  return gpu;
}

export function setGpu(next: Gpu | null): void {
  gpu = next;
}

export function requireGpu(): Gpu {
  if (!gpu) throw new Error('the GPU is not ready');
  return gpu;
}

// ---- the run and the comparison in progress ----------------------------------------

let run: Run | null = null;
let comparison: Comparison | null = null;

export function currentRun(): Run | null {
  return run;
}

export function setRun(next: Run | null): void {
  run = next;
}

export function currentComparison(): Comparison | null {
  return comparison;
}

export function setComparison(next: Comparison | null): void {
  comparison = next;
}

// ---- the models ------------------------------------------------------------------

/** The user's model (trained, training, loaded or restored); null while the pretrained one answers. */
let current: HeldModel | null = null;
let pretrained: HeldModel | null = null;
/** The pretrained file, kept to rebuild the model on a new device. */
let pretrainedBytes: Uint8Array | null = null;
let checkpoint: Checkpoint | null = null;

export function currentModel(): HeldModel | null {
  return current;
}

export function setCurrentModel(next: HeldModel | null): void {
  current = next;
}

export function pretrainedModel(): HeldModel | null {
  return pretrained;
}

export function setPretrainedModel(next: HeldModel | null): void {
  pretrained = next;
}

export function pretrainedFile(): Uint8Array | null {
  return pretrainedBytes;
}

export function setPretrainedFile(bytes: Uint8Array): void {
  pretrainedBytes = bytes;
}

export function currentCheckpoint(): Checkpoint | null {
  return checkpoint;
}

export function setCheckpoint(next: Checkpoint | null): void {
  checkpoint = next;
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
