import type { StateCreator } from 'zustand';
import { checkLearningRate, checkMomentum, ConfigError } from '../../../train/config.ts';
import type { CompareEvaluation, CompareRun, CompareRunSummary, LossPoints } from '../../../train/messages.ts';
import { optimizerLabels, optimizerSpec, toConfig, trainLimitOf, type OptimizerName } from './settings.ts';
import { english, type Msg, type Translator } from '../i18n/translator.ts';
import type { AppState } from './store.ts';
import { send } from './worker-port.ts';

export interface CompareRunSettings {
  optimizer: OptimizerName;
  lr: string;
  momentum: string;
}

export interface CompareSettings {
  runs: [CompareRunSettings, CompareRunSettings];
  /** Steps for each run, as typed. */
  steps: string;
  /** Target test accuracy in percent, as typed. */
  target: string;
}

export type CompareField = 'lr-0' | 'lr-1' | 'momentum-0' | 'momentum-1' | 'steps' | 'target';

export interface CompareState {
  id: number;
  status: 'idle' | 'starting' | 'running' | 'done' | 'failed';
  /** The two runs' settings as the comparison started (their labels are made from them, in the page's language). */
  runs: [CompareRunSettings, CompareRunSettings];
  totalSteps: number;
  step: number;
  target: number;
  message: Msg | null;
  stoppedEarly: boolean;
}

export interface CompareSlice {
  compareSettings: CompareSettings;
  compare: CompareState;
  compareSeries: [LossPoints, LossPoints];
  compareEvaluations: [CompareEvaluation[], CompareEvaluation[]];
  compareSummaries: [CompareRunSummary, CompareRunSummary] | null;
  setCompareRun: (index: 0 | 1, patch: Partial<CompareRunSettings>) => void;
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

/** "A: SGD, lr 0.1" (with ", momentum 0.9" when SGD has momentum), in `tr`'s language. */
export function compareRunLabel(letter: string, run: CompareRunSettings, tr: Translator = english): string {
  const values = { letter, optimizer: optimizerLabels[run.optimizer], lr: run.lr.trim() };
  return run.optimizer === 'sgd' && Number(run.momentum) > 0
    ? tr.t('compare.labelMomentum', { ...values, momentum: run.momentum.trim() })
    : tr.t('compare.label', values);
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
      errors[`lr-${i}` as CompareField] = tr.t('error.compare.lr', { value: Number.isNaN(lr) ? typed(run.lr) : String(lr) });
    }
    if (run.optimizer === 'sgd') {
      const momentum = run.momentum.trim() === '' ? NaN : Number(run.momentum);
      try {
        checkMomentum(momentum);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        errors[`momentum-${i}` as CompareField] = tr.t('error.momentum', { value: typed(run.momentum) });
      }
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

const emptySeries = (): [LossPoints, LossPoints] => [
  { steps: [], losses: [] },
  { steps: [], losses: [] },
];

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set, get) => ({
  compareSettings: defaultCompareSettings,
  compare: { id: 0, status: 'idle', runs: defaultCompareSettings.runs, totalSteps: 0, step: 0, target: 0.9, message: null, stoppedEarly: false },
  compareSeries: emptySeries(),
  compareEvaluations: [[], []],
  compareSummaries: null,
  setCompareRun: (index, patch) => {
    const runs = [...get().compareSettings.runs] as CompareSettings['runs'];
    runs[index] = { ...runs[index], ...patch };
    set({ compareSettings: { ...get().compareSettings, runs } });
  },
  setCompareText: (field, value) => set({ compareSettings: { ...get().compareSettings, [field]: value } }),
  startCompare: () => {
    const { settings, compareSettings, compare, gpuStatus } = get();
    const config = toConfig(settings);
    if (!config || gpuStatus !== 'ready' || Object.keys(validateCompare(compareSettings)).length > 0) return;
    const id = compare.id + 1;
    // The worker's copy of the labels stays English (the CLI's words); the page makes its own in its language.
    const labels: [string, string] = [compareRunLabel('A', compareSettings.runs[0]), compareRunLabel('B', compareSettings.runs[1])];
    const target = Number(compareSettings.target) / 100;
    const totalSteps = Number(compareSettings.steps);
    set({
      compare: { id, status: 'starting', runs: compareSettings.runs, totalSteps, step: 0, target, message: null, stoppedEarly: false },
      compareSeries: emptySeries(),
      compareEvaluations: [[], []],
      compareSummaries: null,
    });
    const runs = compareSettings.runs.map((run, i) => ({
      label: labels[i]!,
      optimizer: optimizerSpec(run.optimizer, Number(run.lr), Number(run.momentum)),
    })) as [CompareRun, CompareRun];
    send({ type: 'compare', runId: id, config, data: { trainLimit: trainLimitOf(settings) }, runs, maxSteps: totalSteps, targetAccuracy: target });
  },
  stopCompare: () => send({ type: 'stop-compare' }),
});
