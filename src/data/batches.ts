// Epoch order and batch boundaries, matching PyTorch's DataLoader defaults:
// a fresh permutation each epoch when shuffling, and drop_last=False (the
// last, smaller batch is kept, so every sample is seen once per epoch).
import type { Random } from '../engine/random.ts';

export type EpochOrderOptions = { shuffle: false } | { shuffle: true; random: Random };

/** The sample indices of one epoch: a permutation drawn from `random`, or 0..count-1 in order. Call once per epoch with the same Random for a reproducible run. */
export function epochOrder(count: number, options: EpochOrderOptions): Uint32Array {
  checkCount('epochOrder', count);
  if (options.shuffle) return options.random.permutation(count);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order;
}

/** Batches per epoch, the last one possibly partial: ceil(count / batchSize). */
export function batchCount(count: number, batchSize: number): number {
  checkCount('batchCount', count);
  checkBatchSize('batchCount', batchSize);
  return Math.ceil(count / batchSize);
}

/** Positions [start, end) in the epoch order of batch `index`. */
export function batchBounds(index: number, count: number, batchSize: number): { start: number; end: number } {
  const batches = batchCount(count, batchSize);
  if (!Number.isInteger(index) || index < 0 || index >= batches) {
    throw new RangeError(`batchBounds: batch ${index} is outside 0..${batches - 1} (${count} samples in batches of ${batchSize})`);
  }
  const start = index * batchSize;
  return { start, end: Math.min(start + batchSize, count) };
}

function checkCount(where: string, count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`${where}: sample count must be an integer ≥ 0, got ${count}`);
}

function checkBatchSize(where: string, batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`${where}: batch size must be an integer ≥ 1, got ${batchSize}`);
  }
}
