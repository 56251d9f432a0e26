// --lr-schedule: the text becomes the run's lrSchedule (cosine's T_MAX the
// run's epochs unless given), and every mistake is a UsageError naming the flag.

import { describe, expect, it } from 'vitest';
import { parseTrainArgs, usage, UsageError } from '../../src/cli/train-args.ts';

const parse = (...flags: string[]) => parseTrainArgs(['--preset', 'blobs-xor', ...flags])!;
const refusal = (...flags: string[]) => {
  try {
    parse(...flags);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${flags.join(' ')} was accepted`);
};

describe('--lr-schedule', () => {
  it('sets StepLR and CosineAnnealingLR with torch’s defaults', () => {
    expect(parse('--lr-schedule', 'step:30').config.lrSchedule).toEqual({ type: 'step', stepSize: 30 });
    expect(parse('--lr-schedule', 'step:5:0.5').config.lrSchedule).toEqual({ type: 'step', stepSize: 5, gamma: 0.5 });
    expect(parse('--epochs', '40', '--lr-schedule', 'cosine').config.lrSchedule).toEqual({ type: 'cosine', tMax: 40 });
    expect(parse('--lr-schedule', 'cosine:10:1e-4').config.lrSchedule).toEqual({ type: 'cosine', tMax: 10, etaMin: 1e-4 });
    expect(parse('--lr-schedule', 'none').config).not.toHaveProperty('lrSchedule');
    expect(parse().config).not.toHaveProperty('lrSchedule');
  });

  it('refuses bad values in one line that names the flag and the fix', () => {
    expect(refusal('--lr-schedule', 'exponential:0.9')).toBe('--lr-schedule: "exponential:0.9" is not a schedule (use step:STEP_SIZE[:GAMMA], cosine[:T_MAX[:ETA_MIN]] or none)');
    expect(refusal('--lr-schedule', 'step:x')).toMatch(/^--lr-schedule: "x" in "step:x" is not a number/);
    expect(refusal('--lr-schedule', 'step:0')).toMatch(/^--lr-schedule: StepLR's step size must be a whole number of epochs, at least 1, got 0$/);
    expect(refusal('--lr-schedule', 'step:2:1.5')).toMatch(/^--lr-schedule: StepLR's gamma .* must be in \(0, 1\]/);
    expect(refusal('--lr-schedule', 'cosine:2.5')).toMatch(/^--lr-schedule: CosineAnnealingLR's T_max must be a whole number/);
    // blobs-xor's SGD starts at 0.03.
    expect(refusal('--lr-schedule', 'cosine:10:0.05')).toMatch(/^--lr-schedule: CosineAnnealingLR's eta_min .* below the learning rate 0\.03/);
    expect(refusal('--lr-schedule', 'cosine:10:0.01', '--lr', '0.005')).toMatch(/below the learning rate 0\.005/);
  });

  it('is in --help', () => {
    expect(usage).toMatch(/--lr-schedule S +the learning rate over the epochs/);
    expect(usage).toContain('step:STEP_SIZE[:GAMMA]');
    expect(usage).toContain('cosine[:T_MAX[:ETA_MIN]]');
  });
});
