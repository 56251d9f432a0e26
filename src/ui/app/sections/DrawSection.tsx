// "3. Draw": a drawing pad whose drawing the current model classifies live.

import { useMemo } from 'react';
import { DrawingPad } from '../../draw/DrawingPad.tsx';
import { InputPreview } from '../../draw/InputPreview.tsx';
import { PredictionBars } from '../../draw/PredictionBars.tsx';
import { ViewsIn } from '../../views/registry.tsx';
import { datasetInfo } from '../../../train/config.ts';
import type { ModelInfo } from '../../../train/messages.ts';
import { translateClassNames } from '../i18n/class-names.ts';
import { english, type Msg, type Translator } from '../i18n/translator.ts';
import { useT } from '../i18n/useT.ts';
import { HowToRead } from '../kit/HowToRead.tsx';
import { datasetLabelKeys, FIRST_DATASET } from '../store/settings.ts';
import { useAppStore } from '../store/store.ts';

/** What the pad asks for while no model answers: the first dataset's classes, as the page opens on it. */
const padClasses = datasetInfo(FIRST_DATASET).classNames;

/** Which model answers, in words (in `tr`'s language). */
export function answeringModel(model: ModelInfo | null, pretrainedMessage: Msg | null, tr: Translator = english): string {
  if (!model) return pretrainedMessage ? tr.msg(pretrainedMessage) : tr.t('draw.noModel');
  const what = { dataset: tr.t(datasetLabelKeys[model.dataset]), shape: model.shape };
  const withAccuracy = model.testAccuracy !== undefined ? tr.t('draw.modelAccuracy', { ...what, accuracy: tr.percent(model.testAccuracy) }) : tr.t('draw.model', what);
  switch (model.source) {
    case 'pretrained':
      return tr.t('draw.answer.pretrained', { model: tr.t('draw.model', what) });
    case 'training':
      return tr.t('draw.answer.training', { model: tr.t('draw.model', what) });
    case 'trained':
      return tr.t('draw.answer.trained', { model: withAccuracy });
    case 'loaded':
      return model.fileName ? tr.t('draw.answer.loaded', { file: model.fileName, model: withAccuracy }) : tr.t('draw.answer.loadedNoName', { model: withAccuracy });
    case 'restored':
      return tr.t('draw.answer.restored', { model: withAccuracy });
  }
}

export function DrawSection() {
  const tr = useT();
  const drawing = useAppStore((s) => s.drawing);
  const probabilities = useAppStore((s) => s.probabilities);
  const model = useAppStore((s) => s.drawingModel);
  const pretrainedMessage = useAppStore((s) => (s.pretrained && !s.pretrained.available ? s.pretrained.message : null));
  const current = useAppStore((s) => s.currentModel);
  const setDrawing = useAppStore((s) => s.setDrawing);
  const padPicture = useAppStore((s) => s.padPicture);
  const clothing = model ? datasetInfo(model.dataset).drawing === 'clothing' : false;
  const classNames = useMemo(() => (model ? translateClassNames(model.dataset, model.classNames, tr) : translateClassNames(FIRST_DATASET, padClasses, tr)), [model, tr]);
  return (
    <div className="draw">
      <p className="section__lead">{tr.t(clothing ? 'draw.lead.clothing' : 'draw.lead.digit')}</p>
      <div className="draw__row">
        <DrawingPad onDraw={setDrawing} picture={padPicture} size={240} hint={tr.t(clothing ? 'draw.hint.clothing' : 'draw.hint.digit')} />
        <InputPreview pixels={drawing} />
        <PredictionBars probabilities={probabilities} classNames={classNames} modelDescription={answeringModel(model, pretrainedMessage, tr)} />
      </div>
      <HowToRead>{tr.t('howto.input')}</HowToRead>
      <ViewsIn section="draw" />
      {current && !current.takesImages ? <p className="section__note">{tr.t('draw.pointsModel')}</p> : null}
    </div>
  );
}
