import { describe, expect, it } from 'vitest';
import { presets } from '../../src/train/presets.ts';
import {
  defaultSettings,
  matchingPreset,
  reviveSettings,
  settingsForDataset,
  settingsFromPreset,
  toConfig,
  trainLimitOf,
  validateSettings,
} from '../../src/ui/app/store/settings.ts';

describe('settings and presets', () => {
  for (const preset of presets) {
    it(`${preset.name}: the form holds the preset exactly and recognises it`, () => {
      const settings = settingsFromPreset(preset.name);
      expect(validateSettings(settings)).toEqual({});
      expect(toConfig(settings)).toEqual(preset.config);
      expect(matchingPreset(settings)).toBe(preset.name);
    });
  }

  it('starts on the MNIST MLP with Adam, for a short first run', () => {
    const settings = defaultSettings();
    expect(matchingPreset(settings)).toBe('mnist-mlp-adam');
    expect(toConfig(settings)!.epochs).toBe(3);
  });

  it('turns Custom when the experiment changes, not when the run length or seed does', () => {
    const settings = defaultSettings();
    expect(matchingPreset({ ...settings, epochs: '40', seed: '9' })).toBe('mnist-mlp-adam');
    expect(matchingPreset({ ...settings, lr: '0.01' })).toBe('custom');
    expect(matchingPreset({ ...settings, hidden: ['256'] })).toBe('custom');
  });

  it('switching dataset takes that dataset’s preset and keeps the run length', () => {
    const fashion = settingsForDataset('fashion-mnist', { ...defaultSettings(), epochs: '5' });
    expect(matchingPreset(fashion)).toBe('fashion-dnn-sgd');
    expect(fashion.epochs).toBe('5');
    const blobs = settingsForDataset('blobs', defaultSettings());
    expect(matchingPreset(blobs)).toBe('blobs-xor');
    expect(toConfig(blobs)!.layers.at(-1)).toEqual({ type: 'sigmoid' });
    expect(trainLimitOf({ ...blobs, trainLimit: '100' })).toBeNull();
  });
});

describe('validateSettings', () => {
  const base = defaultSettings();

  it('uses config.ts’s own messages, with what was typed', () => {
    expect(validateSettings({ ...base, lr: '-0.5' }).lr).toBe('Learning rate must be a positive finite number, got -0.5');
    expect(validateSettings({ ...base, lr: 'fast' }).lr).toBe('Learning rate must be a positive finite number, got fast');
    expect(validateSettings({ ...base, lr: '' }).lr).toMatch(/^Enter a learning rate/);
    expect(validateSettings({ ...base, batchSize: '12.5' }).batchSize).toBe('Batch size must be a whole number of at least 1, got 12.5');
    expect(validateSettings({ ...base, epochs: '-1' }).epochs).toBe('Epochs must be a whole number ≥ 0, got -1');
    expect(validateSettings({ ...base, epochs: '0' }).epochs).toBe('Epochs must be at least 1 to train');
  });

  it('checks the model and optimizer fields too', () => {
    const errors = validateSettings({ ...base, hidden: ['256', '0', '99999'], dropout: '1', optimizer: 'sgd', momentum: '1.2', seed: '1.5' });
    expect(Object.keys(errors).sort()).toEqual(['dropout', 'hidden-1', 'hidden-2', 'momentum', 'seed']);
    expect(toConfig({ ...base, dropout: '1' })).toBeNull();
    // Momentum only matters for SGD.
    expect(validateSettings({ ...base, optimizer: 'adam', momentum: 'x' })).toEqual({});
  });

  it('accepts numbers as people write them', () => {
    expect(validateSettings({ ...base, lr: ' 1e-3 ', batchSize: '64', epochs: '10' })).toEqual({});
    expect(toConfig({ ...base, lr: '1e-3', optimizer: 'sgd', momentum: '0.9' })!.optimizer).toEqual({ type: 'sgd', lr: 0.001, momentum: 0.9 });
  });
});

describe('reviveSettings', () => {
  it('keeps well-formed saved values and replaces the rest with defaults', () => {
    const saved = { ...defaultSettings(), dataset: 'fashion-mnist', lr: '0.02', hidden: ['10'], optimizer: 'nope', trainLimit: '7' };
    const revived = reviveSettings(saved)!;
    expect(revived.dataset).toBe('fashion-mnist');
    expect(revived.lr).toBe('0.02');
    expect(revived.hidden).toEqual(['10']);
    expect(revived.optimizer).toBe('adam');
    expect(revived.trainLimit).toBe('all');
    expect(reviveSettings('garbage')).toBeNull();
    expect(reviveSettings({ hidden: [1, 2] })!.hidden).toEqual(defaultSettings().hidden);
  });
});
