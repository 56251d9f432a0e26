// The run's buttons and what the run is doing, in words.

import { useShallow } from 'zustand/react/shallow';
import { useT } from '../app/i18n/useT.ts';
import { formatLoss } from '../app/kit/format.ts';
import { datasetLabelKeys, toConfig } from '../app/store/settings.ts';
import { useAppStore } from '../app/store/store.ts';
import { RunCheckpoint } from './RunCheckpoint.tsx';

export function TrainControls() {
  const tr = useT();
  const status = useAppStore((s) => s.run.status);
  const gpuStatus = useAppStore((s) => s.gpuStatus);
  const canConfigure = useAppStore((s) => toConfig(s.settings) !== null);
  const comparing = useAppStore((s) => s.compare.status === 'running' || s.compare.status === 'starting');
  const hasCurves = useAppStore((s) => s.lossSteps.length > 0);
  const { train, pause, resume, step, reset } = useAppStore(
    useShallow((s) => ({ train: s.train, pause: s.pause, resume: s.resume, step: s.step, reset: s.reset })),
  );
  const active = status === 'starting' || status === 'running' || status === 'paused';
  const canStart = gpuStatus === 'ready' && canConfigure && !comparing;
  return (
    <div className="train-controls">
      <div className="train-controls__buttons" role="group" aria-label={tr.t('train.controls')}>
        <button
          type="button"
          className="button button--primary"
          onClick={() => train()}
          disabled={!canStart || active}
          title={tr.t('train.trainTip')}
        >
          {tr.t('train.train')}
        </button>
        <button type="button" className="button" onClick={pause} disabled={status !== 'running' && status !== 'starting'}>
          {tr.t('train.pause')}
        </button>
        <button type="button" className="button" onClick={resume} disabled={status !== 'paused'}>
          {tr.t('train.resume')}
        </button>
        <button
          type="button"
          className="button"
          onClick={step}
          disabled={status === 'running' || status === 'starting' || (status !== 'paused' && !canStart)}
          title={tr.t('train.stepTip')}
        >
          {tr.t('train.step')}
        </button>
        <button type="button" className="button" onClick={reset} disabled={!active && !hasCurves && status === 'idle'} title={tr.t('train.resetTip')}>
          {tr.t('train.reset')}
        </button>
      </div>
      <RunCheckpoint />
      <RunStatusLine />
    </div>
  );
}

function RunStatusLine() {
  const tr = useT();
  const status = useAppStore((s) => s.run.status);
  const message = useAppStore((s) => s.run.message);
  const final = useAppStore((s) => s.run.final);
  const gpuStatus = useAppStore((s) => s.gpuStatus);
  const settings = useAppStore((s) => s.settings);
  const data = useAppStore((s) => s.datasets[s.settings.dataset]);
  // A run resumed from a file has no curve yet: its progress says where it stands.
  const lastStep = useAppStore((s) => s.lossSteps[s.lossSteps.length - 1] ?? s.progress?.steps ?? 0);
  const comparing = useAppStore((s) => s.compare.status === 'running' || s.compare.status === 'starting');
  const canConfigure = toConfig(settings) !== null;

  const dataset = tr.t(datasetLabelKeys[settings.dataset]);
  let text: string;
  if (status === 'idle') {
    if (gpuStatus === 'starting') text = tr.t('header.startingWebgpu');
    else if (gpuStatus !== 'ready') text = tr.t('status.needsGpu');
    else if (comparing) text = tr.t('status.comparing');
    else if (!canConfigure) text = tr.t('status.fix');
    else if (data?.status === 'loading') text = tr.t('header.dataLoading', { dataset });
    else if (data?.status === 'error') text = tr.t('status.dataError', { message: data.message ? tr.msg(data.message) : '' });
    else text = tr.t('status.ready', { dataset, epochs: Number(settings.epochs.trim()) });
    if (message) text = tr.t('status.afterMessage', { message: tr.msg(message), status: text });
  } else if (status === 'starting') text = tr.t('status.starting');
  else if (status === 'running' || status === 'paused') {
    // Step numbers stay ungrouped (1000, not 1,000): the user reads them against the chart's step axis.
    if (status === 'running') text = tr.t('status.training');
    else text = lastStep > 0 ? tr.t('status.pausedAfter', { step: String(lastStep) }) : tr.t('status.paused');
    // A lost device: the run waits for the new one, or goes on from its kept state.
    if (message) text = tr.t('status.afterMessage', { message: tr.msg(message), status: text });
  }
  else if (status === 'done') {
    text = final
      ? tr.t('status.done', {
          early: final.stoppedEarly ? 'yes' : 'no',
          accuracy: tr.percent(final.testAccuracy),
          loss: formatLoss(final.testLoss),
          steps: String(final.steps),
        })
      : tr.t('status.doneBare');
  } else if (status === 'diverged') text = tr.t('status.diverged');
  else text = tr.t('status.failed', { message: message ? tr.msg(message) : tr.t('error.unknown') });

  return (
    <p className="train-status" role="status" aria-label={tr.t('status.label')}>
      {text}
    </p>
  );
}
