// "Train and test": training and test loss (left axis) and accuracy (right
// axis) after each epoch, the gap between the two losses shaded, and early
// stopping's point marked once the test loss has turned up. The values are
// also in a table under the chart, for screen readers and exact reading.
// A blobs run has thousands of one-step epochs: the chart draws at most
// CHART_POINTS of them and the table, built only while open, TABLE_ROWS
// (evenly spread, the early-stopping epoch and the last always among them),
// so the page keeps up with the epochs.

import { useDeferredValue, useId, useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '../app/i18n/useT.ts';
import type { Translator } from '../app/i18n/translator.ts';
import { formatLoss } from '../app/kit/format.ts';
import { HowToRead } from '../app/kit/HowToRead.tsx';
import { lossAxisTop, thin } from '../app/kit/series.ts';
import { useThrottled } from '../app/kit/useThrottled.ts';
import { useAppStore } from '../app/store/store.ts';
import { CHART_INTERVAL_MS } from './LossChart.tsx';
import { earlyStoppingPoint, generalizationGap, trainTestRows, type EpochFigures } from './train-test.ts';

const colours = { train: '#1d4ed8', test: '#c2410c', band: '#fdba74' };
const CHART_POINTS = 150;
const TABLE_ROWS = 200;

/** Accuracy points (a difference of two fractions) in the page's language. */
function formatPoints(fraction: number, tr: Translator): string {
  return Number.isFinite(fraction) ? tr.t('traintest.points', { value: (fraction * 100).toFixed(1) }) : '–';
}

const formatAccuracy = (fraction: number, tr: Translator) => (Number.isFinite(fraction) ? tr.percent(fraction) : '–');

export function TrainTestChart() {
  const tr = useT();
  const epochResults = useDeferredValue(useThrottled(useAppStore((s) => s.epochResults), CHART_INTERVAL_MS));
  const captionId = useId();
  const chart = useMemo(() => {
    const rows = trainTestRows(thin(epochResults, CHART_POINTS));
    const stop = earlyStoppingPoint(epochResults);
    const top = lossAxisTop(rows.flatMap((r) => [r.trainLoss, r.testLoss]));
    return { rows, stop, top };
  }, [epochResults]);
  const last = epochResults[epochResults.length - 1];
  const caption = last ? [captionFor(last, tr), chart.stop ? tr.t('traintest.turnedUp', { epoch: chart.stop.epoch, loss: formatLoss(chart.stop.testLoss) }) : ''].join(' ').trim() : tr.t('traintest.empty');
  const dots = chart.rows.length <= 40 ? { r: 3 } : false;
  return (
    <figure className="chart train-test">
      <div
        className="chart__plot"
        role="img"
        aria-label={tr.t('traintest.chart')}
        aria-describedby={captionId}
        data-points={epochResults.length}
        data-stop-epoch={chart.stop?.epoch ?? ''}
      >
        <ResponsiveContainer width="100%" height={260} minWidth={0}>
          <ComposedChart data={chart.rows} margin={{ top: 8, right: 8, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e4e7eb" />
            <XAxis dataKey="epoch" type="number" domain={[0, 'dataMax']} allowDecimals={false} tick={{ fontSize: 12 }} label={{ value: tr.t('traintest.epoch'), position: 'insideBottomRight', offset: -2, fontSize: 12 }} />
            <YAxis yAxisId="loss" type="number" domain={[0, chart.top]} allowDataOverflow tick={{ fontSize: 12 }} width={48} tickFormatter={(v: number) => formatLoss(v)} />
            <YAxis yAxisId="accuracy" orientation="right" type="number" domain={[0, 100]} tick={{ fontSize: 12 }} width={44} unit="%" />
            <Tooltip
              formatter={(value, name) => (Array.isArray(value) ? value.map((v) => formatLoss(Number(v))).join('–') : formatTooltip(Number(value), String(name), tr))}
              labelFormatter={(epoch) => tr.t('chart.epochAt', { epoch: String(epoch) })}
              isAnimationActive={false}
            />
            <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
            <Area yAxisId="loss" dataKey="lossBand" name={tr.t('traintest.gapBand')} fill={colours.band} fillOpacity={0.35} stroke="none" isAnimationActive={false} connectNulls />
            <Line yAxisId="loss" dataKey="trainLoss" name={tr.t('traintest.trainLoss')} stroke={colours.train} strokeWidth={2} dot={dots} isAnimationActive={false} />
            <Line yAxisId="loss" dataKey="testLoss" name={tr.t('traintest.testLoss')} stroke={colours.test} strokeWidth={2} dot={dots} isAnimationActive={false} />
            <Line yAxisId="accuracy" dataKey="trainAccuracy" name={tr.t('traintest.trainAccuracy')} stroke={colours.train} strokeDasharray="4 3" strokeWidth={1.5} dot={dots} isAnimationActive={false} />
            <Line yAxisId="accuracy" dataKey="testAccuracy" name={tr.t('traintest.testAccuracy')} stroke={colours.test} strokeDasharray="4 3" strokeWidth={1.5} dot={dots} isAnimationActive={false} />
            {chart.stop ? (
              <ReferenceLine
                yAxisId="loss"
                x={chart.stop.epoch}
                stroke="#111827"
                strokeDasharray="6 4"
                label={{ value: tr.t('traintest.stopMark', { epoch: chart.stop.epoch }), position: 'insideTopLeft', fontSize: 12, fill: '#111827' }}
              />
            ) : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption id={captionId} className="chart__caption">
        {caption}
      </figcaption>
      {epochResults.length > 0 ? <ValuesTable epochs={epochResults} stopEpoch={chart.stop?.epoch ?? null} /> : null}
      <HowToRead>{tr.t('traintest.howto')}</HowToRead>
    </figure>
  );
}

function formatTooltip(value: number, name: string, tr: Translator): string {
  const accuracyNames = [tr.t('traintest.trainAccuracy'), tr.t('traintest.testAccuracy')];
  return accuracyNames.includes(name) ? formatAccuracy(value / 100, tr) : formatLoss(value);
}

function captionFor(e: EpochFigures, tr: Translator): string {
  const gap = generalizationGap(e);
  return tr.t('traintest.caption', {
    epoch: e.epoch,
    trainLoss: formatLoss(e.trainLoss),
    testLoss: formatLoss(e.testLoss),
    lossGap: formatLoss(gap.loss),
    trainAccuracy: formatAccuracy(e.trainAccuracy, tr),
    testAccuracy: formatAccuracy(e.testAccuracy, tr),
    accuracyGap: formatPoints(gap.accuracy, tr),
  });
}

/** The epochs' figures, closed until asked for (and only built while open); the early-stopping epoch's row is marked. */
function ValuesTable({ epochs, stopEpoch }: { epochs: readonly EpochFigures[]; stopEpoch: number | null }) {
  const tr = useT();
  const [open, setOpen] = useState(false);
  return (
    <details className="train-test__values" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{tr.t('traintest.tableSummary')}</summary>
      {open ? <ValuesRows epochs={epochs} stopEpoch={stopEpoch} /> : null}
    </details>
  );
}

function ValuesRows({ epochs, stopEpoch }: { epochs: readonly EpochFigures[]; stopEpoch: number | null }) {
  const tr = useT();
  const shown = useMemo(() => {
    const rows = thin(epochs, TABLE_ROWS);
    const stop = epochs.find((e) => e.epoch === stopEpoch);
    return stop && !rows.includes(stop) ? [...rows, stop].sort((a, b) => a.epoch - b.epoch) : rows;
  }, [epochs, stopEpoch]);
  return (
    <>
      {shown.length < epochs.length ? <p className="train-test__note">{tr.t('traintest.tableThinned', { shown: shown.length, total: epochs.length })}</p> : null}
      <div className="train-test__scroll">
        <table aria-label={tr.t('traintest.table')} className="train-test__table">
          <thead>
            <tr>
              {(['epoch', 'trainLoss', 'testLoss', 'lossGap', 'trainAccuracy', 'testAccuracy', 'accuracyGap'] as const).map((column) => (
                <th key={column} scope="col">
                  {tr.t(`traintest.col.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => {
              const gap = generalizationGap(e);
              const lowest = e.epoch === stopEpoch;
              return (
                <tr key={e.epoch} className={lowest ? 'train-test__lowest' : undefined}>
                  <th scope="row">
                    {e.epoch}
                    {lowest ? ` (${tr.t('traintest.lowest')})` : ''}
                  </th>
                  <td>{formatLoss(e.trainLoss)}</td>
                  <td>{formatLoss(e.testLoss)}</td>
                  <td>{formatLoss(gap.loss)}</td>
                  <td>{formatAccuracy(e.trainAccuracy, tr)}</td>
                  <td>{formatAccuracy(e.testAccuracy, tr)}</td>
                  <td>{formatPoints(gap.accuracy, tr)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
