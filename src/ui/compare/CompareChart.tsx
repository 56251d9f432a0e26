// Every run's training loss on shared axes: smoothed lines over faint raw ones,
// and the test accuracy at each evaluation in the summary below.

import { useDeferredValue, useMemo } from 'react';
import { Line } from 'recharts';
import { useT } from '../app/i18n/useT.ts';
import { formatLoss } from '../app/kit/format.ts';
import { downsample, lossAxisTop, smooth, smoothingFor } from '../app/kit/series.ts';
import { compareRunLabel, runLetters } from '../app/store/compare-slice.ts';
import { useAppStore } from '../app/store/store.ts';
import { useThrottled } from '../app/kit/useThrottled.ts';
import { LossAxesChart } from '../shared/LossAxesChart.tsx';

/**
 * One look per run, told apart by colour and by line pattern: the colours are
 * Okabe and Ito's palette for colour-blind readers (the yellow and the sky
 * blue left out, too pale on white), and the patterns keep the lines apart
 * in grey print and for readers who still confuse two colours.
 */
export const runStyles = [
  { colour: '#0072B2', dash: '' },
  { colour: '#D55E00', dash: '8 4' },
  { colour: '#009E73', dash: '2 3' },
  { colour: '#CC79A7', dash: '10 3 2 3' },
  { colour: '#000000', dash: '4 4' },
  { colour: '#E69F00', dash: '1 2 6 2' },
] as const;

/** A short piece of a run's line, in its colour and pattern, for the fields and the summary. */
export function RunSwatch({ index }: { index: number }) {
  const style = runStyles[index % runStyles.length]!;
  return (
    <svg className="compare__swatch" width="28" height="10" viewBox="0 0 28 10" aria-hidden="true">
      <line x1="1" y1="5" x2="27" y2="5" stroke={style.colour} strokeWidth="2.5" strokeDasharray={style.dash || undefined} />
    </svg>
  );
}

export function CompareChart() {
  // About three redraws a second while the runs stream in (see LossChart).
  const series = useDeferredValue(useThrottled(useAppStore((s) => s.compareSeries), 300));
  const tr = useT();
  const runs = useAppStore((s) => s.compare.runs);
  const labels = useMemo(() => runs.map((run, i) => compareRunLabel(runLetters[i]!, run, tr)), [runs, tr]);
  const totalSteps = useAppStore((s) => s.compare.totalSteps);
  const chart = useMemo(() => {
    const runs = series.map((s) => downsample(s.steps, s.losses, smooth(s.losses, smoothingFor(totalSteps)), 200));
    const top = lossAxisTop(runs.flatMap((r) => r.map((p) => p.raw)));
    return { runs, top };
  }, [series, totalSteps]);
  const points = chart.runs.reduce((sum, r) => sum + r.length, 0);
  const lastOf = (i: number) => {
    const r = chart.runs[i]!;
    return r.length > 0 ? tr.t('chart.compare.last', { label: labels[i] ?? '', loss: formatLoss(r[r.length - 1]!.smooth), step: String(r[r.length - 1]!.step) }) : null;
  };
  const caption = chart.runs.map((_, i) => lastOf(i)).filter(Boolean).join('; ') || tr.t('chart.compare.empty');
  return (
    <LossAxesChart label={tr.t('chart.compare')} points={points} top={chart.top} caption={caption} howTo={tr.t('howto.compare')}>
      {chart.runs.map((run, i) => (
        <Line
          key={`raw-${i}`}
          data={run}
          dataKey="raw"
          name={tr.t('chart.compare.raw', { label: labels[i] ?? '' })}
          stroke={runStyles[i]!.colour}
          strokeOpacity={0.2}
          dot={false}
          isAnimationActive={false}
          legendType="none"
        />
      ))}
      {chart.runs.map((run, i) => (
        <Line
          key={`smooth-${i}`}
          data={run}
          dataKey="smooth"
          name={labels[i]}
          stroke={runStyles[i]!.colour}
          strokeDasharray={runStyles[i]!.dash || undefined}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
          legendType="plainline"
        />
      ))}
    </LossAxesChart>
  );
}
