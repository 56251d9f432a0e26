// "1. Set up": the data, the model, the optimizer and the run length. Every
// value is checked as it is typed, with the problem beside the field; a preset
// fills everything at once, and any change that leaves the preset's experiment
// shows "Custom".

import { describeLayer } from '../../engine/layer-spec.ts';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DatasetName } from '../../train/config.ts';
import { findPreset, presets } from '../../train/presets.ts';
import { SelectField, TextField } from '../app/kit/Field.tsx';
import { formatCount } from '../app/kit/format.ts';
import {
  buildLayers,
  datasetDescriptions,
  datasetLabels,
  MAX_HIDDEN_LAYERS,
  matchingPreset,
  modelSummary,
  optimizerLabels,
  TRAIN_LIMITS,
  validateSettings,
  type Settings,
} from '../app/store/settings.ts';
import { useAppStore } from '../app/store/store.ts';
import './setup.css';

const datasetOptions = (Object.keys(datasetLabels) as DatasetName[]).map((value) => ({ value, label: datasetLabels[value] }));
const presetOptions = [...presets.map((p) => ({ value: p.name, label: p.title })), { value: 'custom', label: 'Custom' }];
const optimizerOptions = (Object.keys(optimizerLabels) as Settings['optimizer'][]).map((value) => ({ value, label: optimizerLabels[value] }));
const activationOptions = [
  { value: 'relu' as const, label: 'ReLU' },
  { value: 'sigmoid' as const, label: 'Sigmoid' },
];

const tips = {
  dataset: 'The examples the network learns from. MNIST and Fashion-MNIST are 28×28 greyscale images in 10 classes; Blobs are 2-D points in two classes.',
  preset: 'Ready-made experiments from the PyTorch tutorials this playground grew out of, with the result PyTorch reaches.',
  units: 'Neurons in this hidden layer: more can learn more, and take longer.',
  activation: 'The non-linearity after each hidden layer. Without one, stacked layers are no better than one.',
  dropout: 'While training, each hidden unit is switched off with this probability, so the network cannot lean on any single one. 0 turns it off.',
  optimizer: 'How the weights move once the gradient is known. SGD steps straight downhill; Adam and RMSprop scale the step for each weight.',
  momentum: 'SGD keeps this fraction of its previous step and adds the new one: it rolls through small bumps. 0 is plain SGD; 0.9 is common.',
  lr: 'How far each step moves the weights. Too small and training crawls; too large and the loss jumps around or blows up.',
  batchSize: 'Training examples per step: the gradient is averaged over them. Larger batches give smoother but fewer steps per epoch.',
  epochs: 'Passes over the whole training set.',
  trainLimit: 'Train on the first images only: quicker epochs, and a way to see overfitting.',
  seed: 'Fixes everything random: the initial weights and the shuffling. The same seed gives the same run.',
  flip: 'Mirror training images at random (data augmentation), as the dropout preset does.',
};

export function SetupPanel() {
  const settings = useAppStore((s) => s.settings);
  const actions = useAppStore(
    useShallow((s) => ({
      setText: s.setText,
      setOptimizer: s.setOptimizer,
      setActivation: s.setActivation,
      setFlip: s.setFlip,
      setReluAfterLast: s.setReluAfterLast,
      chooseDataset: s.chooseDataset,
      choosePreset: s.choosePreset,
      addHiddenLayer: s.addHiddenLayer,
      removeHiddenLayer: s.removeHiddenLayer,
      setHiddenWidth: s.setHiddenWidth,
    })),
  );
  const errors = useMemo(() => validateSettings(settings), [settings]);
  const preset = useMemo(() => matchingPreset(settings), [settings]);
  const presetInfo = findPreset(preset);
  const isImages = settings.dataset !== 'blobs';

  return (
    <div className="setup">
      <SelectField
        label="Dataset"
        tip={tips.dataset}
        value={settings.dataset}
        options={datasetOptions}
        onChange={actions.chooseDataset}
        hint={datasetDescriptions[settings.dataset]}
      />
      <SelectField
        label="Preset"
        tip={tips.preset}
        value={preset}
        options={presetOptions}
        onChange={(name) => name !== 'custom' && actions.choosePreset(name)}
        hint={
          presetInfo
            ? `PyTorch reaches ${presetInfo.reference} with this preset in ${formatCount(presetInfo.config.epochs)} epochs.`
            : 'Your own settings: pick a preset to start from a known result.'
        }
      />

      <fieldset className="setup__group">
        <legend>Model</legend>
        <ol className="setup__layers" aria-label="Hidden layers">
          {settings.hidden.map((width, i) => (
            <li key={i} className="setup__layer">
              <TextField
                label={`Hidden layer ${i + 1} units`}
                tip={tips.units}
                inputMode="numeric"
                value={width}
                error={errors[`hidden-${i}`]}
                onChange={(value) => actions.setHiddenWidth(i, value)}
              />
              <button type="button" className="button button--quiet" onClick={() => actions.removeHiddenLayer(i)} aria-label={`Remove hidden layer ${i + 1}`}>
                Remove
              </button>
            </li>
          ))}
        </ol>
        {settings.hidden.length === 0 ? <p className="setup__note">No hidden layer: a linear model (logistic regression).</p> : null}
        <button type="button" className="button button--quiet" onClick={actions.addHiddenLayer} disabled={settings.hidden.length >= MAX_HIDDEN_LAYERS}>
          Add hidden layer
        </button>
        <div className="setup__row">
          <SelectField label="Activation" tip={tips.activation} value={settings.activation} options={activationOptions} onChange={actions.setActivation} />
          <TextField label="Dropout" tip={tips.dropout} value={settings.dropout} error={errors.dropout} onChange={(v) => actions.setText('dropout', v)} />
        </div>
        {isImages ? (
          <label className="setup__check" title={tips.flip}>
            <input type="checkbox" checked={settings.flip} onChange={(e) => actions.setFlip(e.target.checked)} /> Random horizontal flips
          </label>
        ) : null}
        {settings.reluAfterLast ? (
          <label className="setup__check">
            <input type="checkbox" checked onChange={(e) => actions.setReluAfterLast(e.target.checked)} /> ReLU after the output layer (the
            tutorial’s slip: it clips negative scores)
          </label>
        ) : null}
        <ModelSummary settings={settings} valid={Object.keys(errors).length === 0} />
      </fieldset>

      <fieldset className="setup__group">
        <legend>Optimizer</legend>
        <div className="setup__row">
          <SelectField label="Optimizer" tip={tips.optimizer} value={settings.optimizer} options={optimizerOptions} onChange={actions.setOptimizer} />
          <TextField label="Learning rate" tip={tips.lr} value={settings.lr} error={errors.lr} onChange={(v) => actions.setText('lr', v)} />
        </div>
        {settings.optimizer === 'sgd' ? (
          <TextField label="Momentum" tip={tips.momentum} value={settings.momentum} error={errors.momentum} onChange={(v) => actions.setText('momentum', v)} />
        ) : null}
      </fieldset>

      <fieldset className="setup__group">
        <legend>Run</legend>
        <div className="setup__row">
          <TextField label="Batch size" tip={tips.batchSize} inputMode="numeric" value={settings.batchSize} error={errors.batchSize} onChange={(v) => actions.setText('batchSize', v)} />
          <TextField label="Epochs" tip={tips.epochs} inputMode="numeric" value={settings.epochs} error={errors.epochs} onChange={(v) => actions.setText('epochs', v)} />
        </div>
        <div className="setup__row">
          {isImages ? (
            <SelectField
              label="Training images"
              tip={tips.trainLimit}
              value={settings.trainLimit}
              options={TRAIN_LIMITS.map((value) => ({ value, label: value === 'all' ? 'All' : formatCount(Number(value)) }))}
              onChange={(v) => actions.setText('trainLimit', v)}
            />
          ) : null}
          <TextField label="Seed" tip={tips.seed} inputMode="numeric" value={settings.seed} error={errors.seed} onChange={(v) => actions.setText('seed', v)} />
        </div>
      </fieldset>
    </div>
  );
}

function ModelSummary({ settings, valid }: { settings: Settings; valid: boolean }) {
  const summary = useMemo(() => {
    if (!valid) return null;
    const layers = buildLayers(settings);
    return { ...modelSummary(layers), torch: `nn.Sequential(\n  ${layers.map(describeLayer).join(',\n  ')}\n)` };
  }, [settings, valid]);
  if (!summary) return <p className="setup__note">Fix the highlighted values to see the model.</p>;
  return (
    <details className="setup__summary">
      <summary>
        {summary.shape} · {formatCount(summary.parameters)} weights and biases
      </summary>
      <pre>{summary.torch}</pre>
    </details>
  );
}
