// What the views of the network cost: the same run (mnist-mlp-adam on real
// MNIST, same seed, same batches) trained by the playground's worker with no
// view on this page and with every view of src/ui/views/registry.tsx mounted
// (the page's own components, which tell the worker through the page's own
// port that they are shown, and render what it sends). Both sides have a
// drawing on the pad, answered after every update as the page answers it
// while a run trains, so the difference is the views alone. Runs alternate
// (none, all, none, all …) so a machine that gets busier mid-part hurts both
// alike; each side's fastest run counts. The rules: every view open
// costs training at most 10%, and no main-thread task passes 50 ms (a
// PerformanceObserver watches long tasks during each timed stretch).

import { createElement, Fragment } from 'react';
import { createRoot } from 'react-dom/client';
import type { ModelInfo, WorkerEvent, WorkerRequest } from '../../src/train/messages.ts';
import { presetConfig } from '../../src/train/presets.ts';
import { useAppStore } from '../../src/ui/app/store/store.ts';
import { viewArrived } from '../../src/ui/app/store/views.ts';
import { connectPort } from '../../src/ui/app/store/worker-port.ts';
import { pageViews } from '../../src/ui/views/registry.tsx';
import type { PartOptions } from './common.ts';

export interface ViewsRunResult {
  shown: 'none' | 'all';
  /** Steps timed (after the warm-up) and the seconds they took. */
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  /** 'view' events the page received during the timed steps. */
  viewEvents: number;
  /** Longest main-thread task during the timed steps, in ms; 0 when none passed 50 ms. */
  longestTaskMs: number;
}

export interface ViewsResult {
  adapter: string;
  viewIds: string[];
  runs: ViewsRunResult[];
  /** Fastest run with no views, and with all of them, in steps per second. */
  none: number;
  all: number;
  /** 1 − all / none: the share of training speed the views take. */
  slowdown: number;
  /** Longest main-thread task of any run with the views on the page, in ms (0: none over 50 ms). */
  longestTaskMs: number;
}

/** A 7-ish stroke as a 28×28 input in [0, 1], the same every run. */
function syntheticDrawing(): Float32Array {
  const pixels = new Float32Array(784);
  for (let x = 7; x < 21; x++) pixels[6 * 28 + x] = 1;
  for (let y = 6; y < 23; y++) pixels[y * 28 + Math.round(20 - (y - 6) * 0.5)] = 1;
  return pixels;
}

export async function benchViews(options: PartOptions): Promise<ViewsResult> {
  const warmSteps = options.quick ? 10 : 20;
  const timedSteps = options.quick ? 40 : 200;
  const rounds = options.quick ? 1 : 2;
  const viewIds = pageViews.map((view) => view.id);
  const worker = new Worker(new URL('../../src/train/worker/main.ts', import.meta.url), { type: 'module' });
  const send = (request: WorkerRequest, transfer: Transferable[] = []) => worker.postMessage(request, transfer);
  // The page's own port and store: mounted views say they are shown through it, and render what arrives.
  connectPort(send);
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const showViews = (all: boolean) => root.render(all ? createElement(Fragment, null, ...pageViews.map(({ id, Component }) => createElement(Component, { key: id }))) : null);
  let longest = 0;
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => (longest = Math.max(longest, entry.duration))));
  observer.observe({ type: 'longtask', buffered: false });
  let listener: (message: WorkerEvent) => void = () => {};
  worker.onmessage = (event: MessageEvent<WorkerEvent>) => {
    if (event.data.type === 'view') viewArrived(event.data);
    listener(event.data);
  };
  const failed = new Promise<never>((_, reject) => {
    worker.onerror = (event) => reject(new Error(`the training worker failed: ${event.message}`));
  });
  const until = <T>(test: (message: WorkerEvent) => T | undefined) =>
    Promise.race([
      failed,
      new Promise<T>((resolve, reject) => {
        listener = (message) => {
          if (message.type === 'gpu-error' || message.type === 'run-error') reject(new Error(`the training worker: ${message.message}`));
          const value = test(message);
          if (value !== undefined) resolve(value);
        };
      }),
    ]);

  try {
    send({ type: 'init' });
    const adapter = await until((m) => (m.type === 'ready' ? m.adapterName : undefined));
    options.log(`views: worker on ${adapter}; views ${viewIds.join(', ')}`);
    const drawing = syntheticDrawing();
    const drawingModel: ModelInfo = { source: 'training', dataset: 'mnist', architecture: '', shape: '784-256-256-10', classNames: [], takesImages: true };
    useAppStore.setState({ drawing, drawingModel });
    const runs: ViewsRunResult[] = [];
    let runId = 0;
    for (let round = 0; round < rounds; round++) {
      for (const shown of ['none', 'all'] as const) {
        runId++;
        showViews(shown === 'all');
        send({ type: 'train', runId, config: presetConfig('mnist-mlp-adam'), data: { trainLimit: null }, startPaused: false });
        let predictionId = runId * 100_000;
        let inFlight = false;
        let viewEvents = 0;
        let start: { steps: number; at: number } | null = null;
        const result = await until<ViewsRunResult>((m) => {
          if (m.type === 'view' && start) viewEvents++;
          if (m.type === 'prediction') inFlight = false;
          if (m.type !== 'run-update' || m.runId !== runId) return undefined;
          const steps = m.progress?.steps ?? m.steps.at(-1) ?? 0;
          // As the page does with a drawing on the pad while a run trains: one answer in flight at a time.
          if (!inFlight) {
            inFlight = true;
            const pixels = syntheticDrawing();
            send({ type: 'predict', id: ++predictionId, pixels }, [pixels.buffer]);
          }
          if (!start) {
            if (steps >= warmSteps) start = { steps, at: performance.now() };
            longest = 0;
            return undefined;
          }
          if (steps - start.steps < timedSteps) return undefined;
          const seconds = (performance.now() - start.at) / 1000;
          observer.takeRecords().forEach((entry) => (longest = Math.max(longest, entry.duration)));
          return { shown, steps: steps - start.steps, seconds, stepsPerSecond: (steps - start.steps) / seconds, viewEvents, longestTaskMs: longest };
        });
        send({ type: 'reset' });
        await until((m) => (m.type === 'models' ? true : undefined));
        runs.push(result);
        options.log(`views: ${shown === 'all' ? 'every view shown' : 'no view shown'}: ${result.stepsPerSecond.toFixed(1)} steps/s over ${result.steps} steps, ${result.viewEvents} view updates, longest main-thread task ${result.longestTaskMs.toFixed(0)} ms`);
      }
    }
    const best = (shown: 'none' | 'all') => Math.max(...runs.filter((r) => r.shown === shown).map((r) => r.stepsPerSecond));
    const none = best('none');
    const all = best('all');
    const longestTaskMs = Math.max(0, ...runs.filter((r) => r.shown === 'all').map((r) => r.longestTaskMs));
    return { adapter, viewIds, runs, none, all, slowdown: 1 - all / none, longestTaskMs };
  } finally {
    observer.disconnect();
    root.unmount();
    connectPort(null);
    worker.terminate();
  }
}
