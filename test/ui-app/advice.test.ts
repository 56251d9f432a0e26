// When the run's curves get explained: a flat loss, overfitting, accuracy at chance.
import { describe, expect, it } from 'vitest';
import type { EpochEvent } from '../../src/train/events.ts';
import { english, translatorFor } from '../../src/ui/app/i18n/translator.ts';
import { FLAT_AFTER_STEPS, runAdvice, scaledRate } from '../../src/ui/train/advice.ts';

const epoch = (n: number, trainLoss: number, testLoss: number, testAccuracy: number): EpochEvent => ({
  type: 'epoch', epoch: n, trainLoss, trainAccuracy: testAccuracy, testLoss, testAccuracy, seconds: 1, samplesPerSecond: 1000,
});
const base = { lossValues: [], epochResults: [], lr: 0.001, reluAfterLast: false, classes: 10 };
const falling = Array.from({ length: 200 }, (_, i) => 2.3 * Math.exp(-i / 50));
const flat = Array.from({ length: 200 }, (_, i) => 2.3 + 0.01 * Math.sin(i));

describe('run advice', () => {
  it('says nothing of a loss that falls, or of too few steps to tell', () => {
    expect(runAdvice({ ...base, lossValues: falling })).toEqual([]);
    expect(runAdvice({ ...base, lossValues: flat.slice(0, FLAT_AFTER_STEPS - 1) })).toEqual([]);
  });

  it('a flat loss suggests a learning rate ten times larger, and blames a trailing ReLU when there is one', () => {
    const advice = runAdvice({ ...base, lossValues: flat, reluAfterLast: true });
    expect(advice.map((m) => m.id)).toEqual(['advice.flat', 'advice.flatRelu']);
    expect(english.msg(advice[0]!)).toBe('The loss has hardly moved in 200 steps. A learning rate of 0.001 may be too small: in Set up, try 0.01, ten times larger.');
    expect(translatorFor('ko').msg(advice[0]!)).toContain('학습률을 열 배 키워 0.01 정도로');
    // Non-finite losses (a diverged run's end) are left out, not counted as movement.
    expect(runAdvice({ ...base, lossValues: [...flat, NaN, Infinity] }).map((m) => m.id)).toEqual(['advice.flat']);
  });

  it('a test loss rising for two epochs while the training loss falls is overfitting', () => {
    const epochs = [epoch(1, 0.6, 0.5, 0.8), epoch(2, 0.4, 0.42, 0.85), epoch(3, 0.3, 0.45, 0.85), epoch(4, 0.2, 0.5, 0.84)];
    const advice = runAdvice({ ...base, epochResults: epochs });
    expect(advice).toEqual([{ id: 'advice.overfitting', values: { best: 2 } }]);
    expect(english.msg(advice[0]!)).toMatch(/^The test loss has risen since epoch 2 while the training loss keeps falling: the model is overfitting/);
    // One bad epoch is noise, and a test loss that rises with the training loss is no overfitting.
    expect(runAdvice({ ...base, epochResults: epochs.slice(0, 3) })).toEqual([]);
    expect(runAdvice({ ...base, epochResults: [epoch(1, 0.3, 0.4, 0.8), epoch(2, 0.35, 0.45, 0.8), epoch(3, 0.4, 0.5, 0.8)] })).toEqual([]);
  });

  it('a test accuracy near guessing says so, with the chance level of the classes', () => {
    const tenClasses = runAdvice({ ...base, epochResults: [epoch(1, 2.3, 2.3, 0.113)] });
    expect(english.msg(tenClasses[0]!)).toBe(
      'Test accuracy 11.3% is no better than guessing (10% with 10 classes): the model has not learned yet. Train for longer, or try another learning rate.',
    );
    expect(translatorFor('ko').msg(tenClasses[0]!)).toContain('테스트 정확도 11.3%는 무작위로 고르는 것과 다르지 않습니다(클래스가 10개이면 10%)');
    expect(runAdvice({ ...base, classes: 2, epochResults: [epoch(1, 0.69, 0.69, 0.5)] }).map((m) => m.id)).toEqual(['advice.chance']);
    expect(runAdvice({ ...base, epochResults: [epoch(1, 1, 1, 0.2)] })).toEqual([]);
  });

  it('writes scaled rates shortly', () => {
    expect(scaledRate(0.001, 10)).toBe('0.01');
    expect(scaledRate(0.001, 0.1)).toBe('0.0001');
    expect(scaledRate(100000, 0.1)).toBe('10000');
  });
});
