// "Find learning rate": the range test's loss against the learning rate on a
// log axis, the suggested rate, and one click to put it into Set up.

import { useDeferredValue, useId, useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useShallow } from 'zustand/react/shallow';
import { defaultRangeTest, formatRate } from '../../train/lr-finder.ts';
import { useT } from '../app/i18n/useT.ts';
import { formatLoss } from '../app/kit/format.ts';
import { HowToRead } from '../app/kit/HowToRead.tsx';
import { lossAxisTop } from '../app/kit/series.ts';
import { useThrottled } from '../app/kit/useThrottled.ts';
import { optimizerLabels, toConfig } from '../app/store/settings.ts';
import { useAppStore } from '../app/store/store.ts';

const { startLr, endLr, steps } = defaultRangeTest;
/** One tick per decade of the rate. */
const decades = Array.from({ length: Math.round(Math.log10(endLr / startLr)) + 1 }, (_, i) => startLr * 10 ** i);

export function LrFinder() {
  const tr = useT();
  const headingId = useId();
  const status = useAppStore((s) => s.lrFinder.status);
  const ended = useAppStore((s) => s.lrFinder.ended);
  const message = useAppStore((s) => s.lrFinder.message);
  const suggestion = useAppStore((s) => s.lrFinder.suggestion);
  const testId = useAppStore((s) => s.lrFinder.id);
  const count = useAppStore((s) => s.lrFinder.points.length);
  const lastLr = useAppStore((s) => s.lrFinder.points[s.lrFinder.points.length - 1]?.lr ?? null);
  const seed = useAppStore((s) => s.settings.seed);
  const optimizer = useAppStore((s) => s.settings.optimizer);
  const gpuReady = useAppStore((s) => s.gpuStatus === 'ready');
  const setupValid = useAppStore((s) => toConfig(s.settings) !== null);
  const busy = useAppStore(
    (s) => ['running', 'starting', 'paused'].includes(s.run.status) || s.compare.status === 'running' || s.compare.status === 'starting',
  );
  const { startFindLr, stopFindLr, useSuggestedLr } = useAppStore(
    useShallow((s) => ({ startFindLr: s.startFindLr, stopFindLr: s.stopFindLr, useSuggestedLr: s.useSuggestedLr })),
  );
  // Which test's suggestion was put into Set up (the notice goes when a new test starts).
  const [usedFor, setUsedFor] = useState<number | null>(null);
  const running = status === 'running' || status === 'starting';
  const canStart = gpuReady && setupValid && !busy && !running;

  let statusText: string;
  if (status === 'starting') statusText = tr.t('lrFind.starting');
  else if (status === 'running') statusText = tr.t('lrFind.running', { step: String(count), total: String(steps), lr: lastLr === null ? '–' : formatRate(lastLr) });
  else if (status === 'done' && ended === 'exploded') statusText = tr.t('lrFind.exploded', { lr: lastLr === null ? '–' : formatRate(lastLr) });
  else if (status === 'done' && ended === 'stopped') statusText = tr.t('lrFind.stopped', { count: String(count) });
  else if (status === 'done') statusText = tr.t('lrFind.finished', { end: formatRate(endLr) });
  else if (status === 'failed') statusText = tr.t('lrFind.failed', { message: message ? tr.msg(message) : tr.t('error.unknown') });
  else if (busy) statusText = tr.t('lrFind.busy');
  else if (!setupValid) statusText = tr.t('lrFind.fix');
  else statusText = tr.t('lrFind.idle', { start: formatRate(startLr), end: formatRate(endLr) });

  return (
    <section className="lr-finder" aria-labelledby={headingId}>
      <h3 id={headingId}>{tr.t('lrFind.title')}</h3>
      <p className="section__lead">
        {tr.t('lrFind.lead', {
          seed: seed.trim(),
          optimizer: optimizerLabels[optimizer],
          start: formatRate(startLr),
          end: formatRate(endLr),
          steps: String(steps),
          perDecade: String(Math.round((steps - 1) / Math.log10(endLr / startLr))),
        })}
      </p>
      <div className="compare__buttons">
        <button type="button" className="button button--primary" onClick={startFindLr} disabled={!canStart}>
          {tr.t('lrFind.start')}
        </button>
        <button type="button" className="button" onClick={stopFindLr} disabled={!running}>
          {tr.t('lrFind.stop')}
        </button>
        <p className="compare__status" role="status" aria-label={tr.t('lrFind.status')}>
          {statusText}
        </p>
      </div>
      <RangeChart />
      {status === 'done' ? (
        <div className="lr-finder__suggestion">
          <p>{suggestion ? tr.t('lrFind.suggestion', { lr: formatRate(suggestion.lr), minimum: formatRate(suggestion.minimumLr) }) : tr.t('lrFind.noSuggestion')}</p>
          {suggestion && suggestion.minimumLr === lastLr && ended === 'finished' ? <p>{tr.t('lrFind.atEnd')}</p> : null}
          {suggestion ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                useSuggestedLr();
                setUsedFor(testId);
              }}
            >
              {tr.t('lrFind.use')}
            </button>
          ) : null}
          {suggestion && usedFor === testId ? <p role="status">{tr.t('lrFind.used', { lr: formatRate(suggestion.lr) })}</p> : null}
        </div>
      ) : null}
    </section>
  );
}

function RangeChart() {
  const tr = useT();
  const captionId = useId();
  const points = useDeferredValue(useThrottled(useAppStore((s) => s.lrFinder.points), 300));
  const suggestion = useAppStore((s) => s.lrFinder.suggestion);
  const top = useMemo(() => lossAxisTop(points.map((p) => p.smoothed)), [points]);
  const lowest = useMemo(() => points.reduce<(typeof points)[number] | null>((best, p) => (best === null || p.smoothed < best.smoothed ? p : best), null), [points]);
  const caption = lowest
    ? tr.t('lrFind.chart.caption', { loss: formatLoss(lowest.smoothed), lr: formatRate(lowest.lr), count: String(points.length) })
    : tr.t('lrFind.chart.empty');
  return (
    <figure className="chart">
      <div className="chart__plot" role="img" aria-label={tr.t('lrFind.chart')} aria-describedby={captionId} data-points={points.length}>
        <ResponsiveContainer width="100%" height={240} minWidth={0}>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 12, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e4e7eb" />
            <XAxis
              dataKey="lr"
              type="number"
              scale="log"
              domain={[startLr, endLr]}
              ticks={decades}
              allowDataOverflow
              tick={{ fontSize: 12 }}
              tickFormatter={(v: number) => formatRate(v)}
              label={{ value: tr.t('lrFind.chart.axis'), position: 'insideBottomRight', offset: -8, fontSize: 12 }}
            />
            <YAxis type="number" domain={[0, top]} allowDataOverflow tick={{ fontSize: 12 }} width={48} tickFormatter={(v: number) => formatLoss(v)} />
            <Tooltip formatter={(value) => formatLoss(Number(value))} labelFormatter={(lr) => tr.t('lrFind.chart.rate', { lr: formatRate(Number(lr)) })} isAnimationActive={false} />
            <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
            <Line dataKey="loss" name={tr.t('lrFind.chart.raw')} stroke="#0072B2" strokeOpacity={0.3} dot={false} isAnimationActive={false} legendType="plainline" />
            <Line dataKey="smoothed" name={tr.t('lrFind.chart.smoothed')} stroke="#0072B2" strokeWidth={2} dot={false} isAnimationActive={false} legendType="plainline" />
            {suggestion?.steepestLr ? (
              <ReferenceLine x={suggestion.steepestLr} stroke="#7b8794" strokeDasharray="2 3" label={{ value: tr.t('lrFind.chart.steepest'), position: 'insideTopLeft', fontSize: 12, fill: '#52606d' }} />
            ) : null}
            {suggestion ? (
              <ReferenceLine x={suggestion.lr} stroke="#D55E00" strokeWidth={2} strokeDasharray="6 3" label={{ value: tr.t('lrFind.chart.suggested'), position: 'insideTopRight', fontSize: 12, fill: '#D55E00' }} />
            ) : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption id={captionId} className="chart__caption">
        {caption}
      </figcaption>
      <HowToRead>{tr.t('lrFind.howto')}</HowToRead>
    </figure>
  );
}
