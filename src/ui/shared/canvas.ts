// Canvas helpers shared by the drawing pad and the decision-boundary plot.

export interface Point {
  x: number;
  y: number;
}

/**
 * Backing-store pixels per CSS pixel: the screen's density for sharp strokes on
 * HiDPI screens, capped at 2 because reading back 3× pixels every frame costs more
 * than the extra sharpness is worth.
 */
export function backingScale(): number {
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  return Math.min(2, Math.max(1, ratio));
}

/**
 * A pointer position in the canvas's backing-store pixels. The canvas may be
 * displayed smaller than its backing store (responsive layouts, HiDPI), so map
 * through its on-screen rectangle.
 */
export function canvasPoint(event: { clientX: number; clientY: number }, canvas: HTMLCanvasElement): Point {
  const rect = canvas.getBoundingClientRect();
  const sx = rect.width > 0 ? canvas.width / rect.width : 1;
  const sy = rect.height > 0 ? canvas.height / rect.height : 1;
  return { x: (event.clientX - rect.left) * sx, y: (event.clientY - rect.top) * sy };
}
