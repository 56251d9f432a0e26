// @vitest-environment jsdom
import { createElement as h } from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DrawingPad } from '../../src/ui/draw/DrawingPad.tsx';
import { InputPreview } from '../../src/ui/draw/InputPreview.tsx';

// jsdom has no 2D canvas; say so quietly instead of logging "not implemented".
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('DrawingPad', () => {
  it('has a labelled pad, a visible hint and a Clear button that reports an empty drawing', () => {
    const onDraw = vi.fn();
    render(h(DrawingPad, { onDraw }));
    const pad = screen.getByRole('img', { name: 'Drawing pad' });
    expect(pad.tagName).toBe('CANVAS');
    expect(screen.getByText('Draw a digit here')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onDraw).toHaveBeenCalledWith(null);
  });

  it('survives pointer input without a 2D context', () => {
    const onDraw = vi.fn();
    render(h(DrawingPad, { onDraw, size: 200 }));
    const pad = screen.getByRole('img', { name: 'Drawing pad' });
    fireEvent.pointerDown(pad, { pointerId: 1, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(pad, { pointerId: 1, clientX: 50, clientY: 50 });
    fireEvent.pointerUp(pad, { pointerId: 1 });
    expect(onDraw).not.toHaveBeenCalled();
  });
});

describe('InputPreview', () => {
  it('captions the 28×28 model input', () => {
    render(h(InputPreview, { pixels: new Float32Array(784) }));
    expect(screen.getByRole('figure', { name: 'What the model sees (28×28)' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Model input, 28 by 28 pixels' })).toBeTruthy();
  });
});
