// The worker and the engine speak English (the CLI shares their messages).
// What the page shows of them goes through here: the messages it knows
// (divergence, out of memory, a bad file, a lost device, the pretrained model)
// become catalogue messages with their figures as values; any other text is
// kept as it is, inside a translated frame (engine.text).

import { msg, rawText, type Msg } from './translator.ts';

const divergence =
  /^the loss (?:exploded \(over ([\d.]+)× its first value\)|became infinite or NaN) at step (\d+): .*Try a smaller learning rate \(now ([^)]+)\)\.?$/s;

/** A run's divergence (src/train/loop.ts). */
export function divergenceMessage(text: string): Msg {
  const m = divergence.exec(text.trim());
  if (!m) return rawText(sentence(text));
  const [, factor, step, lr] = m;
  return factor !== undefined ? msg('diverged.exploded', { factor: factor, step: step!, lr: lr! }) : msg('diverged.nan', { step: step!, lr: lr! });
}

/** The step at which one run of a comparison diverged (src/train/compare.ts), or null for other text. */
export function comparisonDivergenceStep(text: string): string | null {
  return /^diverged at step (\d+)/.exec(text)?.[1] ?? null;
}

const outOfMemory =
  /^the GPU ran out of memory setting up this model: it needs about ([\d.]+) MiB, the most for layer (\d+) (.+?) \(([\d.]+) MiB for (its weights\))?/s;

/** A run's or comparison's error: out of memory is known, anything else is shown as it came. */
export function engineError(text: string): Msg {
  const m = outOfMemory.exec(text);
  // "for its weights)" alone: a model being loaded, with no batch to make smaller.
  if (m) return msg('engine.outOfMemory', { total: m[1]!, layer: m[2]!, layerName: m[3]!, layerSize: m[4]!, training: m[5] ? 'no' : 'yes' });
  return rawText(sentence(text));
}

/** gpu-error's message (src/train/worker/device.ts). */
export function gpuErrorMessage(text: string): Msg {
  if (text.startsWith('This browser has no WebGPU')) return msg('gpu.noWebgpuInWorker');
  if (text.startsWith('WebGPU is there, but the browser found no GPU adapter')) return msg('gpu.noAdapter');
  const lost = /^The GPU device was lost \((.*)\) and no new one could be opened: (.*)$/s.exec(text);
  if (lost) return msg('gpu.lostNoNew', { reason: lost[1]!, detail: lost[2]! });
  return rawText(text);
}

/** gpu-recovered's message: the reason the browser gave, and whether (and from which epoch) the model came back. */
export function gpuRecoveredMessage(text: string): Msg {
  const m = /^The GPU device was lost \((.*)\) and recovered(: your model is back as of its last checkpoint(?: \(epoch (\d+)\))?)?\.$/s.exec(text);
  if (!m) return rawText(text);
  const reason = m[1]!;
  if (m[3] !== undefined) return msg('gpu.recoveredModelEpoch', { reason, epoch: m[3] });
  return m[2] ? msg('gpu.recoveredModel', { reason }) : msg('gpu.recovered', { reason });
}

/** gpu-warning's message: errors of the side views keep their English detail behind a translated name. */
export function gpuWarningMessage(text: string): Msg {
  const boundary = /^decision boundary: (.*)$/s.exec(text);
  if (boundary) return msg('gpu.warningBoundary', { detail: boundary[1]! });
  const results = /^results: (.*)$/s.exec(text);
  if (results) return msg('gpu.warningResults', { detail: results[1]! });
  return rawText(text);
}

/** The pretrained model's news (src/train/worker/pretrained.ts). */
export function pretrainedMessage(text: string): Msg {
  if (text.startsWith('No pretrained model is available')) return msg('pretrained.missing');
  if (text.startsWith('A pretrained MNIST model answers')) return msg('pretrained.ready');
  const fetchFailed = /^The pretrained model could not be fetched \((.*)\)\.$/s.exec(text);
  if (fetchFailed) return msg('pretrained.fetchFailed', { detail: fetchFailed[1]! });
  const loadFailed = /^The pretrained model could not be loaded: (.*)$/s.exec(text);
  if (loadFailed) return msg('pretrained.loadFailed', { detail: loadFailed[1]! });
  return rawText(text);
}

/** A request the worker could not carry out: saving with no model, or a file that is no model of ours. */
export function problemMessage(text: string): Msg {
  if (text.startsWith('There is no model to save yet')) return msg('model.nothingToSave');
  // Files are named first: "name.safetensors: what is wrong; what to do" (src/engine/safetensors.ts, src/train/weights-file.ts).
  const file = /^(.+?\.safetensors): (.*)$/is.exec(text);
  if (file) {
    const [, name, detail] = file;
    const broken = /check that it is a complete \.safetensors file/.test(detail!);
    return msg(broken ? 'model.notSafetensors' : 'model.badFile', { file: name!, detail: detail! });
  }
  return engineError(text);
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
