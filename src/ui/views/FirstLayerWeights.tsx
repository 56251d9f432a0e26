// "First-layer weights": what each unit of the first layer looks for, as
// pictures: an MLP's hidden units (each unit's row of the weight matrix as a
// 28×28 image), a CNN's first-convolution filters (under "Filters"). The worker reads them
// while this view is on screen: for each new model, and every few steps while
// a run trains it (views/first-layer-weights.ts).

import { useMemo } from 'react';
import { useT } from '../app/i18n/useT.ts';
import { HowToRead } from '../app/kit/HowToRead.tsx';
import { LayerImages } from './LayerImages.tsx';
import { formatValue, valueRange } from './layer-images.ts';
import { useView } from './useView.ts';

export function FirstLayerWeights() {
  const tr = useT();
  const data = useView('first-layer-weights');
  const range = useMemo(() => (data ? valueRange(data.images.values) : null), [data]);
  if (!data || !range) return null;
  const { images, kind } = data;
  const [count, height, width] = images.shape;
  const what = { layer: images.layer, name: images.name, count, min: formatValue(range.min), max: formatValue(range.max) };
  return (
    <section className="view" aria-label={tr.t('views.firstLayer')}>
      <h3>{tr.t('views.firstLayer')}</h3>
      {kind === 'filters' ? (
        <section className="view__group" aria-label={tr.t('views.firstLayer.filtersTitle')}>
          <h4>{tr.t('views.firstLayer.filtersTitle')}</h4>
          <LayerImages map={images} mode="signed" caption={tr.t('views.firstLayer.filters', what)} />
        </section>
      ) : (
        <LayerImages map={images} mode="signed" caption={tr.t('views.firstLayer.units', { ...what, height, width })} />
      )}
      <HowToRead>{tr.t('views.firstLayer.howto')}</HowToRead>
    </section>
  );
}
