import { useId } from 'react';
import { useT } from '../app/i18n/useT.ts';
import { PixelImage } from '../shared/PixelImage.tsx';
import { IMAGE_SIZE } from './preprocess.ts';
import './draw.css';

interface InputPreviewProps {
  /** The preprocessed 28×28 input (784 floats in [0, 1]), or null when nothing is drawn. */
  pixels: Float32Array | null;
}

/** The drawing as the model receives it: cropped, scaled, centred, 28×28, white on black. */
export function InputPreview({ pixels }: InputPreviewProps) {
  // Named explicitly: not every accessibility engine names a figure from its figcaption.
  const tr = useT();
  const captionId = useId();
  return (
    <figure className="input-preview" aria-labelledby={captionId}>
      <PixelImage pixels={pixels} label={tr.t('draw.inputLabel')} width={IMAGE_SIZE} height={IMAGE_SIZE} className="input-preview__image" />
      <figcaption id={captionId} className="input-preview__caption">
        {tr.t('draw.inputCaption')}
      </figcaption>
    </figure>
  );
}
