// "3. Draw": a drawing pad whose drawing the current model classifies live.

import { DrawingPad } from '../../draw/DrawingPad.tsx';
import { InputPreview } from '../../draw/InputPreview.tsx';
import { PredictionBars } from '../../draw/PredictionBars.tsx';
import type { ModelInfo } from '../../../train/messages.ts';
import { formatPercent } from '../kit/format.ts';
import { useAppStore } from '../store/store.ts';

const datasetNames = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST', blobs: 'Blobs' } as const;

/** Which model answers, in words. */
export function answeringModel(model: ModelInfo | null, pretrainedMessage: string | null): string {
  if (!model) return pretrainedMessage ?? 'No model can answer yet: train one (or load one in Save and load).';
  const what = `${datasetNames[model.dataset]} ${model.shape}`;
  const accuracy = model.testAccuracy !== undefined ? `, ${formatPercent(model.testAccuracy)} test accuracy` : '';
  switch (model.source) {
    case 'pretrained':
      return `Answering: the pretrained ${what} model that comes with the page. Train your own and it takes over.`;
    case 'training':
      return `Answering: the model you are training now (${what}), updated live as it learns.`;
    case 'trained':
      return `Answering: the model you trained (${what}${accuracy}).`;
    case 'loaded':
      return `Answering: the model loaded from ${model.fileName ?? 'a file'} (${what}${accuracy}).`;
    case 'restored':
      return `Answering: your model from your last visit, kept by this browser (${what}${accuracy}).`;
  }
}

export function DrawSection() {
  const drawing = useAppStore((s) => s.drawing);
  const probabilities = useAppStore((s) => s.probabilities);
  const model = useAppStore((s) => s.drawingModel);
  const pretrainedMessage = useAppStore((s) => (s.pretrained && !s.pretrained.available ? s.pretrained.message : null));
  const current = useAppStore((s) => s.currentModel);
  const setDrawing = useAppStore((s) => s.setDrawing);
  const fashion = model?.dataset === 'fashion-mnist';
  const classNames = model?.classNames ?? ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return (
    <div className="draw">
      <p className="section__lead">
        {fashion ? 'Draw a piece of clothing' : 'Draw a digit'} with your mouse, finger or pen: the model answers as you draw.
      </p>
      <div className="draw__row">
        <DrawingPad onDraw={setDrawing} size={240} hint={fashion ? 'Draw clothing here' : 'Draw a digit here'} />
        <InputPreview pixels={drawing} />
        <PredictionBars probabilities={probabilities} classNames={classNames} modelDescription={answeringModel(model, pretrainedMessage)} />
      </div>
      {current && !current.takesImages ? (
        <p className="section__note">Your current model works on 2-D points, not drawings; see its decision boundary in Results.</p>
      ) : null}
    </div>
  );
}
