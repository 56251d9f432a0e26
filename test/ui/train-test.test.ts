// @vitest-environment jsdom
// "Train and test": early stopping's point and the gap, and the chart's caption and table from the store.
import { createElement as h } from 'react';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EpochEvent } from '../../src/train/events.ts';
import { useAppStore } from '../../src/ui/app/store/store.ts';
import { earlyStoppingPoint, generalizationGap, trainTestRows } from '../../src/ui/train/train-test.ts';
import { TrainTestChart } from '../../src/ui/train/TrainTestChart.tsx';

const losses = (...testLosses: number[]) => testLosses.map((testLoss, i) => ({ epoch: i + 1, testLoss }));

describe('earlyStoppingPoint', () => {
  it('is null while the test loss keeps falling, or before any epoch', () => {
    expect(earlyStoppingPoint([])).toBeNull();
    expect(earlyStoppingPoint(losses(0.9))).toBeNull();
    expect(earlyStoppingPoint(losses(0.9, 0.5, 0.4))).toBeNull();
  });

  it('is the epoch with the lowest test loss once a later epoch is higher', () => {
    expect(earlyStoppingPoint(losses(0.9, 0.5, 0.6))).toEqual({ epoch: 2, testLoss: 0.5 });
    // A later dip that stays above the lowest keeps the point where it was.
    expect(earlyStoppingPoint(losses(0.9, 0.4, 0.7, 0.45, 0.8))).toEqual({ epoch: 2, testLoss: 0.4 });
    // A new lowest moves it, and it waits until the loss turns up again.
    expect(earlyStoppingPoint(losses(0.9, 0.4, 0.7, 0.3))).toBeNull();
    expect(earlyStoppingPoint(losses(0.9, 0.4, 0.7, 0.3, 0.31))).toEqual({ epoch: 4, testLoss: 0.3 });
  });

  it('keeps the first of equal lowest losses, and a level loss is no turn', () => {
    expect(earlyStoppingPoint(losses(0.5, 0.5))).toBeNull();
    expect(earlyStoppingPoint(losses(0.6, 0.5, 0.5, 0.7))).toEqual({ epoch: 2, testLoss: 0.5 });
  });

  it('skips epochs without a finite test loss, and a NaN later is no turn', () => {
    expect(earlyStoppingPoint(losses(NaN, 0.5, NaN))).toBeNull();
    expect(earlyStoppingPoint(losses(NaN, 0.5, 0.6))).toEqual({ epoch: 2, testLoss: 0.5 });
    expect(earlyStoppingPoint(losses(Infinity, 0.5, Infinity))).toBeNull();
  });

  it('counts epochs by their numbers: a resumed run starts past 1', () => {
    expect(earlyStoppingPoint([{ epoch: 4, testLoss: 0.3 }, { epoch: 5, testLoss: 0.2 }, { epoch: 6, testLoss: 0.25 }])).toEqual({ epoch: 5, testLoss: 0.2 });
  });
});

describe('generalizationGap and the chart rows', () => {
  const e = { epoch: 3, trainLoss: 0.1, testLoss: 0.35, trainAccuracy: 0.99, testAccuracy: 0.9 };
  it('is test minus training loss and training minus test accuracy', () => {
    const gap = generalizationGap(e);
    expect(gap.loss).toBeCloseTo(0.25, 12);
    expect(gap.accuracy).toBeCloseTo(0.09, 12);
  });

  it('gives percentages for the accuracy axis and the band between the losses', () => {
    expect(trainTestRows([e, { ...e, epoch: 4, trainLoss: 0.5, testLoss: 0.4 }, { ...e, epoch: 5, testLoss: NaN }])).toEqual([
      { epoch: 3, trainLoss: 0.1, testLoss: 0.35, trainAccuracy: 99, testAccuracy: 90, lossBand: [0.1, 0.35] },
      { epoch: 4, trainLoss: 0.5, testLoss: 0.4, trainAccuracy: 99, testAccuracy: 90, lossBand: [0.4, 0.5] },
      { epoch: 5, trainLoss: 0.1, testLoss: NaN, trainAccuracy: 99, testAccuracy: 90, lossBand: null },
    ]);
  });
});

const epoch = (n: number, trainLoss: number, testLoss: number, trainAccuracy: number, testAccuracy: number): EpochEvent => ({
  type: 'epoch', epoch: n, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds: 1, samplesPerSecond: 100,
});

const initial = useAppStore.getState();
beforeEach(() => useAppStore.setState(initial, true));
afterEach(cleanup);

describe('TrainTestChart', () => {
  it('says what to expect before the first epoch', () => {
    render(h(TrainTestChart));
    expect(screen.getByRole('img', { name: 'Train and test' }).getAttribute('data-points')).toBe('0');
    expect(screen.getByText('After each epoch, the training and test loss and accuracy appear here.')).toBeTruthy();
  });

  it('marks the epoch with the lowest test loss once it turned up, in its caption and its table', () => {
    useAppStore.setState({
      epochResults: [epoch(1, 1.2, 0.8, 0.6, 0.75), epoch(2, 0.5, 0.6, 0.85, 0.8), epoch(3, 0.2, 0.65, 0.95, 0.81), epoch(4, 0.1, 0.7, 0.99, 0.8)],
    });
    render(h(TrainTestChart));
    const plot = screen.getByRole('img', { name: 'Train and test' });
    expect(plot.getAttribute('data-points')).toBe('4');
    expect(plot.getAttribute('data-stop-epoch')).toBe('2');
    const caption = document.getElementById(plot.getAttribute('aria-describedby')!)!.textContent;
    expect(caption).toBe(
      'After epoch 4: training loss 0.100, test loss 0.700 (gap 0.600); training accuracy 99.0%, test accuracy 80.0% (gap 19.0 points). ' +
        'The test loss was lowest after epoch 2 (0.600) and is higher after it: early stopping would keep the weights of epoch 2.',
    );
    // The table is built only once it is opened.
    expect(screen.queryByRole('table', { name: 'Train and test, per epoch' })).toBeNull();
    openValues();
    const rows = within(screen.getByRole('table', { name: 'Train and test, per epoch' })).getAllByRole('row');
    expect(rows.map((r) => Array.from(r.children, (c) => c.textContent))).toEqual([
      ['Epoch', 'Training loss', 'Test loss', 'Loss gap', 'Training accuracy', 'Test accuracy', 'Accuracy gap'],
      ['1', '1.20', '0.800', '-0.400', '60.0%', '75.0%', '-15.0 points'],
      ['2 (lowest test loss)', '0.500', '0.600', '0.100', '85.0%', '80.0%', '5.0 points'],
      ['3', '0.200', '0.650', '0.450', '95.0%', '81.0%', '14.0 points'],
      ['4', '0.100', '0.700', '0.600', '99.0%', '80.0%', '19.0 points'],
    ]);
  });

  it('keeps a run of thousands of one-step epochs light: 150 chart points, at most 200 table rows with the lowest and the last', () => {
    // Test loss lowest at epoch 777, higher after it.
    const epochs = Array.from({ length: 3000 }, (_, i) => epoch(i + 1, 1 / (i + 1), i + 1 === 777 ? 0.1 : 0.5 + i / 1e4, 0.9, 0.8));
    useAppStore.setState({ epochResults: epochs });
    render(h(TrainTestChart));
    const plot = screen.getByRole('img', { name: 'Train and test' });
    expect(plot.getAttribute('data-points')).toBe('3000');
    expect(plot.getAttribute('data-stop-epoch')).toBe('777');
    openValues();
    const rows = within(screen.getByRole('table', { name: 'Train and test, per epoch' })).getAllByRole('row').slice(1);
    const shown = rows.map((r) => r.children[0]!.textContent!);
    // 200 evenly spread, and the last and the lowest where they fall between.
    expect(shown.length).toBeLessThanOrEqual(202);
    expect(shown).toContain('777 (lowest test loss)');
    expect(shown.at(-1)).toBe('3000');
    expect(screen.getByText(`${shown.length} of the 3000 epochs, evenly spread, with the lowest test loss and the last one among them.`)).toBeTruthy();
  });
});

/** Opens the "Values per epoch" details, as a click on its summary does. */
function openValues(): void {
  const details = screen.getByText('Values per epoch').closest('details')!;
  act(() => {
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
  });
}
