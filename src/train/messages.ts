// Every message between the page and the training worker, in one place. The
// page sends requests; the worker answers with events. Bulky arrays travel as
// typed arrays (transferred, not copied) and step losses arrive in batches,
// so the page gets at most about ten training messages a second.

import type { GapActivation } from './infer-architecture.ts';
import type { DatasetName, TrainConfig } from './config.ts';
import type { EpochEvent, ProgressEvent } from './events.ts';
import type { ResumableState } from './session.ts';
import type { OptimizerSpec } from '../engine/optim.ts';
import type { Suggestion } from './lr-finder.ts';
import type { LrScheduleSpec } from './lr-schedule.ts';
import type { RangePoint } from './range-test.ts';
import type { ViewData, ViewId } from './worker/views/registry.ts';

// ---- page → worker -----------------------------------------------------------

export interface RunData {
  /** Train on the first this-many training samples only (null: all of them). */
  trainLimit: number | null;
}

export interface CompareRun {
  /** Shown in the legend and the summary, e.g. "A: SGD, lr 0.1". */
  label: string;
  optimizer: OptimizerSpec;
  /** The run's own schedule (null: none, the same rate throughout; absent: the config's), as config.ts's runConfig reads it. */
  lrSchedule?: LrScheduleSpec | null;
}

export type WorkerRequest =
  /** Opens the GPU, loads the pretrained model; answered by `ready` or `gpu-error`. */
  | { type: 'init' }
  /** Loads a dataset ahead of training (the one the settings show). */
  | { type: 'use-dataset'; dataset: DatasetName; seed: number }
  /**
   * Starts a new run from the config's seeded initial weights, or from
   * `resume` (a run checkpoint file's state), waiting paused after its steps.
   */
  | { type: 'train'; runId: number; config: TrainConfig; data: RunData; startPaused: boolean; resume?: ResumableState }
  /** The paused run's state as a run checkpoint file (run-checkpoint.ts). */
  | { type: 'export-run-checkpoint'; runId: number }
  | { type: 'pause' }
  | { type: 'resume' }
  /** While paused: one more step. */
  | { type: 'step' }
  /** Stops the run and forgets its model: the pretrained model answers again. */
  | { type: 'reset' }
  | { type: 'predict'; id: number; pixels: Float32Array }
  /** The pad was cleared: views of the drawing stop. */
  | { type: 'clear-drawing' }
  /** The views the page shows now (the worker computes these, and no others). */
  | { type: 'views'; shown: ViewId[] }
  /** One to six runs of `config` that differ only in their optimizers, step for step. */
  | {
      type: 'compare';
      runId: number;
      config: TrainConfig;
      data: RunData;
      runs: CompareRun[];
      maxSteps: number;
      /** Test accuracy (fraction) whose first crossing the summary reports. */
      targetAccuracy: number;
    }
  | { type: 'stop-compare' }
  /** The test images of one confusion-matrix cell, as results pass `pass` saw them. */
  | { type: 'cell-images'; runId: number; pass: number; trueClass: number; predictedClass: number }
  /** The learning-rate range test from `config`'s seeded initial weights, the rate rising each step. */
  | { type: 'find-lr'; runId: number; config: TrainConfig; data: RunData }
  | { type: 'stop-find-lr' }
  /** The answering model's weights as a .safetensors file. */
  /** `pt`: torch.save's format (a bare state_dict), for PyTorch without the safetensors package. */
  | { type: 'export-weights'; purpose: WeightsPurpose; format?: 'safetensors' | 'pt' }
  /** A .safetensors file chosen by the user, or restored from the browser's storage. */
  | {
      type: 'load-weights';
      bytes: Uint8Array;
      fileName: string;
      origin: 'file' | 'restored';
      fallbackDataset: DatasetName;
      /** Put between the layers of a file that does not say (PyTorch's): the setup's choice. */
      activation: GapActivation;
    }
  /** Test hook (e2e): destroys the GPU device, as a driver reset would lose it. */
  | { type: 'debug-lose-device' };

export type WeightsPurpose = 'download' | 'persist';

// ---- worker → page -----------------------------------------------------------

export interface BlobPoint {
  x: number;
  y: number;
  label: number;
  split: 'train' | 'test';
}

export type ModelSource = 'pretrained' | 'training' | 'trained' | 'loaded' | 'restored';

/** The model that answers drawings and that "Save model" saves. */
export interface ModelInfo {
  source: ModelSource;
  dataset: DatasetName;
  /** As PyTorch prints it: "nn.Sequential(Linear(784, 256), ReLU(), …)". */
  architecture: string;
  /** Layer widths, e.g. "784-256-256-10". */
  shape: string;
  classNames: string[];
  /** For loaded files: the name and the string metadata (shown as text). */
  fileName?: string;
  metadata?: [string, string][];
  /** False when the architecture of a loaded file was inferred from its tensor names. */
  architectureKnown?: boolean;
  /** For an inferred architecture: each of the file's layer names and what it was read as ("fc1 → Linear(784, 256)"). */
  readAs?: string[];
  /** For an inferred architecture: the activation put between its layers, which the file cannot say. */
  assumedActivation?: GapActivation;
  /** Whether drawings (28×28 images) can be fed to this model. */
  takesImages: boolean;
  /** What training reached, when known: finished epochs and the last test accuracy. */
  epochs?: number;
  testAccuracy?: number;
}

/** One layer's output for one sample: `shape[0]` images of shape[1] × shape[2], row-major. */
export interface FeatureMap {
  layer: number;
  /** As PyTorch prints the layer. */
  name: string;
  shape: [number, number, number];
  values: Float32Array;
}


export interface MisclassifiedSample {
  pixels: Float32Array;
  predicted: number;
  label: number;
  index: number;
}

/** A test image of one confusion-matrix cell, with what the model answered. */
export interface CellImage {
  /** Position in the test set. */
  index: number;
  pixels: Float32Array;
  /** The model's probability for each class. */
  probabilities: number[];
}

export interface GridValues {
  resolution: number;
  /** [xmin, xmax, ymin, ymax]. */
  extent: [number, number, number, number];
  /** Probability of class 1 at each grid point: values[row * resolution + col], row 0 at the bottom. */
  values: Float32Array;
}

export interface LossPoints {
  steps: number[];
  losses: number[];
}

export interface CompareEvaluation {
  step: number;
  testLoss: number;
  testAccuracy: number;
  /** Training time of this run so far (its own steps only, evaluations excluded). */
  seconds: number;
}

export interface CompareRunSummary {
  label: string;
  steps: number;
  seconds: number;
  /** The first step's loss: the same for every run, which starts from the same weights on the same batch. */
  firstTrainLoss: number;
  finalTrainLoss: number;
  finalTestLoss: number;
  finalTestAccuracy: number;
  /** First evaluation at or above the target, or null if it never got there. */
  reachedTarget: { step: number; seconds: number } | null;
  diverged: string | null;
}

/** One view's latest data (views/registry.ts); null: nothing to show for this model. */
export type ViewEvent = { [V in ViewId]: { type: 'view'; id: V; data: ViewData[V] | null } }[ViewId];

export type WorkerEvent =
  | { type: 'ready'; adapterName: string }
  | { type: 'gpu-error'; reason: 'no-webgpu' | 'no-adapter' | 'device'; message: string }
  | { type: 'gpu-lost'; message: string }
  /** A new device replaced a lost one; the models are rebuilt from their checkpoints. */
  | { type: 'gpu-recovered'; adapterName: string; message: string }
  | { type: 'gpu-warning'; message: string }
  | {
      type: 'data';
      dataset: DatasetName;
      status: 'loading' | 'ready' | 'error';
      message?: string;
      trainCount?: number;
      testCount?: number;
      /** Blobs only: every point, for the decision boundary plot. */
      points?: BlobPoint[];
    }
  | { type: 'pretrained'; available: boolean; message: string }
  /**
   * The models changed: `current` is the one "Save model" saves (the one being
   * trained, trained, loaded or restored, else the pretrained one); `drawing`
   * the one that answers drawings (the current one if it takes images, else the
   * pretrained one). Null: none.
   */
  | { type: 'models'; current: ModelInfo | null; drawing: ModelInfo | null }
  | { type: 'run-started'; runId: number; stepsPerEpoch: number; totalSteps: number; epochs: number }
  /** Step losses since the last update, finished epochs, and the latest progress. */
  | { type: 'run-update'; runId: number; steps: number[]; losses: number[]; epochs: EpochEvent[]; progress: ProgressEvent | null }
  /**
   * After a lost device the run goes on from its state kept after `steps`
   * steps (`epochsDone` epochs): what the page heard of later steps and epochs
   * comes again.
   */
  | { type: 'run-resumed'; runId: number; steps: number; epochsDone: number }
  /**
   * The run checkpoint file asked for, or why there is none: the run did not
   * come to a stop, or it trains on part of the training images.
   */
  | { type: 'run-checkpoint'; runId: number; saved: { bytes: Uint8Array; fileName: string; steps: number } | null; problem: 'not-paused' | 'part-of-data' | null }
  | { type: 'run-diverged'; runId: number; step: number; message: string }
  | { type: 'run-done'; runId: number; testLoss: number; testAccuracy: number; steps: number; stoppedEarly: boolean }
  | { type: 'run-error'; runId: number; message: string }
  | { type: 'prediction'; id: number; probabilities: number[] | null }
  | ViewEvent
  /** Test-set predictions of the model being trained, after an epoch. */
  | {
      type: 'results';
      runId: number;
      epoch: number;
      classNames: string[];
      matrix: number[][];
      misclassified: MisclassifiedSample[];
      accuracy: number;
      /** Which predictions pass this is: a cell's images are asked for by it. */
      pass: number;
    }
  | { type: 'grid'; runId: number; grid: GridValues }
  /** The images of one confusion-matrix cell; none when that pass is no longer kept (the page asks again). */
  | { type: 'cell-images'; runId: number; pass: number; trueClass: number; predictedClass: number; images: CellImage[] | null }
  | { type: 'compare-started'; runId: number; totalSteps: number }
  | { type: 'compare-update'; runId: number; series: LossPoints[]; step: number }
  | { type: 'compare-evaluation'; runId: number; evaluations: CompareEvaluation[] }
  | { type: 'compare-done'; runId: number; summaries: CompareRunSummary[]; stoppedEarly: boolean }
  | { type: 'compare-error'; runId: number; message: string }
  | { type: 'lr-range-started'; runId: number; steps: number; startLr: number; endLr: number }
  | { type: 'lr-range-update'; runId: number; points: RangePoint[] }
  /** `suggestion`: null when the loss never fell. */
  | { type: 'lr-range-done'; runId: number; suggestion: Suggestion | null; ended: 'finished' | 'exploded' | 'stopped' }
  | { type: 'lr-range-error'; runId: number; message: string }
  | { type: 'weights'; purpose: WeightsPurpose; bytes: Uint8Array; fileName: string }
  /** A request the worker could not carry out (a bad file, nothing to save …). */
  | { type: 'problem'; about: 'load' | 'save' | 'predict'; message: string };
