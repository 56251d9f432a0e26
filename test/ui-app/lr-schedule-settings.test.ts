// @vitest-environment jsdom
// The learning-rate schedule in the setup: its fields become the run's
// lrSchedule, bad values get a message beside the field in the page's
// language, saved settings keep a schedule and drop a malformed one, and the
// Korean setup shows the field in Korean (PyTorch's names aside).

import { createElement as h } from 'react';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translatorFor } from '../../src/ui/app/i18n/translator.ts';
import {
  defaultSettings,
  matchingPreset,
  noSchedule,
  reviveSettings,
  settingsFromPreset,
  toConfig,
  validateSettings,
  withScheduleType,
  type Settings,
} from '../../src/ui/app/store/settings.ts';
import { useAppStore } from '../../src/ui/app/store/store.ts';
import { connectPort } from '../../src/ui/app/store/worker-port.ts';
import { ScheduleFields } from '../../src/ui/setup/ScheduleFields.tsx';
import { SetupPanel } from '../../src/ui/setup/SetupPanel.tsx';
import { TrainProgress } from '../../src/ui/train/TrainProgress.tsx';

/** English words shown or named outside lang="en" glosses, as test/ui-app/korean-page.test.ts finds them; "Hangul(English)" is the glossary's style. */
function englishWords(root: Element): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) if (!walker.currentNode.parentElement?.closest('[lang="en"]')) texts.push(walker.currentNode.textContent ?? '');
  for (const element of root.querySelectorAll('*')) {
    if (element.closest('[lang="en"]')) continue;
    for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) texts.push(element.getAttribute(attribute) ?? '');
  }
  const text = texts.join('\n').replace(/([\uac00-\ud7a3])\([A-Za-z][A-Za-z -]*\)/g, '$1');
  return (text.match(/[A-Za-z][A-Za-z0-9._/-]*[A-Za-z0-9]/g) ?? []).filter((word) => word !== 'PyTorch');
}

const sgd = (): Settings => ({ ...settingsFromPreset('mnist-linear-sgd'), epochs: '9' });
const scheduled = (patch: Partial<NonNullable<Settings['lrSchedule']>>): Settings => ({ ...sgd(), lrSchedule: { ...noSchedule, ...patch } });

describe('the schedule fields', () => {
  it('become the run’s StepLR or CosineAnnealingLR, and none leaves it out', () => {
    expect(toConfig(scheduled({ type: 'step', stepSize: '3', gamma: '0.5' }))?.lrSchedule).toEqual({ type: 'step', stepSize: 3, gamma: 0.5 });
    expect(toConfig(scheduled({ type: 'cosine', tMax: '9', etaMin: '1e-4' }))?.lrSchedule).toEqual({ type: 'cosine', tMax: 9, etaMin: 1e-4 });
    expect(toConfig(sgd())).not.toHaveProperty('lrSchedule');
    expect(toConfig(scheduled({ type: 'none', stepSize: 'x' }))).not.toHaveProperty('lrSchedule');
    // A schedule is another experiment than the preset's.
    expect(matchingPreset(sgd())).toBe('mnist-linear-sgd');
    expect(matchingPreset(scheduled({ type: 'step', stepSize: '3' }))).toBe('custom');
  });

  it('fill their epochs from the run length when a schedule is chosen', () => {
    expect(withScheduleType(sgd(), 'step')).toMatchObject({ type: 'step', stepSize: '3', gamma: '0.1' });
    expect(withScheduleType(sgd(), 'cosine')).toMatchObject({ type: 'cosine', tMax: '9', etaMin: '0' });
    expect(withScheduleType(scheduled({ stepSize: '7' }), 'step').stepSize).toBe('7');
  });

  it('say what is wrong beside the field, in English and Korean', () => {
    const errors = (settings: Settings, language: 'en' | 'ko' = 'en') => validateSettings(settings, translatorFor(language));
    expect(errors(scheduled({ type: 'step', stepSize: '0', gamma: '0.1' }))).toEqual({ 'schedule-stepSize': 'Every how many epochs: a whole number of at least 1, got 0' });
    expect(errors(scheduled({ type: 'step', stepSize: '2', gamma: '1.5' }))['schedule-gamma']).toMatch(/^Gamma must be above 0 and at most 1/);
    expect(errors(scheduled({ type: 'step', stepSize: '', gamma: 'x' }))).toEqual({ 'schedule-stepSize': 'Enter a number', 'schedule-gamma': expect.stringContaining('got x') });
    expect(errors(scheduled({ type: 'cosine', tMax: '2.5', etaMin: '0' }))['schedule-tMax']).toMatch(/^T_max must be a whole number/);
    // mnist-linear-sgd's rate is 0.1: the lowest rate must be below it.
    expect(errors(scheduled({ type: 'cosine', tMax: '5', etaMin: '0.2' }))['schedule-etaMin']).toMatch(/below the learning rate, got 0\.2$/);
    expect(errors(scheduled({ type: 'cosine', tMax: '5', etaMin: '0.2' }), 'ko')['schedule-etaMin']).toBe('최소 학습률은 0 이상이고 학습률보다 작아야 합니다. 입력값: 0.2');
    // The other schedule's fields are not checked.
    expect(errors(scheduled({ type: 'cosine', tMax: '5', etaMin: '0', stepSize: 'x' }))).toEqual({});
  });

  it('are kept by the saved settings, and a malformed saved schedule is none', () => {
    const saved = scheduled({ type: 'cosine', tMax: '12', etaMin: '0.001' });
    expect(reviveSettings(JSON.parse(JSON.stringify(saved)))?.lrSchedule).toEqual(saved.lrSchedule);
    const revive = (lrSchedule: unknown) => reviveSettings({ ...saved, lrSchedule })?.lrSchedule;
    expect(revive({ type: 'exponential', stepSize: '3' })).toEqual(noSchedule);
    expect(revive('step:3')).toEqual(noSchedule);
    expect(revive(undefined)).toEqual(noSchedule);
    expect(revive({ type: 'step', stepSize: 3, gamma: '0.5' })).toEqual({ ...noSchedule, type: 'step', gamma: '0.5' });
    expect(reviveSettings({ dataset: 'mnist' })?.lrSchedule).toEqual(noSchedule);
    expect(defaultSettings().lrSchedule).toEqual(noSchedule);
  });
});

describe('the schedule in the Korean setup', () => {
  const initial = useAppStore.getState();
  beforeEach(() => {
    useAppStore.setState({ ...initial, language: 'ko', gpuStatus: 'ready', settings: scheduled({ type: 'cosine', tMax: '9', etaMin: '0' }) }, true);
    connectPort(() => {});
  });
  afterEach(cleanup);

  it('names the field and its numbers in Korean, with PyTorch’s argument names beside them', () => {
    const { container } = render(h(SetupPanel));
    const select = screen.getByRole('combobox', { name: '학습률 스케줄' });
    expect((select as HTMLSelectElement).value).toBe('cosine');
    expect([...(select as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      '없음(에폭마다 같은 학습률)',
      '계단식 감소(StepLR): 몇 에폭마다 낮춥니다',
      '코사인 감소(CosineAnnealingLR): 코사인 곡선을 따라 낮춥니다',
    ]);
    expect(screen.getByRole('textbox', { name: '감소 기간(에폭)' })).toHaveProperty('value', '9');
    expect(screen.getByRole('textbox', { name: '최소 학습률' })).toHaveProperty('value', '0');
    expect(screen.getByRole('button', { name: '학습률 스케줄 설명' })).toBeTruthy();
    const glosses = [...container.querySelectorAll('.field__gloss')].map((g) => g.textContent);
    expect(glosses).toEqual(expect.arrayContaining(['learning-rate scheduler', 'T_max', 'eta_min']));
  });

  for (const type of ['step', 'cosine'] as const) {
    it(`shows no stray English with ${type === 'step' ? 'StepLR' : 'CosineAnnealingLR'} chosen and bad values`, () => {
      const settings = scheduled({ type, stepSize: '0', gamma: '2', tMax: 'x', etaMin: '-1' });
      const errors = validateSettings(settings, translatorFor('ko'));
      const { container } = render(h(ScheduleFields, { settings, errors }));
      for (const button of container.querySelectorAll('button')) button.click();
      expect(Object.keys(errors)).toHaveLength(2);
      expect(container.textContent).toContain(Object.values(errors)[0]);
      expect(englishWords(container)).toEqual([]);
    });
  }
});

describe('the training progress', () => {
  const initial = useAppStore.getState();
  afterEach(cleanup);
  const progress = { type: 'progress', epoch: 5, epochs: 6, stepInEpoch: 1, stepsPerEpoch: 1, steps: 5, samplesPerSecond: 0, secondsLeft: NaN } as const;

  it('shows the epoch’s rate when a schedule changes it, and nothing more without one', () => {
    useAppStore.setState({ ...initial, language: 'en', progress: { ...progress, lr: 0.0075 } }, true);
    const { container, rerender } = render(h(TrainProgress));
    expect(container.textContent).toMatch(/step 1 of 1 · .* · learning rate 0.0075$/);
    useAppStore.setState({ progress: { ...progress, lr: 0.1 * 0.5 ** 3 * (1 + 1e-13) }, language: 'ko' });
    rerender(h(TrainProgress));
    expect(container.textContent).toContain('학습률 0.0125');
    useAppStore.setState({ progress });
    rerender(h(TrainProgress));
    expect(container.textContent).not.toMatch(/학습률|learning rate/);
  });
});
