// "6. Save and load": the current model as a .safetensors file that PyTorch
// loads, and a file (ours, or a state_dict saved from PyTorch) back in. File
// names and metadata come from the user's file: they are shown as text only.

import { useId, useRef } from 'react';
import { useAppStore } from '../app/store/store.ts';
import { formatPercent } from '../app/kit/format.ts';
import './model-io.css';

const sourceWords = {
  pretrained: 'the pretrained MNIST model that comes with the page',
  training: 'the model being trained now',
  trained: 'the model you trained',
  loaded: 'a model loaded from a file',
  restored: 'your model from your last visit, kept by this browser',
} as const;

export function ModelPanel() {
  const model = useAppStore((s) => s.currentModel);
  const problem = useAppStore((s) => s.modelProblem);
  const notice = useAppStore((s) => s.modelNotice);
  const gpuReady = useAppStore((s) => s.gpuStatus === 'ready');
  const saveModel = useAppStore((s) => s.saveModel);
  const loadModelFile = useAppStore((s) => s.loadModelFile);
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();

  return (
    <div className="model-io">
      <p className="section__lead">
        Save the current model as a <code>.safetensors</code> file (PyTorch loads it into the same <code>nn.Sequential</code>), or load one: saved here,
        or a <code>state_dict</code> of Linear layers saved from PyTorch. The browser also keeps your model and settings for your next visit.
      </p>
      <div className="model-io__actions">
        <button type="button" className="button button--primary" onClick={saveModel} disabled={!gpuReady || !model}>
          Save model
        </button>
        <label className="button model-io__load">
          Load model
          <input
            ref={inputRef}
            type="file"
            accept=".safetensors,application/octet-stream"
            className="visually-hidden"
            aria-describedby={hintId}
            disabled={!gpuReady}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void loadModelFile(file);
              // The same file chosen again must load again.
              e.target.value = '';
            }}
          />
        </label>
        <span id={hintId} className="model-io__hint">
          a .safetensors file
        </span>
      </div>
      {problem ? (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      ) : null}
      {notice ? (
        <p className="notice notice--ok" role="status" aria-label="Model file status">
          {notice}
        </p>
      ) : null}
      {model ? (
        <dl className="model-io__facts">
          <dt>Current model</dt>
          <dd>{sourceWords[model.source]}</dd>
          {model.fileName ? (
            <>
              <dt>File</dt>
              <dd className="model-io__file">{model.fileName}</dd>
            </>
          ) : null}
          <dt>Layers</dt>
          <dd>
            <code>{model.architecture}</code>
            {model.architectureKnown === false ? ' (inferred from the tensor names: a ReLU between Linear layers)' : ''}
          </dd>
          <dt>For</dt>
          <dd>{model.dataset}</dd>
          {model.testAccuracy !== undefined ? (
            <>
              <dt>Test accuracy</dt>
              <dd>{formatPercent(model.testAccuracy)}</dd>
            </>
          ) : null}
          {model.metadata && model.metadata.length > 0 ? (
            <>
              <dt>Metadata</dt>
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
        <p className="section__note">No model yet.</p>
      )}
    </div>
  );
}
