// A grid of small images, one per channel of a layer's output or per filter,
// with the layer's name and shape above it.

import { useMemo } from 'react';
import type { FeatureMap } from '../../train/messages.ts';
import { PixelImage } from '../shared/PixelImage.tsx';
import { channelImage } from './layer-images.ts';

interface LayerImagesProps {
  map: FeatureMap;
  mode: 'range' | 'signed';
  /** Accessible name of each small image, from its index (1-based). */
  itemLabel: (n: number) => string;
  caption: string;
}

export function LayerImages({ map, mode, itemLabel, caption }: LayerImagesProps) {
  const images = useMemo(
    () => Array.from({ length: map.shape[0] }, (_, channel) => channelImage(map.values, map.shape, channel, mode)),
    [map, mode],
  );
  return (
    <figure className="layer-images">
      <figcaption>{caption}</figcaption>
      <div className="layer-images__grid">
        {images.map((pixels, i) => (
          <PixelImage key={i} pixels={pixels} width={map.shape[2]} height={map.shape[1]} label={itemLabel(i + 1)} className="layer-images__item" />
        ))}
      </div>
    </figure>
  );
}
