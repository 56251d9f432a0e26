import { useCallback, useEffect, useId, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useT } from '../app/i18n/useT.ts';
import { backingScale, canvasPoint, type Point } from '../shared/canvas.ts';
import { alphaToInk, preprocessDrawing } from './preprocess.ts';
import './draw.css';

interface DrawingPadProps {
  /** Called with the preprocessed 28×28 input at most once per frame while drawing, on pointer up, and with null on Clear. */
  onDraw: (pixels: Float32Array | null) => void;
  /** Side of the square pad in CSS pixels (it shrinks to fit narrow screens). */
  size?: number;
  /** The placeholder shown on the empty pad (default: "Draw a digit here" in the page's language). */
  hint?: string;
  /**
   * A 28×28 image (784 values in [0, 1]) to show on the pad in place of what
   * is drawn, painted again whenever `id` changes. Its pixels already are the
   * model's input, so the pad does not report it; strokes drawn over it are.
   */
  picture?: { id: number; pixels: Float32Array } | null;
}

// Strokes as thick relative to the pad as MNIST's pen strokes are to the
// 20×20 digit box (about 2 of 20 pixels once a full-height digit is scaled).
const STROKE_FRACTION = 1 / 14;
const INK = '#111827';

function padContext(canvas: HTMLCanvasElement | null): CanvasRenderingContext2D | null {
  // willReadFrequently keeps the pixels on the CPU: we read them back every frame.
  return canvas?.getContext('2d', { willReadFrequently: true }) ?? null;
}

/** Paints a 28×28 image as ink of its brightness (the pad keeps ink in the alpha channel), scaled to the pad. */
function paintPicture(ctx: CanvasRenderingContext2D, pixels: Float32Array): void {
  const side = Math.round(Math.sqrt(pixels.length));
  const small = document.createElement('canvas');
  small.width = side;
  small.height = side;
  const smallCtx = small.getContext('2d');
  if (!smallCtx) return;
  const image = smallCtx.createImageData(side, side);
  const [r, g, b] = [0x11, 0x18, 0x27];
  for (let i = 0; i < side * side; i++) {
    image.data.set([r, g, b, Math.round(255 * Math.min(1, Math.max(0, pixels[i]!)))], i * 4);
  }
  smallCtx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, ctx.canvas.width, ctx.canvas.height);
}

/** A square pad to draw on with mouse, finger or pen; reports the model-ready 28×28 input live. */
export function DrawingPad({ onDraw, size = 280, hint, picture = null }: DrawingPadProps) {
  const tr = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const onDrawRef = useRef(onDraw);
  const pointerId = useRef<number | null>(null);
  const lastPoint = useRef<Point | null>(null);
  const frame = useRef<number | null>(null);
  const [empty, setEmpty] = useState(true);
  const [scale] = useState(backingScale);
  const hintId = useId();
  const pixels = Math.round(size * scale);

  useEffect(() => {
    onDrawRef.current = onDraw;
  }, [onDraw]);

  const emit = useCallback(() => {
    frame.current = null;
    const canvas = canvasRef.current;
    const ctx = padContext(canvas);
    if (!canvas || !ctx) return;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    onDrawRef.current(preprocessDrawing(alphaToInk(data, canvas.width, canvas.height), canvas.width, canvas.height));
  }, []);

  const cancelFrame = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
  }, []);

  // Live prediction, but never more than once per displayed frame however fast the pointer moves.
  const scheduleEmit = useCallback(() => {
    if (frame.current === null) frame.current = requestAnimationFrame(emit);
  }, [emit]);

  useEffect(() => cancelFrame, [cancelFrame]);

  const pictureId = picture?.id;
  const picturePixels = picture?.pixels;
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = padContext(canvas);
    if (!canvas || !ctx || !picturePixels) return;
    cancelFrame();
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    paintPicture(ctx, picturePixels);
    setEmpty(false);
  }, [pictureId, picturePixels, cancelFrame]);

  const strokeTo = (ctx: CanvasRenderingContext2D, to: Point) => {
    const from = lastPoint.current ?? to;
    ctx.lineWidth = ctx.canvas.width * STROKE_FRACTION;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = INK;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    // A zero-length segment with round caps draws the dot a tap should leave.
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    lastPoint.current = to;
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (pointerId.current !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
    const ctx = padContext(e.currentTarget);
    if (!ctx) return;
    e.preventDefault();
    try {
      // Capture keeps the stroke going when the pointer leaves the pad mid-stroke.
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      // No such active pointer (already released, or a synthetic event): draw without capture.
    }
    pointerId.current = e.pointerId;
    lastPoint.current = null;
    strokeTo(ctx, canvasPoint(e, e.currentTarget));
    setEmpty(false);
    scheduleEmit();
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (e.pointerId !== pointerId.current) return;
    const ctx = padContext(e.currentTarget);
    if (!ctx) return;
    // Coalesced events hold the in-between positions of a fast stroke, so curves stay smooth.
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const point of events.length ? events : [e]) strokeTo(ctx, canvasPoint(point, e.currentTarget));
    scheduleEmit();
  };

  const endStroke = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (e.pointerId !== pointerId.current) return;
    pointerId.current = null;
    lastPoint.current = null;
    cancelFrame();
    emit();
  };

  const clear = () => {
    const canvas = canvasRef.current;
    padContext(canvas)?.clearRect(0, 0, canvas!.width, canvas!.height);
    cancelFrame();
    pointerId.current = null;
    lastPoint.current = null;
    setEmpty(true);
    onDrawRef.current(null);
  };

  return (
    <div className="draw-pad" style={{ width: size }}>
      <div className="draw-pad__surface">
        <canvas
          ref={canvasRef}
          className="draw-pad__canvas"
          role="img"
          aria-label={tr.t('draw.pad')}
          aria-describedby={hintId}
          width={pixels}
          height={pixels}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endStroke}
          onPointerCancel={endStroke}
          onLostPointerCapture={endStroke}
        />
        <p id={hintId} className={empty ? 'draw-pad__hint' : 'draw-pad__hint draw-pad__hint--hidden'}>
          {hint ?? tr.t('draw.hint.digit')}
        </p>
      </div>
      <button type="button" className="draw-pad__clear" onClick={clear}>
        {tr.t('draw.clear')}
      </button>
    </div>
  );
}
