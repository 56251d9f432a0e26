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
  vi.unstubAllGlobals();
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

describe('DrawingPad with a canvas', () => {
  it('reports the preprocessed drawing at most once per frame, and again on pointer up', () => {
    const size = 56;
    // A fake 2D context whose pixels hold an inked square, standing in for the strokes.
    const rgba = new Uint8ClampedArray(size * size * 4);
    for (let y = 10; y < 30; y++) for (let x = 20; x < 40; x++) rgba[4 * (y * size + x) + 3] = 255;
    const ctx = {
      canvas: { width: size, height: size },
      beginPath() {}, moveTo() {}, lineTo() {}, stroke() {}, clearRect() {},
      getImageData: () => ({ data: rgba }),
    };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as never) // getContext is overloaded; the fake is only read as a 2D context;
    vi.stubGlobal('devicePixelRatio', 1);
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => { frames[id - 1] = () => {}; });
    const onDraw = vi.fn();
    render(h(DrawingPad, { onDraw, size }));
    const pad = screen.getByRole('img', { name: 'Drawing pad' });
    fireEvent.pointerDown(pad, { pointerId: 3, pointerType: 'pen', clientX: 5, clientY: 5 });
    for (let i = 0; i < 20; i++) fireEvent.pointerMove(pad, { pointerId: 3, clientX: 5 + i, clientY: 5 });
    expect(frames).toHaveLength(1);
    expect(onDraw).not.toHaveBeenCalled();
    frames[0]!(0);
    expect(onDraw).toHaveBeenCalledTimes(1);
    const pixels = onDraw.mock.calls[0]![0] as Float32Array;
    expect(pixels).toHaveLength(784);
    expect(Math.max(...pixels)).toBe(1);
    fireEvent.pointerUp(pad, { pointerId: 3 });
    expect(onDraw).toHaveBeenCalledTimes(2);
    // The hint makes way once something is drawn.
    expect(screen.getByText('Draw a digit here').className).toContain('--hidden');
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onDraw).toHaveBeenLastCalledWith(null);
    expect(screen.getByText('Draw a digit here').className).not.toContain('--hidden');
  });
});

describe('InputPreview', () => {
  it('captions the 28×28 model input', () => {
    render(h(InputPreview, { pixels: new Float32Array(784) }));
    expect(screen.getByRole('figure', { name: 'What the model sees (28×28)' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Model input, 28 by 28 pixels' })).toBeTruthy();
  });
});
