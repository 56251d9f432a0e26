import { describe, expect, it } from 'vitest';
import { downsample, lossAxisTop, niceCeil, smooth, smoothingFor, thin } from '../../src/ui/app/kit/series.ts';
import { formatLoss } from '../../src/ui/app/kit/format.ts';
import { english, translatorFor } from '../../src/ui/app/i18n/translator.ts';

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
    expect(english.duration(0.04)).toBe('40 ms');
    expect(english.duration(4.25)).toBe('4.3 s');
    expect(english.duration(185)).toBe('3 min 5 s');
    expect(english.duration(3720)).toBe('1 h 2 min');
    expect(english.duration(-1)).toBe('–');
  });

  it('formats durations, counts and percentages for Korean readers', () => {
    const ko = translatorFor('ko');
    expect(ko.duration(0.04)).toBe('40ms');
    expect(ko.duration(4.25)).toBe('4.3초');
    expect(ko.duration(185)).toBe('3분 5초');
    expect(ko.duration(3720)).toBe('1시간 2분');
    expect(ko.count(60000)).toBe('60,000');
    expect(ko.percent(0.9751)).toBe('97.5%');
    expect(english.percent(0.9751)).toBe('97.5%');
    expect(english.percent(0.9, 0)).toBe('90%');
    expect(english.count(1234.6)).toBe('1,235');
  });
});
