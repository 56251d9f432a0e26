// @vitest-environment jsdom
import { createElement as h } from 'react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MisclassifiedGallery } from '../../src/ui/results/MisclassifiedGallery.tsx';

const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

const item = (index: number, predicted: number, label: number) => ({ pixels: new Float32Array(784), predicted, label, index });

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('MisclassifiedGallery', () => {
  it('captions each image with the predicted and true class names', () => {
    render(h(MisclassifiedGallery, { items: [item(12, 7, 5), item(40, 6, 0)], classNames: FASHION, imageSize: [28, 28] as const }));
    const list = screen.getByRole('list', { name: 'Misclassified test images' });
    const captions = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(captions).toEqual(['predicted Sneaker, true Sandal', 'predicted Shirt, true T-shirt/top']);
    expect(within(list).getByRole('img', { name: 'Test image 12' })).toBeTruthy();
    expect(screen.getByText('2 mistakes')).toBeTruthy();
  });

  it('shows at most 48 and says how many there are', () => {
    const items = Array.from({ length: 100 }, (_, i) => item(i, 1, 2));
    render(h(MisclassifiedGallery, { items, classNames: FASHION, imageSize: [28, 28] as const }));
    expect(within(screen.getByRole('list', { name: 'Misclassified test images' })).getAllByRole('listitem')).toHaveLength(48);
    expect(screen.getByText('Showing 48 of 100 mistakes')).toBeTruthy();
  });

  it('has an empty state', () => {
    render(h(MisclassifiedGallery, { items: [], classNames: FASHION, imageSize: [28, 28] as const }));
    expect(screen.getByText('No misclassified images')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
