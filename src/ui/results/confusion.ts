// Pure numbers and colours behind ConfusionMatrix, tested in Node.

import { english, type Translator } from '../app/i18n/translator.ts';

export type Rgb = [number, number, number];

/** Correct answers: green. Mistakes: red. Both fade to white at zero. */
const CORRECT: Rgb = [21, 128, 61];
const MISTAKE: Rgb = [185, 28, 28];
const WHITE: Rgb = [255, 255, 255];
// Pure black: against any background, black or white then reaches at least √21 ≈ 4.58:1 (WCAG AA).
const DARK_TEXT: Rgb = [0, 0, 0];

/** Fraction of each true class the model got right (diagonal / row total); null for a class with no images. */
export function classAccuracy(matrix: readonly (readonly number[])[]): (number | null)[] {
  return matrix.map((row, i) => {
    const total = row.reduce((s, v) => s + v, 0);
    return total > 0 ? (row[i] ?? 0) / total : null;
  });
}

/** Fraction of all images on the diagonal; null for an empty matrix. */
export function overallAccuracy(matrix: readonly (readonly number[])[]): number | null {
  let correct = 0, total = 0;
  matrix.forEach((row, i) => row.forEach((v, j) => {
    total += v;
    if (i === j) correct += v;
  }));
  return total > 0 ? correct / total : null;
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * t)) as Rgb;
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Background and text colours for one cell. `share` is the cell's count over
 * its row total. A square-root scale lifts small shares: a class confused 3%
 * of the time is exactly what a learner should spot, and would be nearly
 * white on a linear scale.
 */
export function cellColours(share: number, diagonal: boolean): { background: string; color: string } {
  const t = Math.sqrt(Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0)));
  const bg = mix(WHITE, diagonal ? CORRECT : MISTAKE, t);
  const text = contrastRatio(bg, WHITE) > contrastRatio(bg, DARK_TEXT) ? WHITE : DARK_TEXT;
  return { background: `rgb(${bg.join(' ')})`, color: `rgb(${text.join(' ')})` };
}

/** The tooltip of one cell, e.g. "true 4, predicted 9: 23 images". */
export function cellTitle(trueName: string, predictedName: string, count: number, tr: Translator = english): string {
  return tr.t('confusion.cell', { trueName, predictedName, count });
}

/** A share as a percentage with one decimal, or "–" when undefined. */
export function formatShare(share: number | null, tr: Translator = english): string {
  return share === null ? '–' : tr.percent(share);
}
