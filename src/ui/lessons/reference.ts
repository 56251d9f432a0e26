// The PyTorch figure a step is compared with: a preset's own result (read from
// presets.ts, where it is written once), or a figure a tutorial printed.

import { findPreset } from '../../train/presets.ts';
import type { Translator } from '../app/i18n/translator.ts';
import type { LessonKey } from './lesson.ts';
import type { EpochEvent } from '../../train/events.ts';

export type Metric = 'testAccuracy' | 'testLoss';

export type Reference =
  /** The preset's PyTorch result, after the preset's own number of epochs (or said otherwise by `source`). */
  | { preset: string; source?: SourceKey }
  /** A figure from the tutorial itself, with where it comes from. */
  | { metric: Metric; value: number; source: SourceKey };

type SourceKey = Extract<LessonKey, `lessons.source.${string}`>;

export interface ReferenceFigure {
  metric: Metric;
  value: number;
  /** Digits the figure was given with (97.9% → 1, 0.055 → 3). */
  digits: number;
  /** "the same setup, 15 epochs". */
  source: (tr: Translator) => string;
}

const decimals = (text: string) => text.split('.')[1]?.length ?? 0;

/** The figure, or null when the preset has none yet ("see the README"). */
export function referenceFigure(reference: Reference): ReferenceFigure | null {
  if (!('preset' in reference)) {
    const { metric, value, source } = reference;
    return { metric, value, digits: metric === 'testLoss' ? decimals(String(value)) : Math.max(0, decimals(String(value)) - 2), source: (tr) => tr.t(source) };
  }
  const preset = findPreset(reference.preset);
  if (!preset) return null;
  const epochs = preset.config.epochs;
  const own = reference.source;
  const source = (tr: Translator) => (own ? tr.t(own) : tr.t('lessons.source.preset', { epochs: tr.count(epochs) }));
  const accuracy = /^(\d+(?:\.\d+)?)% test accuracy/.exec(preset.reference);
  if (accuracy) return { metric: 'testAccuracy', value: Number(accuracy[1]) / 100, digits: decimals(accuracy[1]!), source };
  const loss = /^test loss (\d+(?:\.\d+)?)/.exec(preset.reference);
  if (loss) return { metric: 'testLoss', value: Number(loss[1]), digits: decimals(loss[1]!), source };
  return null;
}

/** "97.9% test accuracy", "test loss 0.055". */
export function metricText(metric: Metric, value: number, digits: number, tr: Translator): string {
  return metric === 'testAccuracy'
    ? tr.t('lessons.metric.accuracy', { value: tr.percent(value, digits) })
    : tr.t('lessons.metric.loss', { value: tr.decimal(value, Math.max(digits, 3), true) });
}

/** The run's figure for the same metric, from its latest epoch. */
export function latestFigure(metric: Metric, epochs: readonly EpochEvent[]): { value: number; epoch: number } | null {
  const last = epochs[epochs.length - 1];
  if (!last) return null;
  return { value: metric === 'testAccuracy' ? last.testAccuracy : last.testLoss, epoch: last.epoch };
}
