// @vitest-environment jsdom
// From a mistake to its cause: a confusion-matrix cell's buttons, the request
// the page sends for its images, which answers it takes, and an image put on the pad.
import { createElement as h } from 'react';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CellImage, WorkerEvent, WorkerRequest } from '../../src/train/messages.ts';
import { cellIndices, confusionMatrix } from '../../src/train/predict.ts';
import { applyWorkerEvent, type Effects } from '../../src/ui/app/store/apply-event.ts';
import { useAppStore } from '../../src/ui/app/store/store.ts';
import { connectPort } from '../../src/ui/app/store/worker-port.ts';
import { CELL_PAGE, CellImages } from '../../src/ui/results/CellImages.tsx';
import { ConfusionMatrix } from '../../src/ui/results/ConfusionMatrix.tsx';

const NAMES = ['0', '1', '2'];
const MATRIX = [
  [5, 0, 1],
  [2, 7, 0],
  [0, 12, 3],
];

const noEffects: Effects = { download: () => {}, persistModel: () => {}, forgetModel: () => {} };
const image = (index: number, probabilities = [0.1, 0.7, 0.2]): CellImage => ({ index, pixels: new Float32Array(784).fill(index / 1000), probabilities });
const results = (pass: number): WorkerEvent => ({ type: 'results', runId: 1, epoch: pass, classNames: NAMES, matrix: MATRIX, misclassified: [], accuracy: 0.5, pass });
const answer = (pass: number, images: CellImage[] | null, trueClass = 2, predictedClass = 1): WorkerEvent => ({ type: 'cell-images', runId: 1, pass, trueClass, predictedClass, images });

const initial = useAppStore.getState();
let sent: WorkerRequest[];

beforeEach(() => {
  useAppStore.setState({ ...initial, run: { ...initial.run, id: 1, status: 'done' } }, true);
  sent = [];
  connectPort((request) => sent.push(request));
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  connectPort(null);
  vi.restoreAllMocks();
});

describe('the images of one cell, on the worker’s side', () => {
  it('are the samples of that true class predicted as that class, as many as the matrix counts', () => {
    const labels = [0, 2, 1, 2, 2, 0, 1];
    const predicted = [0, 1, 1, 1, 2, 2, 0];
    const matrix = confusionMatrix(labels, predicted, 3);
    expect(cellIndices(labels, predicted, 2, 1)).toEqual([1, 3]);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) expect(cellIndices(labels, predicted, r, c)).toHaveLength(matrix[r]![c]!);
  });
});

describe('ConfusionMatrix cells', () => {
  it('are buttons named by the truth, the answer and the count, for cells with images', () => {
    const onCell = vi.fn();
    render(h(ConfusionMatrix, { matrix: MATRIX, classNames: NAMES, onCell, selected: { trueClass: 2, predictedClass: 1 } }));
    const button = screen.getByRole('button', { name: '2 predicted as 1: 12 images' });
    expect(button.textContent).toBe('12');
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: '0 predicted as 2: 1 image' }).getAttribute('aria-pressed')).toBe('false');
    // Six cells hold images; the three empty ones are plain numbers.
    expect(within(screen.getByRole('table')).getAllByRole('button')).toHaveLength(6);
    fireEvent.click(button);
    expect(onCell).toHaveBeenCalledWith(2, 1);
  });
});

describe('opening a cell', () => {
  it('asks for the images of the pass the matrix shows, and takes only the answer to that', () => {
    applyWorkerEvent(results(4), noEffects);
    act(() => useAppStore.getState().toggleCell(2, 1));
    expect(sent).toEqual([{ type: 'cell-images', runId: 1, pass: 4, trueClass: 2, predictedClass: 1 }]);
    expect(useAppStore.getState().openCell).toMatchObject({ trueClass: 2, predictedClass: 1, images: null });
    // Another cell's, an older pass's or another run's answer is not this cell's.
    applyWorkerEvent(answer(4, [image(1)], 0, 2), noEffects);
    applyWorkerEvent(answer(3, [image(1)]), noEffects);
    applyWorkerEvent({ ...(answer(4, [image(1)]) as Extract<WorkerEvent, { type: 'cell-images' }>), runId: 2 }, noEffects);
    expect(useAppStore.getState().openCell!.images).toBeNull();
    applyWorkerEvent(answer(4, [image(8), image(9)]), noEffects);
    expect(useAppStore.getState().openCell).toMatchObject({ pass: 4, images: [{ index: 8 }, { index: 9 }] });
  });

  it('follows new results: asks again, and keeps the old images in sight until the new ones come', () => {
    applyWorkerEvent(results(4), noEffects);
    act(() => useAppStore.getState().toggleCell(2, 1));
    applyWorkerEvent(answer(4, [image(8)]), noEffects);
    applyWorkerEvent(results(5), noEffects);
    expect(sent.at(-1)).toEqual({ type: 'cell-images', runId: 1, pass: 5, trueClass: 2, predictedClass: 1 });
    expect(useAppStore.getState().openCell!.images).toHaveLength(1);
    // The worker no longer had pass 4 when an old request reached it: nothing changes.
    applyWorkerEvent(answer(4, null), noEffects);
    applyWorkerEvent(answer(5, [image(8), image(11)]), noEffects);
    expect(useAppStore.getState().openCell!.images!.map((i) => i.index)).toEqual([8, 11]);
  });

  it('closes on a second click, and a new run’s results do not show the old run’s cell', () => {
    applyWorkerEvent(results(4), noEffects);
    act(() => useAppStore.getState().toggleCell(2, 1));
    act(() => useAppStore.getState().toggleCell(2, 1));
    expect(useAppStore.getState().openCell).toBeNull();
    act(() => useAppStore.getState().toggleCell(1, 0));
    useAppStore.setState({ run: { ...useAppStore.getState().run, id: 2 } });
    const before = sent.length;
    applyWorkerEvent({ ...(results(1) as Extract<WorkerEvent, { type: 'results' }>), runId: 2 }, noEffects);
    expect(sent.length).toBe(before);
  });
});

describe('CellImages', () => {
  const props = { trueClass: 2, predictedClass: 1, classNames: NAMES, imageSize: [28, 28] as const, onClose: () => {} };

  it('shows every image as a button with its probabilities, a page at a time', () => {
    const images = Array.from({ length: CELL_PAGE + 5 }, (_, i) => image(i, [0.05, 0.8, 0.15]));
    render(h(CellImages, { ...props, images, onPick: () => {} }));
    expect(screen.getByRole('heading', { name: '2 predicted as 1: 105 images' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Test images of this cell' });
    expect(within(list).getAllByRole('button')).toHaveLength(CELL_PAGE);
    expect(within(list).getByRole('button', { name: 'Test image 7: 1 80.0%, 2 15.0%. Put it on the drawing pad' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show 5 more' }));
    expect(within(list).getAllByRole('button')).toHaveLength(CELL_PAGE + 5);
    expect(screen.queryByRole('button', { name: /more/ })).toBeNull();
  });

  it('puts a clicked image on the drawing pad: the pad’s picture and the model’s input', () => {
    const picked = image(42);
    render(h(CellImages, { ...props, images: [image(41), picked], onPick: (i: CellImage) => useAppStore.getState().showOnPad(i.pixels) }));
    fireEvent.click(screen.getByRole('button', { name: /^Test image 42:/ }));
    const state = useAppStore.getState();
    expect(state.drawing).toBe(picked.pixels);
    expect(state.padPicture).toEqual({ id: 1, pixels: picked.pixels });
    expect(sent.filter((r) => r.type === 'predict')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toMatch(/^Test image 42 is on the drawing pad/);
  });

  it('says when it is loading and when a cell is empty', () => {
    const { rerender } = render(h(CellImages, { ...props, images: null, onPick: () => {} }));
    expect(screen.getByRole('heading', { name: 'Loading the images…' })).toBeTruthy();
    rerender(h(CellImages, { ...props, images: [], onPick: () => {} }));
    expect(screen.getByText('No test images in this cell.')).toBeTruthy();
  });
});
