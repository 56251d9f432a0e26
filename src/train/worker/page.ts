// The worker's side of the conversation with the page: every event leaves
// through post(), typed in messages.ts.

import type { WorkerEvent } from '../messages.ts';

/** The worker's global scope, read when used: tests stand in their own `self` for each worker they run. */
export function workerScope(): DedicatedWorkerGlobalScope {
  return self as unknown as DedicatedWorkerGlobalScope;
}

/** Messages with training updates, at most one per this many milliseconds. */
export const UPDATE_INTERVAL_MS = 100;

export function post(event: WorkerEvent, transfer: Transferable[] = []): void {
  workerScope().postMessage(event, transfer);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
