// Both runs' training loss on shared axes: smoothed lines over faint raw ones,
// and the test accuracy at each evaluation in the summary below.

import { useDeferredValue, useId, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatLoss } from '../app/kit/format.ts';
import { downsample, lossAxisTop, smooth, smoothingFor } from '../app/kit/series.ts';
import { useAppStore } from '../app/store/store.ts';
import { useThrottled } from '../app/kit/useThrottled.ts';

export const runColours = ['#b45309', '#1d4ed8'] as const;

export function CompareChart() {
  // About three redraws a second while the runs stream in (see LossChart).
  const series = useDeferredValue(useThrottled(useAppStore((s) => s.compareSeries), 300));
  const labels = useAppStore((s) => s.compare.labels);
  const totalSteps = useAppStore((s) => s.compare.totalSteps);
  const summaryId = useId();
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
    <figure className="chart">
      <div className="chart__plot" role="img" aria-label="Comparison chart" aria-describedby={summaryId} data-points={points}>
        <ResponsiveContainer width="100%" height={260} minWidth={0}>
          <LineChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e4e7eb" />
            <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tick={{ fontSize: 12 }} label={{ value: 'step', position: 'insideBottomRight', offset: -2, fontSize: 12 }} />
            <YAxis type="number" domain={[0, chart.top]} allowDataOverflow tick={{ fontSize: 12 }} width={48} tickFormatter={(v: number) => formatLoss(v)} />
            <Tooltip formatter={(value) => formatLoss(Number(value))} labelFormatter={(step) => `step ${String(step)}`} isAnimationActive={false} />
            <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
            {chart.runs.map((run, i) => (
              <Line key={`raw-${i}`} data={run} dataKey="raw" name={`${labels[i]} (raw)`} stroke={runColours[i]} strokeOpacity={0.25} dot={false} isAnimationActive={false} legendType="none" />
            ))}
            {chart.runs.map((run, i) => (
              <Line key={`smooth-${i}`} data={run} dataKey="smooth" name={labels[i]} stroke={runColours[i]} strokeWidth={2} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption id={summaryId} className="chart__caption">
        {caption}
      </figcaption>
    </figure>
  );
}
