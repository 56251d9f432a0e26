// Where the run is: a bar over all planned steps, the epoch and step, speed and time left.

import { useT } from '../app/i18n/useT.ts';
import { useAppStore } from '../app/store/store.ts';

/** A scheduled rate in four significant digits (0.1 × 0.5³ = 0.0125, a cosine's 0.09045). */
const formatRate = (lr: number) => String(Number(lr.toPrecision(4)));

export function TrainProgress() {
  const tr = useT();
  const progress = useAppStore((s) => s.progress);
  const totalSteps = useAppStore((s) => s.run.totalSteps);
  const epochs = useAppStore((s) => s.run.epochs);
  const status = useAppStore((s) => s.run.status);
  const lastStep = useAppStore((s) => s.lossSteps[s.lossSteps.length - 1] ?? 0);
  const steps = progress?.steps ?? lastStep;
  const running = status === 'running' || status === 'starting';
  return (
    <div className="train-progress">
      <progress className="train-progress__bar" aria-label={tr.t('progress.label')} value={steps} max={Math.max(1, totalSteps)} />
      <p className="train-progress__text">
        {progress ? (
          <>
            {tr.t('progress.line', {
              epoch: tr.count(progress.epoch),
              epochs: tr.count(epochs),
              step: String(progress.stepInEpoch),
              stepsPerEpoch: String(progress.stepsPerEpoch),
              steps: tr.count(steps),
              total: tr.count(totalSteps),
            })}
            {progress.samplesPerSecond > 0 ? (
              <>
                {' · '}
                <span title={tr.t('progress.speedTip')}>{tr.t('progress.speed', { n: tr.count(progress.samplesPerSecond) })}</span>
              </>
            ) : null}
            {running && Number.isFinite(progress.secondsLeft) ? ` · ${tr.t('progress.left', { time: tr.duration(progress.secondsLeft) })}` : null}
            {progress.lr !== undefined ? ` · ${tr.t('schedule.progress', { lr: formatRate(progress.lr) })}` : null}
          </>
        ) : steps > 0 ? (
          tr.t('progress.steps', { steps: tr.count(steps), total: tr.count(totalSteps) })
        ) : (
          tr.t('progress.none')
        )}
      </p>
    </div>
  );
}
