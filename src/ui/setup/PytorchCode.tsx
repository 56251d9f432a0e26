// "PyTorch code": the setup now chosen as a complete PyTorch script in the
// tutorials' style (src/train/pytorch-script.ts), with its comments in the
// page's language, to copy or download and run beside the playground.

import { useMemo, useState } from 'react';
import { pytorchScript, type ScriptCommentKey } from '../../train/pytorch-script.ts';
import type { MessageId } from '../app/i18n/translator.ts';
import { useT } from '../app/i18n/useT.ts';
import { matchingPreset, toConfig, trainLimitOf, type Settings } from '../app/store/settings.ts';
import { downloadBytes } from '../shared/download.ts';

const commentKeys = {
  header: 'script.header',
  compare: 'script.compare',
  seed: 'script.seed',
  images: 'script.images',
  flip: 'script.flip',
  limit: 'script.limit',
  blobs: 'script.blobs',
  model: 'script.model',
  flat: 'script.flat',
  loss: 'script.loss',
  optimizer: 'script.optimizer',
  schedule: 'schedule.script',
  train: 'script.train',
  test: 'script.test',
  weights: 'script.weights',
  json: 'script.json',
} as const satisfies Record<ScriptCommentKey, MessageId>;

export function PytorchCode({ settings }: { settings: Settings }) {
  const tr = useT();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const script = useMemo(() => {
    if (!open) return null;
    const config = toConfig(settings);
    if (!config) return null;
    const preset = matchingPreset(settings);
    return {
      name: preset === 'custom' ? 'playground' : preset,
      text: pytorchScript(config, {
        preset: preset === 'custom' ? undefined : preset,
        trainImages: trainLimitOf(settings) ?? undefined,
        comments: (key) => tr.t(commentKeys[key]),
      }),
    };
  }, [open, settings, tr]);
  return (
    <div className="pytorch-code">
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {tr.t('script.button')}
      </button>
      {open ? (
        script ? (
          <section className="pytorch-code__panel" aria-label={tr.t('script.panel')}>
            <p className="setup__note">{tr.t('script.lead')}</p>
            <div className="pytorch-code__actions">
              <button
                type="button"
                className="button"
                onClick={() => {
                  void navigator.clipboard?.writeText(script.text).then(() => setCopied(true));
                }}
              >
                {tr.t('script.copy')}
              </button>
              <button type="button" className="button" onClick={() => downloadBytes(new TextEncoder().encode(script.text), `${script.name}.py`, 'text/x-python')}>
                {tr.t('script.download')}
              </button>
              {copied ? <span role="status">{tr.t('script.copied')}</span> : null}
            </div>
            <pre className="pytorch-code__text">
              <code lang="en">{script.text}</code>
            </pre>
          </section>
        ) : (
          <p className="setup__note">{tr.t('setup.fixToSee')}</p>
        )
      ) : null}
    </div>
  );
}
