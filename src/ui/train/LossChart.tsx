// Training loss per step (raw and smoothed) and the test loss after each
// epoch, on one step axis. The store changes up to ten times a second; the
// chart redraws about three times a second, draws a few hundred points
// whatever the run's length, without animation, and at low priority
// (useDeferredValue) so typing never waits.

import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Line } from 'recharts';
import { useT } from '../app/i18n/useT.ts';
import { formatLoss } from '../app/kit/format.ts';
import { downsample, lossAxisTop, smooth, smoothingFor, thin } from '../app/kit/series.ts';
import { useAppStore } from '../app/store/store.ts';
import { useThrottled } from '../app/kit/useThrottled.ts';
import { LossAxesChart } from '../shared/LossAxesChart.tsx';

/** Charts redraw at most this often while a run streams in (recharts costs tens of milliseconds a redraw). */
export const CHART_INTERVAL_MS = 300;

const colours = { raw: '#9fb3c8', smooth: '#1d4ed8', test: '#c2410c' };

export function LossChart() {
  const tr = useT();
  const series = useThrottled(
    useAppStore(useShallow((s) => ({ steps: s.lossSteps, losses: s.lossValues, epochResults: s.epochResults }))),
    CHART_INTERVAL_MS,
  );
  const { steps, losses, epochResults } = useDeferredValue(series);
  const stepsPerEpoch = useAppStore((s) => s.run.stepsPerEpoch);
  const totalSteps = useAppStore((s) => s.run.totalSteps);

  const chart = useMemo(() => {
    const smoothed = smooth(losses, smoothingFor(totalSteps));
    const points = downsample(steps, losses, smoothed, 200);
    const test = thin(epochResults.map((e) => ({ step: e.epoch * stepsPerEpoch, test: e.testLoss })), 150);
    const top = lossAxisTop([...points.map((p) => p.raw), ...test.map((t) => t.test)]);
    return { points, test, top, lastSmooth: smoothed[smoothed.length - 1] ?? NaN, bucket: Math.ceil(steps.length / Math.max(1, points.length)) };
  }, [steps, losses, epochResults, stepsPerEpoch, totalSteps]);

  const last = chart.points[chart.points.length - 1];
  const lastTest = chart.test[chart.test.length - 1];
  const values = { step: String(last?.step ?? 0), loss: formatLoss(losses[losses.length - 1]!), smooth: formatLoss(chart.lastSmooth) };
  const summary = last
    ? [
        lastTest ? tr.t('chart.loss.captionTest', { ...values, test: formatLoss(lastTest.test), epoch: epochResults.length }) : tr.t('chart.loss.caption', values),
        chart.bucket > 1 ? tr.t('chart.loss.bucket', { n: chart.bucket }) : '',
      ]
        .join(' ')
        .trim()
    : tr.t('chart.loss.empty');

  return (
    <LossAxesChart label={tr.t('chart.loss')} points={chart.points.length} top={chart.top} caption={summary} howTo={tr.t('howto.loss')}>
      <Line data={chart.points} dataKey="raw" name={tr.t('chart.loss.training')} stroke={colours.raw} dot={false} strokeWidth={1} isAnimationActive={false} connectNulls />
      <Line data={chart.points} dataKey="smooth" name={tr.t('chart.loss.smoothed')} stroke={colours.smooth} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls />
      <Line data={chart.test} dataKey="test" name={tr.t('chart.loss.test')} stroke={colours.test} strokeWidth={2} dot={chart.test.length <= 40 ? { r: 3 } : false} isAnimationActive={false} />
    </LossAxesChart>
  );
}
