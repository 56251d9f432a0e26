// A preset's title and PyTorch's result in the page's language. presets.ts
// (shared with the CLI) holds them in English; the catalogues hold the words,
// and the figures are read from presets.ts so they are written once. Shared: the
// setup form and the lessons (a step's "the preset …") both name presets.

import type { Preset } from '../../train/presets.ts';
import type { MessageId, Translator } from '../app/i18n/translator.ts';

const titleKeys: Partial<Record<string, Exclude<Extract<MessageId, `preset.${string}`>, `preset.reference.${string}`>>> = {
  'mnist-linear-sgd': 'preset.mnist-linear-sgd',
  'mnist-mlp-adam': 'preset.mnist-mlp-adam',
  'blobs-xor': 'preset.blobs-xor',
  'fashion-dnn-sgd': 'preset.fashion-dnn-sgd',
  'fashion-dnn-dropout': 'preset.fashion-dnn-dropout',
  'fashion-tutorial': 'preset.fashion-tutorial',
  'mnist-cnn': 'preset.mnist-cnn',
  'fashion-cnn': 'preset.fashion-cnn',
};

/** The preset's title; a preset the catalogues do not know yet keeps its English title. */
export function presetTitle(preset: Preset, tr: Translator): string {
  const key = titleKeys[preset.name];
  return key ? tr.t(key) : preset.title;
}

/** "97.9% test accuracy", "test loss 0.055", in the page's language (the figures as presets.ts has them). */
export function presetReference(preset: Preset, tr: Translator): string {
  const accuracy = /^(\d+(?:\.\d+)?)% test accuracy/.exec(preset.reference);
  if (accuracy) {
    const value = tr.percent(Number(accuracy[1]) / 100, accuracy[1]!.split('.')[1]?.length ?? 0);
    return preset.name === 'fashion-tutorial' ? tr.t('preset.reference.fashion-tutorial', { accuracy: value }) : tr.t('preset.reference.accuracy', { accuracy: value });
  }
  const loss = /^test loss (\d+(?:\.\d+)?)$/.exec(preset.reference);
  if (loss) return tr.t('preset.reference.loss', { loss: loss[1]! });
  if (/^see the README$/.test(preset.reference)) return tr.t('preset.reference.readme');
  return preset.reference;
}
