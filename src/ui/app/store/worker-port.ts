// The one way the page talks to the training worker. The shell connects the
// real worker at start-up; tests connect a recorder. Requests sent before a
// connection wait and go out, in order, once there is one.

import type { WorkerRequest } from '../../../train/messages.ts';

export type Port = (request: WorkerRequest, transfer: Transferable[]) => void;

let port: Port | null = null;
const waiting: [WorkerRequest, Transferable[]][] = [];

export function connectPort(next: Port | null): void {
  port = next;
  if (!port) return;
  for (const [request, transfer] of waiting.splice(0)) port(request, transfer);
}

export function send(request: WorkerRequest, transfer: Transferable[] = []): void {
  if (port) port(request, transfer);
  else waiting.push([request, transfer]);
}
