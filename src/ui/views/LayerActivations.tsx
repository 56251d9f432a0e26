// "Layer activations": what every layer of the answering model makes of the
// drawing, from input to output, as the user draws: bars for a dense layer's
// units, small images for a convolution's or pooling's channels. Computed by
// the worker for each drawing while this view is on screen
// (views/layer-activations.ts).

import { useT } from '../app/i18n/useT.ts';
import { HowToRead } from '../app/kit/HowToRead.tsx';
import { useAppStore } from '../app/store/store.ts';
import { ActivationBars } from './ActivationBars.tsx';
import { LayerImages } from './LayerImages.tsx';
import { useView } from './useView.ts';

export function LayerActivations() {
  const tr = useT();
  const data = useView('layer-activations');
  const drawing = useAppStore((s) => s.drawing !== null);
  const takesImages = useAppStore((s) => s.drawingModel?.takesImages === true);
  if (!takesImages) return null;
  return (
    <section className="view" aria-label={tr.t('views.activations')}>
      <h3>{tr.t('views.activations')}</h3>
      {drawing && data
        ? data.map((block) => {
            const caption = tr.t('views.activations.layer', { layer: block.layer, name: block.name, shape: block.shape.join('×') });
            return block.shape.length === 3 ? (
              <LayerImages
                key={block.layer}
                map={{ ...block, shape: block.shape as [number, number, number] }}
                mode="range"
                caption={caption}
              />
            ) : (
              <ActivationBars
                key={block.layer}
                values={block.values}
                caption={caption}
                label={(min, max) => tr.t('views.activations.units', { layer: block.layer, count: block.values.length, min, max })}
              />
            );
          })
        : <p className="view__empty">{tr.t('views.activations.empty')}</p>}
      <HowToRead>{tr.t('views.activations.howto')}</HowToRead>
    </section>
  );
}
