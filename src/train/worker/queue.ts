// Requests that change what exists (train, reset, compare, load …) and the
// recovery from a lost device run one at a time in arrival order, each after
// the one before has started its work.

import { errorMessage, post } from './page.ts';

let queue: Promise<void> = Promise.resolve();

/** Runs the task after everything queued before it; a failure becomes a warning and the line goes on. */
export function enqueue(task: () => Promise<void>): void {
  queue = queue.then(task).catch((error: unknown) => post({ type: 'gpu-warning', message: errorMessage(error) }));
}
