// The table from each setting to the lesson step that shows it: every entry
// opens a step that exists, every help text of the setup has an entry (a step,
// or null: no step shows it, on purpose), and every help text the setup shows
// goes through settingHelp, so its popover carries the link.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/app/i18n/en.ts';
import { english, translatorFor } from '../../src/ui/app/i18n/translator.ts';
import { findLesson, stepAt } from '../../src/ui/lessons/lessons.ts';
import { settingLessons } from '../../src/ui/lessons/setting-lessons.ts';

const isTip = (key: string) => /^tip\./.test(key) || key === 'schedule.tip' || /^schedule\.[^.]+\.tip$/.test(key);
const setupDir = join(import.meta.dirname, '../../src/ui/setup');
const setupSources = readdirSync(setupDir)
  .filter((f) => f.endsWith('.tsx'))
  .map((f) => ({ file: f, text: readFileSync(join(setupDir, f), 'utf8') }));

describe('setting → lesson step', () => {
  it('points every entry at a step that exists', () => {
    for (const [tip, position] of Object.entries(settingLessons)) {
      if (position === null) continue;
      const lesson = findLesson(position.lessonId);
      expect(lesson, tip).toBeDefined();
      expect(stepAt(lesson!, position.step), `${tip} → ${position.lessonId} step ${position.step}`).toBeDefined();
    }
  });

  it('has an entry, or null on purpose, for every help text of a setting', () => {
    const tips = Object.keys(en).filter(isTip).sort();
    expect(tips.length).toBeGreaterThan(15);
    expect(Object.keys(settingLessons).sort()).toEqual(tips);
    // The settings the issue names are shown in a lesson (momentum, seed and the schedule are not, yet).
    for (const tip of ['tip.dataset', 'tip.preset', 'tip.units', 'tip.activation', 'tip.dropout', 'tip.flip', 'tip.optimizer', 'tip.lr', 'tip.batchSize', 'tip.epochs', 'tip.trainLimit', 'tip.convKernel'] as const) {
      expect(settingLessons[tip], tip).not.toBeNull();
    }
  });

  it('is what the setup fields show: every help button there gets its lesson link', () => {
    const used = new Set<string>();
    for (const { file, text } of setupSources) {
      // A field's tip given as a plain string would show its help without the link.
      expect(text, file).not.toMatch(/\btip=\{/);
      for (const m of text.matchAll(/settingHelp\('([^']+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/tip: '([^']+)'/g)) used.add(m[1]!);
    }
    for (const tip of used) expect(Object.keys(settingLessons), tip).toContain(tip);
    expect(used.has('tip.lr')).toBe(true);
  });

  it('names the step in both languages', () => {
    const position = settingLessons['tip.lr']!;
    const lesson = findLesson(position.lessonId)!;
    expect(english.t('helpLinks.seeInLesson', { lesson: english.t(lesson.title), n: position.step })).toBe('See it in a lesson: 5. Optimising the model’s parameters, step 2');
    const ko = translatorFor('ko');
    expect(ko.t('helpLinks.seeInLesson', { lesson: ko.t(lesson.title), n: position.step })).toMatch(/^학습 과정에서 보기: .+ 2단계$/);
  });
});
