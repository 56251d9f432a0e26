// Both runs' training loss on shared axes: smoothed lines over faint raw ones,
// and the test accuracy at each evaluation in the summary below.

import { useDeferredValue, useMemo } from 'react';
import { Line } from 'recharts';
import { formatLoss } from '../app/kit/format.ts';
import { downsample, lossAxisTop, smooth, smoothingFor } from '../app/kit/series.ts';
import { useAppStore } from '../app/store/store.ts';
import { useThrottled } from '../app/kit/useThrottled.ts';
import { LossAxesChart } from '../shared/LossAxesChart.tsx';

export const runColours = ['#b45309', '#1d4ed8'] as const;

export function CompareChart() {
  // About three redraws a second while the runs stream in (see LossChart).
  const series = useDeferredValue(useThrottled(useAppStore((s) => s.compareSeries), 300));
  const labels = useAppStore((s) => s.compare.labels);
  const totalSteps = useAppStore((s) => s.compare.totalSteps);
  const chart = useMemo(() => {
    const runs = series.map((s) => downsample(s.steps, s.losses, smooth(s.losses, smoothingFor(totalSteps)), 200));
    const top = lossAxisTop(runs.flatMap((r) => r.map((p) => p.raw)));
    return { runs, top };
  }, [series, totalSteps]);
  const points = chart.runs[0]!.length + chart.runs[1]!.length;
  const lastOf = (i: number) => {
    const r = chart.runs[i]!;
    return r.length > 0 ? `${labels[i]} smoothed loss ${formatLoss(r[r.length - 1]!.smooth)} at step ${r[r.length - 1]!.step}` : null;
  };
  const caption = [lastOf(0), lastOf(1)].filter(Boolean).join('; ') || 'Both loss curves appear here, on the same axes.';
  return (
    <LossAxesChart label="Comparison chart" points={points} top={chart.top} caption={caption}>
      {chart.runs.map((run, i) => (
        <Line key={`raw-${i}`} data={run} dataKey="raw" name={`${labels[i]} (raw)`} stroke={runColours[i]} strokeOpacity={0.25} dot={false} isAnimationActive={false} legendType="none" />
      ))}
      {chart.runs.map((run, i) => (
        <Line key={`smooth-${i}`} data={run} dataKey="smooth" name={labels[i]} stroke={runColours[i]} strokeWidth={2} dot={false} isAnimationActive={false} />
      ))}
    </LossAxesChart>
  );
}
