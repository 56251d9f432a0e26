// A run checkpoint file (src/train/run-checkpoint.ts: what "Save run
// checkpoint" writes, and `npm run train -- --checkpoint FILE` too) read for
// "Resume from checkpoint": its setup must be one the form can build, since
// the form shows the run's settings while it goes on.

import type { ResumableState } from '../../train/session.ts';
import type { TrainConfig } from '../../train/config.ts';
import { parseSafetensors } from '../../engine/safetensors.ts';
import { decodeRunCheckpoint, firstDifference } from '../../train/run-checkpoint.ts';
import { msg, type Msg } from '../app/i18n/translator.ts';
import { settingsFromConfig, toConfig, type Settings } from '../app/store/settings.ts';

export type RunFile = { ok: true; settings: Settings; config: TrainConfig; state: ResumableState } | { ok: false; message: Msg };

export function readRunFile(bytes: Uint8Array, fileName: string): RunFile {
  let checkpoint;
  try {
    checkpoint = decodeRunCheckpoint(bytes, fileName);
  } catch (error) {
    // A safetensors file that is not a checkpoint is, most likely, a model's weights.
    if (isSafetensors(bytes, fileName)) return { ok: false, message: msg('checkpoint.weightsFile', { file: fileName }) };
    return { ok: false, message: msg('checkpoint.unreadable', { detail: (error as Error).message }) };
  }
  // The form's settings of the saved setup, and the setup they build: the same, or the page cannot go on with it.
  let difference: string | null = 'the setup';
  let settings: Settings | null = null;
  let config: TrainConfig | null = null;
  try {
    const saved = JSON.parse(checkpoint.config) as TrainConfig;
    settings = settingsFromConfig(saved);
    config = toConfig(settings);
    if (config) difference = firstDifference(saved, JSON.parse(JSON.stringify(config)));
  } catch {
    // Not a setup at all: the file was made by hand or damaged.
  }
  if (!settings || !config || difference !== null) return { ok: false, message: msg('checkpoint.notPage', { file: fileName, difference: difference ?? '' }) };
  return { ok: true, settings, config, state: checkpoint.state };
}

function isSafetensors(bytes: Uint8Array, fileName: string): boolean {
  try {
    parseSafetensors(bytes, fileName);
    return true;
  } catch {
    return false;
  }
}
