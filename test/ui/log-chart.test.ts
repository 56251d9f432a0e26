// The log-scale charts' arithmetic (src/ui/views/log-chart.ts): the decades an
// axis spans, paths with gaps where a value cannot sit on a log axis, and
// numbers written the same in every language.
import { describe, expect, it } from 'vitest';
import { decades, formatSmall, logPath, powerOfTen } from '../../src/ui/views/log-chart.ts';

describe('log chart', () => {
  it('spans whole decades around the positive finite values, at least one', () => {
    expect(decades([[3e-4, 0.02], [0, NaN, Infinity, 0.5]])).toEqual([-4, 0]);
    expect(decades([[0.1, 0.1]])).toEqual([-1, 0]);
    expect(decades([[0, -1]])).toEqual([-1, 0]);
  });

  it('draws a path in the frame, starting again after a value that is not positive', () => {
    const frame = { width: 100, height: 50, x0: 0, x1: 10, y0: -2, y1: 0 };
    expect(logPath(frame, [0, 5, 10], [0.01, 0.1, 1])).toBe('M0.0 50.0L50.0 25.0L100.0 0.0');
    expect(logPath(frame, [0, 5, 10], [0.01, 0, 1])).toBe('M0.0 50.0M100.0 0.0');
  });

  it('writes powers of ten with superscripts', () => {
    expect(powerOfTen(-12)).toBe('10⁻¹²');
    expect(formatSmall(3.21e-5)).toBe('3.2×10⁻⁵');
    expect(formatSmall(1e-4)).toBe('10⁻⁴');
    expect(formatSmall(1.5)).toBe('1.5');
    expect(formatSmall(2500)).toBe('2.5×10³');
    expect(formatSmall(0)).toBe('0');
  });
});
