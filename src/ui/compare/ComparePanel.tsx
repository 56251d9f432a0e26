// "5. Compare": one to six optimizer settings trained side by side from the
// same start, on the model and data of Set up, and the learning-rate range test.

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SelectField, TextField } from '../app/kit/Field.tsx';
import { useT } from '../app/i18n/useT.ts';
import { comparisonDivergenceStep } from '../app/i18n/worker-text.ts';
import { formatLoss } from '../app/kit/format.ts';
import {
  compareRunLabel,
  comparisonEpochs,
  hasMomentum,
  MAX_COMPARE_RUNS,
  runLetters,
  validateCompare,
  withCompareScheduleType,
  type CompareRunSettings,
} from '../app/store/compare-slice.ts';
import type { MessageId } from '../app/i18n/translator.ts';
import { noSchedule, optimizerLabels, scheduleChoices, scheduleFields, scheduleLabelKeys, toConfig, type OptimizerName, type ScheduleTextField } from '../app/store/settings.ts';
import { useAppStore } from '../app/store/store.ts';
import { CompareChart, RunSwatch } from './CompareChart.tsx';
import { LrFinder } from './LrFinder.tsx';
import './compare.css';

const algorithmOptions = (Object.keys(optimizerLabels) as OptimizerName[]).map((value) => ({ value, label: optimizerLabels[value] }));

/** The schedule's fields, with the setup's labels and help (ScheduleFields.tsx). */
const scheduleFieldKeys = {
  stepSize: { label: 'schedule.stepSize', tip: 'schedule.stepSize.tip' },
  gamma: { label: 'schedule.gamma', tip: 'schedule.gamma.tip' },
  tMax: { label: 'schedule.tMax', tip: 'schedule.tMax.tip' },
  etaMin: { label: 'schedule.etaMin', tip: 'schedule.etaMin.tip' },
} as const satisfies Record<ScheduleTextField, { label: MessageId; tip: MessageId }>;

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
  const findingLr = useAppStore((s) => s.lrFinder.status === 'running' || s.lrFinder.status === 'starting');
  const { setCompareRun, setCompareText, addCompareRun, removeCompareRun, startCompare, stopCompare } = useAppStore(
    useShallow((s) => ({
      setCompareRun: s.setCompareRun,
      setCompareText: s.setCompareText,
      addCompareRun: s.addCompareRun,
      removeCompareRun: s.removeCompareRun,
      startCompare: s.startCompare,
      stopCompare: s.stopCompare,
    })),
  );
  const ranRuns = useAppStore((s) => s.compare.runs.length);
  const epochs = useAppStore((s) => comparisonEpochs(s.settings, s.datasets[s.settings.dataset]?.trainCount ?? null, Number(s.compareSettings.steps)));
  const errors = useMemo(() => validateCompare(compareSettings, tr), [compareSettings, tr]);
  const running = status === 'running' || status === 'starting';
  const canStart = gpuReady && setupValid && !training && !findingLr && !running && Object.keys(errors).length === 0;
  const runs = compareSettings.runs;

  let statusText: string;
  if (running) statusText = tr.t('compare.running', { step: String(step), total: String(totalSteps) });
  else if (status === 'done') statusText = tr.t('compare.done');
  else if (status === 'failed') {
    statusText = tr.t('compare.failed', { message: message ? tr.msg(message) : tr.t('error.unknown') });
    if (message?.id === 'engine.outOfMemory' && ranRuns > 1) statusText += ` ${tr.t('compare.fewerRuns')}`;
  }
  else if (training) statusText = tr.t('compare.training');
  else if (!setupValid) statusText = tr.t('compare.fix');
  else statusText = tr.t('compare.idle');

  return (
    <div className="compare">
      <p className="section__lead">{tr.t('compare.lead')}</p>
      <div className="compare__runs">
        {runs.map((run, i) => (
          <RunFields
            key={i}
            index={i}
            run={run}
            errors={errors}
            onChange={(patch) => setCompareRun(i, patch)}
            epochs={epochs}
            onRemove={runs.length > 1 && !running ? () => removeCompareRun(i) : null}
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
      <div className="compare__add">
        <button type="button" className="button" onClick={addCompareRun} disabled={runs.length >= MAX_COMPARE_RUNS || running}>
          {tr.t('compare.addRun')}
        </button>
        <p className="compare__note">{tr.t('compare.runsNote', { max: String(MAX_COMPARE_RUNS) })}</p>
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
      <LrFinder />
    </div>
  );
}

interface RunFieldsProps {
  index: number;
  run: CompareRunSettings;
  errors: ReturnType<typeof validateCompare>;
  onChange: (patch: Partial<CompareRunSettings>) => void;
  /** Epochs the comparison's steps take (the schedule's T_max starts there). */
  epochs: number;
  /** Null when the run cannot be removed (the only one, or during a comparison). */
  onRemove: (() => void) | null;
}

function RunFields({ index, run, errors, onChange, epochs, onRemove }: RunFieldsProps) {
  const tr = useT();
  const letter = runLetters[index]!;
  const schedule = run.schedule ?? noSchedule;
  return (
    <fieldset className="compare__run">
      <legend>
        <RunSwatch index={index} /> {tr.t('compare.run', { letter })}
      </legend>
      {onRemove ? (
        <button type="button" className="button button--quiet compare__remove" onClick={onRemove} aria-label={tr.t('compare.removeRun', { letter })}>
          {tr.t('setup.remove')}
        </button>
      ) : null}
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
      {hasMomentum(run.optimizer) ? (
        <TextField
          label={tr.t('setup.momentum')}
          tip={tr.t('compare.momentumTip')}
          value={run.momentum} error={errors[`momentum-${index}`]} onChange={(momentum) => onChange({ momentum })} />
      ) : null}
      <SelectField
        label={tr.t('schedule.label')}
        tip={tr.t('schedule.tip')}
        value={schedule.type}
        options={scheduleChoices.map((value) => ({ value, label: tr.t(scheduleLabelKeys[value]) }))}
        onChange={(type) => onChange({ schedule: withCompareScheduleType(run.schedule, type, epochs) })}
      />
      {scheduleFields[schedule.type].map((field) => (
        <TextField
          key={field}
          label={tr.t(scheduleFieldKeys[field].label)}
          tip={tr.t(scheduleFieldKeys[field].tip)}
          inputMode={field === 'stepSize' || field === 'tMax' ? 'numeric' : 'decimal'}
          value={schedule[field]}
          error={errors[`schedule-${index}-${field}`]}
          onChange={(value) => onChange({ schedule: { ...schedule, [field]: value } })}
        />
      ))}
    </fieldset>
  );
}

function CompareSummary() {
  const tr = useT();
  const summaries = useAppStore((s) => s.compareSummaries);
  const evaluations = useAppStore((s) => s.compareEvaluations);
  const runs = useAppStore((s) => s.compare.runs);
  // Labels in the page's language, from the runs' settings (the worker's own copy is English).
  const labels = useMemo(() => runs.map((run, i) => compareRunLabel(runLetters[i]!, run, tr)), [runs, tr]);
  const target = useAppStore((s) => s.compare.target);
  const stoppedEarly = useAppStore((s) => s.compare.stoppedEarly);
  const divergedText = (text: string, label: string) => {
    const step = comparisonDivergenceStep(text);
    return step !== null ? tr.t('compare.diverged', { label, step }) : `${label} ${text}.`;
  };
  if (!summaries) {
    const latest = evaluations.map((list) => list[list.length - 1]);
    if (latest.every((e) => !e)) return null;
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
            <th scope="col">{tr.t('compare.col.firstLoss')}</th>
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
                <RunSwatch index={i} /> {labels[i]}
              </th>
              <td>{s.steps}</td>
              <td>{formatLoss(s.firstTrainLoss)}</td>
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
