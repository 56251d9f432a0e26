// "Feature maps": what each convolution block of the answering model makes of
// the drawing, one image per channel, updated with every prediction.

import { useT } from '../app/i18n/useT.ts';
import { HowToRead } from '../app/kit/HowToRead.tsx';
import { useAppStore } from '../app/store/store.ts';
import { LayerImages } from './LayerImages.tsx';

export function FeatureMaps() {
  const tr = useT();
  const maps = useAppStore((s) => s.featureMaps);
  if (!maps || maps.length === 0) return null;
  return (
    <section className="draw__layers" aria-label={tr.t('draw.featureMaps')}>
      <h3>{tr.t('draw.featureMaps')}</h3>
      {maps.map((map) => (
        <LayerImages
          key={map.layer}
          map={map}
          mode="range"
          caption={tr.t('draw.featureMaps.layer', { layer: map.layer, name: map.name, shape: map.shape.join('×') })}
          itemLabel={(n) => tr.t('draw.featureMaps.channel', { layer: map.layer, n })}
        />
      ))}
      <HowToRead>{tr.t('howto.featureMaps')}</HowToRead>
    </section>
  );
}
