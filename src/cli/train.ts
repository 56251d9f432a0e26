// `npm run train -- --preset NAME [options]`: trains a preset on the GPU
// through Dawn and reports as it goes. A user's mistake (a bad flag, a missing
// or corrupt file, weights for another model) ends the run with one line that
// names the problem and exit status 2; a run that diverges stops with a
// message and status 3, keeping (and saving, with --save) the last good weights.
// A --save path that cannot be written is refused before training; a save
// that fails at the end writes the weights to a fallback file it names (status 2).
// With --pytorch it prints the setup as a PyTorch script and trains nothing.

import { readFile } from 'node:fs/promises';
import { firstSamples } from '../data/dataset.ts';
import { IdxError } from '../data/idx.ts';
import { nodeDataReader } from '../data/node-files.ts';
import { GpuOutOfMemoryError } from '../engine/gpu.ts';
import { SafetensorsError } from '../engine/safetensors.ts';
import { ShapeError } from '../engine/tensor.ts';
import { OptimizerError } from '../engine/optim.ts';
import type { TrainConfig } from '../train/config.ts';
import { loadData, sessionData } from '../train/data-source.ts';
import { runTraining } from '../train/loop.ts';
import { TrainingSession } from '../train/session.ts';
import { decodeRunCheckpoint, encodeRunCheckpoint, firstDifference } from '../train/run-checkpoint.ts';
import { decodeWeights, encodeTorchWeights, encodeWeights } from '../train/weights-file.ts';
import { requestDawnGpu } from './dawn.ts';
import { humanReporter, jsonReporter } from './report.ts';
import { checkSaveTarget, saveWithFallback, SaveTargetError, writeAtomically } from './save-target.ts';
import { parseTrainArgs, pytorchScriptOf, usage, UsageError } from './train-args.ts';

class UserError extends Error {}

async function readWeights(file: string) {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`--init ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}; give the path of a .safetensors, .pt or .pth file`);
  }
  return decodeWeights(bytes, file);
}

/** The checkpoint a run resumes from, or null when the file does not exist yet (the run starts afresh). */
async function readCheckpoint(file: string, config: TrainConfig) {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError(`--checkpoint ${file}: ${(error as Error).message}`);
  }
  const checkpoint = decodeRunCheckpoint(bytes, file);
  // More epochs than the saved run asked for extend it; every other setting must be the same.
  const { epochs: _saved, ...saved } = JSON.parse(checkpoint.config) as TrainConfig;
  const { epochs: _current, ...current } = JSON.parse(JSON.stringify(config)) as TrainConfig;
  const difference = firstDifference(saved, current);
  if (difference) {
    throw new UserError(`--checkpoint ${file} belongs to another setup (${difference}): give the flags that run had, or another --checkpoint file to start a new run`);
  }
  return checkpoint.state;
}

/** --checkpoint writes at every epoch's end and, within an epoch, at least this often. */
const CHECKPOINT_SECONDS = 300;

/** A checkpoint that cannot be written costs the resume, not the run: training goes on. */
async function keepCheckpoint(file: string, config: TrainConfig, session: TrainingSession, epochLosses: readonly number[]): Promise<void> {
  try {
    await writeAtomically(file, encodeRunCheckpoint(config, await session.resumableState(epochLosses)));
  } catch (error) {
    console.error(`warning: --checkpoint ${file} could not be written (${(error as Error).message}); training goes on, but cannot resume from this epoch`);
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseTrainArgs(argv);
  if (!args) {
    console.log(usage);
    return 0;
  }
  const { config } = args;
  if (args.pytorch) {
    process.stdout.write(pytorchScriptOf(args));
    return 0;
  }
  if (args.save) await checkSaveTarget(args.save);
  if (args.checkpoint) await checkSaveTarget(args.checkpoint, '--checkpoint', ['.safetensors']);
  const resumed = args.checkpoint ? await readCheckpoint(args.checkpoint, config) : null;
  const initial = args.init && !resumed ? await readWeights(args.init) : null;
  const loaded = await loadData(config.dataset, nodeDataReader(), config.seed);
  const dataset = args.testImages ? { ...loaded, test: firstSamples(loaded.test, args.testImages) } : loaded;
  const gpu = await requestDawnGpu({ onError: (message) => console.error(`WebGPU error: ${message}`) });
  const session = await TrainingSession.create(gpu, sessionData(dataset), config);
  if (initial) {
    try {
      session.loadWeights(initial.tensors);
    } catch (error) {
      throw new UserError(`--init ${args.init}: ${(error as Error).message}; use weights saved for the ${args.preset} model`);
    }
  }
  if (resumed) {
    try {
      session.resume(resumed);
    } catch (error) {
      throw new UserError(`--checkpoint ${args.checkpoint}: ${(error as Error).message}; delete the file to start the run again`);
    }
    const partial = resumed.stepInEpoch > 0 ? ` and ${resumed.stepInEpoch} of ${session.batchesPerEpoch} steps of the next` : '';
    console.error(`resuming from ${args.checkpoint}: ${resumed.epochsDone} of ${config.epochs} epochs done${partial} (${resumed.steps} steps)`);
  }
  const totalSteps = Math.min(args.maxSteps ?? Infinity, config.epochs * session.batchesPerEpoch);
  const reporter = args.json ? jsonReporter(args.logEvery) : humanReporter(args.logEvery, totalSteps);
  if (!args.json) {
    console.log(`${args.preset} on ${gpu.adapterName}: ${config.epochs} epochs of ${session.batchesPerEpoch} steps, batch ${config.batchSize}`);
  }
  let divergence: string | null = null;
  await runTraining(session, {
    epochs: config.epochs,
    maxSteps: args.maxSteps,
    readEvery: args.logEvery ? Math.min(args.logEvery, 50) : 20,
    keepState: args.checkpoint ? (epochLosses) => keepCheckpoint(args.checkpoint!, config, session, epochLosses) : undefined,
    keepStateEvery: CHECKPOINT_SECONDS,
    onEvent: (event) => {
      if (event.type === 'diverged') divergence = event.message;
      reporter.onEvent(event);
    },
  });
  reporter.close();
  let saveFailure: string | null = null;
  if (args.save) {
    const tensors = await session.model.stateDict();
    // torch.save's format for .pt and .pth (torch.load(weights_only=True) reads it without the safetensors package).
    const bytes = /\.pth?$/i.test(args.save) ? encodeTorchWeights(tensors) : encodeWeights(config.layers, tensors, { preset: args.preset, dataset: config.dataset });
    const saved = await saveWithFallback(args.save, bytes);
    const which = divergence ? 'the last weights that gave a finite loss' : 'the trained weights';
    if (saved.failure) saveFailure = `--save ${args.save} could not be written at the end (${saved.failure}): ${which} are in ${saved.file} instead`;
    else if (!args.json) console.log(`saved ${args.save}${divergence ? ` (${which})` : ''}`);
  }
  session.destroy();
  if (divergence) console.error(`error: ${divergence}`);
  if (saveFailure) console.error(`error: ${saveFailure}`);
  return divergence ? 3 : saveFailure ? 2 : 0;
}

// Out of GPU memory is not a mistake, but like one it has a fix the message names (a smaller batch).
const userMistakes = [UsageError, UserError, SaveTargetError, IdxError, SafetensorsError, ShapeError, OptimizerError, GpuOutOfMemoryError];

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    if (userMistakes.some((kind) => error instanceof kind) || /is missing: |could not be read/.test(error.message)) {
      console.error(`error: ${error.message}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
