// The optimizer comparison: one to six runs of one config that differ only in
// their optimizers, trained step for step, their losses sent to the page in batches.

import { runComparison } from '../compare.ts';
import { runConfig } from '../config.ts';
import { sessionData } from '../data-source.ts';
import type { LossPoints, WorkerRequest } from '../messages.ts';
import { TrainingSession } from '../session.ts';
import { getDataset, limitTraining } from './datasets.ts';
import { stopRangeTest } from './lr-range-test.ts';
import { errorMessage, post, UPDATE_INTERVAL_MS } from './page.ts';
import { worker, requireGpu } from './state.ts';

export interface Comparison {
  id: number;
  stop: boolean;
  finished: Promise<void>;
}

export async function stopCompare(): Promise<void> {
  const stopping = worker.comparison;
  if (!stopping) return;
  stopping.stop = true;
  await stopping.finished;
  if (worker.comparison === stopping) worker.comparison = null;
}

export async function startCompare(request: Extract<WorkerRequest, { type: 'compare' }>): Promise<void> {
  await stopCompare();
  await stopRangeTest();
  const device = requireGpu();
  const dataset = limitTraining(await getDataset(request.config.dataset, request.config.seed), request.data);
  // One model and optimizer per run, made one after the other: if the GPU has no memory
  // left for the fourth, the three made so far are taken back and the refusal says so.
  const sessions: TrainingSession[] = [];
  try {
    for (const run of request.runs) {
      sessions.push(await TrainingSession.create(device, sessionData(dataset), runConfig(request.config, run)));
    }
  } catch (error) {
    for (const session of sessions) session.destroy();
    throw error;
  }
  const id = request.runId;
  const state: Comparison = { id, stop: false, finished: Promise.resolve() };
  worker.comparison = state;
  post({ type: 'compare-started', runId: id, totalSteps: request.maxSteps });

  const emptySeries = (): LossPoints[] => sessions.map(() => ({ steps: [], losses: [] }));
  let pending = emptySeries();
  let pendingStep = 0;
  let lastSent = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending.every((s) => s.steps.length === 0)) return;
    post({ type: 'compare-update', runId: id, series: pending, step: pendingStep });
    pending = emptySeries();
    lastSent = performance.now();
  };

  state.finished = runComparison(sessions, {
    labels: request.runs.map((run) => run.label),
    maxSteps: request.maxSteps,
    targetAccuracy: request.targetAccuracy,
    shouldStop: () => state.stop,
    onLosses: (step, series) => {
      pendingStep = step;
      series.forEach((s, i) => {
        pending[i]!.steps.push(...s.steps);
        pending[i]!.losses.push(...s.losses);
      });
      const wait = lastSent + UPDATE_INTERVAL_MS - performance.now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    onEvaluation: (evaluations) => {
      flush();
      post({ type: 'compare-evaluation', runId: id, evaluations });
    },
  })
    .then(({ summaries, stoppedEarly }) => {
      flush();
      post({ type: 'compare-done', runId: id, summaries, stoppedEarly });
    })
    .catch((error: unknown) => {
      flush();
      post({ type: 'compare-error', runId: id, message: errorMessage(error) });
    })
    .finally(() => {
      for (const session of sessions) session.destroy();
    });
}
