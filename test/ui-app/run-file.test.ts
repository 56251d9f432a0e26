// "Resume from checkpoint" reads a run checkpoint file (src/ui/train/run-file.ts):
// every preset's setup comes back into the form exactly, and a file that is
// not a checkpoint, or holds a setup the form cannot build, is refused with
// a message that names what is wrong.
import { describe, expect, it } from 'vitest';
import { serializeSafetensors } from '../../src/engine/safetensors.ts';
import { presetConfig, presets } from '../../src/train/presets.ts';
import { encodeRunCheckpoint } from '../../src/train/run-checkpoint.ts';
import type { ResumableState } from '../../src/train/session.ts';
import { english } from '../../src/ui/app/i18n/translator.ts';
import { toConfig } from '../../src/ui/app/store/settings.ts';
import { readRunFile } from '../../src/ui/train/run-file.ts';

const state: ResumableState = {
  weights: [{ name: '0.weight', shape: [2], data: Float32Array.from([0.5, -0.25]) }],
  optimizerState: [Float32Array.from([0.1, 0.2])],
  epochsDone: 2,
  stepInEpoch: 3,
  trainStats: [1.5, 40],
  epochLosses: [0.7, 0.6, 0.5],
  steps: 15,
  firstLoss: 0.75,
  optimizerSteps: 15,
  shufflePosition: 1234,
  dropoutCalls: 7,
};

describe('readRunFile', () => {
  for (const { name } of presets) {
    it(`gives back ${name}'s setup and the saved state`, () => {
      const config = presetConfig(name);
      const read = readRunFile(encodeRunCheckpoint(config, state), `${name}.safetensors`);
      if (!read.ok) throw new Error(english.msg(read.message));
      expect(read.config).toEqual(JSON.parse(JSON.stringify(config)));
      expect(toConfig(read.settings)).toEqual(read.config);
      expect(read.state).toMatchObject({ epochsDone: 2, stepInEpoch: 3, steps: 15, shufflePosition: 1234, dropoutCalls: 7, epochLosses: [expect.closeTo(0.7, 6), expect.closeTo(0.6, 6), expect.closeTo(0.5, 6)] });
      expect(Array.from(read.state.weights[0]!.data)).toEqual([0.5, -0.25]);
    });
  }

  it('refuses a setup the form cannot build, naming the setting', () => {
    const read = readRunFile(encodeRunCheckpoint({ ...presetConfig('mnist-mlp-adam'), shuffle: false }, state), 'cli.safetensors');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(english.msg(read.message)).toBe(
      'cli.safetensors holds a setup this page cannot build (shuffle: false → true): go on with it from a terminal, npm run train -- --checkpoint FILE with the flags of its run.',
    );
  });

  it('refuses a setup that is not one, and files that are not checkpoints', () => {
    const junk = readRunFile(encodeRunCheckpoint({ layers: 'many' } as never, state), 'junk.safetensors');
    expect(junk.ok || english.msg(junk.message)).toMatch(/^junk\.safetensors holds a setup this page cannot build/);
    const weights = serializeSafetensors([{ name: '0.weight', shape: [1], data: new Float32Array(1) }], { format: 'webgpu-training-playground' });
    const notCheckpoint = readRunFile(weights, 'model.safetensors');
    expect(notCheckpoint.ok || english.msg(notCheckpoint.message)).toBe('model.safetensors holds a model’s weights, not a run: Load model, in Save and load, reads it.');
    const bytes = readRunFile(Uint8Array.from([1, 2, 3]), 'three.safetensors');
    expect(bytes.ok || english.msg(bytes.message)).toMatch(/^This is not a run checkpoint the page can read: /);
  });
});
