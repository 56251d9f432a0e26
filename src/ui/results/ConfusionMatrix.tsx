import { useT } from '../app/i18n/useT.ts';
import { cellColours, cellTitle, classAccuracy, formatShare, overallAccuracy } from './confusion.ts';
import './results.css';

interface ConfusionMatrixProps {
  /** matrix[trueClass][predictedClass] = number of test images. */
  matrix: number[][];
  classNames: string[];
  /** A click on a cell with images: its true and predicted class. Without it, cells are plain numbers. */
  onCell?: (trueClass: number, predictedClass: number) => void;
  /** The cell whose images are shown (its button is pressed). */
  selected?: { trueClass: number; predictedClass: number } | null;
}

/** Which classes the model confuses with which: rows are the truth, columns the model's answer. */
export function ConfusionMatrix({ matrix, classNames, onCell, selected = null }: ConfusionMatrixProps) {
  const tr = useT();
  const rows = classNames.map((_, i) => classNames.map((_, j) => matrix[i]?.[j] ?? 0));
  const accuracy = classAccuracy(rows);
  const overall = overallAccuracy(rows);
  const total = rows.reduce((s, row) => s + row.reduce((a, v) => a + v, 0), 0);
  return (
    <div className="confusion">
      <p className="confusion__help">
        {tr.t('confusion.help')}
        {overall !== null && ` ${tr.t('confusion.overall', { share: formatShare(overall, tr), total: tr.count(total) })}`}
      </p>
      <div className="confusion__scroll">
        <table aria-label={tr.t('results.matrix')} className="confusion__table">
          <thead>
            <tr>
              <th scope="col" className="confusion__corner">
                <span>{tr.t('confusion.true')}</span> <span>{tr.t('confusion.predicted')}</span>
              </th>
              {classNames.map((name, j) => (
                <th key={j} scope="col" className="confusion__col-head">{name}</th>
              ))}
              <th scope="col" className="confusion__acc-head">
                {tr.t('confusion.accuracy')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const rowTotal = row.reduce((s, v) => s + v, 0);
              return (
                <tr key={i}>
                  <th scope="row" className="confusion__row-head">{classNames[i]}</th>
                  {row.map((count, j) => (
                    <td
                      key={j}
                      title={cellTitle(classNames[i]!, classNames[j]!, count, tr)}
                      className={i === j ? 'confusion__cell confusion__cell--diagonal' : 'confusion__cell'}
                      style={cellColours(rowTotal > 0 ? count / rowTotal : 0, i === j)}
                    >
                      {onCell && count > 0 ? (
                        <button
                          type="button"
                          className="confusion__cell-button"
                          aria-label={tr.t('cell.button', { trueName: classNames[i]!, predictedName: classNames[j]!, count })}
                          aria-pressed={selected?.trueClass === i && selected.predictedClass === j}
                          onClick={() => onCell(i, j)}
                        >
                          {count}
                        </button>
                      ) : (
                        count
                      )}
                    </td>
                  ))}
                  <td className="confusion__acc">{formatShare(accuracy[i] ?? null, tr)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
