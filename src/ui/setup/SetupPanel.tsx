// "1. Set up": the data, the model, the optimizer and the run length. Every
// value is checked as it is typed, with the problem beside the field; a preset
// fills everything at once, and any change that leaves the preset's experiment
// shows "Custom".

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { datasetNames } from '../../train/config.ts';
import { findPreset, presets } from '../../train/presets.ts';
import type { MessageId, Translator } from '../app/i18n/translator.ts';
import { useT } from '../app/i18n/useT.ts';
import { CheckField, SelectField, TextField } from '../app/kit/Field.tsx';
import {
  activationLabelKeys,
  activationNames,
  buildLayers,
  datasetDescriptionKeys,
  datasetLabelKeys,
  hasImages,
  MAX_CONV_BLOCKS,
  MAX_HIDDEN_LAYERS,
  matchingPreset,
  modelSummary,
  optimizerLabels,
  TRAIN_LIMITS,
  validateSettings,
  type Settings,
} from '../app/store/settings.ts';
import { useAppStore } from '../app/store/store.ts';
import { presetReference, presetTitle } from '../shared/preset-text.ts';
// The help's lesson links read the lessons' table: the one import of setup from the lessons feature.
import { settingHelp } from '../lessons/SettingLessonLink.tsx';
import { PytorchCode } from './PytorchCode.tsx';
import { ScheduleFields } from './ScheduleFields.tsx';
import './setup.css';

const datasetOptions = (tr: Translator) => datasetNames.map((value) => ({ value, label: tr.t(datasetLabelKeys[value]) }));
const presetOptions = (tr: Translator) => [...presets.map((p) => ({ value: p.name, label: presetTitle(p, tr) })), { value: 'custom', label: tr.t('setup.custom') }];
const optimizerOptions = (Object.keys(optimizerLabels) as Settings['optimizer'][]).map((value) => ({ value, label: optimizerLabels[value] }));
const activationOptions = (tr: Translator) => activationNames.map((value) => ({ value, label: tr.t(activationLabelKeys[value]) }));

export function SetupPanel() {
  const tr = useT();
  // The English term beside each Korean label, as the Korean tutorials write 학습률(learning rate).
  const gloss = (key: Extract<MessageId, `gloss.${string}`>) => (tr.language === 'en' ? undefined : tr.t(key));
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
      addConvBlock: s.addConvBlock,
      removeConvBlock: s.removeConvBlock,
      setConvBlock: s.setConvBlock,
    })),
  );
  const errors = useMemo(() => validateSettings(settings, tr), [settings, tr]);
  const preset = useMemo(() => matchingPreset(settings), [settings]);
  const presetInfo = findPreset(preset);
  const isImages = hasImages(settings.dataset);

  return (
    <div className="setup">
      <SelectField
        label={tr.t('setup.dataset')}
        gloss={gloss('gloss.dataset')}
        {...settingHelp('tip.dataset', tr)}
        value={settings.dataset}
        options={datasetOptions(tr)}
        onChange={actions.chooseDataset}
        hint={tr.t(datasetDescriptionKeys[settings.dataset])}
      />
      <SelectField
        label={tr.t('setup.preset')}
        gloss={gloss('gloss.preset')}
        {...settingHelp('tip.preset', tr)}
        value={preset}
        options={presetOptions(tr)}
        onChange={(name) => name !== 'custom' && actions.choosePreset(name)}
        hint={
          presetInfo
            ? tr.t('setup.presetHint', { reference: presetReference(presetInfo, tr), epochs: tr.count(presetInfo.config.epochs) })
            : tr.t('setup.customHint')
        }
      />

      <fieldset className="setup__group">
        <legend>{tr.t('setup.model')}</legend>
        {isImages ? (
          <>
            <ol className="setup__layers" aria-label={tr.t('setup.convBlocks')}>
              {settings.conv.map((block, i) => (
                <li key={i} className="setup__layer setup__conv" aria-label={tr.t('setup.convBlock', { n: i + 1 })}>
                  <TextField
                    label={tr.t('setup.convChannels', { n: i + 1 })}
                    {...settingHelp('tip.convChannels', tr)}
                    inputMode="numeric"
                    value={block.channels}
                    error={errors[`conv-${i}-channels`]}
                    onChange={(channels) => actions.setConvBlock(i, { channels })}
                  />
                  <TextField
                    label={tr.t('setup.convKernel', { n: i + 1 })}
                    {...settingHelp('tip.convKernel', tr)}
                    inputMode="numeric"
                    value={block.kernel}
                    error={errors[`conv-${i}-kernel`]}
                    onChange={(kernel) => actions.setConvBlock(i, { kernel })}
                  />
                  <TextField
                    label={tr.t('setup.convPadding', { n: i + 1 })}
                    {...settingHelp('tip.convPadding', tr)}
                    inputMode="numeric"
                    value={block.padding}
                    error={errors[`conv-${i}-padding`]}
                    onChange={(padding) => actions.setConvBlock(i, { padding })}
                  />
                  <CheckField
                    label={tr.t('setup.convPool', { n: i + 1 })}
                    {...settingHelp('tip.convPool', tr)}
                    checked={block.pool}
                    onChange={(pool) => actions.setConvBlock(i, { pool })}
                  />
                  <button type="button" className="button button--quiet" onClick={() => actions.removeConvBlock(i)} aria-label={tr.t('setup.removeConv', { n: i + 1 })}>
                    {tr.t('setup.remove')}
                  </button>
                </li>
              ))}
            </ol>
            {settings.conv.length === 0 ? <p className="setup__note">{tr.t('setup.noConv')}</p> : null}
            <button type="button" className="button button--quiet" onClick={actions.addConvBlock} disabled={settings.conv.length >= MAX_CONV_BLOCKS}>
              {tr.t('setup.addConv')}
            </button>
          </>
        ) : null}
        <ol className="setup__layers" aria-label={tr.t('setup.hiddenLayers')}>
          {settings.hidden.map((width, i) => (
            <li key={i} className="setup__layer">
              <TextField
                label={tr.t('setup.hiddenUnits', { n: i + 1 })}
                gloss={gloss('gloss.units')}
                {...settingHelp('tip.units', tr)}
                inputMode="numeric"
                value={width}
                error={errors[`hidden-${i}`]}
                onChange={(value) => actions.setHiddenWidth(i, value)}
              />
              <button type="button" className="button button--quiet" onClick={() => actions.removeHiddenLayer(i)} aria-label={tr.t('setup.removeLayer', { n: i + 1 })}>
                {tr.t('setup.remove')}
              </button>
            </li>
          ))}
        </ol>
        {settings.hidden.length === 0 ? <p className="setup__note">{tr.t('setup.noHidden')}</p> : null}
        <button type="button" className="button button--quiet" onClick={actions.addHiddenLayer} disabled={settings.hidden.length >= MAX_HIDDEN_LAYERS}>
          {tr.t('setup.addLayer')}
        </button>
        <div className="setup__row">
          <SelectField
            label={tr.t('setup.activation')}
            gloss={gloss('gloss.activation')}
            {...settingHelp('tip.activation', tr)}
            value={settings.activation}
            options={activationOptions(tr)}
            onChange={actions.setActivation}
          />
          <TextField
            label={tr.t('setup.dropout')}
            gloss={gloss('gloss.dropout')}
            {...settingHelp('tip.dropout', tr)}
            value={settings.dropout}
            error={errors.dropout}
            onChange={(v) => actions.setText('dropout', v)}
          />
        </div>
        {isImages ? (
          <CheckField
            label={tr.t('setup.flip')}
            gloss={gloss('gloss.flip')}
            {...settingHelp('tip.flip', tr)}
            checked={settings.flip}
            onChange={actions.setFlip}
          />
        ) : null}
        {settings.reluAfterLast ? (
          <label className="setup__check">
            <input type="checkbox" checked onChange={(e) => actions.setReluAfterLast(e.target.checked)} /> {tr.t('setup.reluAfterLast')}
          </label>
        ) : null}
        <ModelSummary settings={settings} valid={Object.keys(errors).length === 0} />
        <PytorchCode settings={settings} />
      </fieldset>

      <fieldset className="setup__group">
        <legend>{tr.t('setup.optimizerGroup')}</legend>
        <div className="setup__row">
          <SelectField
            label={tr.t('setup.optimizer')}
            gloss={gloss('gloss.optimizer')}
            {...settingHelp('tip.optimizer', tr)}
            value={settings.optimizer}
            options={optimizerOptions}
            onChange={actions.setOptimizer}
          />
          <TextField
            label={tr.t('setup.lr')}
            gloss={gloss('gloss.lr')}
            {...settingHelp('tip.lr', tr)}
            value={settings.lr}
            error={errors.lr}
            onChange={(v) => actions.setText('lr', v)}
          />
        </div>
        {settings.optimizer === 'sgd' ? (
          <TextField
            label={tr.t('setup.momentum')}
            gloss={gloss('gloss.momentum')}
            {...settingHelp('tip.momentum', tr)}
            value={settings.momentum}
            error={errors.momentum}
            onChange={(v) => actions.setText('momentum', v)}
          />
        ) : null}
        <ScheduleFields settings={settings} errors={errors} />
      </fieldset>

      <fieldset className="setup__group">
        <legend>{tr.t('setup.run')}</legend>
        <div className="setup__row">
          <TextField
            label={tr.t('setup.batchSize')}
            gloss={gloss('gloss.batchSize')}
            {...settingHelp('tip.batchSize', tr)}
            inputMode="numeric"
            value={settings.batchSize}
            error={errors.batchSize}
            onChange={(v) => actions.setText('batchSize', v)}
          />
          <TextField
            label={tr.t('setup.epochs')}
            gloss={gloss('gloss.epochs')}
            {...settingHelp('tip.epochs', tr)}
            inputMode="numeric"
            value={settings.epochs}
            error={errors.epochs}
            onChange={(v) => actions.setText('epochs', v)}
          />
        </div>
        <div className="setup__row">
          {isImages ? (
            <SelectField
              label={tr.t('setup.trainImages')}
              {...settingHelp('tip.trainLimit', tr)}
              value={settings.trainLimit}
              options={TRAIN_LIMITS.map((value) => ({ value, label: value === 'all' ? tr.t('setup.all') : tr.count(Number(value)) }))}
              onChange={(v) => actions.setText('trainLimit', v)}
            />
          ) : null}
          <TextField
            label={tr.t('setup.seed')}
            gloss={gloss('gloss.seed')}
            {...settingHelp('tip.seed', tr)}
            inputMode="numeric"
            value={settings.seed}
            error={errors.seed}
            onChange={(v) => actions.setText('seed', v)}
          />
        </div>
      </fieldset>
    </div>
  );
}

function ModelSummary({ settings, valid }: { settings: Settings; valid: boolean }) {
  const tr = useT();
  const summary = useMemo(() => (valid ? modelSummary(buildLayers(settings), settings.dataset) : null), [settings, valid]);
  if (!summary) return <p className="setup__note">{tr.t('setup.fixToSee')}</p>;
  return (
    <details className="setup__summary">
      <summary>
        {tr.t('setup.summary', { shape: summary.shapes.join(' → '), parameters: tr.count(summary.parameters) })}
      </summary>
      <table className="setup__layer-table" aria-label={tr.t('setup.layerTable')}>
        <thead>
          <tr>
            <th scope="col">{tr.t('setup.layerTable.layer')}</th>
            <th scope="col">{tr.t('setup.layerTable.output')}</th>
            <th scope="col">{tr.t('setup.layerTable.parameters')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.layers.map((layer, index) => (
            <tr key={index}>
              <td>
                <code>
                  {index}: {layer.name}
                </code>
              </td>
              <td>{layer.shape}</td>
              <td>{tr.count(layer.parameters)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
