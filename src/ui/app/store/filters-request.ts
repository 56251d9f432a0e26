// Requests for the Filters view without a backlog: one in flight at a time. A
// read of the weights waits for the training step in flight, so a timer that
// asks every second must not queue up requests behind slow steps.

import { send } from './worker-port.ts';

let inFlight = false;

export function requestFilters(): void {
  if (inFlight) return;
  inFlight = true;
  send({ type: 'filters' });
}

export function filtersArrived(): void {
  inFlight = false;
}
