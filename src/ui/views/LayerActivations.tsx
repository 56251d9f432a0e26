// "Layer activations": what every layer of the answering model makes of the
// drawing, from input to output, as the user draws: small images for a
// convolution's or pooling's channels (a CNN's feature maps, grouped under
// that name), bars for a dense layer's units. Computed by
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
  const captionOf = (block: { layer: number; name: string; shape: readonly number[] }) =>
    tr.t('views.activations.layer', { layer: block.layer, name: block.name, shape: block.shape.join('×') });
  return (
    <section className="view" aria-label={tr.t('views.activations')}>
      <h3>{tr.t('views.activations')}</h3>
      {drawing && data ? (
        <>
          {/* Channel images come first: a network flattens its images before any dense layer. */}
          {data.some((block) => block.shape.length === 3) && (
            <section className="view__group" aria-label={tr.t('views.activations.maps')}>
              <h4>{tr.t('views.activations.maps')}</h4>
              {data
                .filter((block) => block.shape.length === 3)
                .map((block) => (
                  <LayerImages
                    key={block.layer}
                    map={{ ...block, shape: block.shape as [number, number, number] }}
                    mode="range"
                    caption={captionOf(block)}
                  />
                ))}
            </section>
          )}
          {data
            .filter((block) => block.shape.length !== 3)
            .map((block) => (
              <ActivationBars
                key={block.layer}
                values={block.values}
                caption={captionOf(block)}
                label={(min, max) => tr.t('views.activations.units', { layer: block.layer, count: block.values.length, min, max })}
              />
            ))}
        </>
      ) : (
        <p className="view__empty">{tr.t('views.activations.empty')}</p>
      )}
      <HowToRead>{tr.t('views.activations.howto')}</HowToRead>
    </section>
  );
}
