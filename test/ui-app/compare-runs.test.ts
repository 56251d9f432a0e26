// Compare's runs in the page's state (one to six, added and removed), what
// it sends the worker, and "Find learning rate" from request to suggestion,
// with a recorder in place of the worker.
import { beforeEach, describe, expect, it } from 'vitest';
import type { WorkerRequest } from '../../src/train/messages.ts';
import { applyWorkerEvent, type Effects } from '../../src/ui/app/store/apply-event.ts';
import {
  compareOptimizer,
  compareRunLabel,
  compareSchedule,
  comparisonEpochs,
  MAX_COMPARE_RUNS,
  nextCompareRun,
  validateCompare,
  withCompareScheduleType,
} from '../../src/ui/app/store/compare-slice.ts';
import { useAppStore } from '../../src/ui/app/store/store.ts';
import { connectPort } from '../../src/ui/app/store/worker-port.ts';

const initial = useAppStore.getState();
let sent: WorkerRequest[];
const effects: Effects = { download: () => {}, persistModel: () => {}, forgetModel: () => {} };

beforeEach(() => {
  useAppStore.setState(initial, true);
  sent = [];
  connectPort((request) => sent.push(request));
  applyWorkerEvent({ type: 'ready', adapterName: 'test adapter' }, effects);
});

describe('Compare with up to six runs', () => {
  it('adds SGD with momentum and RMSprop after SGD and Adam, then copies, up to six; removes any but the last', () => {
    const s = useAppStore.getState();
    expect(s.compareSettings.runs.map((r) => r.optimizer)).toEqual(['sgd', 'adam']);
    s.addCompareRun();
    s.addCompareRun();
    let runs = useAppStore.getState().compareSettings.runs;
    expect(runs.slice(2)).toEqual([
      { optimizer: 'sgd', lr: '0.1', momentum: '0.9' },
      { optimizer: 'rmsprop', lr: '0.01', momentum: '0' },
    ]);
    for (let i = 0; i < 5; i++) useAppStore.getState().addCompareRun();
    runs = useAppStore.getState().compareSettings.runs;
    expect(runs).toHaveLength(MAX_COMPARE_RUNS);
    expect(runs[5]).toEqual(runs[4]);
    useAppStore.getState().removeCompareRun(1);
    expect(useAppStore.getState().compareSettings.runs.map((r) => r.optimizer)).toEqual(['sgd', 'sgd', 'rmsprop', 'rmsprop', 'rmsprop']);
    for (let i = 0; i < 9; i++) useAppStore.getState().removeCompareRun(0);
    expect(useAppStore.getState().compareSettings.runs).toHaveLength(1);
  });

  it('picks the next run from what is missing', () => {
    expect(nextCompareRun([{ optimizer: 'adam', lr: '0.001', momentum: '0' }]).optimizer).toBe('sgd');
    expect(nextCompareRun([{ optimizer: 'sgd', lr: '0.5', momentum: '0.5' }])).toEqual({ optimizer: 'sgd', lr: '0.1', momentum: '0' });
  });

  it('checks each run’s fields by index, momentum for SGD and RMSprop only', () => {
    const errors = validateCompare({
      runs: [
        { optimizer: 'sgd', lr: '0.1', momentum: '0' },
        { optimizer: 'adam', lr: '-1', momentum: 'x' },
        { optimizer: 'rmsprop', lr: '0.01', momentum: '1.5' },
        { optimizer: 'sgd', lr: '', momentum: '0.9' },
      ],
      steps: '10',
      target: '90',
    });
    expect(Object.keys(errors).sort()).toEqual(['lr-1', 'lr-3', 'momentum-2']);
  });

  it('labels runs and builds their optimizers as torch.optim takes them', () => {
    expect(compareRunLabel('C', { optimizer: 'rmsprop', lr: '0.01', momentum: '0.9' })).toBe('C: RMSprop, lr 0.01, momentum 0.9');
    expect(compareRunLabel('D', { optimizer: 'adam', lr: '0.001', momentum: '0.9' })).toBe('D: Adam, lr 0.001');
    expect(compareOptimizer({ optimizer: 'rmsprop', lr: '0.01', momentum: '0.9' })).toEqual({ type: 'rmsprop', lr: 0.01, momentum: 0.9 });
    expect(compareOptimizer({ optimizer: 'rmsprop', lr: '0.01', momentum: '0' })).toEqual({ type: 'rmsprop', lr: 0.01 });
    expect(compareOptimizer({ optimizer: 'sgd', lr: '0.1', momentum: '0.9' })).toEqual({ type: 'sgd', lr: 0.1, momentum: 0.9 });
    expect(compareOptimizer({ optimizer: 'adam', lr: '0.001', momentum: '0.9' })).toEqual({ type: 'adam', lr: 0.001 });
  });

  it('gives each run its own schedule (or none), in its label, its fields’ problems and its request', () => {
    const s = useAppStore.getState();
    s.setCompareRun(0, { schedule: withCompareScheduleType(undefined, 'step', 5) });
    s.setCompareRun(1, { schedule: withCompareScheduleType(undefined, 'cosine', 5) });
    const runs = useAppStore.getState().compareSettings.runs;
    expect(runs[0]!.schedule).toMatchObject({ type: 'step', stepSize: '1', gamma: '0.1' });
    expect(runs[1]!.schedule).toMatchObject({ type: 'cosine', tMax: '5', etaMin: '0' });
    expect(compareRunLabel('A', runs[0]!)).toBe('A: SGD, lr 0.1, StepLR(step_size=1, gamma=0.1)');
    expect(compareSchedule(runs[1]!)).toEqual({ type: 'cosine', tMax: 5, etaMin: 0 });
    expect(validateCompare({ ...useAppStore.getState().compareSettings, runs: [{ ...runs[0]!, schedule: { ...runs[0]!.schedule!, stepSize: '0', gamma: 'x' } }] })).toEqual({
      'schedule-0-stepSize': expect.stringContaining('0'),
      'schedule-0-gamma': expect.stringContaining('x'),
    });
    s.addCompareRun();
    useAppStore.getState().startCompare();
    const request = sent.find((r) => r.type === 'compare');
    if (request?.type !== 'compare') throw new Error('no compare request');
    // null: this run keeps its rate, whatever the setup's schedule.
    expect(request.runs.map((r) => r.lrSchedule)).toEqual([{ type: 'step', stepSize: 1, gamma: 0.1 }, { type: 'cosine', tMax: 5, etaMin: 0 }, null]);
  });

  it('counts the epochs a comparison takes', () => {
    const settings = useAppStore.getState().settings;
    // 1,000 samples in batches of 100: 10 steps an epoch; 25 steps begin 3 epochs.
    expect(comparisonEpochs({ ...settings, batchSize: '100', trainLimit: 'all' }, 1000, 25)).toBe(3);
    expect(comparisonEpochs(settings, null, 25)).toBe(1);
  });

  it('sends every run, lettered A to D, and keeps one series per run', () => {
    const s = useAppStore.getState();
    s.addCompareRun();
    s.addCompareRun();
    useAppStore.getState().startCompare();
    const request = sent.find((r) => r.type === 'compare');
    if (request?.type !== 'compare') throw new Error('no compare request');
    expect(request.runs.map((r) => r.label)).toEqual(['A: SGD, lr 0.1', 'B: Adam, lr 0.001', 'C: SGD, lr 0.1, momentum 0.9', 'D: RMSprop, lr 0.01']);
    const id = useAppStore.getState().compare.id;
    applyWorkerEvent({ type: 'compare-started', runId: id, totalSteps: 10 }, effects);
    applyWorkerEvent({ type: 'compare-update', runId: id, step: 2, series: [0, 1, 2, 3].map(() => ({ steps: [1, 2], losses: [2.3, 2] })) }, effects);
    expect(useAppStore.getState().compareSeries.map((s) => s.steps)).toEqual([[1, 2], [1, 2], [1, 2], [1, 2]]);
    expect(useAppStore.getState().compareEvaluations).toHaveLength(4);
  });
});

describe('Find learning rate', () => {
  it('asks the worker for a range test of the setup, shows its points, and puts the suggestion into Set up', () => {
    useAppStore.getState().startFindLr();
    const request = sent.find((r) => r.type === 'find-lr');
    if (request?.type !== 'find-lr') throw new Error('no find-lr request');
    expect(request.config.seed).toBe(Number(useAppStore.getState().settings.seed));
    const id = request.runId;
    applyWorkerEvent({ type: 'lr-range-started', runId: id, steps: 100, startLr: 1e-6, endLr: 10 }, effects);
    expect(useAppStore.getState().lrFinder.status).toBe('running');
    applyWorkerEvent({ type: 'lr-range-update', runId: id, points: [{ lr: 1e-6, loss: 2.3, smoothed: 2.3 }] }, effects);
    applyWorkerEvent({ type: 'lr-range-update', runId: id + 1, points: [{ lr: 1, loss: 9, smoothed: 9 }] }, effects);
    expect(useAppStore.getState().lrFinder.points).toHaveLength(1);
    applyWorkerEvent(
      { type: 'lr-range-done', runId: id, ended: 'exploded', suggestion: { lr: 0.0031622776601683794, minimumLr: 0.031622776601683794, minimumLoss: 0.5, steepestLr: 0.01 } },
      effects,
    );
    expect(useAppStore.getState().lrFinder.status).toBe('done');
    useAppStore.getState().useSuggestedLr();
    expect(useAppStore.getState().settings.lr).toBe('0.00316');
  });
});
