// A preset's title and PyTorch's result as the page shows them: looked up by
// the preset's name in each catalogue, figures read from presets.ts.
import { describe, expect, it } from 'vitest';
import { findPreset, presets, type Preset } from '../../src/train/presets.ts';
import { ko as koCatalogue } from '../../src/ui/app/i18n/ko.ts';
import { translatorFor } from '../../src/ui/app/i18n/translator.ts';
import { presetReference, presetTitle } from '../../src/ui/shared/preset-text.ts';

const ko = translatorFor('ko');
const en = translatorFor('en');

describe('preset texts', () => {
  it('give every preset its title from each catalogue, the English one as presets.ts has it', () => {
    const catalogue = koCatalogue as Record<string, string>;
    for (const preset of presets) {
      expect(presetTitle(preset, en), preset.name).toBe(preset.title);
      expect(catalogue[`preset.${preset.name}`], preset.name).toBeTruthy();
      expect(presetTitle(preset, ko), preset.name).toBe(catalogue[`preset.${preset.name}`]);
    }
    expect(presetTitle(findPreset('mnist-cnn')!, ko)).toMatch(/[\uac00-\ud7a3]/);
  });

  it('keep the English title of a preset the catalogues do not know', () => {
    const unknown: Preset = { ...findPreset('mnist-cnn')!, name: 'not-in-the-catalogues', title: 'Something new' };
    expect(presetTitle(unknown, ko)).toBe('Something new');
  });

  it('say the fashion tutorial’s result in its own words, the others’ in the shared ones, with the figure from presets.ts', () => {
    const tutorial = findPreset('fashion-tutorial')!;
    expect(presetReference(tutorial, en)).toBe(tutorial.reference);
    expect(presetReference(tutorial, ko)).toMatch(/^테스트 정확도 59\.7%\(튜토리얼에는 49\.5%로/);
    expect(presetReference(findPreset('mnist-mlp-adam')!, ko)).toBe('테스트 정확도 97.9%');
    expect(presetReference(findPreset('mnist-cnn')!, en)).toBe('99.02% test accuracy');
    expect(presetReference(findPreset('blobs-xor')!, ko)).toMatch(/0\.055/);
  });
});
