// Our schedules against the rates PyTorch 1.13's StepLR and CosineAnnealingLR
// gave each of 20 epochs (scripts/torch/lr_schedules.py). PyTorch updates the
// rate recursively and we use the closed form: the same numbers in exact
// arithmetic, a few float64 roundings apart, so 1e-12 relative (the largest
// seen is printed); the exact zeros of a cosine with eta_min 0 at T_max, 3·T_max, …
// are zero on both sides.

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  describeSchedule,
  learningRateAt,
  parseLrSchedule,
  pytorchScheduleCode,
  scheduleProblem,
  type LrScheduleSpec,
} from '../../src/train/lr-schedule.ts';

interface Case {
  lr: number;
  schedule: LrScheduleSpec;
  rates: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/torch/lr-schedules.json', import.meta.url), 'utf8')) as { torch: string; epochs: number; cases: Case[] };

describe(`learning-rate schedules against PyTorch ${fixture.torch}`, () => {
  let worstOverall = 0;
  afterAll(() => console.log(`schedules against PyTorch: largest relative difference ${worstOverall.toExponential(1)} over ${fixture.cases.length} cases`));
  it('has StepLR and CosineAnnealingLR cases past T_max', () => {
    expect(fixture.cases.filter((c) => c.schedule.type === 'step').length).toBeGreaterThanOrEqual(9);
    expect(fixture.cases.some((c) => c.schedule.type === 'cosine' && c.schedule.tMax < fixture.epochs / 2)).toBe(true);
  });

  for (const { lr, schedule, rates } of fixture.cases) {
    it(`${describeSchedule(schedule)} from lr ${lr}: PyTorch's rate in each of ${rates.length} epochs within 1e-12 relative`, () => {
      expect(scheduleProblem(schedule, lr)).toBeNull();
      let worst = 0;
      rates.forEach((theirs, epoch) => {
        const ours = learningRateAt(schedule, lr, epoch);
        if (theirs === 0) {
          expect(Math.abs(ours), `epoch ${epoch}`).toBeLessThan(1e-17 * lr);
          return;
        }
        const difference = Math.abs(ours - theirs) / theirs;
        worst = Math.max(worst, difference);
        expect(difference, `epoch ${epoch}: ours ${ours}, PyTorch ${theirs}`).toBeLessThanOrEqual(1e-12);
      });
      worstOverall = Math.max(worstOverall, worst);
    });
  }

  it('keeps the rate without a schedule', () => {
    expect(learningRateAt(undefined, 0.05, 7)).toBe(0.05);
  });
});

describe('schedule checks', () => {
  const problem = (schedule: unknown, lr = 0.1) => scheduleProblem(schedule, lr);
  it('names the field and the fix', () => {
    expect(problem({ type: 'step', stepSize: 0 })).toMatchObject({ field: 'lrSchedule.stepSize', message: expect.stringMatching(/whole number .* at least 1, got 0/) });
    expect(problem({ type: 'step', stepSize: 2.5 })?.field).toBe('lrSchedule.stepSize');
    for (const gamma of [0, -0.5, 1.5, NaN, Infinity]) expect(problem({ type: 'step', stepSize: 2, gamma })?.field).toBe('lrSchedule.gamma');
    expect(problem({ type: 'step', stepSize: 2, gamma: 1 })).toBeNull();
    expect(problem({ type: 'cosine', tMax: 0 })?.message).toMatch(/T_max must be a whole number/);
    expect(problem({ type: 'cosine', tMax: 10, etaMin: -1e-3 })?.field).toBe('lrSchedule.etaMin');
    expect(problem({ type: 'cosine', tMax: 10, etaMin: 0.1 })?.message).toMatch(/below the learning rate 0\.1/);
    expect(problem({ type: 'exponential', gamma: 0.9 })?.message).toMatch(/unknown learning-rate schedule "exponential" \(choose step or cosine, or none\)/);
    expect(problem(null)?.field).toBe('lrSchedule');
  });
});

describe('the schedule in PyTorch and on the command line', () => {
  it('writes PyTorch constructors with every argument', () => {
    expect(pytorchScheduleCode({ type: 'step', stepSize: 3 })).toBe('torch.optim.lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.1)');
    expect(pytorchScheduleCode({ type: 'cosine', tMax: 20, etaMin: 1e-4 })).toBe('torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=20, eta_min=0.0001)');
    expect(describeSchedule({ type: 'cosine', tMax: 5 })).toBe('CosineAnnealingLR(T_max=5, eta_min=0.0)');
  });

  it('reads --lr-schedule texts, T_MAX defaulting to the epochs', () => {
    expect(parseLrSchedule('step:3', 10)).toEqual({ type: 'step', stepSize: 3 });
    expect(parseLrSchedule('step:3:0.5', 10)).toEqual({ type: 'step', stepSize: 3, gamma: 0.5 });
    expect(parseLrSchedule('cosine', 12)).toEqual({ type: 'cosine', tMax: 12 });
    expect(parseLrSchedule('cosine:5:1e-4', 12)).toEqual({ type: 'cosine', tMax: 5, etaMin: 1e-4 });
    expect(parseLrSchedule('none', 12)).toBeUndefined();
    for (const bad of ['step', 'step:x', 'step:1:2:3', 'cosine:5:0:1', 'linear:3', '', 'none:1']) expect(() => parseLrSchedule(bad, 10), bad).toThrow(/use step:STEP_SIZE/);
  });
});
