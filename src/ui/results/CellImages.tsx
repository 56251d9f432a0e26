// From a mistake to its cause: the test images of one confusion-matrix cell,
// each with what the model answered, as buttons that put the image on the
// drawing pad (where the Draw section shows its layer-by-layer view).

import { useState } from 'react';
import type { CellImage } from '../../train/messages.ts';
import { useT } from '../app/i18n/useT.ts';
import type { Translator } from '../app/i18n/translator.ts';
import { PixelImage } from '../shared/PixelImage.tsx';
import './results.css';

interface CellImagesProps {
  trueClass: number;
  predictedClass: number;
  classNames: string[];
  /** [height, width] of the dataset's images. */
  imageSize: readonly [number, number];
  /** Null while they are on their way. */
  images: CellImage[] | null;
  onPick: (image: CellImage) => void;
  onClose: () => void;
}

/** Images drawn at a time: a diagonal cell of MNIST holds about a thousand, more than one frame should draw. */
export const CELL_PAGE = 100;

/** The image's name on its button: its probabilities for the predicted class and, for a mistake, the true one. */
export function cellImageName(image: CellImage, trueClass: number, predictedClass: number, classNames: string[], tr: Translator): string {
  const name = (c: number) => classNames[c] ?? String(c);
  const share = (c: number) => tr.percent(image.probabilities[c] ?? NaN);
  const values = { index: String(image.index), predictedName: name(predictedClass), predictedShare: share(predictedClass) };
  return trueClass === predictedClass ? tr.t('cell.imageCorrect', values) : tr.t('cell.image', { ...values, trueName: name(trueClass), trueShare: share(trueClass) });
}

export function CellImages({ trueClass, predictedClass, classNames, imageSize: [height, width], images, onPick, onClose }: CellImagesProps) {
  const tr = useT();
  const [shown, setShown] = useState(CELL_PAGE);
  const [picked, setPicked] = useState<number | null>(null);
  const name = (c: number) => classNames[c] ?? String(c);
  const title = images ? tr.t('cell.button', { trueName: name(trueClass), predictedName: name(predictedClass), count: images.length }) : tr.t('cell.loading');
  return (
    <section className="cell-images" aria-label={title}>
      <div className="cell-images__head">
        <h4 className="cell-images__title">{title}</h4>
        <button type="button" className="cell-images__close" onClick={onClose}>
          {tr.t('cell.close')}
        </button>
      </div>
      {images && images.length === 0 ? <p>{tr.t('cell.none')}</p> : null}
      {images && images.length > 0 ? (
        <ul aria-label={tr.t('cell.list')} className="cell-images__grid">
          {images.slice(0, shown).map((image) => (
            <li key={image.index}>
              <button
                type="button"
                className="cell-images__item"
                aria-label={cellImageName(image, trueClass, predictedClass, classNames, tr)}
                onClick={() => {
                  setPicked(image.index);
                  onPick(image);
                }}
              >
                <PixelImage pixels={image.pixels} label="" width={width} height={height} className="cell-images__image" />
                <Probabilities probabilities={image.probabilities} trueClass={trueClass} predictedClass={predictedClass} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {images && images.length > shown ? (
        <button type="button" className="cell-images__more" onClick={() => setShown(shown + CELL_PAGE)}>
          {tr.t('cell.more', { count: Math.min(CELL_PAGE, images.length - shown) })}
        </button>
      ) : null}
      <p role="status" className="cell-images__status">
        {picked !== null ? tr.t('cell.onPad', { index: String(picked) }) : ''}
      </p>
    </section>
  );
}

/** One small bar per class (the predicted one in red, the true one in green) and the two shares in words. */
function Probabilities({ probabilities, trueClass, predictedClass }: { probabilities: number[]; trueClass: number; predictedClass: number }) {
  const tr = useT();
  return (
    <span className="cell-images__probs" aria-hidden="true">
      <span className="cell-images__bars">
        {probabilities.map((p, c) => (
          <span
            key={c}
            className={c === predictedClass ? 'cell-images__bar cell-images__bar--predicted' : c === trueClass ? 'cell-images__bar cell-images__bar--true' : 'cell-images__bar'}
            style={{ height: `${Math.max(1, Math.round(100 * p))}%` }}
          />
        ))}
      </span>
      <span className="cell-images__share">{tr.percent(probabilities[predictedClass] ?? NaN, 0)}</span>
    </span>
  );
}
