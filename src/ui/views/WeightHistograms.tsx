// "Weight histograms": each layer's weights (or gradients) as one histogram per
// epoch, stacked with an offset as TensorBoard's histogram view draws them,
// the newest at the front. Computed on the GPU by the worker once per epoch
// while this view is on screen (views/weight-histograms.ts). The latest
// epoch's counts are also a table, for reading the numbers (and for screen
// readers).

import { useId, useState } from 'react';
import type { EpochHistograms, HistogramLayer, TensorHistogram } from '../../train/worker/views/weight-histograms.ts';
import { useT } from '../app/i18n/useT.ts';
import { HowToRead } from '../app/kit/HowToRead.tsx';
import { formatValue } from './layer-images.ts';
import { useOnScreen } from './useOnScreen.ts';
import { useView } from './useView.ts';
import './gradients.css';

const WIDTH = 300;
const ROW = 36;
const OFFSET = 9;

type Mode = 'weights' | 'grads';

/** The edges of bin b of a histogram: as the worker bins, min + b·(max − min)/bins. */
export function binEdges({ min, max }: TensorHistogram, bins: number): number[] {
  return Array.from({ length: bins + 1 }, (_, b) => min + ((max - min) * b) / bins);
}

function Ridge({ histograms, bins, label }: { histograms: { epoch: number; h: TensorHistogram }[]; bins: number; label: string }) {
  const tr = useT();
  let lo = Infinity;
  let hi = -Infinity;
  let top = 1;
  for (const { h } of histograms) {
    lo = Math.min(lo, h.min);
    hi = Math.max(hi, h.max);
    for (const c of h.counts) top = Math.max(top, c);
  }
  const span = hi > lo ? hi - lo : 1;
  const x = (v: number) => ((v - lo) / span) * WIDTH;
  const height = ROW + (histograms.length - 1) * OFFSET;
  return (
    <svg role="img" aria-label={label} viewBox={`-56 -2 ${WIDTH + 60} ${height + 16}`} className="ridge">
      {histograms.map(({ epoch, h }, row) => {
        const base = ROW + row * OFFSET;
        const edges = binEdges(h, bins);
        const width = h.max > h.min ? 0 : WIDTH / bins / 4;
        let d = `M${x(edges[0]!) - width} ${base}`;
        Array.from(h.counts).forEach((count, b) => {
          const y = base - (count / top) * ROW;
          d += `L${x(edges[b]!) - width} ${y}L${x(edges[b + 1]!) + width} ${y}`;
        });
        d += `L${x(edges[bins]!) + width} ${base}Z`;
        return (
          <g key={epoch}>
            <path d={d} className="ridge__area" />
            {(row === 0 || row === histograms.length - 1 || histograms.length <= 6) && (
              <text x={-4} y={base} textAnchor="end" className="ridge__label">
                {tr.t('gradients.histograms.epoch', { epoch })}
              </text>
            )}
          </g>
        );
      })}
      <text x={0} y={height + 12} className="ridge__label">
        {formatValue(lo)}
      </text>
      <text x={WIDTH} y={height + 12} textAnchor="end" className="ridge__label">
        {formatValue(hi)}
      </text>
    </svg>
  );
}

function LayerHistograms({ layer, index, epochs, bins, mode }: { layer: HistogramLayer; index: number; epochs: EpochHistograms[]; bins: number; mode: Mode }) {
  const tr = useT();
  const histograms = epochs.flatMap((e) => {
    const h = mode === 'weights' ? e.weights[index] : e.grads?.[index];
    return h ? [{ epoch: e.epoch, h }] : [];
  });
  const latest = histograms.at(-1);
  if (!latest) return null;
  const what = tr.t(mode === 'weights' ? 'gradients.histograms.weights' : 'gradients.histograms.grads');
  const edges = binEdges(latest.h, bins);
  const lo = Math.min(...histograms.map((e) => e.h.min));
  const hi = Math.max(...histograms.map((e) => e.h.max));
  const range = { min: formatValue(lo), max: formatValue(hi) };
  return (
    <figure className="layer-histograms">
      <figcaption>{tr.t('gradients.histograms.layer', { layer: layer.layer, name: layer.name, size: layer.size })}</figcaption>
      <Ridge histograms={histograms} bins={bins} label={tr.t('gradients.histograms.plot', { layer: layer.layer, what, ...range })} />
      <details className="layer-histograms__numbers">
        <summary>{tr.t('gradients.histograms.numbers')}</summary>
        <table>
          <caption>
            {tr.t('gradients.histograms.table', {
              layer: layer.layer,
              what,
              epoch: latest.epoch,
              bins,
              min: formatValue(latest.h.min),
              max: formatValue(latest.h.max),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{tr.t('gradients.histograms.from')}</th>
              <th scope="col">{tr.t('gradients.histograms.to')}</th>
              <th scope="col">{tr.t('gradients.histograms.count')}</th>
            </tr>
          </thead>
          <tbody>
            {Array.from(latest.h.counts).map((count, b) => (
              <tr key={b}>
                <td>{formatValue(edges[b]!)}</td>
                <td>{formatValue(edges[b + 1]!)}</td>
                <td>{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export function WeightHistograms() {
  const tr = useT();
  // Computed only while on screen: the worker's work for it stops when the learner scrolls away.
  const [ref, onScreen] = useOnScreen<HTMLElement>();
  const data = useView('weight-histograms', onScreen);
  const [mode, setMode] = useState<Mode>('weights');
  const name = useId();
  const label = tr.t('gradients.histograms');
  const hasGrads = data?.epochs.some((e) => e.grads !== null) ?? false;
  return (
    <section ref={ref} className="view" aria-label={label}>
      <h3>{label}</h3>
      {!data ? (
        <p className="view__empty">{tr.t('gradients.histograms.empty')}</p>
      ) : (
        <>
          <fieldset className="view__choice">
            <legend>{tr.t('gradients.histograms.show')}</legend>
            {(['weights', 'grads'] as const).map((m) => (
              <label key={m}>
                <input type="radio" name={name} checked={mode === m} onChange={() => setMode(m)} />
                {tr.t(m === 'weights' ? 'gradients.histograms.weights' : 'gradients.histograms.grads')}
              </label>
            ))}
          </fieldset>
          {mode === 'grads' && !hasGrads ? (
            <p className="view__empty">{tr.t('gradients.histograms.noGrads')}</p>
          ) : (
            data.layers.map((layer, i) => <LayerHistograms key={layer.layer} layer={layer} index={i} epochs={data.epochs} bins={data.bins} mode={mode} />)
          )}
        </>
      )}
      <HowToRead>{tr.t('gradients.histograms.howto')}</HowToRead>
    </section>
  );
}
