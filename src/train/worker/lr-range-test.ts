// "Find learning rate": the range test on a fresh model from the setup's
// seed (never the user's trained model), one batch per rate, its points sent
// to the page in batches; stoppable at any time.

import { sessionData } from '../data-source.ts';
import { defaultRangeTest } from '../lr-finder.ts';
import type { WorkerRequest } from '../messages.ts';
import { runRangeTest, type RangePoint } from '../range-test.ts';
import { TrainingSession } from '../session.ts';
import { getDataset, limitTraining } from './datasets.ts';
import { errorMessage, post, UPDATE_INTERVAL_MS } from './page.ts';
import { requireGpu, worker } from './state.ts';

export interface RangeTest {
  id: number;
  stop: boolean;
  finished: Promise<void>;
}

export async function stopRangeTest(): Promise<void> {
  const stopping = worker.rangeTest;
  if (!stopping) return;
  stopping.stop = true;
  await stopping.finished;
  if (worker.rangeTest === stopping) worker.rangeTest = null;
}

export async function startRangeTest(request: Extract<WorkerRequest, { type: 'find-lr' }>): Promise<void> {
  await stopRangeTest();
  const device = requireGpu();
  const dataset = limitTraining(await getDataset(request.config.dataset, request.config.seed), request.data);
  // The test sets the rate of every step itself: a schedule of the setup would reset it at each epoch.
  const config = { ...request.config };
  delete (config as { lrSchedule?: unknown }).lrSchedule;
  const session = await TrainingSession.create(device, sessionData(dataset), config);
  const id = request.runId;
  const state: RangeTest = { id, stop: false, finished: Promise.resolve() };
  worker.rangeTest = state;
  const options = defaultRangeTest;
  post({ type: 'lr-range-started', runId: id, steps: options.steps, startLr: options.startLr, endLr: options.endLr });

  let pending: RangePoint[] = [];
  let lastSent = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    post({ type: 'lr-range-update', runId: id, points: pending });
    pending = [];
    lastSent = performance.now();
  };

  state.finished = runRangeTest(session, {
    ...options,
    shouldStop: () => state.stop,
    onPoints: (points) => {
      pending.push(...points);
      const wait = lastSent + UPDATE_INTERVAL_MS - performance.now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
  })
    .then(({ suggestion, ended }) => {
      flush();
      post({ type: 'lr-range-done', runId: id, suggestion, ended });
    })
    .catch((error: unknown) => {
      flush();
      post({ type: 'lr-range-error', runId: id, message: errorMessage(error) });
    })
    .finally(() => session.destroy());
}
