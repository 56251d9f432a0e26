// Both runs' training loss on shared axes: smoothed lines over faint raw ones,
// and the test accuracy at each evaluation in the summary below.

import { useDeferredValue, useMemo } from 'react';
import { Line } from 'recharts';
import { useT } from '../app/i18n/useT.ts';
import { formatLoss } from '../app/kit/format.ts';
import { downsample, lossAxisTop, smooth, smoothingFor } from '../app/kit/series.ts';
import { compareRunLabel } from '../app/store/compare-slice.ts';
import { useAppStore } from '../app/store/store.ts';
import { useThrottled } from '../app/kit/useThrottled.ts';
import { LossAxesChart } from '../shared/LossAxesChart.tsx';

export const runColours = ['#b45309', '#1d4ed8'] as const;

export function CompareChart() {
  // About three redraws a second while the runs stream in (see LossChart).
  const series = useDeferredValue(useThrottled(useAppStore((s) => s.compareSeries), 300));
  const tr = useT();
  const runs = useAppStore((s) => s.compare.runs);
  const labels = useMemo(() => [compareRunLabel('A', runs[0], tr), compareRunLabel('B', runs[1], tr)], [runs, tr]);
  const totalSteps = useAppStore((s) => s.compare.totalSteps);
  const chart = useMemo(() => {
    const runs = series.map((s) => downsample(s.steps, s.losses, smooth(s.losses, smoothingFor(totalSteps)), 200));
    const top = lossAxisTop(runs.flatMap((r) => r.map((p) => p.raw)));
    return { runs, top };
  }, [series, totalSteps]);
  const points = chart.runs[0]!.length + chart.runs[1]!.length;
  const lastOf = (i: number) => {
    const r = chart.runs[i]!;
    return r.length > 0 ? tr.t('chart.compare.last', { label: labels[i]!, loss: formatLoss(r[r.length - 1]!.smooth), step: String(r[r.length - 1]!.step) }) : null;
  };
  const caption = [lastOf(0), lastOf(1)].filter(Boolean).join('; ') || tr.t('chart.compare.empty');
  return (
    <LossAxesChart label={tr.t('chart.compare')} points={points} top={chart.top} caption={caption} howTo={tr.t('howto.compare')}>
      {chart.runs.map((run, i) => (
        <Line key={`raw-${i}`} data={run} dataKey="raw" name={tr.t('chart.compare.raw', { label: labels[i]! })} stroke={runColours[i]} strokeOpacity={0.25} dot={false} isAnimationActive={false} legendType="none" />
      ))}
      {chart.runs.map((run, i) => (
        <Line key={`smooth-${i}`} data={run} dataKey="smooth" name={labels[i]} stroke={runColours[i]} strokeWidth={2} dot={false} isAnimationActive={false} />
      ))}
    </LossAxesChart>
  );
}
