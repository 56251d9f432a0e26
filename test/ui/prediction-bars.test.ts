// @vitest-environment jsdom
import { createElement as h } from 'react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PredictionBars } from '../../src/ui/draw/PredictionBars.tsx';
import { formatPercent, topClass } from '../../src/ui/draw/prediction.ts';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

function oneHotish(top: number, n = 10): number[] {
  const p = Array.from({ length: n }, () => 0.02);
  p[top] = 1 - 0.02 * (n - 1);
  return p;
}

afterEach(cleanup);

describe('PredictionBars', () => {
  it('puts exactly the predicted class name in the Prediction status', () => {
    render(h(PredictionBars, { probabilities: oneHotish(7), classNames: DIGITS, modelDescription: 'Answering: test model' }));
    expect(screen.getByRole('status', { name: 'Prediction' }).textContent).toBe('7');
  });

  it('uses class names, not indices, for Fashion-MNIST', () => {
    render(h(PredictionBars, { probabilities: oneHotish(7), classNames: FASHION, modelDescription: '' }));
    expect(screen.getByRole('status', { name: 'Prediction' }).textContent).toBe('Sneaker');
  });

  it('leaves the status empty when there is no prediction', () => {
    render(h(PredictionBars, { probabilities: null, classNames: DIGITS, modelDescription: 'Answering: test model' }));
    expect(screen.getByRole('status', { name: 'Prediction' }).textContent).toBe('');
    const rows = within(screen.getByRole('list', { name: 'Probability of each class' })).getAllByRole('listitem');
    expect(rows).toHaveLength(10);
    expect(rows.every((row) => row.textContent!.endsWith('–'))).toBe(true);
  });

  it('shows one bar per class with its percentage and highlights the top one', () => {
    render(h(PredictionBars, { probabilities: oneHotish(3), classNames: DIGITS, modelDescription: '' }));
    const rows = within(screen.getByRole('list', { name: 'Probability of each class' })).getAllByRole('listitem');
    expect(rows).toHaveLength(10);
    expect(rows[3]!.textContent).toBe('382%');
    expect(rows[0]!.textContent).toBe('02%');
    expect(rows[3]!.className).toContain('prediction__row--top');
    expect(rows.filter((r) => r.className.includes('--top'))).toHaveLength(1);
  });

  it('says which model answers', () => {
    const text = 'Answering: the model being trained now (epoch 2, step 130)';
    render(h(PredictionBars, { probabilities: oneHotish(1), classNames: DIGITS, modelDescription: text }));
    expect(screen.getByText(text)).toBeTruthy();
  });
});

describe('prediction helpers', () => {
  it('picks the first largest probability and skips NaN', () => {
    expect(topClass([0.1, 0.6, 0.3])).toBe(1);
    expect(topClass([0.5, 0.5])).toBe(0);
    expect(topClass([Number.NaN, 0.2])).toBe(1);
    expect(topClass([Number.NaN])).toBe(-1);
    expect(topClass(null)).toBe(-1);
    expect(topClass([])).toBe(-1);
  });

  it('formats percentages without claiming 0% or 100% for tiny or near-certain values', () => {
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.001)).toBe('<1%');
    expect(formatPercent(0.999)).toBe('>99%');
    expect(formatPercent(Number.NaN)).toBe('–');
    expect(formatPercent(undefined)).toBe('–');
  });
});
