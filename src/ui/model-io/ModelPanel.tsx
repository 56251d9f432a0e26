// "6. Save and load": the current model as a .safetensors file that PyTorch
// loads, and a file (ours, or a state_dict saved from PyTorch) back in. File
// names and metadata come from the user's file: they are shown as text only.

import { useId } from 'react';
import type { ModelSource } from '../../train/messages.ts';
import { useT } from '../app/i18n/useT.ts';
import { FileButton } from '../app/kit/FileButton.tsx';
import { activationLabelKeys, datasetLabelKeys } from '../app/store/settings.ts';
import { useAppStore } from '../app/store/store.ts';
import './model-io.css';

const sourceWords = {
  pretrained: 'model.source.pretrained',
  training: 'model.source.training',
  trained: 'model.source.trained',
  loaded: 'model.source.loaded',
  restored: 'model.source.restored',
} as const satisfies Record<ModelSource, string>;

export function ModelPanel() {
  const tr = useT();
  const model = useAppStore((s) => s.currentModel);
  const problem = useAppStore((s) => s.modelProblem);
  const notice = useAppStore((s) => s.modelNotice);
  const gpuReady = useAppStore((s) => s.gpuStatus === 'ready');
  const saveModel = useAppStore((s) => s.saveModel);
  const loadModelFile = useAppStore((s) => s.loadModelFile);
  const hintId = useId();

  return (
    <div className="model-io">
      <p className="section__lead">{tr.rich('model.lead')}</p>
      <div className="model-io__actions">
        <button type="button" className="button button--primary" onClick={() => saveModel()} disabled={!gpuReady || !model}>
          {tr.t('model.save')}
        </button>
        <button type="button" className="button" onClick={() => saveModel('pt')} disabled={!gpuReady || !model}>
          {tr.t('model.savePt')}
        </button>
        <FileButton className="model-io__load" accept=".safetensors,.pt,.pth,application/octet-stream" describedBy={hintId} disabled={!gpuReady} onFile={(file) => void loadModelFile(file)}>
          {tr.t('model.load')}
        </FileButton>
        <span id={hintId} className="model-io__hint">
          {tr.t('model.hint')}
        </span>
      </div>
      {problem ? (
        <p className="notice notice--error" role="alert">
          {tr.msg(problem)}
        </p>
      ) : null}
      {notice ? (
        <p className="notice notice--ok" role="status" aria-label={tr.t('model.fileStatus')}>
          {tr.msg(notice)}
        </p>
      ) : null}
      {model ? (
        <dl className="model-io__facts">
          <dt>{tr.t('model.current')}</dt>
          <dd>{tr.t(sourceWords[model.source])}</dd>
          {model.fileName ? (
            <>
              <dt>{tr.t('model.file')}</dt>
              <dd className="model-io__file">{model.fileName}</dd>
            </>
          ) : null}
          <dt>{tr.t('model.layers')}</dt>
          <dd>
            <code>{model.architecture}</code>
            {model.architectureKnown === false ? ` ${tr.t('model.inferred')}` : ''}
          </dd>
          {model.readAs ? (
            <>
              <dt>{tr.t('model.readAs')}</dt>
              <dd>
                <ul className="model-io__metadata">
                  {model.readAs.map((line) => (
                    <li key={line}>
                      <code>{line}</code>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          {model.assumedActivation ? (
            <>
              <dt>{tr.t('model.assumedActivation')}</dt>
              <dd>{tr.t('model.assumedActivationValue', { activation: tr.t(activationLabelKeys[model.assumedActivation]) })}</dd>
            </>
          ) : null}
          <dt>{tr.t('model.for')}</dt>
          <dd>{tr.t(datasetLabelKeys[model.dataset])}</dd>
          {model.testAccuracy !== undefined ? (
            <>
              <dt>{tr.t('model.testAccuracy')}</dt>
              <dd>{tr.percent(model.testAccuracy)}</dd>
            </>
          ) : null}
          {model.metadata && model.metadata.length > 0 ? (
            <>
              <dt>{tr.t('model.metadata')}</dt>
              <dd>
                <ul className="model-io__metadata">
                  {model.metadata.map(([key, value]) => (
                    <li key={key}>
                      <span className="model-io__key">{key}</span>: {value.length > 300 ? `${value.slice(0, 300)}…` : value}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="section__note">{tr.t('model.none')}</p>
      )}
    </div>
  );
}
