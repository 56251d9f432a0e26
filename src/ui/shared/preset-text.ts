// A preset's title and PyTorch's result in the page's language. presets.ts
// (shared with the CLI) holds them in English; the catalogues hold the words,
// and the figures are read from presets.ts so they are written once. Shared: the
// setup form and the lessons (a step's "the preset …") both name presets.

import type { Preset } from '../../train/presets.ts';
import { en } from '../app/i18n/en.ts';
import type { MessageId, Translator } from '../app/i18n/translator.ts';

// The catalogues hold a preset's title as `preset.<name>` and, where its result needs words of
// its own, that result as `preset.reference.<name>` (taking {accuracy}).
type ReferenceKey = Extract<MessageId, `preset.reference.${string}`>;
type TitleKey = Exclude<Extract<MessageId, `preset.${string}`>, ReferenceKey>;
type AccuracyKey = Exclude<ReferenceKey, 'preset.reference.readme' | 'preset.reference.loss'>;
const isTitleKey = (key: string): key is TitleKey => Object.hasOwn(en, key) && !key.startsWith('preset.reference.');
const isAccuracyKey = (key: string): key is AccuracyKey => Object.hasOwn(en, key) && key !== 'preset.reference.readme' && key !== 'preset.reference.loss';

/** The preset's title; a preset the catalogues do not know yet keeps its English title. */
export function presetTitle(preset: Preset, tr: Translator): string {
  const t = (key: string) => (isTitleKey(key) ? tr.t(key) : null);
  return t(`preset.${preset.name}`) ?? preset.title;
}

/** "97.9% test accuracy", "test loss 0.055", in the page's language (the figures as presets.ts has them). */
export function presetReference(preset: Preset, tr: Translator): string {
  const accuracy = /^(\d+(?:\.\d+)?)% test accuracy/.exec(preset.reference);
  if (accuracy) {
    const value = tr.percent(Number(accuracy[1]) / 100, accuracy[1]!.split('.')[1]?.length ?? 0);
    const t = (key: string) => (isAccuracyKey(key) ? tr.t(key, { accuracy: value }) : null);
    return t(`preset.reference.${preset.name}`) ?? tr.t('preset.reference.accuracy', { accuracy: value });
  }
  const loss = /^test loss (\d+(?:\.\d+)?)$/.exec(preset.reference);
  if (loss) return tr.t('preset.reference.loss', { loss: loss[1]! });
  if (/^see the README$/.test(preset.reference)) return tr.t('preset.reference.readme');
  return preset.reference;
}
