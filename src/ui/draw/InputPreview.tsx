import { useId } from 'react';
import { PixelImage } from '../shared/PixelImage.tsx';
import './draw.css';

interface InputPreviewProps {
  /** The preprocessed 28×28 input (784 floats in [0, 1]), or null when nothing is drawn. */
  pixels: Float32Array | null;
}

/** The drawing as the model receives it: cropped, scaled, centred, 28×28, white on black. */
export function InputPreview({ pixels }: InputPreviewProps) {
  // Named explicitly: not every accessibility engine names a figure from its figcaption.
  const captionId = useId();
  return (
    <figure className="input-preview" aria-labelledby={captionId}>
      <PixelImage pixels={pixels} label="Model input, 28 by 28 pixels" className="input-preview__image" />
      <figcaption id={captionId} className="input-preview__caption">What the model sees (28×28)</figcaption>
    </figure>
  );
}
