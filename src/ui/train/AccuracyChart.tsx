// Test accuracy after each epoch.

import { useDeferredValue, useId, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '../app/i18n/useT.ts';
import { HowToRead } from '../app/kit/HowToRead.tsx';
import { thin } from '../app/kit/series.ts';
import { useAppStore } from '../app/store/store.ts';
import { useThrottled } from '../app/kit/useThrottled.ts';
import { CHART_INTERVAL_MS } from './LossChart.tsx';

export function AccuracyChart() {
  const tr = useT();
  const epochResults = useDeferredValue(useThrottled(useAppStore((s) => s.epochResults), CHART_INTERVAL_MS));
  const summaryId = useId();
  const points = useMemo(
    () => thin(epochResults.map((e) => ({ epoch: e.epoch, accuracy: Number.isFinite(e.testAccuracy) ? e.testAccuracy * 100 : NaN })), 150),
    [epochResults],
  );
  const last = epochResults[epochResults.length - 1];
  return (
    <figure className="chart">
      <div className="chart__plot" role="img" aria-label={tr.t('chart.accuracy')} aria-describedby={summaryId} data-points={points.length}>
        <ResponsiveContainer width="100%" height={180} minWidth={0}>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e4e7eb" />
            <XAxis dataKey="epoch" type="number" domain={[0, 'dataMax']} allowDecimals={false} tick={{ fontSize: 12 }} label={{ value: tr.t('chart.epoch'), position: 'insideBottomRight', offset: -2, fontSize: 12 }} />
            <YAxis type="number" domain={[0, 100]} tick={{ fontSize: 12 }} width={48} unit="%" />
            <Tooltip
              formatter={(value) => tr.percent(Number(value) / 100)}
              labelFormatter={(epoch) => tr.t('chart.epochAt', { epoch: String(epoch) })}
              isAnimationActive={false}
            />
            <Line dataKey="accuracy" name={tr.t('chart.accuracy.series')} stroke="#047857" strokeWidth={2} dot={points.length < 60 ? { r: 3 } : false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption id={summaryId} className="chart__caption">
        {last ? tr.t('chart.accuracy.caption', { accuracy: tr.percent(last.testAccuracy), epoch: last.epoch }) : tr.t('chart.accuracy.empty')}
      </figcaption>
      <HowToRead>{tr.t('howto.accuracy')}</HowToRead>
    </figure>
  );
}
