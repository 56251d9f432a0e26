// What a lesson step waits for, one kind of goal in one place: whether the
// training state has reached it, and how the panel says it. The predicates
// read a GoalView made from the store, holding only what happened after the
// step was opened, so a run from before never counts for the step.

import type { DatasetName } from '../../train/config.ts';
import type { EpochEvent } from '../../train/events.ts';
import type { Translator } from '../app/i18n/translator.ts';
import type { AppState } from '../app/store/store.ts';
import type { RunState } from '../app/store/train-slice.ts';

export type Goal =
  /** Some epoch's test accuracy is at least `value` (a fraction). */
  | { kind: 'accuracyAtLeast'; value: number; dataset: DatasetName }
  /** Some epoch's test loss is below `value`. */
  | { kind: 'testLossBelow'; value: number; dataset: DatasetName }
  /** The last epoch's training loss is lower than the first's. */
  | { kind: 'lossFell'; dataset: DatasetName }
  /** The run stopped because the loss became infinite, NaN or far above its first value. */
  | { kind: 'exploded'; dataset: DatasetName }
  /** The test loss climbed well above its best while the training loss went on falling: overfitting. */
  | { kind: 'overfit'; dataset: DatasetName }
  /** A finished run whose training loss barely moved (a learning rate far too small). */
  | { kind: 'flat'; dataset: DatasetName }
  /** The run trained to its last epoch. */
  | { kind: 'finished'; dataset: DatasetName }
  /** The model was saved to a file. */
  | { kind: 'saved' }
  /** A drawing answered by a model with convolutions (the page then shows its feature maps). */
  | { kind: 'cnnAnswers' };

export interface GoalView {
  /** The run on screen when it started after the step was opened, else null. */
  run: RunState | null;
  /** That run's epochs (empty when `run` is null). */
  epochResults: readonly EpochEvent[];
  /** A model was saved after the step was opened. */
  saved: boolean;
  /** A drawing on the pad is answered by a model with convolutions. */
  cnnAnswers: boolean;
}

/** The test loss must rise this much above its best before it counts as rising (one noisy epoch is not overfitting). */
export const OVERFIT_RISE = 1.1;
/** A finished run whose last training loss is still above this share of its first "barely moved". */
export const FLAT_SHARE = 0.9;

const noEpochs: readonly EpochEvent[] = [];

export function goalView(state: Pick<AppState, 'run' | 'epochResults' | 'modelNotice' | 'probabilities' | 'drawingModel' | 'lessonBaseline'>): GoalView {
  const counts = state.run.id > state.lessonBaseline.runId;
  const notice = state.modelNotice;
  return {
    run: counts ? state.run : null,
    epochResults: counts ? state.epochResults : noEpochs,
    saved: notice !== null && notice !== state.lessonBaseline.modelNotice && notice.id === 'model.saved',
    cnnAnswers: state.probabilities !== null && (state.drawingModel?.architecture.includes('Conv2d') ?? false),
  };
}

/** The run's epochs when it is a run on the goal's dataset. */
function epochsOn(view: GoalView, dataset: DatasetName): readonly EpochEvent[] | null {
  return view.run && view.run.dataset === dataset ? view.epochResults : null;
}

function overfitting(epochs: readonly EpochEvent[]): boolean {
  let best = 0;
  for (let j = 1; j < epochs.length; j++) {
    const now = epochs[j]!;
    const atBest = epochs[best]!;
    if (now.testLoss > atBest.testLoss * OVERFIT_RISE && now.trainLoss < atBest.trainLoss) return true;
    if (now.testLoss < atBest.testLoss) best = j;
  }
  return false;
}

const percent = (tr: Translator, value: number) => tr.percent(value, Number.isInteger(value * 100) ? 0 : 1);

type Kinds = { [K in Goal['kind']]: { reached: (goal: Extract<Goal, { kind: K }>, view: GoalView) => boolean; text: (goal: Extract<Goal, { kind: K }>, tr: Translator) => string } };

const kinds: Kinds = {
  accuracyAtLeast: {
    reached: (goal, view) => (epochsOn(view, goal.dataset) ?? []).some((e) => e.testAccuracy >= goal.value),
    text: (goal, tr) => tr.t('lessons.goal.accuracyAtLeast', { value: percent(tr, goal.value) }),
  },
  testLossBelow: {
    reached: (goal, view) => (epochsOn(view, goal.dataset) ?? []).some((e) => e.testLoss < goal.value),
    text: (goal, tr) => tr.t('lessons.goal.testLossBelow', { value: tr.decimal(goal.value, 3) }),
  },
  lossFell: {
    reached: (goal, view) => {
      const epochs = epochsOn(view, goal.dataset) ?? [];
      return epochs.length >= 2 && epochs[epochs.length - 1]!.trainLoss < epochs[0]!.trainLoss;
    },
    text: (_, tr) => tr.t('lessons.goal.lossFell'),
  },
  exploded: {
    reached: (goal, view) => view.run?.dataset === goal.dataset && view.run.status === 'diverged',
    text: (_, tr) => tr.t('lessons.goal.exploded'),
  },
  overfit: {
    reached: (goal, view) => overfitting(epochsOn(view, goal.dataset) ?? []),
    text: (_, tr) => tr.t('lessons.goal.overfit'),
  },
  flat: {
    reached: (goal, view) => {
      const epochs = epochsOn(view, goal.dataset) ?? [];
      return view.run?.status === 'done' && epochs.length >= 2 && epochs[epochs.length - 1]!.trainLoss > FLAT_SHARE * epochs[0]!.trainLoss;
    },
    text: (_, tr) => tr.t('lessons.goal.flat'),
  },
  finished: {
    reached: (goal, view) => view.run?.dataset === goal.dataset && view.run.status === 'done' && view.run.final !== null && !view.run.final.stoppedEarly,
    text: (_, tr) => tr.t('lessons.goal.finished'),
  },
  saved: { reached: (_, view) => view.saved, text: (_, tr) => tr.t('lessons.goal.saved') },
  cnnAnswers: { reached: (_, view) => view.cnnAnswers, text: (_, tr) => tr.t('lessons.goal.cnnAnswers') },
};

export function goalReached(goal: Goal, view: GoalView): boolean {
  return (kinds[goal.kind].reached as (goal: Goal, view: GoalView) => boolean)(goal, view);
}

/** What the learner watches for, in the page's language: "Test accuracy of at least 97%". */
export function goalText(goal: Goal, tr: Translator): string {
  return (kinds[goal.kind].text as (goal: Goal, tr: Translator) => string)(goal, tr);
}
