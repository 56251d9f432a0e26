// The training worker: owns the GPU device, the datasets, the models and the
// training loops, so that the page's main thread only renders. Requests and
// events are typed in messages.ts.
//
// Requests that change what exists (train, reset, compare, load …) run one at
// a time in arrival order; each returns as soon as its work has started, so a
// pause or a reset never waits behind a whole run. Predictions skip the queue:
// they are recorded in one synchronous stretch, so they slot in between two
// training steps, and the answer comes from the model as it is right then.

import { FASHION_MNIST_CLASS_NAMES, MNIST_CLASS_NAMES, sampleFeatures, type Dataset } from '../data/dataset.ts';
import { fetchDataReader } from '../data/fetch-files.ts';
import { requestGpu, type Gpu } from '../engine/gpu.ts';
import { explainOutOfMemory, Sequential } from '../engine/nn.ts';
import { describeLayer, type LayerSpec } from '../engine/layer-spec.ts';
import { runComparison } from './compare.ts';
import type { DatasetName, TrainConfig } from './config.ts';
import { loadData, sessionData } from './data-source.ts';
import { evaluateGrid, extentAround, type Extent } from './grid.ts';
import { runTraining } from './loop.ts';
import { RunControl } from './control.ts';
import type {
  BlobPoint,
  LossPoints,
  ModelInfo,
  ModelSource,
  RunData,
  WeightsPurpose,
  WorkerEvent,
  WorkerRequest,
} from './messages.ts';
import { confusionMatrix, misclassifiedIndices, predictProbabilities, SplitPredictor } from './predict.ts';
import { TrainingSession } from './session.ts';
import { UpdateBatcher } from './update-batcher.ts';
import { decodeWeights, encodeWeights } from './weights-file.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const base = import.meta.env.BASE_URL;
const readData = fetchDataReader(`${base}data/`);
const PRETRAINED_URL = `${base}models/mnist-mlp.safetensors`;

/** Steps between loss readbacks: often enough that predictions and pauses answer quickly. */
const READ_EVERY = 5;
/** Messages with training updates, at most one per this many milliseconds. */
const UPDATE_INTERVAL_MS = 100;
/** Test-set predictions for the results, at most this often while training. */
const RESULTS_INTERVAL_MS = 1000;
/** The decision boundary, at most this often while training. */
const GRID_INTERVAL_MS = 250;
const GRID_RESOLUTION = 48;
const MISCLASSIFIED_SHOWN = 48;

function post(event: WorkerEvent, transfer: Transferable[] = []): void {
  scope.postMessage(event, transfer);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---- the device --------------------------------------------------------------

let gpu: Gpu | null = null;

async function init(): Promise<void> {
  const gpuApi = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpuApi) {
    post({ type: 'gpu-error', reason: 'no-webgpu', message: 'This browser has no WebGPU (navigator.gpu is missing in the worker).' });
    return;
  }
  try {
    const adapter = await gpuApi.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) {
      post({ type: 'gpu-error', reason: 'no-adapter', message: 'WebGPU is there, but the browser found no GPU adapter to use (the GPU may be blocklisted or disabled).' });
      return;
    }
    gpu = await requestGpu(gpuApi, { onError: (message) => post({ type: 'gpu-warning', message }) });
  } catch (error) {
    post({ type: 'gpu-error', reason: 'device', message: errorMessage(error) });
    return;
  }
  watchLoss(gpu);
  post({ type: 'ready', adapterName: gpu.adapterName });
  await loadPretrained(gpu);
}

function openGpu(): Promise<Gpu> {
  return requestGpu((navigator as Navigator & { gpu?: GPU }).gpu, { onError: (message) => post({ type: 'gpu-warning', message }) });
}

/** A lost device (driver restart, the GPU taken elsewhere) is reported, then replaced, in the queue's turn. */
function watchLoss(device: Gpu): void {
  void device.lost.then((reason) => {
    if (gpu !== device) return;
    post({ type: 'gpu-lost', message: reason });
    queue = queue.then(() => recover(device, reason)).catch((error: unknown) => post({ type: 'gpu-warning', message: errorMessage(error) }));
  });
}

/**
 * After a device loss: forgets everything that lived on the old device (without
 * waiting on its GPU work, which may never finish), opens a new device, and
 * rebuilds the pretrained model and the current model from their CPU
 * checkpoints. Datasets are CPU arrays uploaded per run, so the next run puts
 * them on the new device. The run in progress is not resumed: the user starts
 * Train again, and until then the checkpoint (the last finished epoch) answers.
 */
async function recover(lostDevice: Gpu, reason: string): Promise<void> {
  if (gpu !== lostDevice) return;
  gpu = null;
  const stopping = run;
  run = null;
  stopping?.control.stop();
  stopping?.batcher.cancel();
  if (comparison) comparison.stop = true;
  comparison = null;
  jobs.clear();
  pretrained = null;
  current = null;
  let device: Gpu;
  try {
    device = await openGpu();
  } catch (error) {
    post({ type: 'gpu-error', reason: 'device', message: `The GPU device was lost (${reason}) and no new one could be opened: ${errorMessage(error)}` });
    return;
  }
  gpu = device;
  watchLoss(device);
  if (pretrainedBytes) pretrained = await modelFromFile(device, pretrainedBytes, 'mnist-mlp.safetensors', 'mnist', 'pretrained');
  const saved = checkpoint;
  if (saved) {
    const model = new Sequential(device, saved.layers);
    model.loadStateDict(saved.tensors);
    const info: ModelInfo = { ...saved.info, source: saved.info.source === 'training' ? 'trained' : saved.info.source };
    current = { model, layers: saved.layers, dataset: saved.dataset, info };
  }
  post({
    type: 'gpu-recovered',
    adapterName: device.adapterName,
    message: saved
      ? `The GPU device was lost (${reason}) and recovered: your model is back as of its last checkpoint${saved.info.epochs !== undefined ? ` (epoch ${saved.info.epochs})` : ''}.`
      : `The GPU device was lost (${reason}) and recovered.`,
  });
  postModels();
}

function requireGpu(): Gpu {
  if (!gpu) throw new Error('the GPU is not ready');
  return gpu;
}

// ---- datasets ----------------------------------------------------------------

const datasets = new Map<string, Promise<Dataset>>();

/** Loads a dataset once and keeps it (blobs are made from the seed, so each seed is its own); tells the page when it is there. */
function getDataset(name: DatasetName, seed: number): Promise<Dataset> {
  const key = name === 'blobs' ? `blobs:${seed}` : name;
  let promise = datasets.get(key);
  if (!promise) {
    post({ type: 'data', dataset: name, status: 'loading' });
    promise = loadData(name, readData, seed);
    datasets.set(key, promise);
    promise.catch((error: unknown) => {
      datasets.delete(key);
      post({ type: 'data', dataset: name, status: 'error', message: errorMessage(error) });
    });
  }
  void promise.then(
    (dataset) =>
      post({
        type: 'data',
        dataset: name,
        status: 'ready',
        trainCount: dataset.train.count,
        testCount: dataset.test.count,
        points: name === 'blobs' ? blobPoints(dataset) : undefined,
      }),
    () => {},
  );
  return promise;
}

function blobPoints(dataset: Dataset): BlobPoint[] {
  const points: BlobPoint[] = [];
  for (const split of ['train', 'test'] as const) {
    const { inputs, labels, count } = dataset[split];
    for (let i = 0; i < count; i++) points.push({ x: inputs[2 * i]!, y: inputs[2 * i + 1]!, label: labels[i]!, split });
  }
  return points;
}

/** The dataset with only its first `limit` training samples (a quick epoch). */
function limitTraining(dataset: Dataset, data: RunData): Dataset {
  const limit = data.trainLimit;
  if (limit === null || limit >= dataset.train.count) return dataset;
  const { train } = dataset;
  return {
    ...dataset,
    train: { ...train, count: limit, inputs: train.inputs.subarray(0, limit * train.features), labels: train.labels.subarray(0, limit) },
  };
}

// ---- models --------------------------------------------------------------------

interface HeldModel {
  model: Sequential;
  layers: LayerSpec[];
  dataset: DatasetName;
  info: ModelInfo;
  /** Set while the model belongs to a training run (destroying the session destroys the model). */
  session?: TrainingSession;
}

let pretrained: HeldModel | null = null;
let current: HeldModel | null = null;
/** The pretrained file, kept to rebuild the model on a new device. */
let pretrainedBytes: Uint8Array | null = null;

/** A CPU copy of the current model's weights (each epoch while training), to rebuild it on a new device. */
interface Checkpoint {
  layers: LayerSpec[];
  dataset: DatasetName;
  info: ModelInfo;
  tensors: { name: string; shape: number[]; data: Float32Array }[];
}

let checkpoint: Checkpoint | null = null;

/** Copies the current model's weights to the CPU, unless another model became current meanwhile. */
function keepCheckpoint(held: HeldModel): void {
  void track(held.model.stateDict()).then(
    (tensors) => {
      if (current === held) checkpoint = { layers: held.layers, dataset: held.dataset, info: { ...held.info }, tensors };
    },
    () => {},
  );
}

/** GPU work in flight outside the training loop; awaited before anything it uses is destroyed. */
const jobs = new Set<Promise<unknown>>();

function track<T>(job: Promise<T>): Promise<T> {
  jobs.add(job);
  const done = () => jobs.delete(job);
  job.then(done, done);
  return job;
}

async function settleJobs(): Promise<void> {
  await Promise.allSettled([...jobs]);
}

function classNamesOf(dataset: DatasetName): string[] {
  if (dataset === 'fashion-mnist') return FASHION_MNIST_CLASS_NAMES;
  if (dataset === 'mnist') return MNIST_CLASS_NAMES;
  return ['0', '1'];
}

function describeModel(layers: readonly LayerSpec[], dataset: DatasetName, source: ModelSource, model: Sequential): ModelInfo {
  const linears = layers.filter((l) => l.type === 'linear');
  return {
    source,
    dataset,
    architecture: `nn.Sequential(${layers.map(describeLayer).join(', ')})`,
    shape: [linears[0]!.in, ...linears.map((l) => l.out)].join('-'),
    classNames: classNamesOf(dataset),
    takesImages: model.inputs === 784 && model.outputs === 10,
  };
}

function drawingModel(): HeldModel | null {
  return current?.info.takesImages ? current : pretrained;
}

function postModels(): void {
  post({ type: 'models', current: (current ?? pretrained)?.info ?? null, drawing: drawingModel()?.info ?? null });
}

/** Forgets the current model (the pretrained one answers again). */
async function releaseCurrent(): Promise<void> {
  if (!current) return;
  const held = current;
  current = null;
  checkpoint = null;
  await settleJobs();
  if (held.session) held.session.destroy();
  else held.model.destroy();
}

/** A model from a weights file: our own (architecture in the metadata) or PyTorch's (inferred). */
async function modelFromFile(device: Gpu, bytes: Uint8Array, fileName: string, fallbackDataset: DatasetName, source: ModelSource): Promise<HeldModel> {
  const file = decodeWeights(bytes, fileName);
  const model = await device.allocateOrRefuse(
    () => {
      const made = new Sequential(device, file.layers);
      try {
        made.loadStateDict(file.tensors);
      } catch (error) {
        made.destroy();
        throw error;
      }
      return made;
    },
    (made) => made.destroy(),
    // A model for predictions holds its weights and their (unused) gradients.
    (_, deviceMessage) => explainOutOfMemory(file.layers, 0, 2, deviceMessage),
  );
  const named = file.metadata.dataset;
  const dataset: DatasetName =
    named === 'mnist' || named === 'fashion-mnist' || named === 'blobs'
      ? named
      : model.inputs === 2
        ? 'blobs'
        : fallbackDataset === 'blobs'
          ? 'mnist'
          : fallbackDataset;
  const expectedInputs = dataset === 'blobs' ? 2 : 784;
  if (model.inputs !== expectedInputs) {
    model.destroy();
    throw new Error(`${fileName}: the model takes ${model.inputs} inputs, but ${dataset} has ${expectedInputs} features per sample`);
  }
  const info = describeModel(file.layers, dataset, source, model);
  info.fileName = fileName;
  info.architectureKnown = file.architectureKnown;
  info.metadata = Object.entries(file.metadata).filter(([key]) => key !== 'architecture');
  const accuracy = Number(file.metadata.testAccuracy);
  if (Number.isFinite(accuracy)) info.testAccuracy = accuracy;
  const epochs = Number(file.metadata.epochs);
  if (Number.isFinite(epochs)) info.epochs = epochs;
  return { model, layers: file.layers, dataset, info };
}

async function loadPretrained(device: Gpu): Promise<void> {
  let bytes: Uint8Array;
  try {
    const response = await fetch(PRETRAINED_URL);
    // Vite's dev server answers a missing file with index.html and status 200.
    if (!response.ok || response.headers.get('content-type')?.includes('text/html')) {
      post({
        type: 'pretrained',
        available: false,
        message: 'No pretrained model is available (models/mnist-mlp.safetensors is not on the server). Train a model and it will answer your drawings.',
      });
      postModels();
      return;
    }
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    post({ type: 'pretrained', available: false, message: `The pretrained model could not be fetched (${errorMessage(error)}).` });
    postModels();
    return;
  }
  try {
    pretrained = await modelFromFile(device, bytes, 'mnist-mlp.safetensors', 'mnist', 'pretrained');
    pretrainedBytes = bytes;
    post({ type: 'pretrained', available: true, message: 'A pretrained MNIST model answers until you train your own.' });
  } catch (error) {
    post({ type: 'pretrained', available: false, message: `The pretrained model could not be loaded: ${errorMessage(error)}` });
  }
  postModels();
}

// ---- training runs ---------------------------------------------------------------

interface Run {
  id: number;
  session: TrainingSession;
  control: RunControl;
  batcher: UpdateBatcher;
  dataset: Dataset;
  finished: Promise<void>;
  predictor: SplitPredictor | null;
  resultsBusy: boolean;
  lastResults: number;
  /** The epoch of a final pass that waits for the one in progress. */
  finalResultsEpoch: number | null;
  /** Steps taken when the latest pass began. */
  resultsSteps: number;
  gridBusy: boolean;
  lastGrid: number;
  extent: Extent | null;
}

let run: Run | null = null;

async function stopRun(): Promise<void> {
  const stopping = run;
  if (!stopping) return;
  stopping.control.stop();
  await stopping.finished;
  stopping.batcher.cancel();
  await settleJobs();
  stopping.predictor?.destroy();
  if (run === stopping) run = null;
}

async function startRun(id: number, config: TrainConfig, data: RunData, startPaused: boolean): Promise<void> {
  await stopCompare();
  await stopRun();
  const device = requireGpu();
  const dataset = limitTraining(await getDataset(config.dataset, config.seed), data);
  await releaseCurrent();
  const session = await TrainingSession.create(device, sessionData(dataset), config);
  current = { model: session.model, layers: config.layers, dataset: config.dataset, info: describeModel(config.layers, config.dataset, 'training', session.model), session };
  postModels();
  const control = new RunControl();
  if (startPaused) {
    control.pause();
    control.stepOnce();
  }
  const totalSteps = config.epochs * session.batchesPerEpoch;
  post({ type: 'run-started', runId: id, stepsPerEpoch: session.batchesPerEpoch, totalSteps, epochs: config.epochs });
  const state: Run = {
    id,
    session,
    control,
    dataset,
    batcher: new UpdateBatcher((batch) => post({ type: 'run-update', runId: id, ...batch }), UPDATE_INTERVAL_MS),
    finished: Promise.resolve(),
    predictor: config.dataset === 'blobs' ? null : new SplitPredictor(device, dataset.test),
    resultsBusy: false,
    lastResults: -Infinity,
    finalResultsEpoch: null,
    resultsSteps: -1,
    gridBusy: false,
    lastGrid: -Infinity,
    extent: config.dataset === 'blobs' ? extentAround([...dataset.train.inputs, ...dataset.test.inputs]) : null,
  };
  run = state;
  if (state.extent) updateGrid(state, true);
  const held = current;
  state.finished = runTraining(session, {
    epochs: config.epochs,
    readEvery: READ_EVERY,
    control,
    onEvent: (event) => {
      if (control.stopRequested) return;
      switch (event.type) {
        case 'step':
          state.batcher.addStep(event.step, event.loss);
          break;
        case 'progress':
          state.batcher.setProgress(event);
          if (state.extent) updateGrid(state, false);
          break;
        case 'epoch':
          state.batcher.addEpoch(event);
          held.info.epochs = event.epoch;
          held.info.testAccuracy = event.testAccuracy;
          keepCheckpoint(held);
          if (state.predictor) updateResults(state, event.epoch, false);
          if (state.extent) updateGrid(state, false);
          break;
        case 'diverged':
          state.batcher.flush();
          post({ type: 'run-diverged', runId: id, step: event.step, message: event.message });
          break;
        case 'done':
          state.batcher.flush();
          held.info.source = 'trained';
          held.info.testAccuracy = event.testAccuracy;
          if (state.predictor) updateResults(state, session.epoch, true);
          if (state.extent) updateGrid(state, true);
          keepCheckpoint(held);
          post({
            type: 'run-done',
            runId: id,
            testLoss: event.testLoss,
            testAccuracy: event.testAccuracy,
            steps: event.steps,
            stoppedEarly: event.stoppedEarly,
          });
          postModels();
          break;
      }
    },
  }).catch((error: unknown) => {
    state.batcher.flush();
    post({ type: 'run-error', runId: id, message: errorMessage(error) });
  });
}

/**
 * Test-set predictions after an epoch: the confusion matrix and the first mistakes.
 * One pass at a time; the final one waits for a pass in progress, never skipped.
 */
function updateResults(state: Run, epoch: number, final: boolean): void {
  if (!state.predictor) return;
  if (state.resultsBusy) {
    // The pass in progress already shows these weights when no step came after its start.
    if (final && state.resultsSteps !== state.session.steps) state.finalResultsEpoch = epoch;
    return;
  }
  if (!final && performance.now() - state.lastResults < RESULTS_INTERVAL_MS) return;
  state.resultsBusy = true;
  state.resultsSteps = state.session.steps;
  state.lastResults = performance.now();
  const predictor = state.predictor;
  const job = (async () => {
    const predicted = await predictor.predict(state.session.model);
    const test = state.dataset.test;
    const labels = test.labels;
    const matrix = confusionMatrix(labels, predicted, state.dataset.classes);
    const misclassified = misclassifiedIndices(labels, predicted, MISCLASSIFIED_SHOWN).map((index) => ({
      pixels: sampleFeatures(test, index),
      predicted: predicted[index]!,
      label: labels[index]!,
      index,
    }));
    const correct = matrix.reduce((sum, row, i) => sum + row[i]!, 0);
    post(
      { type: 'results', runId: state.id, epoch, classNames: state.dataset.classNames, matrix, misclassified, accuracy: correct / test.count },
      misclassified.map((m) => m.pixels.buffer),
    );
  })();
  track(job)
    .catch((error: unknown) => post({ type: 'gpu-warning', message: `results: ${errorMessage(error)}` }))
    .finally(() => {
      state.resultsBusy = false;
      const waiting = state.finalResultsEpoch;
      state.finalResultsEpoch = null;
      if (waiting !== null && run === state) updateResults(state, waiting, true);
    });
}

/** The model's output over the plane, a few times a second while a 2-D model trains. */
function updateGrid(state: Run, force: boolean): void {
  if (!state.extent) return;
  if (!force && (state.gridBusy || performance.now() - state.lastGrid < GRID_INTERVAL_MS)) return;
  state.gridBusy = true;
  state.lastGrid = performance.now();
  const job = evaluateGrid(requireGpu(), state.session.model, GRID_RESOLUTION, state.extent).then((grid) =>
    post({ type: 'grid', runId: state.id, grid }, [grid.values.buffer]),
  );
  track(job)
    .catch((error: unknown) => post({ type: 'gpu-warning', message: `decision boundary: ${errorMessage(error)}` }))
    .finally(() => (state.gridBusy = false));
}

// ---- comparisons -------------------------------------------------------------------

interface Comparison {
  id: number;
  stop: boolean;
  finished: Promise<void>;
}

let comparison: Comparison | null = null;

async function stopCompare(): Promise<void> {
  const stopping = comparison;
  if (!stopping) return;
  stopping.stop = true;
  await stopping.finished;
  if (comparison === stopping) comparison = null;
}

async function startCompare(request: Extract<WorkerRequest, { type: 'compare' }>): Promise<void> {
  await stopCompare();
  const device = requireGpu();
  const dataset = limitTraining(await getDataset(request.config.dataset, request.config.seed), request.data);
  const first = await TrainingSession.create(device, sessionData(dataset), { ...request.config, optimizer: request.runs[0].optimizer });
  let second: TrainingSession;
  try {
    second = await TrainingSession.create(device, sessionData(dataset), { ...request.config, optimizer: request.runs[1].optimizer });
  } catch (error) {
    first.destroy();
    throw error;
  }
  const sessions: [TrainingSession, TrainingSession] = [first, second];
  const id = request.runId;
  const state: Comparison = { id, stop: false, finished: Promise.resolve() };
  comparison = state;
  post({ type: 'compare-started', runId: id, totalSteps: request.maxSteps });

  let pending: [LossPoints, LossPoints] = [
    { steps: [], losses: [] },
    { steps: [], losses: [] },
  ];
  let pendingStep = 0;
  let lastSent = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending.every((s) => s.steps.length === 0)) return;
    post({ type: 'compare-update', runId: id, series: pending, step: pendingStep });
    pending = [
      { steps: [], losses: [] },
      { steps: [], losses: [] },
    ];
    lastSent = performance.now();
  };

  state.finished = runComparison(sessions, {
    labels: [request.runs[0].label, request.runs[1].label],
    maxSteps: request.maxSteps,
    targetAccuracy: request.targetAccuracy,
    shouldStop: () => state.stop,
    onLosses: (step, series) => {
      pendingStep = step;
      series.forEach((s, i) => {
        pending[i]!.steps.push(...s.steps);
        pending[i]!.losses.push(...s.losses);
      });
      const wait = lastSent + UPDATE_INTERVAL_MS - performance.now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    onEvaluation: (evaluations) => {
      flush();
      post({ type: 'compare-evaluation', runId: id, evaluations });
    },
  })
    .then(({ summaries, stoppedEarly }) => {
      flush();
      post({ type: 'compare-done', runId: id, summaries, stoppedEarly });
    })
    .catch((error: unknown) => {
      flush();
      post({ type: 'compare-error', runId: id, message: errorMessage(error) });
    })
    .finally(() => {
      for (const session of sessions) session.destroy();
    });
}

// ---- weights files -------------------------------------------------------------------

async function exportWeights(purpose: WeightsPurpose): Promise<void> {
  const held = purpose === 'persist' ? current : (current ?? pretrained);
  if (!held) {
    if (purpose === 'download') post({ type: 'problem', about: 'save', message: 'There is no model to save yet: train one first.' });
    return;
  }
  const tensors = await track(held.model.stateDict());
  const extra: Record<string, string> = { dataset: held.dataset, source: held.info.source };
  if (held.session) extra.config = JSON.stringify(held.session.config);
  if (held.info.epochs !== undefined) extra.epochs = String(held.info.epochs);
  if (held.info.testAccuracy !== undefined) extra.testAccuracy = String(held.info.testAccuracy);
  const bytes = encodeWeights(held.layers, tensors, extra);
  const fileName = `${held.dataset}-${held.info.shape}.safetensors`;
  post({ type: 'weights', purpose, bytes, fileName }, [bytes.buffer]);
}

async function loadWeights(request: Extract<WorkerRequest, { type: 'load-weights' }>): Promise<void> {
  let held: HeldModel;
  try {
    held = await modelFromFile(requireGpu(), request.bytes, request.fileName, request.fallbackDataset, request.origin === 'file' ? 'loaded' : 'restored');
  } catch (error) {
    post({ type: 'problem', about: 'load', message: errorMessage(error) });
    return;
  }
  await stopRun();
  await releaseCurrent();
  current = held;
  // Before the page hears of the model, so that a device lost right after still finds it.
  const tensors = await track(held.model.stateDict()).catch(() => null);
  if (tensors && current === held) checkpoint = { layers: held.layers, dataset: held.dataset, info: { ...held.info }, tensors };
  postModels();
}

// ---- requests ----------------------------------------------------------------------

let queue: Promise<void> = Promise.resolve();

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'init':
      return init();
    case 'use-dataset':
      void getDataset(request.dataset, request.seed).catch(() => {});
      return;
    case 'train':
      try {
        await startRun(request.runId, request.config, request.data, request.startPaused);
      } catch (error) {
        post({ type: 'run-error', runId: request.runId, message: errorMessage(error) });
      }
      return;
    case 'pause':
      run?.control.pause();
      return;
    case 'resume':
      run?.control.resume();
      return;
    case 'step':
      run?.control.stepOnce();
      return;
    case 'reset':
      await stopRun();
      await releaseCurrent();
      postModels();
      return;
    case 'compare':
      try {
        await startCompare(request);
      } catch (error) {
        post({ type: 'compare-error', runId: request.runId, message: errorMessage(error) });
      }
      return;
    case 'stop-compare':
      return stopCompare();
    case 'export-weights':
      try {
        await exportWeights(request.purpose);
      } catch (error) {
        post({ type: 'problem', about: 'save', message: errorMessage(error) });
      }
      return;
    case 'load-weights':
      return loadWeights(request);
    case 'predict':
      return predict(request.id, request.pixels);
    case 'debug-lose-device':
      gpu?.device.destroy();
      return;
  }
}

async function predict(id: number, pixels: Float32Array): Promise<void> {
  const held = drawingModel();
  if (!held || !gpu) {
    post({ type: 'prediction', id, probabilities: null });
    return;
  }
  try {
    const probabilities = await track(predictProbabilities(gpu, held.model, pixels));
    post({ type: 'prediction', id, probabilities });
  } catch (error) {
    post({ type: 'prediction', id, probabilities: null });
    post({ type: 'problem', about: 'predict', message: errorMessage(error) });
  }
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  // Never waiting in line: a prediction answers a drawing at once, stopping a
  // comparison must reach a comparison the queue is not waiting for, and data
  // starts loading while the device is still being set up.
  if (request.type === 'predict' || request.type === 'stop-compare' || request.type === 'use-dataset' || request.type === 'debug-lose-device') {
    void handle(request);
    return;
  }
  queue = queue.then(() => handle(request)).catch((error: unknown) => post({ type: 'gpu-warning', message: errorMessage(error) }));
};
