// Time to 97% test accuracy with mnist-mlp-adam on real MNIST, trained in a
// Web Worker, while a PerformanceObserver watches the page's main thread for
// long tasks (over 50 ms): the page only renders progress, as the playground's
// does.

import type { TrainReport, TrainRequest, WorkerMessage } from '../page/train-messages.ts';
import type { PartOptions } from './common.ts';

/** Time to 97% gives up after this long, so a full run stays within its ten minutes. */
export const TRAIN_BUDGET_SECONDS = 360;

export interface TrainResult extends TrainReport {
  /** Longest main-thread task while the worker trained, in ms; 0 when none passed 50 ms. */
  longestTaskMs: number;
  longTasks: number;
  /** Each long task: when it started (ms after training was asked for) and how long it ran. */
  longTaskList: { startMs: number; durationMs: number }[];
  /** Longest delay of a 10 ms interval timer on the page while the worker trained: catches blocking under 50 ms too. */
  maxTimerLagMs: number;
}

export async function benchTraining(options: PartOptions): Promise<TrainResult> {
  const longTasks: { startMs: number; durationMs: number }[] = [];
  const observed = performance.now();
  const record = (entry: PerformanceEntry) => longTasks.push({ startMs: Math.round(entry.startTime - observed), durationMs: entry.duration });
  const observer = new PerformanceObserver((list) => list.getEntries().forEach(record));
  observer.observe({ type: 'longtask', buffered: false });
  // The long-task API reports only tasks over 50 ms; a 10 ms timer's lateness shows shorter stalls too.
  let maxTimerLagMs = 0;
  let expected = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    maxTimerLagMs = Math.max(maxTimerLagMs, now - expected);
    expected = now + 10;
  }, 10);
  const status = document.createElement('output');
  document.body.append(status);

  const worker = new Worker(new URL('../page/train-worker.ts', import.meta.url), { type: 'module' });
  try {
    const report = await new Promise<TrainReport>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
        const message = event.data;
        if (message.type === 'log') options.log(message.message);
        else if (message.type === 'progress') status.textContent = `step ${message.steps}, ${message.samplesPerSecond.toFixed(0)} samples/s`;
        else if (message.type === 'done') resolve(message.report);
        else reject(new Error(`training worker: ${message.message}`));
      };
      worker.onerror = (event) => reject(new Error(`training worker failed: ${event.message}`));
      const request: TrainRequest = options.quick
        ? { type: 'start', targetAccuracy: null, maxSteps: 20 }
        : { type: 'start', targetAccuracy: 0.97, budgetSeconds: TRAIN_BUDGET_SECONDS };
      worker.postMessage(request);
    });
    // Long-task entries are delivered asynchronously: give the last ones a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    observer.takeRecords().forEach(record);
    return {
      ...report,
      longestTaskMs: Math.max(0, ...longTasks.map((task) => task.durationMs)),
      longTasks: longTasks.length,
      longTaskList: longTasks,
      maxTimerLagMs,
    };
  } finally {
    clearInterval(timer);
    observer.disconnect();
    worker.terminate();
  }
}
