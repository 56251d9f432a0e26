import { PixelImage } from '../shared/PixelImage.tsx';
import './results.css';

export interface MisclassifiedItem {
  /** 784 floats in [0, 1]. */
  pixels: Float32Array;
  predicted: number;
  label: number;
  /** Position in the test set. */
  index: number;
}

interface MisclassifiedGalleryProps {
  items: MisclassifiedItem[];
  classNames: string[];
}

// Enough to see patterns in the mistakes; more would only slow the page.
const MAX_SHOWN = 48;

/** Test images the model got wrong, each with its wrong answer and the truth. */
export function MisclassifiedGallery({ items, classNames }: MisclassifiedGalleryProps) {
  if (items.length === 0) return <p className="gallery__empty">No misclassified images</p>;
  const shown = items.slice(0, MAX_SHOWN);
  const name = (c: number) => classNames[c] ?? String(c);
  return (
    <div className="gallery">
      <p className="gallery__count">
        {items.length > MAX_SHOWN
          ? `Showing ${MAX_SHOWN} of ${items.length} mistakes`
          : `${items.length} ${items.length === 1 ? 'mistake' : 'mistakes'}`}
      </p>
      <ul aria-label="Misclassified test images" className="gallery__grid">
        {shown.map((item, i) => (
          <li key={`${item.index}-${i}`} className="gallery__item">
            <figure className="gallery__figure">
              <PixelImage pixels={item.pixels} label={`Test image ${item.index}`} className="gallery__image" />
              <figcaption className="gallery__caption">
                <span className="gallery__caption-line">
                  predicted <span className="gallery__predicted">{name(item.predicted)}</span>,
                </span>{' '}
                <span className="gallery__caption-line">
                  true <span className="gallery__true">{name(item.label)}</span>
                </span>
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </div>
  );
}
