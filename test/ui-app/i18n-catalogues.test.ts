// The two catalogues in step: the same keys, messages that parse as ICU in
// both, Korean messages that use only values and tags the page passes (those
// of the English message), no key that no code uses (the areas' catalogues
// included: they are catalogues, not code), and no English message
// copied into the Korean catalogue untranslated (beyond names that are the
// same in both languages).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { en, type MessageId } from '../../src/ui/app/i18n/en.ts';
import { ko } from '../../src/ui/app/i18n/ko.ts';

const keys = Object.keys(en) as MessageId[];

/** The value names and the tag names a message uses, through plural and select branches and inside tags. */
function uses(message: string): { values: Set<string>; tags: Set<string> } {
  const values = new Set<string>();
  const tags = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) values.add(element.value);
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        values.add(element.value);
        for (const option of Object.values(element.options)) walk(option.value);
      }
      if (element.type === TYPE.tag) {
        tags.add(element.value);
        walk(element.children);
      }
    }
  };
  walk(parse(message));
  return { values, tags };
}

/** Korean messages that are rightly the same as the English ones: names, figures and frames around a value. */
const sameInBoth = new Set<MessageId>([
  'language.ko',
  'language.en',
  'header.gpu',
  'engine.text',
  'dataset.mnist',
  'dataset.fashion-mnist',
  'preset.fashion-dnn-sgd',
  'activation.relu',
  'draw.model',
  'status.afterMessage',
  'unit.ms',
  ...keys.filter((key) => key.startsWith('gloss.')),
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** A catalogue file: i18n/en.ts, i18n/ko.ts, or an area's i18n/areas/<area>.en.ts and <area>.ko.ts. */
const isCatalogue = (path: string) => /i18n\/(en|ko)\.ts$/.test(path) || /i18n\/areas\/[^/]+\.(en|ko)\.ts$/.test(path);

describe('the catalogues', () => {
  it('have the same keys, and no empty message', () => {
    expect(Object.keys(ko).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(en[key].trim(), key).not.toBe('');
      expect(ko[key].trim(), key).not.toBe('');
    }
  });

  it('hold messages that parse, and Korean ones use only the values and tags the page passes', () => {
    const pageTags = new Set(['b', 'code', 'em']);
    for (const key of keys) {
      const english = uses(en[key]);
      const korean = uses(ko[key]);
      for (const value of korean.values) expect(english.values, `${key}: {${value}}`).toContain(value);
      for (const tag of [...english.tags, ...korean.tags]) expect(pageTags, `${key}: <${tag}>`).toContain(tag);
    }
  });

  it('are translated: a Korean message has Hangul unless it is a name the same in both', () => {
    for (const key of keys) {
      if (sameInBoth.has(key)) continue;
      expect(ko[key], key).toMatch(/[\uac00-\ud7a3]/);
      expect(ko[key], key).not.toBe(en[key]);
    }
  });

  it('hold no key that the page never uses', () => {
    const root = new URL('../../src/ui/', import.meta.url).pathname;
    // The catalogues themselves are not code: en.ts and ko.ts, and the areas' pairs they spread
    // (i18n/areas/*.en.ts, *.ko.ts), else every area key would count as used by its own catalogue.
    const code = sourceFiles(root)
      .filter((path) => !isCatalogue(path))
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    // A key built at run time, tr.t(`traintest.col.${column}`): its literal head counts as a use of
    // every key it begins (type-level templates, Extract<MessageId, `tip.${string}`>, do not).
    const builtHeads = [...code.matchAll(/\b(?:t|rich|msg)\(\s*`([a-zA-Z][\w.-]*\.)\$\{/g)].map((m) => m[1]!);
    const unused = keys.filter((key) => !code.includes(`'${key}'`) && !builtHeads.some((head) => key.startsWith(head)));
    expect(unused).toEqual([]);
  });

  it('use the tutorials’ Korean terms (GLOSSARY-ko.md), not their near misses', () => {
    const korean = Object.values(ko).join('\n');
    // 학습율 for 학습률, 에포크 for 에폭, 라벨 for 레이블: the tutorials write the first of each.
    for (const wrong of ['학습율', '에포크', '라벨', '옵티마이져', '배치 사이즈']) expect(korean).not.toContain(wrong);
  });
});
