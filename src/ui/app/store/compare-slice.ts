import type { StateCreator } from 'zustand';
import { checkLearningRate, checkMomentum, ConfigError } from '../../../train/config.ts';
import type { OptimizerSpec } from '../../../engine/optim.ts';
import type { CompareEvaluation, CompareRun, CompareRunSummary, LossPoints } from '../../../train/messages.ts';
import { describeSchedule, scheduleProblems, type LrScheduleSpec } from '../../../train/lr-schedule.ts';
import {
  noSchedule,
  optimizerLabels,
  optimizerSpec,
  scheduleErrorKeys,
  scheduleFields,
  scheduleSpec,
  toConfig,
  trainLimitOf,
  type OptimizerName,
  type ScheduleSettings,
  type ScheduleTextField,
  type Settings,
} from './settings.ts';
import { english, type Msg, type Translator } from '../i18n/translator.ts';
import type { AppState } from './store.ts';
import { send } from './worker-port.ts';

export interface CompareRunSettings {
  optimizer: OptimizerName;
  lr: string;
  momentum: string;
  /** The run's learning-rate schedule (absent: none, as in settings saved before schedules). */
  schedule?: ScheduleSettings;
}

/** Compare trains one to this many runs side by side. */
export const MAX_COMPARE_RUNS = 6;
/** Each run's letter, in the legend, the fields and the summary. */
export const runLetters = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** Optimizers with a momentum field (torch.optim.SGD's and RMSprop's `momentum`). */
export function hasMomentum(optimizer: OptimizerName): boolean {
  return optimizer === 'sgd' || optimizer === 'rmsprop';
}

export interface CompareSettings {
  /** One to MAX_COMPARE_RUNS runs. */
  runs: CompareRunSettings[];
  /** Steps for each run, as typed. */
  steps: string;
  /** Target test accuracy in percent, as typed. */
  target: string;
}

export type CompareField = `lr-${number}` | `momentum-${number}` | `schedule-${number}-${ScheduleTextField}` | 'steps' | 'target';

export interface CompareState {
  id: number;
  status: 'idle' | 'starting' | 'running' | 'done' | 'failed';
  /** The runs' settings as the comparison started (their labels are made from them, in the page's language). */
  runs: CompareRunSettings[];
  totalSteps: number;
  step: number;
  target: number;
  message: Msg | null;
  stoppedEarly: boolean;
}

export interface CompareSlice {
  compareSettings: CompareSettings;
  compare: CompareState;
  /** One per run, in the runs' order. */
  compareSeries: LossPoints[];
  compareEvaluations: CompareEvaluation[][];
  compareSummaries: CompareRunSummary[] | null;
  setCompareRun: (index: number, patch: Partial<CompareRunSettings>) => void;
  /** A new run after the last (up to MAX_COMPARE_RUNS): the next optimizer not yet used, at its usual rate. */
  addCompareRun: () => void;
  /** Removes a run (never the last one left). */
  removeCompareRun: (index: number) => void;
  setCompareText: (field: 'steps' | 'target', value: string) => void;
  startCompare: () => void;
  stopCompare: () => void;
}

export const defaultCompareSettings: CompareSettings = {
  runs: [
    { optimizer: 'sgd', lr: '0.1', momentum: '0' },
    { optimizer: 'adam', lr: '0.001', momentum: '0' },
  ],
  steps: '100',
  target: '90',
};

/**
 * "A: SGD, lr 0.1" (with ", momentum 0.9" when SGD or RMSprop has momentum, and the
 * schedule as PyTorch writes it: ", StepLR(step_size=1, gamma=0.5)"), in `tr`'s language.
 */
export function compareRunLabel(letter: string, run: CompareRunSettings, tr: Translator = english): string {
  const values = { letter, optimizer: optimizerLabels[run.optimizer], lr: run.lr.trim() };
  const label =
    hasMomentum(run.optimizer) && Number(run.momentum) > 0
      ? tr.t('compare.labelMomentum', { ...values, momentum: run.momentum.trim() })
      : tr.t('compare.label', values);
  const schedule = compareSchedule(run);
  // PyTorch's class and argument names, the same in both languages.
  return schedule ? `${label}, ${describeSchedule(schedule)}` : label;
}

/** The run's schedule as TrainConfig takes it, or undefined for none. */
export function compareSchedule(run: CompareRunSettings): LrScheduleSpec | undefined {
  return scheduleSpec(run.schedule ?? noSchedule);
}

/** How many epochs (begun) `steps` steps take with these settings and `trainCount` training samples; 1 when unknown. */
export function comparisonEpochs(settings: Settings, trainCount: number | null, steps: number): number {
  const batch = Number(settings.batchSize);
  const limit = trainLimitOf(settings);
  const count = trainCount === null ? null : Math.min(trainCount, limit ?? Infinity);
  if (!count || !(batch >= 1) || !(steps >= 1)) return 1;
  return Math.ceil(steps / Math.ceil(count / batch));
}

/** The schedule switched to `type`; an empty epoch field starts at 1 (StepLR) or the comparison's epochs (CosineAnnealingLR's T_max). */
export function withCompareScheduleType(schedule: ScheduleSettings | undefined, type: ScheduleSettings['type'], epochs: number): ScheduleSettings {
  const from = schedule ?? noSchedule;
  return {
    ...from,
    type,
    stepSize: from.stepSize.trim() === '' && type === 'step' ? '1' : from.stepSize,
    tMax: from.tMax.trim() === '' && type === 'cosine' ? String(Math.max(1, epochs)) : from.tMax,
  };
}

/** Each field's problem, in `tr`'s language (English unless said). */
export function validateCompare(settings: CompareSettings, tr: Translator = english): Partial<Record<CompareField, string>> {
  const typed = (text: string) => text.trim() || tr.t('error.nothing');
  const errors: Partial<Record<CompareField, string>> = {};
  settings.runs.forEach((run, i) => {
    const lr = run.lr.trim() === '' ? NaN : Number(run.lr);
    try {
      checkLearningRate(Number.isNaN(lr) ? run.lr.trim() || 'nothing' : lr);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors[`lr-${i}`] = tr.t('error.compare.lr', { value: Number.isNaN(lr) ? typed(run.lr) : String(lr) });
    }
    if (hasMomentum(run.optimizer)) {
      const momentum = run.momentum.trim() === '' ? NaN : Number(run.momentum);
      try {
        checkMomentum(momentum);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        errors[`momentum-${i}`] = tr.t('error.momentum', { value: typed(run.momentum) });
      }
    }
  });
  settings.runs.forEach((run, i) => {
    const schedule = run.schedule ?? noSchedule;
    const spec = scheduleSpec(schedule);
    if (!spec) return;
    const bad = new Set<ScheduleTextField>();
    for (const field of scheduleFields[schedule.type]) {
      if (schedule[field].trim() !== '' && Number.isFinite(Number(schedule[field]))) continue;
      bad.add(field);
      errors[`schedule-${i}-${field}`] = schedule[field].trim() === '' ? tr.t('schedule.error.empty') : tr.t(scheduleErrorKeys[field], { value: schedule[field].trim() });
    }
    const lr = Number(run.lr);
    for (const problem of scheduleProblems(spec, lr > 0 ? lr : Infinity)) {
      const field = problem.field.replace(/^lrSchedule\./, '') as ScheduleTextField;
      if (field in scheduleErrorKeys && !bad.has(field)) errors[`schedule-${i}-${field}`] = tr.t(scheduleErrorKeys[field], { value: schedule[field].trim() });
    }
  });
  const steps = Number(settings.steps);
  if (settings.steps.trim() === '' || !Number.isInteger(steps) || steps < 1 || steps > 100_000) {
    errors.steps = tr.t('error.compare.steps', { value: typed(settings.steps) });
  }
  const target = Number(settings.target);
  if (settings.target.trim() === '' || !(target > 0 && target <= 100)) {
    errors.target = tr.t('error.compare.target', { value: typed(settings.target) });
  }
  return errors;
}

const emptySeries = (count: number): LossPoints[] => Array.from({ length: count }, () => ({ steps: [], losses: [] }));

/** Each optimizer's rate when a run is added: torch.optim's defaults, and 0.1 for SGD (which has none). */
const addedRates: Record<OptimizerName, string> = { sgd: '0.1', adam: '0.001', rmsprop: '0.01' };

/** The run "Add run" appends: the first optimizer none of the runs uses yet (SGD with momentum counts apart), else a copy of the last. */
export function nextCompareRun(runs: readonly CompareRunSettings[]): CompareRunSettings {
  const candidates: CompareRunSettings[] = [
    { optimizer: 'sgd', lr: addedRates.sgd, momentum: '0' },
    { optimizer: 'adam', lr: addedRates.adam, momentum: '0' },
    { optimizer: 'sgd', lr: addedRates.sgd, momentum: '0.9' },
    { optimizer: 'rmsprop', lr: addedRates.rmsprop, momentum: '0' },
  ];
  const key = (r: CompareRunSettings) => `${r.optimizer} ${hasMomentum(r.optimizer) && Number(r.momentum) > 0 ? 'momentum' : ''}`;
  const used = new Set(runs.map(key));
  return candidates.find((c) => !used.has(key(c))) ?? { ...runs[runs.length - 1]! };
}

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set, get) => ({
  compareSettings: defaultCompareSettings,
  compare: { id: 0, status: 'idle', runs: defaultCompareSettings.runs, totalSteps: 0, step: 0, target: 0.9, message: null, stoppedEarly: false },
  compareSeries: emptySeries(defaultCompareSettings.runs.length),
  compareEvaluations: defaultCompareSettings.runs.map(() => []),
  compareSummaries: null,
  setCompareRun: (index, patch) => {
    const runs = [...get().compareSettings.runs];
    runs[index] = { ...runs[index]!, ...patch };
    set({ compareSettings: { ...get().compareSettings, runs } });
  },
  addCompareRun: () => {
    const { runs } = get().compareSettings;
    if (runs.length >= MAX_COMPARE_RUNS) return;
    set({ compareSettings: { ...get().compareSettings, runs: [...runs, nextCompareRun(runs)] } });
  },
  removeCompareRun: (index) => {
    const { runs } = get().compareSettings;
    if (runs.length <= 1) return;
    set({ compareSettings: { ...get().compareSettings, runs: runs.filter((_, i) => i !== index) } });
  },
  setCompareText: (field, value) => set({ compareSettings: { ...get().compareSettings, [field]: value } }),
  startCompare: () => {
    const { settings, compareSettings, compare, gpuStatus } = get();
    const config = toConfig(settings);
    if (!config || gpuStatus !== 'ready' || Object.keys(validateCompare(compareSettings)).length > 0) return;
    const id = compare.id + 1;
    // The worker's copy of the labels stays English (the CLI's words); the page makes its own in its language.
    const labels = compareSettings.runs.map((run, i) => compareRunLabel(runLetters[i]!, run));
    const target = Number(compareSettings.target) / 100;
    const totalSteps = Number(compareSettings.steps);
    set({
      compare: { id, status: 'starting', runs: compareSettings.runs, totalSteps, step: 0, target, message: null, stoppedEarly: false },
      compareSeries: emptySeries(compareSettings.runs.length),
      compareEvaluations: compareSettings.runs.map(() => []),
      compareSummaries: null,
    });
    // Each run has its own schedule or none (null): the setup's is not the runs'.
    const runs = compareSettings.runs.map((run, i): CompareRun => ({ label: labels[i]!, optimizer: compareOptimizer(run), lrSchedule: compareSchedule(run) ?? null }));
    send({ type: 'compare', runId: id, config, data: { trainLimit: trainLimitOf(settings) }, runs, maxSteps: totalSteps, targetAccuracy: target });
  },
  stopCompare: () => send({ type: 'stop-compare' }),
});

/** A run's optimizer as the engine takes it: momentum for SGD (as the setup) and for RMSprop. */
export function compareOptimizer(run: CompareRunSettings): OptimizerSpec {
  const lr = Number(run.lr);
  const momentum = Number(run.momentum);
  if (run.optimizer === 'rmsprop') return momentum > 0 ? { type: 'rmsprop', lr, momentum } : { type: 'rmsprop', lr };
  return optimizerSpec(run.optimizer, lr, momentum);
}
