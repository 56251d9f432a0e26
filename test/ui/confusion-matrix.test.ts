// @vitest-environment jsdom
import { createElement as h } from 'react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfusionMatrix } from '../../src/ui/results/ConfusionMatrix.tsx';
import {
  cellColours, cellTitle, classAccuracy, contrastRatio, formatShare, overallAccuracy, type Rgb,
} from '../../src/ui/results/confusion.ts';

afterEach(cleanup);

const NAMES = ['cat', 'dog', 'owl'];
const MATRIX = [
  [8, 2, 0],
  [1, 9, 0],
  [0, 0, 0],
];

describe('ConfusionMatrix', () => {
  it('is a table with predicted-class column headers, true-class row headers and an accuracy column', () => {
    render(h(ConfusionMatrix, { matrix: MATRIX, classNames: NAMES }));
    const table = screen.getByRole('table', { name: 'Confusion matrix' });
    const columns = within(table).getAllByRole('columnheader').map((th) => th.textContent);
    expect(columns.slice(1)).toEqual(['cat', 'dog', 'owl', 'Accuracy']);
    expect(within(table).getAllByRole('rowheader').map((th) => th.textContent)).toEqual(NAMES);
  });

  it('shows the counts, per-class accuracy and a tooltip for every cell', () => {
    render(h(ConfusionMatrix, { matrix: MATRIX, classNames: NAMES }));
    const rows = within(screen.getByRole('table', { name: 'Confusion matrix' })).getAllByRole('row');
    expect(rows).toHaveLength(4);
    const cells = (r: number) => within(rows[r]!).getAllByRole('cell').map((td) => td.textContent);
    expect(cells(1)).toEqual(['8', '2', '0', '80.0%']);
    expect(cells(2)).toEqual(['1', '9', '0', '90.0%']);
    expect(cells(3)).toEqual(['0', '0', '0', '–']);
    expect(screen.getByTitle('true cat, predicted dog: 2 images').textContent).toBe('2');
    expect(screen.getByTitle('true dog, predicted cat: 1 image').textContent).toBe('1');
    expect(screen.getByText(/Overall 85\.0% of 20 images correct/)).toBeTruthy();
  });

  it('marks the diagonal', () => {
    render(h(ConfusionMatrix, { matrix: MATRIX, classNames: NAMES }));
    const diagonal = screen.getByTitle('true dog, predicted dog: 9 images');
    expect(diagonal.className).toContain('confusion__cell--diagonal');
    expect(screen.getByTitle('true dog, predicted cat: 1 image').className).not.toContain('--diagonal');
  });
});

describe('confusion helpers', () => {
  it('computes per-class and overall accuracy', () => {
    expect(classAccuracy(MATRIX)).toEqual([0.8, 0.9, null]);
    expect(overallAccuracy(MATRIX)).toBeCloseTo(0.85);
    expect(overallAccuracy([[0]])).toBeNull();
  });

  it('colours by row share: white at zero, full green or red at one, readable text everywhere', () => {
    expect(cellColours(0, false).background).toBe('rgb(255 255 255)');
    expect(cellColours(1, true).background).toBe('rgb(21 128 61)');
    expect(cellColours(1, false).background).toBe('rgb(185 28 28)');
    const parse = (s: string) => s.match(/\d+/g)!.map(Number) as Rgb;
    for (const diagonal of [true, false]) {
      for (let share = 0; share <= 1; share += 0.05) {
        const { background, color } = cellColours(share, diagonal);
        expect(contrastRatio(parse(background), parse(color))).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('makes small shares visible (darker than linear)', () => {
    const red = (share: number) => Number(cellColours(share, false).background.match(/\d+/g)![1]);
    // Green channel falls from 255 towards 28; at a 4% share it has already dropped by a fifth.
    expect(255 - red(0.04)).toBeGreaterThan(0.2 * (255 - 28) - 1);
  });

  it('words tooltips and shares', () => {
    expect(cellTitle('4', '9', 23)).toBe('true 4, predicted 9: 23 images');
    expect(cellTitle('4', '9', 1)).toBe('true 4, predicted 9: 1 image');
    expect(formatShare(0.9876)).toBe('98.8%');
    expect(formatShare(null)).toBe('–');
  });
});
