// @vitest-environment jsdom
import { createElement as h } from 'react';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionBoundary } from '../../src/ui/blobs/DecisionBoundary.tsx';

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const points = [
  { x: 1, y: 1, label: 0, split: 'train' as const },
  { x: -1, y: 1, label: 1, split: 'test' as const },
];

describe('DecisionBoundary', () => {
  it('renders a labelled canvas and a legend, with or without a grid', () => {
    const { rerender } = render(h(DecisionBoundary, { points, grid: null }));
    expect(screen.getByRole('img', { name: 'Decision boundary' }).tagName).toBe('CANVAS');
    expect(screen.getByText(/appears once there is a model/)).toBeTruthy();
    const grid = { resolution: 4, extent: [-2, 2, -2, 2] as [number, number, number, number], values: new Float32Array(16).fill(0.5) };
    rerender(h(DecisionBoundary, { points, grid }));
    expect(screen.getByText(/training points/)).toBeTruthy();
    expect(screen.getByText(/test points/)).toBeTruthy();
    expect(screen.getByText(/unsure/)).toBeTruthy();
  });
});
