// One translator per language over FormatJS's react-intl: t() for plain text,
// rich() for text with <b>, <code> or <em> inside, msg() for messages kept in
// the store (so a message already shown follows a language switch), and the
// page's numbers in the language's own format. t()'s values are typed from
// the English message: a missing or misspelt value fails the type check.

import { createElement, type ReactNode } from 'react';
import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { en, type MessageId } from './en.ts';
import { ko } from './ko.ts';

export type Language = 'en' | 'ko';
export type { MessageId };

/** In the order the language switch offers them. */
export const LANGUAGES: readonly Language[] = ['ko', 'en'];
export const LOCALES: Record<Language, string> = { en: 'en-US', ko: 'ko-KR' };
const catalogues: Record<Language, Record<MessageId, string>> = { en, ko };

// ---- the values a message takes, read from its English text ----
type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;
type ArgName<S extends string> = S extends `${infer Head},${string}` ? Trim<Head> : Trim<S>;
/** Branch texts of plural/select ("# images", " (stopped early)") are not names: they hold spaces or #. */
type ValidName<N extends string> = N extends '' ? never : N extends `${string}${' ' | '#' | '{' | '<' | '\n'}${string}` ? never : N;
type ArgsOf<S extends string> = S extends `${string}{${infer Inner}}${infer Rest}` ? ValidName<ArgName<Inner>> | ArgsOf<Rest> : never;
export type MessageArgs<K extends MessageId> = ArgsOf<(typeof en)[K]>;

export type Value = string | number;
/** A message kept for later: its values may be messages too (translated when shown). */
export interface Msg {
  id: MessageId;
  values?: Record<string, Value | Msg>;
}
type ValuesOf<K extends MessageId, V> = [MessageArgs<K>] extends [never] ? [] : [values: Record<MessageArgs<K>, V>];

/** A message to show later, in whatever language the page then has. */
export function msg<K extends MessageId>(id: K, ...values: ValuesOf<K, Value | Msg>): Msg {
  return values[0] ? { id, values: values[0] } : { id };
}

/** Text from the engine or the browser that no catalogue holds (shown as it is, inside a translated frame). */
export function rawText(text: string): Msg {
  return { id: 'engine.text', values: { text } };
}

export interface Translator {
  readonly language: Language;
  readonly locale: string;
  t<K extends MessageId>(id: K, ...values: ValuesOf<K, Value>): string;
  /** A message with <b>, <code> or <em> in it, as React nodes. */
  rich<K extends MessageId>(id: K, ...values: ValuesOf<K, ReactNode>): ReactNode;
  /** rich() with the page's own elements for some tags (a coloured <em>, say). */
  richWith<K extends MessageId>(tags: Record<string, (chunks: ReactNode[]) => ReactNode>, id: K, ...values: ValuesOf<K, ReactNode>): ReactNode;
  msg(message: Msg): string;
  /** A whole count with the language's grouping: 60,000. */
  count(n: number): string;
  /** A fraction as a percentage: 0.975 → 97.5%. */
  percent(fraction: number, digits?: number): string;
  /** A number with at most `digits` decimals (trailing zeros kept when `fixed`). */
  decimal(x: number, digits: number, fixed?: boolean): string;
  /** "40 ms", "4.2 s", "3 min 5 s", "1 h 2 min" (Korean: 40ms, 4.2초, 3분 5초, 1시간 2분). */
  duration(seconds: number): string;
}

const cache = createIntlCache();
const richElements = {
  b: (chunks: ReactNode[]) => createElement('strong', null, ...chunks),
  code: (chunks: ReactNode[]) => createElement('code', null, ...chunks),
  em: (chunks: ReactNode[]) => createElement('span', { className: 'em' }, ...chunks),
};

function makeTranslator(language: Language): Translator {
  const locale = LOCALES[language];
  const intl: IntlShape = createIntl({ locale, defaultLocale: 'en-US', messages: catalogues[language] }, cache);
  // The untyped entry point; the typed wrappers below decide what may be passed.
  const format = intl.formatMessage as (descriptor: { id: string }, values?: Record<string, unknown>) => unknown;
  const numbers = new Map<string, Intl.NumberFormat>();
  const numberFormat = (key: string, options: Intl.NumberFormatOptions) => {
    let f = numbers.get(key);
    if (!f) numbers.set(key, (f = new Intl.NumberFormat(locale, options)));
    return f;
  };
  const text = (id: MessageId, values?: Record<string, Value>): string => {
    const out = format({ id }, values);
    return Array.isArray(out) ? out.join('') : String(out);
  };
  const translator: Translator = {
    language,
    locale,
    t: (id, ...values) => text(id, values[0]),
    rich: (id, ...values) => format({ id }, { ...richElements, ...values[0] }) as ReactNode,
    richWith: (tags, id, ...values) => format({ id }, { ...richElements, ...tags, ...values[0] }) as ReactNode,
    msg: (message) => {
      const values: Record<string, Value> = {};
      for (const [key, value] of Object.entries(message.values ?? {})) values[key] = typeof value === 'object' ? translator.msg(value) : value;
      return text(message.id, values);
    },
    count: (n) => (Number.isFinite(n) ? numberFormat('count', { maximumFractionDigits: 0 }).format(Math.round(n)) : '–'),
    percent: (fraction, digits = 1) =>
      Number.isFinite(fraction)
        ? numberFormat(`percent${digits}`, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction)
        : '–',
    decimal: (x, digits, fixed = false) =>
      Number.isFinite(x) ? numberFormat(`decimal${digits}${fixed}`, { minimumFractionDigits: fixed ? digits : 0, maximumFractionDigits: digits }).format(x) : '–',
    duration: (seconds) => {
      if (!Number.isFinite(seconds) || seconds < 0) return '–';
      if (seconds < 1) return text('unit.ms', { n: translator.count(seconds * 1000) });
      if (seconds < 10) return text('unit.s', { n: translator.decimal(seconds, 1, true) });
      if (seconds < 60) return text('unit.s', { n: translator.count(seconds) });
      const minutes = Math.floor(seconds / 60);
      if (minutes < 60) return text('unit.minS', { m: String(minutes), s: String(Math.round(seconds - minutes * 60)) });
      return text('unit.hMin', { h: translator.count(Math.floor(minutes / 60)), m: String(minutes % 60) });
    },
  };
  return translator;
}

const translators = new Map<Language, Translator>();

export function translatorFor(language: Language): Translator {
  let translator = translators.get(language);
  if (!translator) translators.set(language, (translator = makeTranslator(language)));
  return translator;
}

/** The page's English: the default of helpers that tests and the worker-free code call without a language. */
export const english: Translator = translatorFor('en');
