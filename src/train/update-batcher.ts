// Gathers a run's step losses, finished epochs and latest progress and hands
// them on at most once per interval: the page re-renders its charts per
// message, so a message per step (hundreds a second on a fast GPU) would keep
// its main thread busy. Whatever waits is sent by a timer, or by `flush()`
// when the run ends.

import type { EpochEvent, ProgressEvent } from './events.ts';

export interface Batch {
  steps: number[];
  losses: number[];
  epochs: EpochEvent[];
  progress: ProgressEvent | null;
}

export class UpdateBatcher {
  private pending: Batch = emptyBatch();
  private lastSent = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (batch: Batch) => void,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  addStep(step: number, loss: number): void {
    this.pending.steps.push(step);
    this.pending.losses.push(loss);
    this.schedule();
  }

  addEpoch(event: EpochEvent): void {
    this.pending.epochs.push(event);
    this.schedule();
  }

  setProgress(event: ProgressEvent): void {
    this.pending.progress = event;
    this.schedule();
  }

  /** Sends whatever is pending now. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    if (batch.steps.length === 0 && batch.epochs.length === 0 && batch.progress === null) return;
    this.pending = emptyBatch();
    this.lastSent = this.now();
    this.send(batch);
  }

  /** Drops what is pending (the run was reset). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = emptyBatch();
  }

  private schedule(): void {
    const wait = this.lastSent + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }
}

function emptyBatch(): Batch {
  return { steps: [], losses: [], epochs: [], progress: null };
}
