// The run's buttons and what the run is doing, in words.

import { useShallow } from 'zustand/react/shallow';
import { formatLoss, formatPercent } from '../app/kit/format.ts';
import { datasetLabels, toConfig } from '../app/store/settings.ts';
import { useAppStore } from '../app/store/store.ts';

export function TrainControls() {
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
      <div className="train-controls__buttons" role="group" aria-label="Run controls">
        <button
          type="button"
          className="button button--primary"
          onClick={() => train()}
          disabled={!canStart || active}
          title="Trains a new model with these settings, from fresh random weights (the seed fixes them)"
        >
          Train
        </button>
        <button type="button" className="button" onClick={pause} disabled={status !== 'running' && status !== 'starting'}>
          Pause
        </button>
        <button type="button" className="button" onClick={resume} disabled={status !== 'paused'}>
          Resume
        </button>
        <button
          type="button"
          className="button"
          onClick={step}
          disabled={status === 'running' || status === 'starting' || (status !== 'paused' && !canStart)}
          title="One training step (one batch). Before a run, this starts one paused."
        >
          Step
        </button>
        <button type="button" className="button" onClick={reset} disabled={!active && !hasCurves && status === 'idle'} title="Stop, forget the model and clear the curves">
          Reset
        </button>
      </div>
      <RunStatusLine />
    </div>
  );
}

function RunStatusLine() {
  const status = useAppStore((s) => s.run.status);
  const message = useAppStore((s) => s.run.message);
  const final = useAppStore((s) => s.run.final);
  const gpuStatus = useAppStore((s) => s.gpuStatus);
  const settings = useAppStore((s) => s.settings);
  const data = useAppStore((s) => s.datasets[s.settings.dataset]);
  const lastStep = useAppStore((s) => s.lossSteps[s.lossSteps.length - 1] ?? 0);
  const comparing = useAppStore((s) => s.compare.status === 'running' || s.compare.status === 'starting');
  const canConfigure = toConfig(settings) !== null;

  let text: string;
  if (status === 'idle') {
    if (gpuStatus === 'starting') text = 'Starting WebGPU…';
    else if (gpuStatus !== 'ready') text = 'Training needs a working GPU (see above).';
    else if (comparing) text = 'A comparison is running: wait for it or stop it to train.';
    else if (!canConfigure) text = 'Fix the highlighted settings to train.';
    else if (data?.status === 'loading') text = `Loading ${datasetLabels[settings.dataset]}…`;
    else if (data?.status === 'error') text = `The data could not be loaded: ${data.message ?? ''}`;
    else text = `Ready: press Train to train on ${datasetLabels[settings.dataset]} for ${settings.epochs.trim()} epochs, or Step to take one step at a time.`;
    if (message) text = `${message} ${text}`;
  } else if (status === 'starting') text = 'Starting: loading the data onto the GPU and building the model…';
  else if (status === 'running') text = 'Training…';
  else if (status === 'paused') text = lastStep > 0 ? `Paused after step ${lastStep}. Step takes one more; Resume carries on.` : 'Paused. Step takes one step; Resume carries on.';
  else if (status === 'done') {
    text = final
      ? `Done${final.stoppedEarly ? ' (stopped early)' : ''}: ${formatPercent(final.testAccuracy)} test accuracy, test loss ${formatLoss(final.testLoss)}, after ${final.steps} steps.`
      : 'Done.';
  } else if (status === 'diverged') text = 'Training diverged (see below).';
  else text = `Training failed: ${message ?? 'unknown error'}`;

  return (
    <p className="train-status" role="status" aria-label="Training status">
      {text}
    </p>
  );
}
