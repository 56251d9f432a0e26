// The goal predicates against hand-made training states: each goal is reached
// by the state the step asks for and not by its near misses (another dataset,
// a run from before the step was opened, a stopped run, one noisy epoch).
import { describe, expect, it } from 'vitest';
import type { EpochEvent } from '../../src/train/events.ts';
import { msg } from '../../src/ui/app/i18n/translator.ts';
import { idleRun, type RunState } from '../../src/ui/app/store/train-slice.ts';
import { goalReached, goalView, type Goal, type GoalView } from '../../src/ui/lessons/goals.ts';

// The fields the goals read; the rest of an epoch's report does not matter here.
const epoch = (n: number, trainLoss: number, testLoss: number, testAccuracy: number) =>
  ({ type: 'epoch', epoch: n, trainLoss, testLoss, testAccuracy, seconds: 1, samplesPerSecond: 1000 }) as EpochEvent;

const run = (patch: Partial<RunState> = {}): RunState => ({ ...idleRun, id: 2, status: 'running', dataset: 'mnist', epochs: 10, ...patch });
const view = (patch: Partial<GoalView> = {}): GoalView => ({ run: run(), epochResults: [], saved: false, cnnAnswers: false, ...patch });
const finished = (patch: Partial<RunState> = {}) => run({ status: 'done', final: { testLoss: 0.3, testAccuracy: 0.9, steps: 100, stoppedEarly: false }, ...patch });

describe('goal predicates', () => {
  it('test accuracy of at least a value: any epoch, on the goal’s dataset', () => {
    const goal: Goal = { kind: 'accuracyAtLeast', value: 0.97, dataset: 'mnist' };
    expect(goalReached(goal, view({ epochResults: [epoch(1, 0.3, 0.2, 0.95), epoch(2, 0.2, 0.1, 0.969)] }))).toBe(false);
    expect(goalReached(goal, view({ epochResults: [epoch(1, 0.3, 0.2, 0.95), epoch(2, 0.2, 0.1, 0.97), epoch(3, 0.2, 0.1, 0.96)] }))).toBe(true);
    expect(goalReached(goal, view({ run: run({ dataset: 'fashion-mnist' }), epochResults: [epoch(1, 0.3, 0.2, 0.99)] }))).toBe(false);
    expect(goalReached(goal, view({ run: null, epochResults: [] }))).toBe(false);
  });

  it('test loss below a value', () => {
    const goal: Goal = { kind: 'testLossBelow', value: 0.1, dataset: 'blobs' };
    const blobs = run({ dataset: 'blobs' });
    expect(goalReached(goal, view({ run: blobs, epochResults: [epoch(1, 0.7, 0.65, 0.5), epoch(2, 0.2, 0.1, 1)] }))).toBe(false);
    expect(goalReached(goal, view({ run: blobs, epochResults: [epoch(1, 0.7, 0.65, 0.5), epoch(2, 0.1, 0.055, 1)] }))).toBe(true);
  });

  it('the loss fell: the last epoch’s training loss under the first’s, with two epochs at least', () => {
    const goal: Goal = { kind: 'lossFell', dataset: 'blobs' };
    const blobs = run({ dataset: 'blobs' });
    expect(goalReached(goal, view({ run: blobs, epochResults: [epoch(1, 0.7, 0.65, 0.5)] }))).toBe(false);
    expect(goalReached(goal, view({ run: blobs, epochResults: [epoch(1, 0.7, 0.65, 0.5), epoch(2, 0.71, 0.65, 0.5)] }))).toBe(false);
    expect(goalReached(goal, view({ run: blobs, epochResults: [epoch(1, 0.7, 0.65, 0.5), epoch(2, 0.69, 0.64, 0.5)] }))).toBe(true);
  });

  it('the loss exploded: a diverged run', () => {
    const goal: Goal = { kind: 'exploded', dataset: 'fashion-mnist' };
    expect(goalReached(goal, view({ run: run({ dataset: 'fashion-mnist', status: 'diverged' }) }))).toBe(true);
    expect(goalReached(goal, view({ run: run({ dataset: 'fashion-mnist', status: 'done' }) }))).toBe(false);
    expect(goalReached(goal, view({ run: run({ dataset: 'mnist', status: 'diverged' }) }))).toBe(false);
  });

  it('overfitting: the test loss 10% above its best while the training loss is lower than at the best', () => {
    const goal: Goal = { kind: 'overfit', dataset: 'fashion-mnist' };
    const fashion = run({ dataset: 'fashion-mnist' });
    // Figures from PyTorch (1,000 Fashion-MNIST images, Adam 1e-3, batch 64): best test loss 0.5969 at epoch 9.
    const rising = [epoch(8, 0.464, 0.6154, 0.78), epoch(9, 0.4202, 0.5969, 0.79), epoch(10, 0.3936, 0.6353, 0.77), epoch(14, 0.2855, 0.6824, 0.77)];
    expect(goalReached(goal, view({ run: fashion, epochResults: rising.slice(0, 3) }))).toBe(false);
    expect(goalReached(goal, view({ run: fashion, epochResults: rising }))).toBe(true);
    // Both losses up together is a bad step, not overfitting.
    expect(goalReached(goal, view({ run: fashion, epochResults: [epoch(1, 0.5, 0.5, 0.8), epoch(2, 0.9, 0.9, 0.6)] }))).toBe(false);
    // Both falling.
    expect(goalReached(goal, view({ run: fashion, epochResults: [epoch(1, 0.5, 0.5, 0.8), epoch(2, 0.4, 0.45, 0.82)] }))).toBe(false);
  });

  it('a flat loss: a finished run whose training loss stayed above 90% of its first', () => {
    const goal: Goal = { kind: 'flat', dataset: 'fashion-mnist' };
    // PyTorch with lr 1e-5: 2.3040, then 2.3032.
    const epochs = [epoch(1, 2.304, 2.3035, 0.089), epoch(2, 2.3032, 2.3028, 0.0916)];
    expect(goalReached(goal, view({ run: finished({ dataset: 'fashion-mnist' }), epochResults: epochs }))).toBe(true);
    expect(goalReached(goal, view({ run: run({ dataset: 'fashion-mnist' }), epochResults: epochs }))).toBe(false);
    expect(goalReached(goal, view({ run: finished({ dataset: 'fashion-mnist' }), epochResults: [epoch(1, 2.3, 2, 0.3), epoch(2, 1.2, 1, 0.6)] }))).toBe(false);
  });

  it('finished: trained to the last epoch, not stopped', () => {
    const goal: Goal = { kind: 'finished', dataset: 'mnist' };
    expect(goalReached(goal, view({ run: finished() }))).toBe(true);
    expect(goalReached(goal, view({ run: finished({ final: { testLoss: 0.3, testAccuracy: 0.9, steps: 10, stoppedEarly: true } }) }))).toBe(false);
    expect(goalReached(goal, view({ run: run() }))).toBe(false);
  });

  it('saved and a CNN’s answer come from the view', () => {
    expect(goalReached({ kind: 'saved' }, view({ saved: true }))).toBe(true);
    expect(goalReached({ kind: 'saved' }, view())).toBe(false);
    expect(goalReached({ kind: 'cnnAnswers' }, view({ cnnAnswers: true }))).toBe(true);
  });
});

describe('the goal view', () => {
  const base = { run: run({ id: 3 }), epochResults: [epoch(1, 1, 1, 0.5)], modelNotice: null, probabilities: null, drawingModel: null };

  it('counts only a run started after the step was opened', () => {
    expect(goalView({ ...base, lessonBaseline: { runId: 2, modelNotice: null } }).run?.id).toBe(3);
    const before = goalView({ ...base, lessonBaseline: { runId: 3, modelNotice: null } });
    expect(before.run).toBeNull();
    expect(before.epochResults).toEqual([]);
  });

  it('counts a save made after the step was opened', () => {
    const old = msg('model.saved', { file: 'a.pt' });
    expect(goalView({ ...base, modelNotice: old, lessonBaseline: { runId: 0, modelNotice: old } }).saved).toBe(false);
    expect(goalView({ ...base, modelNotice: msg('model.saved', { file: 'b.pt' }), lessonBaseline: { runId: 0, modelNotice: old } }).saved).toBe(true);
    expect(goalView({ ...base, modelNotice: msg('model.loaded', { file: 'b.pt' }), lessonBaseline: { runId: 0, modelNotice: null } }).saved).toBe(false);
  });

  it('a CNN’s answer: probabilities from a model with Conv2d', () => {
    const cnn = { source: 'trained' as const, dataset: 'mnist' as const, architecture: 'nn.Sequential(Conv2d(1, 32, 3), ReLU())', shape: 'cnn', classNames: [], takesImages: true };
    const baseline = { runId: 0, modelNotice: null };
    expect(goalView({ ...base, probabilities: [1], drawingModel: cnn, lessonBaseline: baseline }).cnnAnswers).toBe(true);
    expect(goalView({ ...base, probabilities: [1], drawingModel: { ...cnn, architecture: 'nn.Sequential(Linear(784, 10))' }, lessonBaseline: baseline }).cnnAnswers).toBe(false);
    expect(goalView({ ...base, probabilities: null, drawingModel: cnn, lessonBaseline: baseline }).cnnAnswers).toBe(false);
  });
});
