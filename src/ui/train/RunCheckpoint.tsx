// The run as a file: "Save run checkpoint" while it is paused, and "Resume
// from checkpoint" to go on with one (saved here, in another browser, or by
// `npm run train -- --checkpoint FILE`).

import { useId } from 'react';
import { useT } from '../app/i18n/useT.ts';
import { FileButton } from '../app/kit/FileButton.tsx';
import { useAppStore } from '../app/store/store.ts';

export function RunCheckpoint() {
  const tr = useT();
  const status = useAppStore((s) => s.run.status);
  const gpuReady = useAppStore((s) => s.gpuStatus === 'ready');
  const saveRunCheckpoint = useAppStore((s) => s.saveRunCheckpoint);
  const resumeRunFile = useAppStore((s) => s.resumeRunFile);
  const resumeTipId = useId();
  const comparing = useAppStore((s) => s.compare.status === 'running' || s.compare.status === 'starting');
  // Save once the worker runs it (run-started): a Pause before that has nothing to save yet.
  const started = useAppStore((s) => s.run.totalSteps > 0);
  const active = status === 'starting' || status === 'running' || status === 'paused';
  return (
    <div className="train-controls__buttons" role="group" aria-label={tr.t('checkpoint.group')}>
      <button type="button" className="button" onClick={saveRunCheckpoint} disabled={status !== 'paused' || !started} title={tr.t('checkpoint.saveTip')}>
        {tr.t('checkpoint.save')}
      </button>
      <FileButton accept=".safetensors,application/octet-stream" describedBy={resumeTipId} title={tr.t('checkpoint.resumeTip')} disabled={!gpuReady || active || comparing} onFile={(file) => void resumeRunFile(file)}>
        {tr.t('checkpoint.resume')}
      </FileButton>
      <span id={resumeTipId} className="visually-hidden">
        {tr.t('checkpoint.resumeTip')}
      </span>
    </div>
  );
}
