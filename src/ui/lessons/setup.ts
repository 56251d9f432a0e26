// How a step sets the playground up: a preset, then the fields it changes,
// each through the store's own actions (the same ones the setup form calls),
// and the section to bring into view. Also the setup in words, so the
// learner knows what the button will change.

import { findPreset } from '../../train/presets.ts';
import type { MessageId, Translator } from '../app/i18n/translator.ts';
import { activationLabelKeys, optimizerLabels, type ActivationName, type OptimizerName } from '../app/store/settings.ts';
import { presetTitle } from '../shared/preset-text.ts';
import type { AppState } from '../app/store/store.ts';

/** Text fields a step may set, as the form holds them (strings). */
const textFields = ['epochs', 'lr', 'batchSize', 'dropout', 'trainLimit'] as const;
type TextFieldName = (typeof textFields)[number];

export type StepSetup = {
  /** Fills every field from the preset first. */
  preset?: string;
  optimizer?: OptimizerName;
  activation?: ActivationName;
  flip?: boolean;
  reluAfterLast?: boolean;
  /** The section to scroll to ("model": Save and load, "draw": the drawing pad). */
  section?: 'model' | 'draw';
} & Partial<Record<TextFieldName, string>>;

type Actions = Pick<AppState, 'choosePreset' | 'setOptimizer' | 'setActivation' | 'setFlip' | 'setReluAfterLast' | 'setText'>;

export function applySetup(setup: StepSetup, actions: Actions): void {
  if (setup.preset) actions.choosePreset(setup.preset);
  if (setup.optimizer) actions.setOptimizer(setup.optimizer);
  if (setup.activation) actions.setActivation(setup.activation);
  if (setup.flip !== undefined) actions.setFlip(setup.flip);
  if (setup.reluAfterLast !== undefined) actions.setReluAfterLast(setup.reluAfterLast);
  for (const field of textFields) {
    const value = setup[field];
    if (value !== undefined) actions.setText(field, value);
  }
}

/** Whether the step changes any setting (a step that only scrolls does not). */
export function changesSettings(setup: StepSetup): boolean {
  return Object.keys(setup).some((key) => key !== 'section');
}

const fieldLabels = {
  epochs: 'setup.epochs',
  lr: 'setup.lr',
  batchSize: 'setup.batchSize',
  dropout: 'setup.dropout',
  trainLimit: 'setup.trainImages',
} as const satisfies Record<TextFieldName, MessageId>;

/** The changes in the page's words: "the preset “MNIST, linear model, SGD”", "epochs 3", "optimizer Adam". */
export function describeSetup(setup: StepSetup, tr: Translator): string[] {
  const out: string[] = [];
  // A field's label inside a sentence: "epochs 3" in English (Korean has no capitals).
  const label = (key: (typeof fieldLabels)[TextFieldName] | 'setup.optimizer' | 'setup.activation') => {
    const text = tr.t(key);
    return tr.language === 'en' ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  };
  const preset = setup.preset ? findPreset(setup.preset) : undefined;
  if (preset) out.push(tr.t('lessons.change.preset', { name: presetTitle(preset, tr) }));
  if (setup.optimizer) out.push(`${label('setup.optimizer')} ${optimizerLabels[setup.optimizer]}`);
  if (setup.activation) out.push(`${label('setup.activation')} ${tr.t(activationLabelKeys[setup.activation])}`);
  if (setup.flip !== undefined) out.push(tr.t(setup.flip ? 'lessons.change.flipOn' : 'lessons.change.flipOff'));
  if (setup.reluAfterLast !== undefined) out.push(tr.t(setup.reluAfterLast ? 'lessons.change.lastReluOn' : 'lessons.change.lastReluOff'));
  for (const field of textFields) {
    const value = setup[field];
    if (value !== undefined) out.push(`${label(fieldLabels[field])} ${value}`);
  }
  if (setup.section) out.push(tr.t(setup.section === 'model' ? 'lessons.change.sectionModel' : 'lessons.change.sectionDraw'));
  return out;
}
