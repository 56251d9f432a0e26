// "Gradient flow": per layer, the norm of its weight gradient and the size of
// its update against its weights, over the run's steps, on log scales. The
// worker samples them on the GPU every few steps while this view is on
// screen (views/gradient-flow.ts); the charts are plain SVG paths.

import { useMemo } from 'react';
import type { Translator } from '../app/i18n/translator.ts';
import { useT } from '../app/i18n/useT.ts';
import { HowToRead } from '../app/kit/HowToRead.tsx';
import { decades, formatSmall, layerColour, logPath, powerOfTen, type Frame } from './log-chart.ts';
import { useOnScreen } from './useOnScreen.ts';
import { useView } from './useView.ts';
import './gradients.css';

const WIDTH = 320;
const HEIGHT = 120;
const MARGIN = { left: 40, right: 8, top: 6, bottom: 18 };

function LogChart({ label, steps, series, tr }: { label: string; steps: number[]; series: number[][]; tr: Translator }) {
  const frame: Frame = useMemo(() => {
    const [y0, y1] = decades(series);
    return { width: WIDTH, height: HEIGHT, x0: steps[0] ?? 0, x1: steps.at(-1) ?? 1, y0, y1 };
  }, [steps, series]);
  const ticks = Array.from({ length: frame.y1 - frame.y0 + 1 }, (_, i) => frame.y0 + i);
  const every = Math.ceil(ticks.length / 6);
  return (
    <figure className="log-chart">
      <figcaption>{label}</figcaption>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${WIDTH + MARGIN.left + MARGIN.right} ${HEIGHT + MARGIN.top + MARGIN.bottom}`}
        className="log-chart__svg"
      >
        <g transform={`translate(${MARGIN.left} ${MARGIN.top})`}>
          {ticks.map((decade, i) => {
            const y = HEIGHT - ((decade - frame.y0) / (frame.y1 - frame.y0)) * HEIGHT;
            return (
              <g key={decade}>
                <line x1={0} x2={WIDTH} y1={y} y2={y} className="log-chart__grid" />
                {i % every === 0 && (
                  <text x={-4} y={y + 3} textAnchor="end" className="log-chart__tick">
                    {powerOfTen(decade)}
                  </text>
                )}
              </g>
            );
          })}
          <text x={0} y={HEIGHT + 14} className="log-chart__tick">
            {frame.x0}
          </text>
          <text x={WIDTH} y={HEIGHT + 14} textAnchor="end" className="log-chart__tick">
            {`${tr.t('gradients.flow.axis.step')} ${frame.x1}`}
          </text>
          {series.map((values, i) => (
            <path key={i} d={logPath(frame, steps, values)} fill="none" stroke={layerColour(i, series.length)} strokeWidth={1.5} />
          ))}
        </g>
      </svg>
    </figure>
  );
}

export function GradientFlow() {
  const tr = useT();
  // Computed only while on screen: the worker's work for it stops when the learner scrolls away.
  const [ref, onScreen] = useOnScreen<HTMLElement>();
  const data = useView('gradient-flow', onScreen);
  const label = tr.t('gradients.flow');
  if (!data) {
    return (
      <section ref={ref} className="view" aria-label={label}>
        <h3>{label}</h3>
        <p className="view__empty">{tr.t('gradients.flow.empty')}</p>
        <HowToRead>{tr.t('gradients.flow.howto')}</HowToRead>
      </section>
    );
  }
  const { layers, steps, gradNorms, updateRatios, every } = data;
  const first = gradNorms[0]?.at(-1) ?? NaN;
  const last = gradNorms.at(-1)?.at(-1) ?? NaN;
  const factor = last / first;
  return (
    <section ref={ref} className="view" aria-label={label}>
      <h3>{label}</h3>
      {steps.length === 0 ? (
        <p className="view__empty">{tr.t('gradients.flow.waiting', { every })}</p>
      ) : (
        <>
          <p className="view__summary">
            {tr.t('gradients.flow.summary', { count: steps.length, every, step: steps.at(-1)! })}
            {layers.length > 1 && factor >= 10 && ` ${tr.t('gradients.flow.spread', { factor: formatSmall(factor) })}`}
          </p>
          <LogChart label={tr.t('gradients.flow.gradChart')} steps={steps} series={gradNorms} tr={tr} />
          <LogChart label={tr.t('gradients.flow.ratioChart')} steps={steps} series={updateRatios} tr={tr} />
          <ul className="flow-legend" aria-label={tr.t('gradients.flow.layers')}>
            {layers.map(({ layer, name }, i) => (
              <li key={layer}>
                <span className="flow-legend__swatch" style={{ background: layerColour(i, layers.length) }} aria-hidden="true" />
                {tr.t('gradients.flow.layer', {
                  layer,
                  name,
                  grad: formatSmall(gradNorms[i]!.at(-1)!),
                  ratio: formatSmall(updateRatios[i]!.at(-1)!),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <HowToRead>{tr.t('gradients.flow.howto')}</HowToRead>
    </section>
  );
}
