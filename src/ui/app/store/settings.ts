// The settings form as the user types it (strings, so a half-typed "0." stays
// on screen), and the pure functions between it and a TrainConfig: presets in,
// validation with config.ts's own checks, the layers built from the model
// fields, and which preset (if any) the settings still match.

import { checkLayers, describeLayer, formatSampleShape, type LayerSpec } from '../../../engine/layer-spec.ts';
import type { OptimizerSpec } from '../../../engine/optim.ts';
import {
  checkBatchSize,
  checkEpochs,
  checkLearningRate,
  checkMomentum,
  ConfigError,
  datasetInfo,
  datasetNames,
  type DatasetName,
  type TrainConfig,
} from '../../../train/config.ts';
import { findPreset, presets } from '../../../train/presets.ts';
import { scheduleDefaults, scheduleProblems, type LrScheduleSpec, type LrScheduleType } from '../../../train/lr-schedule.ts';
import type { GapActivation } from '../../../train/infer-architecture.ts';
import { english, type MessageId, type Translator } from '../i18n/translator.ts';

export type OptimizerName = 'sgd' | 'adam' | 'rmsprop';
/** The activations the form offers between layers (any of them can also sit between a file's layers). */
export const activationNames = ['relu', 'sigmoid'] as const satisfies readonly GapActivation[];
export type ActivationName = (typeof activationNames)[number];
export function isActivationName(value: unknown): value is ActivationName {
  return activationNames.includes(value as ActivationName);
}

/** One convolution block: Conv2d, the activation, and a 2×2 max pool when `pool`. */
export interface ConvBlockSettings {
  /** Output channels, kernel size (square) and padding, as typed. */
  channels: string;
  kernel: string;
  padding: string;
  pool: boolean;
}

export interface Settings {
  dataset: DatasetName;
  /** Convolution blocks before the dense layers (image datasets only). */
  conv: ConvBlockSettings[];
  /** Hidden layer widths, as typed. */
  hidden: string[];
  activation: ActivationName;
  /** Dropout probability after each hidden layer, as typed. */
  dropout: string;
  /** A ReLU after the output layer (only the Fashion-MNIST tutorial preset has it). */
  reluAfterLast: boolean;
  /** Random horizontal flips of training images. */
  flip: boolean;
  optimizer: OptimizerName;
  lr: string;
  momentum: string;
  batchSize: string;
  epochs: string;
  seed: string;
  /** How many training samples to use: "all" or a count. */
  trainLimit: string;
  /** The learning-rate schedule; absent is none (optional so that settings saved before schedules still fit). */
  lrSchedule?: ScheduleSettings;
}

/** The learning-rate schedule's fields, as typed: StepLR shows the first two, CosineAnnealingLR the last two. */
export interface ScheduleSettings {
  type: 'none' | LrScheduleType;
  stepSize: string;
  gamma: string;
  tMax: string;
  etaMin: string;
}
export type ScheduleTextField = Exclude<keyof ScheduleSettings, 'type'>;
export const scheduleChoices = ['none', 'step', 'cosine'] as const satisfies readonly ScheduleSettings['type'][];
/** Each choice's words in the catalogues. */
export const scheduleLabelKeys = { none: 'schedule.none', step: 'schedule.step', cosine: 'schedule.cosine' } as const satisfies Record<ScheduleSettings['type'], MessageId>;
/** The fields each schedule shows, in order. */
export const scheduleFields = { none: [], step: ['stepSize', 'gamma'], cosine: ['tMax', 'etaMin'] } as const satisfies Record<
  ScheduleSettings['type'],
  readonly ScheduleTextField[]
>;
export const noSchedule: ScheduleSettings = {
  type: 'none',
  stepSize: '',
  gamma: String(scheduleDefaults.step.gamma),
  tMax: '',
  etaMin: String(scheduleDefaults.cosine.etaMin),
};

export type SettingsField =
  | 'lr'
  | 'momentum'
  | 'batchSize'
  | 'epochs'
  | 'seed'
  | 'dropout'
  | `hidden-${number}`
  | `schedule-${ScheduleTextField}`
  | `conv-${number}-${'channels' | 'kernel' | 'padding'}`;
/** Each field's problem, in the language of the translator validateSettings was given. */
export type SettingsErrors = Partial<Record<SettingsField, string>>;

/** The page opens on MNIST, with its own preset. */
export const FIRST_DATASET: DatasetName = 'mnist';
export const DEFAULT_PRESET = datasetInfo(FIRST_DATASET).defaultPreset;
/** A first run short enough to watch to the end; the preset's own length is shown beside it. */
export const DEFAULT_EPOCHS = 3;
export const MAX_HIDDEN_WIDTH = 4096;
export const MAX_HIDDEN_LAYERS = 6;
export const MAX_CONV_BLOCKS = 4;
export const MAX_CHANNELS = 256;
export const MAX_KERNEL = 11;
/** A new block: 3×3 with "same" padding and a pool, twice the channels of the block before (32 for the first). */
export function newConvBlock(previous: ConvBlockSettings | undefined): ConvBlockSettings {
  const channels = previous ? Math.min(MAX_CHANNELS, 2 * (Number(previous.channels) || 16)) : 32;
  return { channels: String(channels), kernel: '3', padding: '1', pool: true };
}
export const TRAIN_LIMITS = ['all', '10000', '1000', '100'] as const;

/** Each dataset's name and one-line description in the catalogues. */
export const datasetLabelKeys = { mnist: 'dataset.mnist', 'fashion-mnist': 'dataset.fashion-mnist', blobs: 'dataset.blobs' } as const satisfies Record<
  DatasetName,
  MessageId
>;
/** Each activation's name in the catalogues. */
export const activationLabelKeys = { relu: 'activation.relu', sigmoid: 'activation.sigmoid' } as const satisfies Record<ActivationName, MessageId>;
export const datasetDescriptionKeys = {
  mnist: 'dataset.mnist.about',
  'fashion-mnist': 'dataset.fashion-mnist.about',
  blobs: 'dataset.blobs.about',
} as const satisfies Record<DatasetName, MessageId>;

/** Optimizer names are names (PyTorch's), the same in every language. */
export const optimizerLabels: Record<OptimizerName, string> = { sgd: 'SGD', adam: 'Adam', rmsprop: 'RMSprop' };

export function settingsFromPreset(name: string): Settings {
  const preset = findPreset(name);
  if (!preset) throw new Error(`unknown preset "${name}"`);
  return settingsFromConfig(preset.config);
}

/**
 * A config as the form's settings (training on all images). The form cannot
 * build every config (a CLI run's --no-shuffle, say): `toConfig` of the result
 * gives the config back only when it can (see configFromFile in run-file.ts).
 */
export function settingsFromConfig(config: TrainConfig): Settings {
  const flatten = config.layers.findIndex((l) => l.type === 'flatten');
  const convPart = flatten >= 0 ? config.layers.slice(0, flatten) : [];
  const layers = flatten >= 0 ? config.layers.slice(flatten + 1) : config.layers;
  const conv: ConvBlockSettings[] = [];
  for (const layer of convPart) {
    if (layer.type === 'conv2d') {
      conv.push({ channels: String(layer.out), kernel: String(layer.kernel[0]), padding: String(layer.padding?.[0] ?? 0), pool: false });
    } else if (layer.type === 'maxpool2d' && conv.length > 0) conv[conv.length - 1]!.pool = true;
  }
  const linears = layers.filter((l): l is Extract<LayerSpec, { type: 'linear' }> => l.type === 'linear');
  const lastLinear = layers.lastIndexOf(linears[linears.length - 1]!);
  const hiddenActivation = [...convPart, ...layers.slice(0, lastLinear)].map((l) => l.type).find(isActivationName);
  const dropout = layers.find((l) => l.type === 'dropout');
  const optimizer = config.optimizer;
  return {
    dataset: config.dataset,
    conv,
    hidden: linears.slice(0, -1).map((l) => String(l.out)),
    activation: hiddenActivation ?? 'relu',
    dropout: dropout?.type === 'dropout' ? String(dropout.p) : '0',
    reluAfterLast: layers[lastLinear + 1]?.type === 'relu',
    flip: config.flip,
    optimizer: optimizer.type,
    lr: String(optimizer.lr ?? 0.001),
    momentum: String(('momentum' in optimizer ? optimizer.momentum : undefined) ?? 0),
    batchSize: String(config.batchSize),
    epochs: String(config.epochs),
    seed: String(config.seed),
    trainLimit: 'all',
    lrSchedule: scheduleSettingsOf(config.lrSchedule),
  };
}

function scheduleSettingsOf(spec: LrScheduleSpec | undefined): ScheduleSettings {
  if (spec?.type === 'step') return { ...noSchedule, type: 'step', stepSize: String(spec.stepSize), gamma: String(spec.gamma ?? scheduleDefaults.step.gamma) };
  if (spec?.type === 'cosine') return { ...noSchedule, type: 'cosine', tMax: String(spec.tMax), etaMin: String(spec.etaMin ?? scheduleDefaults.cosine.etaMin) };
  return noSchedule;
}

/**
 * The schedule switched to `type`, its empty epoch fields filled from the run
 * length: StepLR lowers the rate every third of the run, CosineAnnealingLR
 * anneals over all of it (T_max = the epochs, as is usual).
 */
export function withScheduleType(settings: Settings, type: ScheduleSettings['type']): ScheduleSettings {
  const schedule = settings.lrSchedule ?? noSchedule;
  const epochs = Number(settings.epochs);
  const runLength = Number.isInteger(epochs) && epochs >= 1 ? epochs : 1;
  return {
    ...schedule,
    type,
    stepSize: schedule.stepSize.trim() === '' && type === 'step' ? String(Math.max(1, Math.round(runLength / 3))) : schedule.stepSize,
    tMax: schedule.tMax.trim() === '' && type === 'cosine' ? String(runLength) : schedule.tMax,
  };
}

export function defaultSettings(): Settings {
  return { ...settingsFromPreset(DEFAULT_PRESET), epochs: String(DEFAULT_EPOCHS) };
}

/** The default preset of a dataset, keeping the run length and seed the user chose. */
export function settingsForDataset(dataset: DatasetName, previous: Settings): Settings {
  const next = settingsFromPreset(datasetInfo(dataset).defaultPreset);
  // Points in the plane train for thousands of quick epochs: their preset's length, not the user's.
  if (datasetInfo(dataset).plane) return next;
  return { ...next, epochs: datasetInfo(previous.dataset).plane ? String(DEFAULT_EPOCHS) : previous.epochs, seed: previous.seed };
}

/** Whether the dataset's samples are images (convolutions, flips and a training-image count apply). */
export function hasImages(dataset: DatasetName): boolean {
  return datasetInfo(dataset).inputShape.length === 3;
}

/** The model's outputs: one per class, or one probability for a binary target. */
export function outputsOf(dataset: DatasetName): number {
  return datasetInfo(dataset).output === 'sigmoid-probability' ? 1 : datasetInfo(dataset).classes;
}

/** A number as the user typed it: NaN-free only when the whole text is a number. */
function parse(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const value = Number(trimmed);
  return Number.isNaN(value) ? trimmed : value;
}

/** The catalogue message for each of config.ts's checks, by the field its ConfigError names. */
const configErrorKeys: Partial<Record<string, MessageId>> = { lr: 'error.lr', batchSize: 'error.batchSize', epochs: 'error.epochs', momentum: 'error.momentum' };

/** Runs one of config.ts's checks and returns its problem in words, or null when the value is fine. */
function checkWith(tr: Translator, check: (value: unknown) => unknown, text: string, empty: string): string | null {
  const value = parse(text);
  if (value === '') return empty;
  try {
    check(value);
    return null;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const key = configErrorKeys[error.field];
    // A check this table does not know yet keeps config.ts's own (English) words.
    return key ? tr.msg({ id: key, values: { value: String(value) } }) : error.message.charAt(0).toUpperCase() + error.message.slice(1);
  }
}

/** Every field's problem, in `tr`'s language (English unless said). */
export function validateSettings(settings: Settings, tr: Translator = english): SettingsErrors {
  const errors: SettingsErrors = {};
  const set = (field: SettingsField, message: string | null) => {
    if (message !== null) errors[field] = message;
  };
  set('lr', checkWith(tr, checkLearningRate, settings.lr, tr.t('error.lr.empty')));
  set('batchSize', checkWith(tr, checkBatchSize, settings.batchSize, tr.t('error.batchSize.empty')));
  set('epochs', checkWith(tr, checkEpochs, settings.epochs, tr.t('error.epochs.empty')));
  const epochs = parse(settings.epochs);
  if (errors.epochs === undefined && epochs === 0) errors.epochs = tr.t('error.epochs.zero');
  const seed = parse(settings.seed);
  if (seed === '') errors.seed = tr.t('error.seed.empty');
  else if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    errors.seed = tr.t('error.seed', { value: settings.seed.trim() });
  }
  if (settings.optimizer === 'sgd') set('momentum', checkWith(tr, checkMomentum, settings.momentum, tr.t('error.momentum.empty')));
  const dropout = parse(settings.dropout);
  if (dropout === '') errors.dropout = tr.t('error.dropout.empty');
  else if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) {
    errors.dropout = tr.t('error.dropout', { value: settings.dropout.trim() });
  }
  if (hasImages(settings.dataset)) checkConvBlocks(settings, tr, set);
  checkSchedule(settings, tr, set);
  settings.hidden.forEach((text, i) => {
    const width = parse(text);
    if (width === '') errors[`hidden-${i}`] = tr.t('error.units.empty');
    else if (typeof width !== 'number' || !Number.isInteger(width) || width < 1 || width > MAX_HIDDEN_WIDTH) {
      errors[`hidden-${i}`] = tr.t('error.units', { max: String(MAX_HIDDEN_WIDTH), value: text.trim() });
    }
  });
  return errors;
}

export const scheduleErrorKeys = {
  stepSize: 'schedule.error.stepSize',
  gamma: 'schedule.error.gamma',
  tMax: 'schedule.error.tMax',
  etaMin: 'schedule.error.etaMin',
} as const satisfies Record<ScheduleTextField, MessageId>;

/** The schedule's fields: numbers, then lr-schedule.ts's own check (eta_min against the learning rate when that is valid). */
function checkSchedule(settings: Settings, tr: Translator, set: (field: SettingsField, message: string | null) => void): void {
  const schedule = settings.lrSchedule ?? noSchedule;
  const spec = scheduleSpec(schedule);
  if (!spec) return;
  const notNumbers = new Set<ScheduleTextField>();
  for (const field of scheduleFields[schedule.type]) {
    const value = parse(schedule[field]);
    if (typeof value === 'number') continue;
    notNumbers.add(field);
    set(`schedule-${field}`, value === '' ? tr.t('schedule.error.empty') : tr.t(scheduleErrorKeys[field], { value: schedule[field].trim() }));
  }
  // Each field is checked on its own, so a field that is not a number hides no problem of the other.
  const lr = parse(settings.lr);
  for (const problem of scheduleProblems(spec, typeof lr === 'number' && lr > 0 ? lr : Infinity)) {
    const field = problem.field.replace(/^lrSchedule\./, '') as ScheduleTextField;
    if (field in scheduleErrorKeys && !notNumbers.has(field)) set(`schedule-${field}`, tr.t(scheduleErrorKeys[field], { value: schedule[field].trim() }));
  }
}

/** The schedule the fields describe (numbers not yet checked), or undefined for none. */
export function scheduleSpec(schedule: ScheduleSettings): LrScheduleSpec | undefined {
  if (schedule.type === 'step') return { type: 'step', stepSize: Number(schedule.stepSize), gamma: Number(schedule.gamma) };
  if (schedule.type === 'cosine') return { type: 'cosine', tMax: Number(schedule.tMax), etaMin: Number(schedule.etaMin) };
  return undefined;
}

const convErrorKeys = { channels: 'error.conv.channels', kernel: 'error.conv.kernel', padding: 'error.conv.padding' } as const satisfies Record<
  'channels' | 'kernel' | 'padding',
  MessageId
>;

/** Each block's numbers, and whether its kernel fits the image left by the blocks before it, beside the field that causes it. */
function checkConvBlocks(settings: Settings, tr: Translator, set: (field: SettingsField, message: string | null) => void): void {
  let shape: readonly number[] = datasetInfo(settings.dataset).inputShape;
  settings.conv.forEach((block, i) => {
    const whole = (field: 'channels' | 'kernel' | 'padding', min: number, max: number) => {
      const value = parse(block[field]);
      const ok = typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
      const values = { min: String(min), max: String(max), value: block[field].trim() || tr.t('error.nothing') };
      if (!ok) set(`conv-${i}-${field}`, tr.t(convErrorKeys[field], values));
      return ok;
    };
    const fine = [whole('channels', 1, MAX_CHANNELS), whole('kernel', 1, MAX_KERNEL), whole('padding', 0, MAX_KERNEL)].every(Boolean);
    if (!fine || shape.length !== 3) {
      shape = [];
      return;
    }
    const layers = convBlock(block, shape[0]!, settings.activation);
    try {
      shape = checkLayers(layers, shape).output;
    } catch {
      const kernel = Number(block.kernel);
      set(`conv-${i}-kernel`, tr.t(block.pool ? 'error.conv.fitPooled' : 'error.conv.fit', { kernel: String(kernel), input: formatSampleShape(shape) }));
      shape = [];
    }
  });
}

function convBlock(block: ConvBlockSettings, inChannels: number, activation: ActivationName): LayerSpec[] {
  const size = Number(block.kernel);
  const padding = Number(block.padding);
  return [
    { type: 'conv2d', in: inChannels, out: Number(block.channels), kernel: [size, size], padding: [padding, padding] },
    { type: activation },
    ...(block.pool ? [{ type: 'maxpool2d', kernel: [2, 2] } satisfies LayerSpec] : []),
  ];
}

/**
 * The model as torch.nn.Sequential would list them: the convolution blocks
 * and a Flatten (image datasets), then Linear layers through the hidden
 * widths to the outputs.
 */
export function buildLayers(settings: Settings): LayerSpec[] {
  const info = datasetInfo(settings.dataset);
  const layers: LayerSpec[] = [];
  let shape: readonly number[] = info.inputShape;
  if (hasImages(settings.dataset) && settings.conv.length > 0) {
    for (const block of settings.conv) {
      const part = convBlock(block, shape[0]!, settings.activation);
      shape = checkLayers(part, shape).output;
      layers.push(...part);
    }
    layers.push({ type: 'flatten' });
  }
  const inputs = shape.reduce((a, b) => a * b, 1);
  const widths = [inputs, ...settings.hidden.map(Number), outputsOf(settings.dataset)];
  const dropout = Number(settings.dropout);
  for (let i = 0; i + 1 < widths.length; i++) {
    layers.push({ type: 'linear', in: widths[i]!, out: widths[i + 1]! });
    if (i + 2 < widths.length) {
      layers.push({ type: settings.activation });
      if (dropout > 0) layers.push({ type: 'dropout', p: dropout });
    }
  }
  if (settings.reluAfterLast) layers.push({ type: 'relu' });
  // One 0/1 target (blobs): a sigmoid output and binary cross-entropy, as in the tutorial.
  if (info.output === 'sigmoid-probability') layers.push({ type: 'sigmoid' });
  return layers;
}

export function optimizerSpec(optimizer: OptimizerName, lr: number, momentum: number): OptimizerSpec {
  if (optimizer === 'sgd') return momentum > 0 ? { type: 'sgd', lr, momentum } : { type: 'sgd', lr };
  return { type: optimizer, lr };
}

/** The run the settings describe, or null while any field is invalid. */
export function toConfig(settings: Settings): TrainConfig | null {
  if (Object.keys(validateSettings(settings)).length > 0) return null;
  const lrSchedule = scheduleSpec(settings.lrSchedule ?? noSchedule);
  return {
    ...(lrSchedule ? { lrSchedule } : {}),
    dataset: settings.dataset,
    layers: buildLayers(settings),
    loss: datasetInfo(settings.dataset).loss,
    optimizer: optimizerSpec(settings.optimizer, Number(settings.lr), Number(settings.momentum)),
    batchSize: Number(settings.batchSize),
    epochs: Number(settings.epochs),
    seed: Number(settings.seed),
    shuffle: true,
    flip: datasetInfo(settings.dataset).augmentations.includes('flip') && settings.flip,
  };
}

export function trainLimitOf(settings: Settings): number | null {
  if (!hasImages(settings.dataset) || settings.trainLimit === 'all') return null;
  const limit = Number(settings.trainLimit);
  return Number.isInteger(limit) && limit > 0 ? limit : null;
}

/** The preset whose experiment these settings are (run length and seed aside), or "custom". */
export function matchingPreset(settings: Settings): string {
  const config = toConfig(settings);
  if (!config) return 'custom';
  const key = (c: TrainConfig) =>
    JSON.stringify([
      c.dataset,
      c.layers,
      c.loss,
      c.optimizer.type,
      c.optimizer.lr,
      'momentum' in c.optimizer ? (c.optimizer.momentum ?? 0) : 0,
      c.batchSize,
      c.flip,
      c.lrSchedule ?? null,
    ]);
  const mine = key(config);
  return presets.find((p) => key(p.config) === mine)?.name ?? 'custom';
}

/** Settings read back from storage: only what has the right shape is kept, the rest comes from the defaults. */
export function reviveSettings(value: unknown): Settings | null {
  if (!value || typeof value !== 'object') return null;
  const saved = value as Record<string, unknown>;
  const defaults = defaultSettings();
  const text = (key: keyof Settings) => (typeof saved[key] === 'string' ? (saved[key] as string) : (defaults[key] as string));
  const optimizers = Object.keys(optimizerLabels) as OptimizerName[];
  return {
    dataset: datasetNames.includes(saved.dataset as DatasetName) ? (saved.dataset as DatasetName) : defaults.dataset,
    conv: reviveConvBlocks(saved.conv) ?? defaults.conv,
    hidden:
      Array.isArray(saved.hidden) && saved.hidden.every((h) => typeof h === 'string') && saved.hidden.length <= MAX_HIDDEN_LAYERS
        ? (saved.hidden as string[])
        : defaults.hidden,
    activation: isActivationName(saved.activation) ? saved.activation : defaults.activation,
    dropout: text('dropout'),
    reluAfterLast: saved.reluAfterLast === true,
    flip: saved.flip === true,
    optimizer: optimizers.includes(saved.optimizer as OptimizerName) ? (saved.optimizer as OptimizerName) : defaults.optimizer,
    lr: text('lr'),
    momentum: text('momentum'),
    batchSize: text('batchSize'),
    epochs: text('epochs'),
    seed: text('seed'),
    trainLimit: (TRAIN_LIMITS as readonly string[]).includes(saved.trainLimit as string) ? (saved.trainLimit as string) : 'all',
    lrSchedule: reviveSchedule(saved.lrSchedule),
  };
}

/** A stored schedule: a known type and text fields, each field that is not a string from the defaults; anything else is none. */
function reviveSchedule(value: unknown): ScheduleSettings {
  if (!value || typeof value !== 'object') return noSchedule;
  const saved = value as Record<string, unknown>;
  if (!(scheduleChoices as readonly unknown[]).includes(saved.type)) return noSchedule;
  const text = (key: ScheduleTextField) => (typeof saved[key] === 'string' ? (saved[key] as string) : noSchedule[key]);
  return { type: saved.type as ScheduleSettings['type'], stepSize: text('stepSize'), gamma: text('gamma'), tMax: text('tMax'), etaMin: text('etaMin') };
}

function reviveConvBlocks(value: unknown): ConvBlockSettings[] | null {
  if (!Array.isArray(value) || value.length > MAX_CONV_BLOCKS) return null;
  const blocks = value.filter(
    (b): b is ConvBlockSettings =>
      !!b && typeof b === 'object' && ['channels', 'kernel', 'padding'].every((k) => typeof (b as Record<string, unknown>)[k] === 'string') && typeof (b as ConvBlockSettings).pool === 'boolean',
  );
  return blocks.length === value.length ? blocks.map((b) => ({ channels: b.channels, kernel: b.kernel, padding: b.padding, pool: b.pool })) : null;
}

/** One row of the model's summary: the layer as PyTorch prints it, its output for one sample, its weights and biases. */
export interface LayerSummary {
  name: string;
  shape: string;
  parameters: number;
}

/**
 * Each layer's output shape from the dataset's input ("1×28×28 → 32×28×28 →
 * 32×14×14 → …", one entry per layer with weights or that changes the shape),
 * the number of weights and biases, and the same per layer (as Keras's
 * model.summary() lists them).
 */
export function modelSummary(layers: readonly LayerSpec[], dataset: DatasetName): { shapes: string[]; parameters: number; layers: LayerSummary[] } {
  const shape = checkLayers(layers, datasetInfo(dataset).inputShape);
  const shapes = [formatSampleShape(datasetInfo(dataset).inputShape)];
  for (const layer of shape.layers) {
    const text = formatSampleShape(layer.output);
    if (text !== shapes[shapes.length - 1]) shapes.push(text);
  }
  return {
    shapes,
    parameters: shape.layers.reduce((sum, l) => sum + l.parameters, 0),
    layers: shape.layers.map((l) => ({ name: describeLayer(l.spec), shape: formatSampleShape(l.output), parameters: l.parameters })),
  };
}
