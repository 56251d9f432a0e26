// A dense layer's output as one thin bar per unit, up from a zero line for
// positive values and down for negative ones, all scaled to the layer's
// largest magnitude. One canvas per layer: a layer of 256 units as 256
// elements cost the main thread tens of milliseconds per drawing on a busy
// machine. Its accessible name says the layer's range; every unit's value, in
// the four significant digits the page writes, is in its data-values.

import { useEffect, useMemo, useRef } from 'react';
import { formatValue, valueRange } from './layer-images.ts';

interface ActivationBarsProps {
  values: Float32Array;
  caption: string;
  /** Accessible name of the bars, from the values' range as text. */
  label: (min: string, max: string) => string;
}

const HEIGHT = 64;
const POSITIVE = '#2563eb';
const NEGATIVE = '#dc2626';
const AXIS = '#9ca3af';

/** Draws the bars: the zero line at the bottom, or in the middle when some values are negative. */
function drawBars(canvas: HTMLCanvasElement, values: Float32Array, largest: number, signed: boolean): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  const zero = signed ? height / 2 : height - 1;
  const room = signed ? height / 2 : height - 1;
  const step = width / values.length;
  const bar = Math.max(1, step - 1);
  values.forEach((v, i) => {
    if (!Number.isFinite(v) || largest === 0 || v === 0) return;
    const size = (Math.abs(v) / largest) * room;
    ctx.fillStyle = v < 0 ? NEGATIVE : POSITIVE;
    ctx.fillRect(i * step, v < 0 ? zero : zero - size, bar, size);
  });
  ctx.fillStyle = AXIS;
  ctx.fillRect(0, Math.floor(zero), width, 1);
}

export function ActivationBars({ values, caption, label }: ActivationBarsProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { range, largest, signed, text } = useMemo(() => {
    const range = valueRange(values);
    return { range, largest: Math.max(Math.abs(range.min), Math.abs(range.max)), signed: range.min < 0, text: Array.from(values, formatValue).join(' ') };
  }, [values]);
  const width = Math.max(values.length * 3, 30);
  useEffect(() => {
    if (ref.current) drawBars(ref.current, values, largest, signed);
  }, [values, largest, signed]);
  return (
    <figure className="activation-bars">
      <figcaption>{caption}</figcaption>
      <canvas ref={ref} className="activation-bars__canvas" role="img" aria-label={label(formatValue(range.min), formatValue(range.max))} data-values={text} width={width} height={HEIGHT} />
    </figure>
  );
}
