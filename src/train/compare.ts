// Up to six training runs side by side on one device: same data, same model,
// same seed (so the same initial weights and the same batch order), different
// optimizers and learning rates. They take turns, a few steps each, so all see
// the same device in the same state; each turn ends with its loss readback, so
// the GPU queue is empty when the next run starts and the time of a turn is
// that run's own.

import type { LossReadout } from '../engine/loss-monitor.ts';
import type { Evaluation, TrainingSession } from './session.ts';
import type { CompareEvaluation, CompareRunSummary, LossPoints } from './messages.ts';

export interface ComparisonOptions {
  /** One per session, in the same order. */
  labels: string[];
  /** Steps for each run. */
  maxSteps: number;
  /** Steps per turn (each turn ends with a readback). */
  stepsPerTurn?: number;
  /** About how many test evaluations over the whole comparison (besides the final one). */
  evaluations?: number;
  targetAccuracy: number;
  shouldStop: () => boolean;
  onLosses: (step: number, series: LossPoints[]) => void;
  onEvaluation: (evaluations: CompareEvaluation[]) => void;
  now?: () => number;
}

interface RunState {
  seconds: number;
  firstLoss: number;
  lastLoss: number;
  diverged: string | null;
  last: Evaluation | null;
  reached: { step: number; seconds: number } | null;
}

export async function runComparison(
  sessions: readonly TrainingSession[],
  options: ComparisonOptions,
): Promise<{ summaries: CompareRunSummary[]; stoppedEarly: boolean }> {
  const now = options.now ?? (() => performance.now() / 1000);
  const turn = Math.max(1, options.stepsPerTurn ?? 5);
  const evaluateEvery = Math.max(turn, Math.ceil(options.maxSteps / (options.evaluations ?? 20) / turn) * turn);
  const states: RunState[] = sessions.map(() => ({ seconds: 0, firstLoss: NaN, lastLoss: NaN, diverged: null, last: null, reached: null }));
  let step = 0;
  let sinceEvaluation = 0;
  let stoppedEarly = false;

  const evaluateAll = async () => {
    const evaluations: CompareEvaluation[] = [];
    for (const [i, session] of sessions.entries()) {
      const state = states[i]!;
      const result = await session.evaluate();
      state.last = result;
      const at = { step: session.steps, seconds: state.seconds };
      if (state.reached === null && result.accuracy >= options.targetAccuracy) state.reached = at;
      evaluations[i] = { ...at, testLoss: result.loss, testAccuracy: result.accuracy };
    }
    options.onEvaluation(evaluations);
    sinceEvaluation = 0;
  };

  while (step < options.maxSteps) {
    if (options.shouldStop()) {
      stoppedEarly = true;
      break;
    }
    const count = Math.min(turn, options.maxSteps - step);
    const series: LossPoints[] = sessions.map(() => ({ steps: [], losses: [] }));
    for (const [i, session] of sessions.entries()) {
      const state = states[i]!;
      if (state.diverged !== null) continue;
      let k = 0;
      let first: LossReadout | undefined;
      if (session.steps === 0) {
        // The very first step compiles the GPU kernels, most of them shared by all runs: the run
        // that went first would pay for all. It counts as a step, but its time is left out for each.
        session.step();
        first = await session.readLosses();
        k = 1;
      }
      const started = now();
      for (; k < count; k++) session.step();
      const readout = mergeReadouts(first, await session.readLosses());
      state.seconds += now() - started;
      readout.losses.forEach((loss, j) => {
        const at = readout.firstStep + j;
        if (readout.divergedAtStep !== null && at >= readout.divergedAtStep) return;
        series[i]!.steps.push(at);
        series[i]!.losses.push(loss);
        if (at === 1) state.firstLoss = loss;
        state.lastLoss = loss;
      });
      if (readout.divergedAtStep !== null) {
        session.restoreGoodWeights();
        state.diverged = `diverged at step ${readout.divergedAtStep} (the loss became infinite or NaN): try a smaller learning rate`;
      }
    }
    step += count;
    sinceEvaluation += count;
    options.onLosses(step, series);
    if (states.every((s) => s.diverged !== null)) break;
    if (sinceEvaluation >= evaluateEvery && step < options.maxSteps) await evaluateAll();
  }
  await evaluateAll();

  const summaries = sessions.map((session, i): CompareRunSummary => {
    const state = states[i]!;
    return {
      label: options.labels[i]!,
      steps: session.steps,
      seconds: state.seconds,
      firstTrainLoss: state.firstLoss,
      finalTrainLoss: state.lastLoss,
      finalTestLoss: state.last?.loss ?? NaN,
      finalTestAccuracy: state.last?.accuracy ?? NaN,
      reachedTarget: state.reached,
      diverged: state.diverged,
    };
  });
  return { summaries, stoppedEarly };
}

/** Two consecutive readouts of one run as one. */
function mergeReadouts(first: LossReadout | undefined, second: LossReadout): LossReadout {
  if (!first) return second;
  const losses = new Float32Array(first.losses.length + second.losses.length);
  losses.set(first.losses);
  losses.set(second.losses, first.losses.length);
  return {
    losses,
    firstStep: first.losses.length > 0 ? first.firstStep : second.firstStep,
    divergedAtStep: first.divergedAtStep ?? second.divergedAtStep,
    divergence: first.divergence ?? second.divergence,
    dropped: first.dropped + second.dropped,
  };
}
