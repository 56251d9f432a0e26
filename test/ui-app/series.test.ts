import { describe, expect, it } from 'vitest';
import { downsample, lossAxisTop, niceCeil, smooth, smoothingFor, thin } from '../../src/ui/app/kit/series.ts';
import { formatDuration, formatLoss } from '../../src/ui/app/kit/format.ts';

describe('loss series for the charts', () => {
  it('smooths with a debiased moving average that starts at the first value and skips non-finite ones', () => {
    const s = smooth([2, 2, NaN, 2, 1], 0.9);
    expect(s[0]).toBeCloseTo(2, 12);
    expect(s[1]).toBeCloseTo(2, 12);
    expect(s[2]).toBeCloseTo(2, 12);
    expect(s[4]).toBeLessThan(2);
    expect(s[4]).toBeGreaterThan(1);
  });

  it('smooths short runs little and long runs more', () => {
    expect(smoothingFor(50)).toBe(0.6);
    expect(smoothingFor(300)).toBeCloseTo(0.9, 12);
    expect(smoothingFor(100_000)).toBe(0.98);
    expect(smoothingFor(0)).toBe(0.6);
  });

  it('cuts a long run to a few hundred points, each the mean of its steps', () => {
    const steps = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const raw = steps.map((s) => (s % 2 === 0 ? 1 : 3));
    const points = downsample(steps, raw, smooth(raw));
    expect(points.length).toBeLessThanOrEqual(300);
    expect(points[0]!.raw).toBeCloseTo(2, 12);
    expect(points.at(-1)!.step).toBe(10_000);
    expect(downsample([1, 2], [0.5, 0.4], [0.5, 0.45])).toHaveLength(2);
  });

  it('keeps the axis readable when a spike towers over the curve', () => {
    const values = [...Array.from({ length: 200 }, () => 0.5), 1e6];
    expect(lossAxisTop(values)).toBeLessThanOrEqual(2);
    expect(lossAxisTop([2.3, 1.2, 0.8])).toBe(2.5);
    expect(lossAxisTop([NaN, Infinity])).toBe(1);
    expect(niceCeil(0.031)).toBe(0.05);
  });

  it('thins a list and keeps its last item', () => {
    const items = Array.from({ length: 1001 }, (_, i) => i);
    const kept = thin(items, 100);
    expect(kept.length).toBeLessThanOrEqual(101);
    expect(kept.at(-1)).toBe(1000);
  });

  it('formats losses and durations for people', () => {
    expect(formatLoss(2.302585)).toBe('2.30');
    expect(formatLoss(0.00012)).toBe('1.20e-4');
    expect(formatLoss(NaN)).toBe('–');
    expect(formatDuration(0.04)).toBe('40 ms');
    expect(formatDuration(185)).toBe('3 min 5 s');
  });
});
