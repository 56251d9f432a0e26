// "5. Compare": two optimizer settings trained side by side from the same
// start, on the model and data of Set up.

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SelectField, TextField } from '../app/kit/Field.tsx';
import { formatDuration, formatLoss, formatPercent } from '../app/kit/format.ts';
import { validateCompare, type CompareRunSettings } from '../app/store/compare-slice.ts';
import { optimizerLabels, toConfig, type OptimizerName } from '../app/store/settings.ts';
import { useAppStore } from '../app/store/store.ts';
import { CompareChart, runColours } from './CompareChart.tsx';
import './compare.css';

const algorithmOptions = (Object.keys(optimizerLabels) as OptimizerName[]).map((value) => ({ value, label: optimizerLabels[value] }));

export function ComparePanel() {
  const compareSettings = useAppStore((s) => s.compareSettings);
  const status = useAppStore((s) => s.compare.status);
  const message = useAppStore((s) => s.compare.message);
  const step = useAppStore((s) => s.compare.step);
  const totalSteps = useAppStore((s) => s.compare.totalSteps);
  const gpuReady = useAppStore((s) => s.gpuStatus === 'ready');
  const setupValid = useAppStore((s) => toConfig(s.settings) !== null);
  const training = useAppStore((s) => s.run.status === 'running' || s.run.status === 'starting' || s.run.status === 'paused');
  const { setCompareRun, setCompareText, startCompare, stopCompare } = useAppStore(
    useShallow((s) => ({ setCompareRun: s.setCompareRun, setCompareText: s.setCompareText, startCompare: s.startCompare, stopCompare: s.stopCompare })),
  );
  const errors = useMemo(() => validateCompare(compareSettings), [compareSettings]);
  const running = status === 'running' || status === 'starting';
  const canStart = gpuReady && setupValid && !training && !running && Object.keys(errors).length === 0;

  let statusText: string;
  if (running) statusText = `Comparing: step ${step} of ${totalSteps} for each run…`;
  else if (status === 'done') statusText = 'Done: see the summary below.';
  else if (status === 'failed') statusText = `The comparison failed: ${message ?? 'unknown error'}`;
  else if (training) statusText = 'A training run is in progress: pause and reset it, or wait for it to finish, to compare.';
  else if (!setupValid) statusText = 'Fix the highlighted settings in Set up to compare.';
  else statusText = 'Press Compare to train both side by side.';

  return (
    <div className="compare">
      <p className="section__lead">
        Two copies of the model from Set up, trained side by side from the same initial weights on the same batches, taking turns on this GPU:
        only the optimizer differs.
      </p>
      <div className="compare__runs">
        {([0, 1] as const).map((i) => (
          <RunFields
            key={i}
            index={i}
            run={compareSettings.runs[i]}
            errors={errors}
            onChange={(patch) => setCompareRun(i, patch)}
          />
        ))}
        <fieldset className="compare__run">
          <legend>Both</legend>
          <TextField
            label="Steps per run"
            inputMode="numeric"
            value={compareSettings.steps}
            error={errors.steps}
            onChange={(v) => setCompareText('steps', v)}
            tip="How many training steps each run takes."
          />
          <TextField
            label="Target accuracy (%)"
            value={compareSettings.target}
            error={errors.target}
            onChange={(v) => setCompareText('target', v)}
            tip="The summary tells how many steps and seconds each run needed to first reach this test accuracy."
          />
        </fieldset>
      </div>
      <div className="compare__buttons">
        <button type="button" className="button button--primary" onClick={startCompare} disabled={!canStart}>
          Compare
        </button>
        <button type="button" className="button" onClick={stopCompare} disabled={!running}>
          Stop comparison
        </button>
        <p className="compare__status" role="status" aria-label="Comparison status">
          {statusText}
        </p>
      </div>
      <CompareChart />
      <CompareSummary />
    </div>
  );
}

function RunFields({ index, run, errors, onChange }: { index: 0 | 1; run: CompareRunSettings; errors: ReturnType<typeof validateCompare>; onChange: (patch: Partial<CompareRunSettings>) => void }) {
  const letter = index === 0 ? 'A' : 'B';
  return (
    <fieldset className="compare__run">
      <legend>
        <span className="compare__swatch" style={{ background: runColours[index] }} aria-hidden="true" /> Run {letter}
      </legend>
      <SelectField
        label="Algorithm"
        tip="The optimizer of this run."
        hint="the optimizer"
        value={run.optimizer}
        options={algorithmOptions}
        onChange={(optimizer) => onChange({ optimizer })}
      />
      <TextField label="Rate" tip="The learning rate of this run." hint="the learning rate" value={run.lr} error={errors[`lr-${index}`]} onChange={(lr) => onChange({ lr })} />
      {run.optimizer === 'sgd' ? (
        <TextField label="Momentum" tip="SGD's momentum for this run (0 = plain SGD)." value={run.momentum} error={errors[`momentum-${index}`]} onChange={(momentum) => onChange({ momentum })} />
      ) : null}
    </fieldset>
  );
}

function CompareSummary() {
  const summaries = useAppStore((s) => s.compareSummaries);
  const evaluations = useAppStore((s) => s.compareEvaluations);
  const labels = useAppStore((s) => s.compare.labels);
  const target = useAppStore((s) => s.compare.target);
  const stoppedEarly = useAppStore((s) => s.compare.stoppedEarly);
  if (!summaries) {
    const latest = evaluations.map((list) => list[list.length - 1]);
    if (!latest[0] && !latest[1]) return null;
    return (
      <p className="compare__latest">
        Latest test accuracy:{' '}
        {latest.map((e, i) => (e ? `${labels[i]} ${formatPercent(e.testAccuracy)} at step ${e.step}` : null)).filter(Boolean).join('; ')}.
      </p>
    );
  }
  return (
    <div className="compare__summary">
      <table>
        <caption>
          Summary{stoppedEarly ? ' (stopped early)' : ''}: times count each run’s own training steps (from its second: the first compiles the GPU kernels), not the tests; the target is checked at each test.
        </caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Steps</th>
            <th scope="col">Final training loss</th>
            <th scope="col">Test loss</th>
            <th scope="col">Test accuracy</th>
            <th scope="col">Steps to {formatPercent(target, 0)}</th>
            <th scope="col">Seconds to {formatPercent(target, 0)}</th>
            <th scope="col">Training time</th>
          </tr>
        </thead>
        <tbody>
          {summaries.map((s, i) => (
            <tr key={i}>
              <th scope="row">
                <span className="compare__swatch" style={{ background: runColours[i] }} aria-hidden="true" /> {s.label}
              </th>
              <td>{s.steps}</td>
              <td>{formatLoss(s.finalTrainLoss)}</td>
              <td>{formatLoss(s.finalTestLoss)}</td>
              <td>{formatPercent(s.finalTestAccuracy)}</td>
              <td>{s.reachedTarget ? s.reachedTarget.step : 'not reached'}</td>
              <td>{s.reachedTarget ? formatDuration(s.reachedTarget.seconds) : 'not reached'}</td>
              <td>{formatDuration(s.seconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summaries.some((s) => s.diverged) ? (
        <p className="notice notice--warning" role="alert">
          {summaries
            .filter((s) => s.diverged)
            .map((s) => `${s.label} ${s.diverged}.`)
            .join(' ')}
        </p>
      ) : null}
    </div>
  );
}
