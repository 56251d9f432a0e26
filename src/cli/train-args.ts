// The train command's flags, checked into a run description. Every mistake
// becomes a UsageError with one line that names the flag and the fix.

import { parseArgs } from 'node:util';
import { checkBatchSize, checkConfig, checkEpochs, checkLearningRate, ConfigError, type TrainConfig } from '../train/config.ts';
import { presetConfig, presets } from '../train/presets.ts';
import type { OptimizerSpec } from '../engine/optim.ts';
import { parseLrSchedule } from '../train/lr-schedule.ts';
import { pytorchScript } from '../train/pytorch-script.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface TrainArgs {
  preset: string;
  config: TrainConfig;
  maxSteps?: number;
  init?: string;
  save?: string;
  /** Written at the end of every epoch; a run started with an existing one resumes from it. */
  checkpoint?: string;
  logEvery?: number;
  /** Test on the first this many test samples only. */
  testImages?: number;
  json: boolean;
  /** Print the setup as a PyTorch script instead of training. */
  pytorch: boolean;
}

export const usage = `Usage: npm run train -- --preset NAME [options]

Presets: ${presets.map((p) => p.name).join(', ')}

Options (each overrides the preset):
  --epochs N            epochs to train (0: only evaluate)
  --steps N             stop after N optimizer steps
  --batch-size N        samples per step
  --lr X                learning rate
  --optimizer NAME      sgd, adam or rmsprop (keeps the preset's learning rate unless --lr is given)
  --momentum X          momentum for sgd or rmsprop
  --lr-schedule S       the learning rate over the epochs, as torch.optim.lr_scheduler sets it:
                        step:STEP_SIZE[:GAMMA] (StepLR: times GAMMA, default 0.1, every
                        STEP_SIZE epochs), cosine[:T_MAX[:ETA_MIN]] (CosineAnnealingLR: down
                        to ETA_MIN, default 0, over T_MAX epochs, default --epochs) or none
  --seed N              seed for initial weights, shuffling and dropout
  --no-shuffle          batches in file order
  --init FILE           start from these weights (.safetensors, .pt or .pth; ours or PyTorch's)
  --save FILE           save the trained weights (.safetensors, or .pt/.pth as torch.save writes them)
  --checkpoint FILE     keep the run's state in FILE (.safetensors) at the end of every epoch
                        and every 5 minutes (weights, optimizer state, epoch, shuffle position);
                        when FILE exists, go on from it: the same flags resume where it stopped
  --log-every N         report the loss every N steps
  --test-images N       test on the first N test samples only (a quicker test pass)
  --json                one JSON object per line instead of the progress display
  --pytorch             print this setup as a PyTorch script and exit (--steps, --init,
                        --save, --log-every and --json become the script's defaults)
  --help                this text`;

const options = {
  preset: { type: 'string' },
  epochs: { type: 'string' },
  steps: { type: 'string' },
  'batch-size': { type: 'string' },
  lr: { type: 'string' },
  optimizer: { type: 'string' },
  momentum: { type: 'string' },
  'lr-schedule': { type: 'string' },
  seed: { type: 'string' },
  'no-shuffle': { type: 'boolean' },
  init: { type: 'string' },
  save: { type: 'string' },
  checkpoint: { type: 'string' },
  'log-every': { type: 'string' },
  'test-images': { type: 'string' },
  json: { type: 'boolean' },
  pytorch: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = text.trim() === '' ? NaN : Number(text);
  if (Number.isNaN(value)) throw new UsageError(`--${flag} takes a number, got "${text}"`);
  return value;
}

function wholeNumber(flag: string, text: string | undefined, min: number): number | undefined {
  const value = number(flag, text);
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    throw new UsageError(`--${flag} must be a whole number of at least ${min}, got ${text}`);
  }
  return value;
}

/** Returns null when --help was asked for. */
export function parseTrainArgs(argv: string[]): TrainArgs | null {
  let values: { [K in keyof typeof options]?: (typeof options)[K]['type'] extends 'boolean' ? boolean : string };
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (error) {
    // Node's messages span lines and mention positionals we do not take: keep one line.
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\s*\n\s*/g, ' ');
    throw new UsageError(`${message} (see --help)`);
  }
  if (values.help) return null;
  if (!values.preset) throw new UsageError(`--preset is required: one of ${presets.map((p) => p.name).join(', ')}`);
  if (!presets.some((p) => p.name === values.preset)) {
    throw new UsageError(`unknown preset "${values.preset}": choose one of ${presets.map((p) => p.name).join(', ')}`);
  }
  const config = presetConfig(values.preset);
  try {
    const epochs = number('epochs', values.epochs);
    if (epochs !== undefined) config.epochs = checkEpochs(epochs);
    const batchSize = number('batch-size', values['batch-size']);
    if (batchSize !== undefined) config.batchSize = checkBatchSize(batchSize);
    const seed = wholeNumber('seed', values.seed, 0);
    if (seed !== undefined) config.seed = seed;
    if (values['no-shuffle']) config.shuffle = false;
    const lr = number('lr', values.lr);
    if (values.optimizer !== undefined) {
      const type = values.optimizer;
      if (type !== 'sgd' && type !== 'adam' && type !== 'rmsprop') {
        throw new UsageError(`--optimizer must be sgd, adam or rmsprop, got "${type}"`);
      }
      config.optimizer = { type, lr: config.optimizer.lr } as OptimizerSpec;
    }
    if (lr !== undefined) config.optimizer.lr = checkLearningRate(lr);
    const momentum = number('momentum', values.momentum);
    if (momentum !== undefined) {
      if (config.optimizer.type === 'adam') throw new UsageError('--momentum applies to sgd and rmsprop, not adam (whose betas play that role)');
      config.optimizer.momentum = momentum;
    }
    const schedule = values['lr-schedule'];
    if (schedule !== undefined) {
      let spec;
      try {
        spec = parseLrSchedule(schedule, config.epochs);
      } catch (error) {
        throw new UsageError(`--lr-schedule: ${(error as Error).message}`);
      }
      if (spec) config.lrSchedule = spec;
      else delete config.lrSchedule;
    }
    checkConfig(config);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(flagMessage(error));
    throw error;
  }
  return {
    preset: values.preset,
    config,
    maxSteps: wholeNumber('steps', values.steps, 1),
    init: values.init,
    save: values.save,
    checkpoint: values.checkpoint,
    logEvery: wholeNumber('log-every', values['log-every'], 1),
    testImages: wholeNumber('test-images', values['test-images'], 1),
    json: values.json ?? false,
    pytorch: values.pytorch ?? false,
  };
}

const flags: Record<string, string> = {
  lr: '--lr',
  batchSize: '--batch-size',
  epochs: '--epochs',
  momentum: '--momentum',
  seed: '--seed',
  lrSchedule: '--lr-schedule',
};

function flagMessage(error: ConfigError): string {
  // A schedule's fields ("lrSchedule.gamma") all come from --lr-schedule.
  const flag = flags[error.field.split('.')[0]!];
  return flag ? `${flag}: ${error.message}` : error.message;
}

/** What `--pytorch` prints: the setup as a PyTorch script, with the run's flags as its defaults. */
export function pytorchScriptOf(args: TrainArgs): string {
  const defaults = { steps: args.maxSteps, logEvery: args.logEvery, init: args.init, save: args.save, json: args.json, testImages: args.testImages };
  return pytorchScript(args.config, { preset: args.preset, defaults });
}
