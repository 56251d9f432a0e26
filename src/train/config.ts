// What a training run is: data, model, loss, optimizer and loop settings, as
// plain values that the CLI, the worker and saved settings all share, and the
// checks that turn a bad value into a message naming the field.

import { datasetInfo, datasetNames, isDatasetName, type DatasetName } from '../data/datasets.ts';
import { checkLayers, type LayerSpec } from '../engine/layer-spec.ts';
import { optimizerDefaults, type OptimizerSpec } from '../engine/optim.ts';
import { scheduleProblem, type LrScheduleSpec } from './lr-schedule.ts';

export { datasetInfo, datasetNames, type DatasetName };
export type LossName = 'cross-entropy' | 'bce' | 'mse';

export interface TrainConfig {
  dataset: DatasetName;
  layers: LayerSpec[];
  loss: LossName;
  optimizer: OptimizerSpec;
  batchSize: number;
  epochs: number;
  seed: number;
  /** Shuffle the training set each epoch (PyTorch's DataLoader(shuffle=True)). */
  shuffle: boolean;
  /** Random horizontal flips of training images. */
  flip: boolean;
  /** The learning rate over the epochs (torch.optim.lr_scheduler); absent keeps it constant. */
  lrSchedule?: LrScheduleSpec;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function checkLearningRate(lr: unknown): number {
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
    throw new ConfigError('lr', `learning rate must be a positive finite number, got ${String(lr)}`);
  }
  return lr;
}

export function checkBatchSize(batchSize: unknown): number {
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1) {
    throw new ConfigError('batchSize', `batch size must be a whole number of at least 1, got ${String(batchSize)}`);
  }
  return batchSize;
}

export function checkEpochs(epochs: unknown): number {
  if (typeof epochs !== 'number' || !Number.isInteger(epochs) || epochs < 0) {
    throw new ConfigError('epochs', `epochs must be a whole number ≥ 0, got ${String(epochs)}`);
  }
  return epochs;
}

/** SGD's and RMSprop's momentum: in [0, 1), where the updates still settle. */
export function checkMomentum(momentum: unknown): number {
  if (typeof momentum !== 'number' || !(Number.isFinite(momentum) && momentum >= 0 && momentum < 1)) {
    throw new ConfigError('momentum', `momentum must be in [0, 1), got ${String(momentum)}`);
  }
  return momentum;
}

/** The rate the optimizer starts at: the spec's, or torch.optim's default for it. */
export function initialLearningRate(optimizer: OptimizerSpec): number {
  return optimizer.type === 'sgd' ? optimizer.lr : (optimizer.lr ?? optimizerDefaults[optimizer.type].lr);
}

/**
 * One run of a comparison: the shared config with the run's optimizer and,
 * when the run names one, its own schedule (null: none; absent: the shared
 * config's). The session then follows the schedule epoch by epoch.
 */
export function runConfig(config: TrainConfig, run: { optimizer: OptimizerSpec; lrSchedule?: LrScheduleSpec | null }): TrainConfig {
  const { lrSchedule: shared, ...rest } = config;
  const lrSchedule = run.lrSchedule === undefined ? shared : (run.lrSchedule ?? undefined);
  return { ...rest, optimizer: run.optimizer, ...(lrSchedule ? { lrSchedule } : {}) };
}

/**
 * Throws a ConfigError naming the first bad field. The layers must fit
 * samples of `inputShape`, by default the dataset's.
 */
export function checkConfig(config: TrainConfig, inputShape?: readonly number[]): TrainConfig {
  if (!isDatasetName(config.dataset)) {
    throw new ConfigError('dataset', `unknown dataset "${config.dataset}" (choose ${datasetNames.join(', ')})`);
  }
  checkLearningRate(config.optimizer.lr);
  checkBatchSize(config.batchSize);
  checkEpochs(config.epochs);
  if (!Number.isInteger(config.seed)) throw new ConfigError('seed', `seed must be a whole number, got ${config.seed}`);
  const momentum = 'momentum' in config.optimizer ? config.optimizer.momentum : undefined;
  if (momentum !== undefined) checkMomentum(momentum);
  if (config.lrSchedule !== undefined) {
    const problem = scheduleProblem(config.lrSchedule, initialLearningRate(config.optimizer));
    if (problem) throw new ConfigError(problem.field, problem.message);
  }
  try {
    checkLayers(config.layers, inputShape ?? datasetInfo(config.dataset).inputShape);
  } catch (error) {
    throw new ConfigError('layers', (error as Error).message);
  }
  return config;
}
