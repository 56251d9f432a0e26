import type { ReactNode } from 'react';
import { useT } from '../app/i18n/useT.ts';
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
  /** [height, width] of the dataset's images. */
  imageSize: readonly [number, number];
}

// Enough to see patterns in the mistakes; more would only slow the page.
const MAX_SHOWN = 48;

const predicted = (chunks: ReactNode[]) => <span className="gallery__predicted">{chunks}</span>;
const truth = (chunks: ReactNode[]) => <span className="gallery__true">{chunks}</span>;

/** Test images the model got wrong, each with its wrong answer and the truth. */
export function MisclassifiedGallery({ items, classNames, imageSize: [height, width] }: MisclassifiedGalleryProps) {
  const tr = useT();
  if (items.length === 0) return <p className="gallery__empty">{tr.t('gallery.empty')}</p>;
  const shown = items.slice(0, MAX_SHOWN);
  const name = (c: number) => classNames[c] ?? String(c);
  return (
    <div className="gallery">
      <p className="gallery__count">
        {items.length > MAX_SHOWN
          ? tr.t('gallery.showing', { shown: tr.count(MAX_SHOWN), total: tr.count(items.length) })
          : tr.t('gallery.count', { count: items.length })}
      </p>
      <ul aria-label={tr.t('gallery.list')} className="gallery__grid">
        {shown.map((item, i) => (
          <li key={`${item.index}-${i}`} className="gallery__item">
            <figure className="gallery__figure">
              <PixelImage pixels={item.pixels} label={tr.t('gallery.image', { index: String(item.index) })} width={width} height={height} className="gallery__image" />
              <figcaption className="gallery__caption">
                <span className="gallery__caption-line">{tr.richWith({ em: predicted }, 'gallery.predicted', { name: name(item.predicted) })}</span>{' '}
                <span className="gallery__caption-line">{tr.richWith({ em: truth }, 'gallery.true', { name: name(item.label) })}</span>
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </div>
  );
}
