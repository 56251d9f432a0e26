import { useT } from '../app/i18n/useT.ts';
import { formatPercent, topClass } from './prediction.ts';
import './draw.css';

interface PredictionBarsProps {
  /** One probability per class (softmax output), or null before anything is drawn. */
  probabilities: number[] | null;
  classNames: string[];
  /** Which model answers, e.g. "Answering: pretrained MNIST model (shipped with the page)". */
  modelDescription: string;
}

/** The model's answer in large type, with one bar per class showing how sure it is. */
export function PredictionBars({ probabilities, classNames, modelDescription }: PredictionBarsProps) {
  const tr = useT();
  const top = topClass(probabilities);
  const topName = top >= 0 ? (classNames[top] ?? String(top)) : '';
  return (
    <div className="prediction">
      <div className="prediction__headline">
        <span className="prediction__headline-label">{tr.t('predict.label')}</span>
        <div role="status" aria-label={tr.t('predict.label')} className="prediction__answer">{topName}</div>
        <span className="prediction__confidence">
          {top >= 0 ? tr.t('predict.sure', { percent: formatPercent(probabilities![top]) }) : tr.t('predict.empty')}
        </span>
      </div>
      <ol className="prediction__bars" aria-label={tr.t('predict.bars')}>
        {classNames.map((name, i) => {
          const p = probabilities?.[i];
          const width = p !== undefined && Number.isFinite(p) ? Math.min(1, Math.max(0, p)) * 100 : 0;
          return (
            <li key={i} className={i === top ? 'prediction__row prediction__row--top' : 'prediction__row'}>
              <span className="prediction__name">{name}</span>
              <span className="prediction__track" aria-hidden="true">
                <span className="prediction__fill" style={{ width: `${width}%` }} />
              </span>
              <span className="prediction__percent">{formatPercent(p)}</span>
            </li>
          );
        })}
      </ol>
      <p className="prediction__model">{modelDescription}</p>
    </div>
  );
}
