// Live predictions without a backlog: one request in flight at a time, and
// while it is, only the newest drawing waits (a stroke sends one per frame,
// and a busy GPU must not answer a queue of stale drawings).

import { send } from './worker-port.ts';

let nextId = 1;
let inFlight: number | null = null;
let waiting: Float32Array | null = null;

export function requestPrediction(pixels: Float32Array): void {
  if (inFlight !== null) {
    waiting = pixels;
    return;
  }
  inFlight = nextId++;
  // A copy travels (transferred): the page keeps its own for the preview.
  const copy = pixels.slice();
  send({ type: 'predict', id: inFlight, pixels: copy }, [copy.buffer]);
}

/** True when the answer is for the request in flight (and sends the waiting one, if any). */
export function answerArrived(id: number): boolean {
  if (id !== inFlight) return false;
  inFlight = null;
  const next = waiting;
  waiting = null;
  if (next) requestPrediction(next);
  return true;
}

/** Forgets what waits (the drawing was cleared). */
export function dropWaitingPrediction(): void {
  waiting = null;
}
