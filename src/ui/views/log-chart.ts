// Pure helpers of the log-scale line charts (GradientFlow.tsx): the decades an
// axis spans and the SVG path of a series, gaps where a value is not positive.

/** Whole powers of ten from below the smallest positive value to above the largest; [-1, 0] when there is none. */
export function decades(series: readonly (readonly number[])[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const values of series) {
    for (const v of values) {
      if (!(v > 0) || !Number.isFinite(v)) continue;
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  if (low > high) return [-1, 0];
  // `+ 0` turns the −0 of ceil(log10(0.5)) into 0.
  const from = Math.floor(Math.log10(low)) + 0;
  const to = Math.max(Math.ceil(Math.log10(high)) + 0, from + 1);
  return [from, to];
}

export interface Frame {
  width: number;
  height: number;
  /** Step range on x. */
  x0: number;
  x1: number;
  /** Decades on y. */
  y0: number;
  y1: number;
}

export function xOf(frame: Frame, step: number): number {
  return frame.x1 === frame.x0 ? frame.width / 2 : ((step - frame.x0) / (frame.x1 - frame.x0)) * frame.width;
}

export function yOf(frame: Frame, value: number): number {
  return frame.height - ((Math.log10(value) - frame.y0) / (frame.y1 - frame.y0)) * frame.height;
}

/** "M x y L x y …", a new M after each gap. */
export function logPath(frame: Frame, steps: readonly number[], values: readonly number[]): string {
  let path = '';
  let pen = false;
  steps.forEach((step, i) => {
    const v = values[i]!;
    if (!(v > 0) || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${xOf(frame, step).toFixed(1)} ${yOf(frame, v).toFixed(1)}`;
    pen = true;
  });
  return path;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10 to a whole power, as printed maths writes it: "10⁻³". */
export function powerOfTen(exponent: number): string {
  return `10${[...String(exponent)].map((c) => SUPERSCRIPT[c]).join('')}`;
}

/** A value on a log axis as text, two significant digits: "3.2×10⁻⁵", "10⁻⁴", "1.5"; the same in every language. */
export function formatSmall(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential(1).split('e') as [string, string];
  const power = Number(exponent);
  if (power === 0) return mantissa;
  return mantissa === '1.0' ? powerOfTen(power) : `${mantissa}×${powerOfTen(power)}`;
}

/** Layer colours from light (first) to dark (last), so depth reads as shade. */
export function layerColour(index: number, count: number): string {
  const t = count <= 1 ? 1 : index / (count - 1);
  const lightness = Math.round(72 - 50 * t);
  return `hsl(220 70% ${lightness}%)`;
}
