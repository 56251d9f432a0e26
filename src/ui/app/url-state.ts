// The setup in the address, so that a link opens the same experiment: the
// settings → URLSearchParams and back. Every value read from an address is
// checked with the setup form's own rules (settings.ts's validateSettings and
// its lists of choices); a value they refuse is left out, field by field, with
// a notice naming the field and the value, and the field keeps its default.
// Parameters this module does not own (lang, lesson, step, debug, ...) are
// kept as they are when the address is rewritten.
//
// The address reads like the form: ?dataset=mnist&hidden=256-256&act=relu
// &dropout=0&flip=0&reluLast=0&conv=32x3p1m-64x3p1m&opt=adam&lr=0.001
// &momentum=0&schedule=none&batch=64&epochs=3&train=all&seed=0&lang=en. Lists
// are joined by "-" (which URLSearchParams leaves unescaped); a convolution
// block is "<channels>x<kernel>p<padding>", with "m" at the end for a 2×2 max
// pool; a schedule is none, step_<step size>_<gamma> (StepLR) or
// cosine_<T_max>_<eta_min> (CosineAnnealingLR): "_" since eta_min may be 1e-5.

import { datasetNames, type DatasetName } from '../../train/config.ts';
import { writeLessonLink } from '../lessons/lesson-link.ts';
import { LANGUAGE_PARAM } from './i18n/language.ts';
import { LANGUAGES, translatorFor, type Language, type MessageId } from './i18n/translator.ts';
import {
  activationNames,
  defaultSettings,
  MAX_CONV_BLOCKS,
  MAX_HIDDEN_LAYERS,
  noSchedule,
  optimizerLabels,
  scheduleChoices,
  settingsForDataset,
  TRAIN_LIMITS,
  validateSettings,
  type ConvBlockSettings,
  type OptimizerName,
  type ScheduleSettings,
  type Settings,
  type SettingsField,
} from './store/settings.ts';
import type { AppState, useAppStore } from './store/store.ts';

/** One address value that was not used, and why, in each of the page's languages. */
export interface UrlNotice {
  /** The parameter's name in the address (lr, batch, ...). */
  param: string;
  /** The field's label in the setup form. */
  field: MessageId;
  /** The value as the address had it, cut to a readable length. */
  value: string;
  reason: Record<Language, string>;
}

export interface LinkedSetup {
  /** The setup the address describes, or null when it names no setup field (then the kept settings apply). */
  settings: Settings | null;
  notices: UrlNotice[];
}

/** No field takes a longer value; a longer one is refused before it is parsed (and shown cut). */
export const MAX_VALUE_LENGTH = 64;
const SHOWN_LENGTH = 40;

/** Why a value was refused: a form field's own message (by the field it names), or one of this module's. */
type Refusal = { field: SettingsField | 'hidden' | 'conv' | 'schedule' } | { message: (language: Language) => string };
type Read<T> = { value: T } | Refusal;

interface Param<K extends keyof Settings> {
  param: string;
  label: MessageId;
  write: (value: Settings[K]) => string;
  /** The value from its text; `settings` holds the fields read before it (the dataset and optimizer first). */
  read: (text: string, settings: Settings) => Read<Settings[K]>;
}

/** One of this module's reasons, in either language (its values are plain strings). */
function say(id: UrlReason, values?: Record<string, string>): (language: Language) => string {
  return (language) => translatorFor(language).msg({ id, values });
}
type UrlReason = Extract<MessageId, `url.reason.${string}`>;

/** One of a fixed list; `Array.includes`, so "__proto__" or "constructor" is never taken for a choice. */
function choice<T extends string>(choices: readonly T[]) {
  return (text: string): Read<T> =>
    (choices as readonly string[]).includes(text) ? { value: text as T } : { message: say('url.reason.choice', { choices: choices.join(', ') }) };
}

function flag(text: string): Read<boolean> {
  if (text === '1' || text === 'true') return { value: true };
  if (text === '0' || text === 'false') return { value: false };
  return { message: say('url.reason.flag') };
}

/** A text field of the form: whatever validateSettings accepts for it. */
function textParam<K extends 'dropout' | 'lr' | 'momentum' | 'batchSize' | 'epochs' | 'seed'>(key: K, param: string, label: MessageId): Param<K> {
  return {
    param,
    label,
    write: (value) => value,
    // Momentum is checked as SGD would take it, so that no value the form would refuse waits behind another optimizer.
    read: (text, settings) =>
      fieldErrors({ ...settings, ...(key === 'momentum' ? { optimizer: 'sgd' } : {}), [key]: text }, (f) => f === key) ? { field: key } : { value: text as Settings[K] },
  };
}

function fieldErrors(settings: Settings, field: (f: SettingsField) => boolean): boolean {
  return (Object.keys(validateSettings(settings)) as SettingsField[]).some(field);
}

const optimizers = Object.keys(optimizerLabels) as OptimizerName[];

const CONV_BLOCK = /^(\d{1,4})x(\d{1,4})p(\d{1,4})(m?)$/;

function writeConv(blocks: readonly ConvBlockSettings[]): string {
  return blocks.map((b) => `${b.channels}x${b.kernel}p${b.padding}${b.pool ? 'm' : ''}`).join('-');
}

function readConv(text: string, settings: Settings): Read<ConvBlockSettings[]> {
  const parts = text === '' ? [] : text.split('-');
  const matches = parts.map((part) => CONV_BLOCK.exec(part));
  if (parts.length > MAX_CONV_BLOCKS || matches.some((m) => m === null)) return { message: say('url.reason.conv', { max: String(MAX_CONV_BLOCKS) }) };
  const conv = matches.map((m) => ({ channels: m![1]!, kernel: m![2]!, padding: m![3]!, pool: m![4] === 'm' }));
  return fieldErrors({ ...settings, conv }, (f) => f.startsWith('conv-')) ? { field: 'conv' } : { value: conv };
}

function writeSchedule(schedule: ScheduleSettings | undefined): string {
  const s = schedule ?? noSchedule;
  if (s.type === 'step') return `step_${s.stepSize}_${s.gamma}`;
  if (s.type === 'cosine') return `cosine_${s.tMax}_${s.etaMin}`;
  return 'none';
}

function scheduleOf(text: string, settings: Settings): ScheduleSettings | null {
  const [type, first, second, ...rest] = text.split('_');
  if (!(scheduleChoices as readonly string[]).includes(type!) || rest.length > 0) return null;
  const base = settings.lrSchedule ?? noSchedule;
  if (type === 'none') return first === undefined ? { ...base, type: 'none' } : null;
  if (first === undefined || second === undefined) return null;
  return type === 'step' ? { ...base, type: 'step', stepSize: first, gamma: second } : { ...base, type: 'cosine', tMax: first, etaMin: second };
}

function readSchedule(text: string, settings: Settings): Read<ScheduleSettings | undefined> {
  const lrSchedule = scheduleOf(text, settings);
  if (!lrSchedule) return { message: say('url.reason.schedule') };
  return fieldErrors({ ...settings, lrSchedule }, (f) => f.startsWith('schedule-')) ? { field: 'schedule' } : { value: lrSchedule };
}

function readHidden(text: string, settings: Settings): Read<string[]> {
  const hidden = text === '' ? [] : text.split('-');
  if (hidden.length > MAX_HIDDEN_LAYERS) return { message: say('url.reason.hidden', { max: String(MAX_HIDDEN_LAYERS) }) };
  return fieldErrors({ ...settings, hidden }, (f) => f.startsWith('hidden-')) ? { field: 'hidden' } : { value: hidden };
}

/**
 * Every setting and its parameter, in the order they are read and written:
 * the dataset first (its default preset is the base of the rest), the
 * optimizer before its momentum. A new setting must be added here (the type
 * says so), so that no setting is ever missing from a shared link.
 */
const params: { [K in keyof Settings]-?: Param<K> } = {
  dataset: { param: 'dataset', label: 'setup.dataset', write: (v) => v, read: choice<DatasetName>(datasetNames) },
  optimizer: { param: 'opt', label: 'setup.optimizer', write: (v) => v, read: choice(optimizers) },
  hidden: { param: 'hidden', label: 'setup.hiddenLayers', write: (v) => v.join('-'), read: readHidden },
  activation: { param: 'act', label: 'setup.activation', write: (v) => v, read: choice(activationNames) },
  dropout: textParam('dropout', 'dropout', 'setup.dropout'),
  flip: { param: 'flip', label: 'setup.flip', write: (v) => (v ? '1' : '0'), read: flag },
  reluAfterLast: { param: 'reluLast', label: 'setup.reluAfterLast', write: (v) => (v ? '1' : '0'), read: flag },
  conv: { param: 'conv', label: 'setup.convBlocks', write: writeConv, read: readConv },
  lr: textParam('lr', 'lr', 'setup.lr'),
  momentum: textParam('momentum', 'momentum', 'setup.momentum'),
  // After the learning rate: eta_min is checked against it.
  lrSchedule: { param: 'schedule', label: 'schedule.label', write: writeSchedule, read: readSchedule },
  batchSize: textParam('batchSize', 'batch', 'setup.batchSize'),
  epochs: textParam('epochs', 'epochs', 'setup.epochs'),
  trainLimit: { param: 'train', label: 'setup.trainImages', write: (v) => v, read: choice(TRAIN_LIMITS) },
  seed: textParam('seed', 'seed', 'setup.seed'),
};

const order = Object.keys(params) as (keyof Settings)[];

/** The address parameters that carry the setup (lang, lesson and step are not among them). */
export const SETUP_PARAMS: readonly string[] = order.map((key) => params[key].param);

/** The setup as address parameters, in the form's order, with the page's language last. */
export function setupToParams(settings: Settings, language?: Language): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of order) out.set(params[key].param, (params[key].write as (v: Settings[typeof key]) => string)(settings[key]));
  if (language) out.set(LANGUAGE_PARAM, language);
  return out;
}

function shown(text: string): string {
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}…` : text;
}

function refusalText(refusal: Refusal, settings: Settings, value: string, language: Language): string {
  if ('message' in refusal) return refusal.message(language);
  const errors = validateSettings(settings, translatorFor(language));
  const field = refusal.field;
  const key = (Object.keys(errors) as SettingsField[]).find((f) => f === field || f.startsWith(`${field}-`));
  return key ? errors[key]! : value;
}

/**
 * The setup an address describes: the dataset's default preset, then each
 * field the address gives and the form accepts. Never throws, whatever the
 * address holds.
 */
export function setupFromParams(search: string | URLSearchParams): LinkedSetup {
  const query = typeof search === 'string' ? new URLSearchParams(search) : search;
  if (!SETUP_PARAMS.some((param) => query.has(param))) return { settings: null, notices: [] };
  let settings = defaultSettings();
  const notices: UrlNotice[] = [];
  for (const key of order) {
    const { param, label, read } = params[key];
    const raw = query.get(param);
    if (raw === null) continue;
    const text = raw.trim();
    let result: Read<Settings[typeof key]>;
    if (text.length > MAX_VALUE_LENGTH) result = { message: say('url.reason.long') };
    else result = (read as (text: string, settings: Settings) => Read<Settings[typeof key]>)(text, settings);
    if ('value' in result) {
      // A dataset brings its own default preset, as choosing it in the form does.
      settings = key === 'dataset' ? settingsForDataset(result.value as DatasetName, settings) : { ...settings, [key]: result.value };
      continue;
    }
    const refused = refusalCandidate(key, text, settings);
    const reason = Object.fromEntries(LANGUAGES.map((language) => [language, refusalText(result as Refusal, refused, shown(text), language)])) as Record<Language, string>;
    notices.push({ param, field: label, value: shown(raw), reason });
  }
  return { settings, notices };
}

/** The settings with the refused value in place, so that the form's own message for it can be asked for. */
function refusalCandidate(key: keyof Settings, text: string, settings: Settings): Settings {
  if (key === 'momentum') return { ...settings, optimizer: 'sgd', momentum: text };
  if (key === 'lrSchedule') return { ...settings, lrSchedule: scheduleOf(text, settings) ?? noSchedule };
  if (key === 'hidden') return { ...settings, hidden: text.split('-') };
  if (key === 'conv') {
    const conv = text.split('-').map((part) => CONV_BLOCK.exec(part)).filter((m) => m !== null).map((m) => ({ channels: m[1]!, kernel: m[2]!, padding: m[3]!, pool: m[4] === 'm' }));
    return { ...settings, conv };
  }
  return { ...settings, [key]: text };
}

/**
 * `href` with the setup's parameters (and the language) set, in the form's
 * order and ahead of the others; every other parameter and the fragment are
 * kept as they were.
 */
export function addressWithSetup(href: string, settings: Settings, language: Language): string {
  const url = new URL(href);
  const next = setupToParams(settings, language);
  const owned = new Set(next.keys());
  for (const [name, value] of url.searchParams) if (!owned.has(name)) next.append(name, value);
  url.search = next.toString();
  return url.toString();
}

type Store = Pick<typeof useAppStore, 'getState' | 'setState' | 'subscribe'>;

/**
 * Start-up: the setup the address describes, with the notices for what was
 * refused. The caller restores it (before the first render) instead of the
 * settings the browser kept, and then calls keepAddressCurrent.
 */
export function readLinkedSetup(store: Store, search: string): Settings | null {
  const linked = setupFromParams(search);
  store.setState({ urlNotices: linked.notices });
  return linked.settings;
}

/**
 * The address follows the page: the setup and the language, and the lesson
 * step once the learner moves to another one (the lessons read ?lesson=&step=
 * themselves at start-up, lessons/lesson-link.ts). history.replaceState, so
 * typing a value adds no entry to the back button's history.
 */
export function keepAddressCurrent(store: Store): () => void {
  const write = (state: AppState, lessonMoved: boolean) => {
    const url = new URL(addressWithSetup(location.href, state.settings, state.language));
    if (lessonMoved) writeLessonLink(url.searchParams, state.lessonPosition);
    if (url.toString() !== location.href) history.replaceState(history.state, '', url.toString());
  };
  write(store.getState(), false);
  return store.subscribe((state, previous) => {
    const lessonMoved = state.lessonPosition !== previous.lessonPosition;
    if (lessonMoved || state.settings !== previous.settings || state.language !== previous.language) write(state, lessonMoved);
  });
}
