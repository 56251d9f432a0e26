// "Filters": the first convolution's kernels as the model has learned them so
// far. Asked for only while this view is on screen: once for each answering
// model, and every second while a run trains it (one request at a time: a
// read waits for the training step in flight, which can take seconds).

import { useEffect } from 'react';
import { useT } from '../app/i18n/useT.ts';
import { HowToRead } from '../app/kit/HowToRead.tsx';
import { useAppStore } from '../app/store/store.ts';
import { requestFilters } from '../app/store/filters-request.ts';
import { LayerImages } from './LayerImages.tsx';

const REFRESH_MS = 1000;

export function Filters() {
  const tr = useT();
  const filters = useAppStore((s) => s.filters);
  const model = useAppStore((s) => s.drawingModel);
  const training = useAppStore((s) => s.run.status === 'running' && s.drawingModel?.source === 'training');
  useEffect(() => {
    if (!model) return;
    requestFilters();
    if (!training) return;
    const timer = setInterval(requestFilters, REFRESH_MS);
    return () => clearInterval(timer);
  }, [model, training]);
  if (!filters) return null;
  return (
    <section className="draw__layers" aria-label={tr.t('draw.filters')}>
      <h3>{tr.t('draw.filters')}</h3>
      <LayerImages
        map={filters}
        mode="signed"
        caption={tr.t('draw.filters.layer', { layer: filters.layer, name: filters.name, count: filters.shape[0] })}
        itemLabel={(n) => tr.t('draw.filters.item', { n })}
      />
      <HowToRead>{tr.t('howto.filters')}</HowToRead>
    </section>
  );
}
