// @vitest-environment jsdom
// The lessons as data and the panel that shows them: every step's setup makes
// valid settings through the store's own actions, every reference has a
// figure, each step renders in Korean with no English outside code and the
// names both languages share, and the store's training state marks a step
// reached.
import { createElement as h } from 'react';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EpochEvent } from '../../src/train/events.ts';
import { findPreset } from '../../src/train/presets.ts';
import { translatorFor } from '../../src/ui/app/i18n/translator.ts';
import { toConfig, validateSettings } from '../../src/ui/app/store/settings.ts';
import { useAppStore } from '../../src/ui/app/store/store.ts';
import { idleRun } from '../../src/ui/app/store/train-slice.ts';
import { connectPort } from '../../src/ui/app/store/worker-port.ts';
import { LessonsButton, LessonsPanel } from '../../src/ui/lessons/LessonsPanel.tsx';
import { lessons } from '../../src/ui/lessons/lessons.ts';
import { referenceFigure } from '../../src/ui/lessons/reference.ts';
import { applySetup } from '../../src/ui/lessons/setup.ts';
import { checkGoal } from '../../src/ui/lessons/start-lessons.ts';

const initial = useAppStore.getState();

beforeEach(() => {
  useAppStore.setState({ ...initial, gpuStatus: 'ready' }, true);
  connectPort(() => {});
});

afterEach(() => {
  cleanup();
  connectPort(null);
});

/** Names the same in both languages (as in test/ui-app/korean-page.test.ts), and what the lessons add: layer and file names. */
const allowed = new Set(
  ['MNIST', 'Fashion-MNIST', 'SGD', 'Adam', 'RMSprop', 'ReLU', 'PyTorch', 'WebGPU', 'GPU', 'CNN', 'MLP', 'Linear', 'XOR', 'BCE', 'pt'].map((w) => w.toLowerCase()),
);

function englishWords(root: Element): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) if (!walker.currentNode.parentElement?.closest('[lang="en"], code, pre')) texts.push(walker.currentNode.textContent ?? '');
  for (const element of root.querySelectorAll('*')) for (const attribute of ['aria-label', 'title']) texts.push(element.getAttribute(attribute) ?? '');
  const text = texts.join('\n').replace(/([\uac00-\ud7a3])\([A-Za-z][A-Za-z -]*\)/g, '$1');
  return [...new Set((text.match(/[A-Za-z][A-Za-z0-9._/-]*[A-Za-z0-9]/g) ?? []).filter((w) => !allowed.has(w.toLowerCase())))];
}

describe('the lessons', () => {
  it('have unique ids, and each step’s setup gives settings a run can start from', () => {
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    for (const lesson of lessons) {
      expect(new Set(lesson.steps.map((s) => s.id)).size, lesson.id).toBe(lesson.steps.length);
      for (const step of lesson.steps) {
        const where = `${lesson.id}/${step.id}`;
        if (step.setup?.preset) expect(findPreset(step.setup.preset), where).toBeDefined();
        useAppStore.setState({ settings: initial.settings });
        if (step.setup) applySetup(step.setup, useAppStore.getState());
        const settings = useAppStore.getState().settings;
        expect(validateSettings(settings), where).toEqual({});
        const config = toConfig(settings)!;
        // The goal is about this step's data.
        if ('dataset' in step.goal && step.setup?.preset) expect(config.dataset, where).toBe(step.goal.dataset);
        if (step.reference) expect(referenceFigure(step.reference), where).not.toBeNull();
      }
    }
  });

  it('say in Korean what each step does, with English only in code and in parentheses after its Korean term', () => {
    useAppStore.setState({ language: 'ko' });
    const { container } = render(h('div', null, h(LessonsButton), h(LessonsPanel)));
    fireEvent.click(screen.getByRole('button', { name: '학습 과정' }));
    expect(englishWords(container)).toEqual([]);
    for (const lesson of lessons) {
      lesson.steps.forEach((step, i) => {
        act(() => useAppStore.getState().goToLessonStep({ lessonId: lesson.id, step: i + 1 }));
        expect(container.textContent).toContain(translatorFor('ko').t(step.title));
        expect(englishWords(container), `${lesson.id} step ${i + 1}`).toEqual([]);
      });
    }
  });

  it('notice a reached goal and show PyTorch’s figure beside the run’s', () => {
    useAppStore.getState().goToLessonStep({ lessonId: 'mnist-mlp', step: 1 });
    render(h(LessonsPanel));
    expect(screen.getByRole('status', { name: 'Goal' }).textContent).toContain('Not yet');
    expect(screen.getByText('no run for this step yet')).toBeTruthy();
    const epoch = { type: 'epoch', epoch: 3, trainLoss: 0.05, testLoss: 0.08, testAccuracy: 0.9712, seconds: 1, samplesPerSecond: 1 } as EpochEvent;
    useAppStore.setState({ run: { ...idleRun, id: 1, status: 'running', dataset: 'mnist', epochs: 15 }, epochResults: [epoch] });
    act(() => checkGoal(useAppStore));
    expect(useAppStore.getState().lessonReached).toEqual({ 'mnist-mlp': ['adam'] });
    expect(screen.getByRole('status', { name: 'Goal' }).textContent).toContain('Reached');
    const table = screen.getByRole('table');
    expect(table.textContent).toContain('97.9% test accuracy');
    expect(table.textContent).toContain('97.1% test accuracy, after epoch 3 of 15');
  });
});
