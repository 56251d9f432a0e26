// A dense layer's output as one thin bar per unit, up from a zero line for
// positive values and down for negative ones, all scaled to the layer's
// largest magnitude. Each bar is named with its unit and value, so a screen
// reader (and a test) reads the numbers the bars draw.

import { useMemo, type CSSProperties } from 'react';
import { formatValue } from './layer-images.ts';

interface ActivationBarsProps {
  values: Float32Array;
  caption: string;
  /** Accessible name of the list of bars. */
  label: string;
  /** Accessible name of one bar, from its unit (1-based) and its value as text. */
  unitLabel: (n: number, value: string) => string;
}

/** Where a bar sits: from the zero line (the bottom, or the middle of a signed layer) up, or down for a negative value. */
function barStyle(value: number, share: number, signed: boolean): CSSProperties {
  const zero = signed ? 50 : 0;
  return value < 0 ? { top: `${100 - zero}%`, height: `${(share * zero).toFixed(1)}%` } : { bottom: `${zero}%`, height: `${(share * (100 - zero)).toFixed(1)}%` };
}

export function ActivationBars({ values, caption, label, unitLabel }: ActivationBarsProps) {
  const bars = useMemo(() => {
    let largest = 0;
    for (const v of values) if (Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
    const negative = values.some((v) => v < 0);
    return { largest, negative };
  }, [values]);
  return (
    <figure className="activation-bars">
      <figcaption>{caption}</figcaption>
      <ol className={bars.negative ? 'activation-bars__list activation-bars__list--signed' : 'activation-bars__list'} aria-label={label}>
        {Array.from(values, (v, i) => {
          const share = bars.largest > 0 && Number.isFinite(v) ? Math.abs(v) / bars.largest : 0;
          return (
            <li key={i} className="activation-bars__bar" aria-label={unitLabel(i + 1, formatValue(v))}>
              <span className={v < 0 ? 'activation-bars__fill activation-bars__fill--negative' : 'activation-bars__fill'} style={barStyle(v, share, bars.negative)} />
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
