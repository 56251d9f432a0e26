// A run checkpoint: what `npm run train -- --checkpoint FILE` writes at the
// end of every epoch (and every few minutes within one) and resumes from. A
// safetensors file (so any safetensors reader can look inside) holding the
// weights under their state_dict names, the optimizer's state buffers as
// `optimizer.state.<i>`, the unfinished epoch's training sums and step losses
// as `run.trainStats` and `run.epochLosses`, and in its metadata the setup it
// belongs to and the counters a resumed run needs to draw the same batches,
// flips and dropout masks as an uninterrupted one.

import { parseSafetensors, serializeSafetensors, SafetensorsError } from '../engine/safetensors.ts';
import type { TrainConfig } from './config.ts';
import type { ResumableState } from './session.ts';

const FORMAT = 'webgpu-training-playground run checkpoint';
const STATE_PREFIX = 'optimizer.state.';
const TRAIN_STATS = 'run.trainStats';
const EPOCH_LOSSES = 'run.epochLosses';
const COUNTERS = ['epochsDone', 'stepInEpoch', 'steps', 'optimizerSteps', 'shufflePosition', 'dropoutCalls'] as const;

export interface RunCheckpoint {
  /** The setup the run was started with, as JSON: a resumed run must have the same one. */
  config: string;
  state: ResumableState;
}

export function encodeRunCheckpoint(config: TrainConfig, state: ResumableState): Uint8Array {
  const metadata: Record<string, string> = { format: FORMAT, config: JSON.stringify(config) };
  for (const counter of COUNTERS) metadata[counter] = String(state[counter]);
  // String() of a float32 widened to a double reads back as the same float32.
  metadata.firstLoss = String(state.firstLoss);
  const optimizer = state.optimizerState.map((data, i) => ({ name: `${STATE_PREFIX}${i}`, shape: [data.length], data }));
  // Float64 sums kept as float32 lose nothing: the GPU adds them in float32.
  const run = [
    { name: TRAIN_STATS, shape: [2], data: Float32Array.from(state.trainStats) },
    { name: EPOCH_LOSSES, shape: [state.epochLosses.length], data: Float32Array.from(state.epochLosses) },
  ];
  return serializeSafetensors([...state.weights, ...optimizer, ...run], metadata);
}

/** Reads a checkpoint; a file that is not one, or is damaged, gets an error that names it and what to do. */
export function decodeRunCheckpoint(bytes: Uint8Array, fileName: string): RunCheckpoint {
  const parsed = parseSafetensors(bytes, fileName);
  const { metadata } = parsed;
  if (metadata.format !== FORMAT || metadata.config === undefined) {
    throw new SafetensorsError(`${fileName} is not a run checkpoint (it has no "${FORMAT}" metadata): give --checkpoint a new file name, or the file an earlier --checkpoint run wrote`);
  }
  const counters = {} as Record<(typeof COUNTERS)[number], number>;
  for (const counter of COUNTERS) {
    const value = Number(metadata[counter]);
    if (metadata[counter] === undefined || !Number.isSafeInteger(value) || value < 0) {
      throw new SafetensorsError(`${fileName}: the checkpoint's "${counter}" is ${JSON.stringify(metadata[counter] ?? null)}, not a count; the file is damaged, delete it to start the run again`);
    }
    counters[counter] = value;
  }
  const firstLoss = Number(metadata.firstLoss);
  if (metadata.firstLoss === undefined || !Number.isFinite(firstLoss)) {
    throw new SafetensorsError(`${fileName}: the checkpoint's "firstLoss" is ${JSON.stringify(metadata.firstLoss ?? null)}, not a number; the file is damaged, delete it to start the run again`);
  }
  const weights: ResumableState['weights'] = [];
  const optimizerState: Float32Array[] = [];
  let trainStats: Float32Array | undefined;
  let epochLosses: Float32Array | undefined;
  for (const [name, tensor] of parsed.tensors) {
    if (name.startsWith(STATE_PREFIX)) optimizerState[Number(name.slice(STATE_PREFIX.length))] = tensor.data;
    else if (name === TRAIN_STATS) trainStats = tensor.data;
    else if (name === EPOCH_LOSSES) epochLosses = tensor.data;
    else weights.push({ name, shape: tensor.shape, data: tensor.data });
  }
  if (trainStats?.length !== 2 || epochLosses?.length !== counters.stepInEpoch) {
    throw new SafetensorsError(`${fileName}: the checkpoint's "${TRAIN_STATS}" or "${EPOCH_LOSSES}" is missing or of the wrong size; the file is damaged, delete it to start the run again`);
  }
  // A missing index leaves a hole, which some() and every() skip: look at each.
  if (Array.from(optimizerState, (values) => values === undefined).includes(true)) {
    throw new SafetensorsError(`${fileName}: the checkpoint's optimizer state is incomplete; the file is damaged, delete it to start the run again`);
  }
  const state: ResumableState = {
    weights,
    optimizerState,
    firstLoss,
    trainStats: [trainStats[0]!, trainStats[1]!],
    epochLosses: Array.from(epochLosses),
    ...counters,
  };
  return { config: metadata.config, state };
}

/** The first setting in which two setups differ ("optimizer.lr: 0.001 → 0.01"), or null when they are the same. */
export function firstDifference(saved: unknown, current: unknown, path = ''): string | null {
  if (typeof saved !== 'object' || typeof current !== 'object' || saved === null || current === null) {
    return Object.is(saved, current) ? null : `${path || 'the setup'}: ${JSON.stringify(saved) ?? 'not set'} → ${JSON.stringify(current) ?? 'not set'}`;
  }
  const keys = new Set([...Object.keys(saved), ...Object.keys(current)]);
  for (const key of keys) {
    const difference = firstDifference((saved as Record<string, unknown>)[key], (current as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    if (difference) return difference;
  }
  return null;
}
