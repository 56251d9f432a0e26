// A layer's small images (one per channel of its output, per filter or per
// hidden unit) as one grid on one canvas, with the layer's name and shape
// above it. The canvas is named with the same words, and says how many images
// it holds and how many to a row (data-count, data-columns).

import { useEffect, useMemo, useRef } from 'react';
import type { FeatureMap } from '../../train/messages.ts';
import { gridColumns, tileGrid } from './layer-images.ts';

interface LayerImagesProps {
  map: FeatureMap;
  mode: 'range' | 'signed';
  caption: string;
}

/** Each small image is shown about this many CSS pixels wide (at least one screen pixel per value). */
const TILE_CSS_PX = 42;

export function LayerImages({ map, mode, caption }: LayerImagesProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const columns = gridColumns(map.shape[0]);
  const grid = useMemo(() => tileGrid(map.values, map.shape, mode, columns), [map, mode, columns]);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) ctx.putImageData(new ImageData(grid.rgba, grid.width, grid.height), 0, 0);
  }, [grid]);
  const scale = Math.max(1, Math.round(TILE_CSS_PX / Math.max(map.shape[1], map.shape[2])));
  return (
    <figure className="layer-images">
      <figcaption>{caption}</figcaption>
      <canvas
        ref={ref}
        role="img"
        aria-label={caption}
        data-count={map.shape[0]}
        data-columns={columns}
        width={grid.width}
        height={grid.height}
        className="layer-images__grid"
        style={{ width: grid.width * scale }}
      />
    </figure>
  );
}
