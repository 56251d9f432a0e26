// "5. Compare": two optimizer settings trained side by side from the same
// start, on the model and data of Set up.

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SelectField, TextField } from '../app/kit/Field.tsx';
import { useT } from '../app/i18n/useT.ts';
import { comparisonDivergenceStep } from '../app/i18n/worker-text.ts';
import { formatLoss } from '../app/kit/format.ts';
import { compareRunLabel, validateCompare, type CompareRunSettings } from '../app/store/compare-slice.ts';
import { optimizerLabels, toConfig, type OptimizerName } from '../app/store/settings.ts';
import { useAppStore } from '../app/store/store.ts';
import { CompareChart, runColours } from './CompareChart.tsx';
import './compare.css';

const algorithmOptions = (Object.keys(optimizerLabels) as OptimizerName[]).map((value) => ({ value, label: optimizerLabels[value] }));

export function ComparePanel() {
  const tr = useT();
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
  const errors = useMemo(() => validateCompare(compareSettings, tr), [compareSettings, tr]);
  const running = status === 'running' || status === 'starting';
  const canStart = gpuReady && setupValid && !training && !running && Object.keys(errors).length === 0;

  let statusText: string;
  if (running) statusText = tr.t('compare.running', { step: String(step), total: String(totalSteps) });
  else if (status === 'done') statusText = tr.t('compare.done');
  else if (status === 'failed') statusText = tr.t('compare.failed', { message: message ? tr.msg(message) : tr.t('error.unknown') });
  else if (training) statusText = tr.t('compare.training');
  else if (!setupValid) statusText = tr.t('compare.fix');
  else statusText = tr.t('compare.idle');

  return (
    <div className="compare">
      <p className="section__lead">{tr.t('compare.lead')}</p>
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
          <legend>{tr.t('compare.both')}</legend>
          <TextField
            label={tr.t('compare.steps')}
            inputMode="numeric"
            value={compareSettings.steps}
            error={errors.steps}
            onChange={(v) => setCompareText('steps', v)}
            tip={tr.t('compare.stepsTip')}
          />
          <TextField
            label={tr.t('compare.target')}
            value={compareSettings.target}
            error={errors.target}
            onChange={(v) => setCompareText('target', v)}
            tip={tr.t('compare.targetTip')}
          />
        </fieldset>
      </div>
      <div className="compare__buttons">
        <button type="button" className="button button--primary" onClick={startCompare} disabled={!canStart}>
          {tr.t('compare.start')}
        </button>
        <button type="button" className="button" onClick={stopCompare} disabled={!running}>
          {tr.t('compare.stop')}
        </button>
        <p className="compare__status" role="status" aria-label={tr.t('compare.status')}>
          {statusText}
        </p>
      </div>
      <CompareChart />
      <CompareSummary />
    </div>
  );
}

function RunFields({ index, run, errors, onChange }: { index: 0 | 1; run: CompareRunSettings; errors: ReturnType<typeof validateCompare>; onChange: (patch: Partial<CompareRunSettings>) => void }) {
  const tr = useT();
  const letter = index === 0 ? 'A' : 'B';
  return (
    <fieldset className="compare__run">
      <legend>
        <span className="compare__swatch" style={{ background: runColours[index] }} aria-hidden="true" /> {tr.t('compare.run', { letter })}
      </legend>
      <SelectField
        label={tr.t('compare.algorithm')}
        tip={tr.t('compare.algorithmTip')}
        hint={tr.t('compare.algorithmHint')}
        value={run.optimizer}
        options={algorithmOptions}
        onChange={(optimizer) => onChange({ optimizer })}
      />
      <TextField
        label={tr.t('compare.rate')}
        tip={tr.t('compare.rateTip')}
        hint={tr.t('compare.rateHint')}
        value={run.lr} error={errors[`lr-${index}`]} onChange={(lr) => onChange({ lr })} />
      {run.optimizer === 'sgd' ? (
        <TextField
          label={tr.t('setup.momentum')}
          tip={tr.t('compare.momentumTip')}
          value={run.momentum} error={errors[`momentum-${index}`]} onChange={(momentum) => onChange({ momentum })} />
      ) : null}
    </fieldset>
  );
}

function CompareSummary() {
  const tr = useT();
  const summaries = useAppStore((s) => s.compareSummaries);
  const evaluations = useAppStore((s) => s.compareEvaluations);
  const runs = useAppStore((s) => s.compare.runs);
  // Labels in the page's language, from the runs' settings (the worker's own copy is English).
  const labels = useMemo(() => [compareRunLabel('A', runs[0], tr), compareRunLabel('B', runs[1], tr)], [runs, tr]);
  const target = useAppStore((s) => s.compare.target);
  const stoppedEarly = useAppStore((s) => s.compare.stoppedEarly);
  const divergedText = (text: string, label: string) => {
    const step = comparisonDivergenceStep(text);
    return step !== null ? tr.t('compare.diverged', { label, step }) : `${label} ${text}.`;
  };
  if (!summaries) {
    const latest = evaluations.map((list) => list[list.length - 1]);
    if (!latest[0] && !latest[1]) return null;
    return (
      <p className="compare__latest">
        {tr.t('compare.latest', {
          list: latest
            .map((e, i) => (e ? tr.t('compare.latestRun', { label: labels[i]!, accuracy: tr.percent(e.testAccuracy), step: String(e.step) }) : null))
            .filter(Boolean)
            .join('; '),
        })}
      </p>
    );
  }
  return (
    <div className="compare__summary">
      <table>
        <caption>{tr.t('compare.caption', { early: stoppedEarly ? 'yes' : 'no' })}</caption>
        <thead>
          <tr>
            <th scope="col">{tr.t('compare.col.run')}</th>
            <th scope="col">{tr.t('compare.col.steps')}</th>
            <th scope="col">{tr.t('compare.col.trainLoss')}</th>
            <th scope="col">{tr.t('compare.col.testLoss')}</th>
            <th scope="col">{tr.t('compare.col.testAccuracy')}</th>
            <th scope="col">{tr.t('compare.col.stepsTo', { target: tr.percent(target, 0) })}</th>
            <th scope="col">{tr.t('compare.col.secondsTo', { target: tr.percent(target, 0) })}</th>
            <th scope="col">{tr.t('compare.col.time')}</th>
          </tr>
        </thead>
        <tbody>
          {summaries.map((s, i) => (
            <tr key={i}>
              <th scope="row">
                <span className="compare__swatch" style={{ background: runColours[i] }} aria-hidden="true" /> {labels[i]}
              </th>
              <td>{s.steps}</td>
              <td>{formatLoss(s.finalTrainLoss)}</td>
              <td>{formatLoss(s.finalTestLoss)}</td>
              <td>{tr.percent(s.finalTestAccuracy)}</td>
              <td>{s.reachedTarget ? s.reachedTarget.step : tr.t('compare.notReached')}</td>
              <td>{s.reachedTarget ? tr.duration(s.reachedTarget.seconds) : tr.t('compare.notReached')}</td>
              <td>{tr.duration(s.seconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summaries.some((s) => s.diverged) ? (
        <p className="notice notice--warning" role="alert">
          {summaries
            .map((s, i) => (s.diverged ? divergedText(s.diverged, labels[i]!) : null))
            .filter(Boolean)
            .join(' ')}
        </p>
      ) : null}
    </div>
  );
}
