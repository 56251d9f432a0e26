// Where the run is: a bar over all planned steps, the epoch and step, speed and time left.

import { formatCount, formatDuration } from '../app/kit/format.ts';
import { useAppStore } from '../app/store/store.ts';

export function TrainProgress() {
  const progress = useAppStore((s) => s.progress);
  const totalSteps = useAppStore((s) => s.run.totalSteps);
  const epochs = useAppStore((s) => s.run.epochs);
  const status = useAppStore((s) => s.run.status);
  const lastStep = useAppStore((s) => s.lossSteps[s.lossSteps.length - 1] ?? 0);
  const steps = progress?.steps ?? lastStep;
  const running = status === 'running' || status === 'starting';
  return (
    <div className="train-progress">
      <progress className="train-progress__bar" aria-label="Training progress" value={steps} max={Math.max(1, totalSteps)} />
      <p className="train-progress__text">
        {progress ? (
          <>
            Epoch {formatCount(progress.epoch)} of {formatCount(epochs)} · step {progress.stepInEpoch} of {progress.stepsPerEpoch} · {formatCount(steps)} of{' '}
            {formatCount(totalSteps)} steps
            {progress.samplesPerSecond > 0 ? (
              <>
                {' · '}
                <span title="Training examples processed per second (forward, backward and update)">{formatCount(progress.samplesPerSecond)} samples/s</span>
              </>
            ) : null}
            {running && Number.isFinite(progress.secondsLeft) ? ` · about ${formatDuration(progress.secondsLeft)} left` : null}
          </>
        ) : steps > 0 ? (
          `${formatCount(steps)} of ${formatCount(totalSteps)} steps`
        ) : (
          'No steps yet.'
        )}
      </p>
    </div>
  );
}
