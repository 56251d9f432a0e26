// The frame the loss charts share: a step axis, a loss axis from zero to
// `top`, the grid, the tooltip and the legend, with the caption that
// describes the chart to screen readers. The lines are the caller's.

import { useId, type ReactNode } from 'react';
import { CartesianGrid, Legend, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '../app/i18n/useT.ts';
import { formatLoss } from '../app/kit/format.ts';
import { HowToRead } from '../app/kit/HowToRead.tsx';

interface LossAxesChartProps {
  /** Accessible name of the plot, e.g. "Loss chart". */
  label: string;
  /** How many points are drawn (data-points, which e2e reads). */
  points: number;
  /** The top of the loss axis. */
  top: number;
  /** The text under the chart, which also describes it. */
  caption: string;
  /** The recharts <Line>s to draw, each with its own data. */
  children: ReactNode;
  /** How to read the chart, shown on demand under it. */
  howTo?: string;
}

export function LossAxesChart({ label, points, top, caption, children, howTo }: LossAxesChartProps) {
  const tr = useT();
  const captionId = useId();
  return (
    <figure className="chart">
      <div className="chart__plot" role="img" aria-label={label} aria-describedby={captionId} data-points={points}>
        <ResponsiveContainer width="100%" height={260} minWidth={0}>
          <LineChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e4e7eb" />
            <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tick={{ fontSize: 12 }} label={{ value: tr.t('chart.step'), position: 'insideBottomRight', offset: -2, fontSize: 12 }} />
            <YAxis type="number" domain={[0, top]} allowDataOverflow tick={{ fontSize: 12 }} width={48} tickFormatter={(v: number) => formatLoss(v)} />
            <Tooltip formatter={(value) => formatLoss(Number(value))} labelFormatter={(step) => tr.t('chart.stepAt', { step: String(step) })} isAnimationActive={false} />
            <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
            {children}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption id={captionId} className="chart__caption">
        {caption}
      </figcaption>
      {howTo ? <HowToRead>{howTo}</HowToRead> : null}
    </figure>
  );
}
