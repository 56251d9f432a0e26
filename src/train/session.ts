// One model training on one device: the data on the GPU, the model, its
// optimizer, the loss monitor and the last good weights. A training step is
// recorded into one command encoder and submitted once, and reads nothing
// back; losses are read from the monitor when the loop asks.

import { backward, noGrad } from '../engine/autograd.ts';
import type { BufferSlice, Gpu } from '../engine/gpu.ts';
import { GoodWeights } from '../engine/good-weights.ts';
import { LossMonitor, type LossReadout } from '../engine/loss-monitor.ts';
import { checkModelFits, explainOutOfMemory, Sequential } from '../engine/nn.ts';
import { bce, crossEntropy, mse, type LossOptions } from '../engine/ops/losses.ts';
import { createOptimizer, type Optimizer } from '../engine/optim.ts';
import { Random } from '../engine/random.ts';
import { Tensor, tidy } from '../engine/tensor.ts';
import { checkConfig, ConfigError, initialLearningRate, type LossName, type TrainConfig } from './config.ts';
import { learningRateAt } from './lr-schedule.ts';
import { GpuSplit, type SplitData } from '../engine/gpu-split.ts';

export interface SessionData {
  train: SplitData;
  test: SplitData;
  /** One sample's shape ([1, 28, 28] for images); by default what the model's first layer says. */
  inputShape?: readonly number[];
  /** Image width for horizontal flips (0 or absent when the dataset has none). */
  flipWidth?: number;
}

export interface Evaluation {
  loss: number;
  accuracy: number;
}

const lossFunctions: Record<LossName, (input: Tensor, target: Tensor, options?: LossOptions) => Tensor> = {
  'cross-entropy': crossEntropy,
  bce,
  mse,
};

/**
 * Everything a run needs to go on where it stopped, between two steps: the
 * weights, the optimizer's state, and the counters behind the shuffle, the
 * flips and dropout, so that the resumed run draws the same batches and
 * masks as an uninterrupted one would.
 */
export interface ResumableState {
  weights: { name: string; shape: number[]; data: Float32Array }[];
  /** Each optimizer state buffer (momentum, moments), flat over the parameters. */
  optimizerState: Float32Array[];
  /** Epochs finished. */
  epochsDone: number;
  /** Steps already taken of the epoch after those (0 between epochs). */
  stepInEpoch: number;
  /** That epoch's training loss sum and correct count so far (zeros between epochs). */
  trainStats: [number, number];
  /** That epoch's step losses so far, which the loop averages into its training loss. */
  epochLosses: number[];
  steps: number;
  /** The run's first loss, which the explosion check compares with. */
  firstLoss: number;
  optimizerSteps: number;
  /** Where the shuffle's draws for the epoch after `epochsDone` begin. */
  shufflePosition: number;
  dropoutCalls: number;
}

/**
 * GPU work a view adds to training steps (src/train/worker/views): recorded
 * into a step's command encoder after its update, and read back with the step
 * losses, so that it adds neither a submit nor a readback.
 */
export interface StepProbe {
  /** Records its work, if it wants a sample of step `step` (from 1); the step is submitted after. */
  afterStep(step: number): void;
  /** What it reads with the losses. */
  slices(): BufferSlice[];
  /** The bytes of `slices()`. */
  readout(bytes: ArrayBuffer[]): void;
}

export function batchesIn(count: number, batchSize: number): number {
  return Math.ceil(count / batchSize);
}

export class TrainingSession {
  readonly model: Sequential;
  readonly optimizer: Optimizer;
  readonly monitor: LossMonitor;
  readonly trainSplit: GpuSplit;
  readonly testSplit: GpuSplit;
  readonly batchesPerEpoch: number;
  /** Optimizer steps taken. */
  steps = 0;
  /** Epochs begun (1 during the first). */
  epoch = 0;
  /** Steps taken in the current epoch. */
  stepInEpoch = 0;
  /** Views' work on each step, read with the losses. */
  readonly probes = new Set<StepProbe>();
  private readonly goodWeights: GoodWeights;
  private readonly shuffleRandom: Random;
  /** The shuffle's position before the current epoch's draws (a resumed run redraws that epoch's order). */
  private epochShufflePosition = 0;
  /** A resumed run's step losses of its unfinished epoch, until the loop takes them. */
  private resumedEpochLosses: number[] = [];
  private readonly stats: Tensor;
  /** [loss sum, correct count] of the current epoch's training steps, as trained (dropout on). */
  private readonly trainStats: Tensor;
  private readonly lossFunction: (input: Tensor, target: Tensor, options?: LossOptions) => Tensor;

  /**
   * A new session, or a clear refusal when the GPU has too little memory left
   * for it (WebGPU tells that only after the allocations): nothing of it is
   * kept then, and the device goes on working.
   */
  static create(gpu: Gpu, data: SessionData, config: TrainConfig): Promise<TrainingSession> {
    return gpu.allocateOrRefuse(
      () => new TrainingSession(gpu, data, config),
      (session) => session.destroy(),
      // Values, gradients and the last good weights, besides the optimizer's state.
      (session, deviceMessage) =>
        explainOutOfMemory(config.layers, config.batchSize, 3 + session.optimizer.stateCount, deviceMessage, session.model.inputShape),
    );
  }

  /** Prefer `create`, which also refuses a model the GPU has no memory left for. */
  constructor(
    readonly gpu: Gpu,
    data: SessionData,
    readonly config: TrainConfig,
  ) {
    const inputShape = data.inputShape ?? [data.train.features];
    checkConfig(config, inputShape);
    checkModelFits(gpu.limits, config.layers, config.batchSize, inputShape);
    this.model = new Sequential(gpu, config.layers, config.seed, inputShape);
    if (data.train.features !== this.model.inputs) {
      throw new Error(`the model takes ${this.model.inputs} inputs but the data has ${data.train.features} features`);
    }
    if (config.loss !== 'cross-entropy' && this.model.outputs !== 1) {
      // Our datasets carry one target per sample for BCE and MSE.
      throw new ConfigError('layers', `a model trained with ${config.loss} must end in 1 output, this one has ${this.model.outputs}`);
    }
    this.optimizer = createOptimizer(this.model.parameters, config.optimizer);
    this.monitor = new LossMonitor(gpu);
    this.goodWeights = new GoodWeights(this.model.parameters);
    this.trainSplit = new GpuSplit(gpu, data.train, 'train', config.flip ? (data.flipWidth ?? 0) : 0);
    this.testSplit = new GpuSplit(gpu, data.test, 'test');
    this.batchesPerEpoch = batchesIn(data.train.count, config.batchSize);
    this.shuffleRandom = new Random(config.seed ^ 0x5eed);
    const statsBuffer = gpu.createBuffer(16, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, 'evaluation stats');
    this.stats = Tensor.view(gpu, { buffer: statsBuffer, offset: 0, size: 8 }, [2]);
    const trainStatsBuffer = gpu.createBuffer(16, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, 'training stats');
    this.trainStats = Tensor.view(gpu, { buffer: trainStatsBuffer, offset: 0, size: 8 }, [2]);
    this.lossFunction = lossFunctions[config.loss];
    // Rehearsing both batch sizes an epoch uses (the last batch is smaller when
    // the split does not divide evenly) creates every GPU object a step needs
    // now, so no training step ever creates one.
    this.rehearseStep(Math.min(config.batchSize, data.train.count));
    const lastBatch = data.train.count % config.batchSize;
    if (lastBatch > 0) this.rehearseStep(lastBatch);
  }

  /** Size of the batch the next step will use (the last one of an epoch may be smaller). */
  get nextBatchSize(): number {
    const index = this.epoch === 0 || this.epochComplete ? 0 : this.stepInEpoch;
    const start = index * this.config.batchSize;
    return Math.min(this.config.batchSize, this.trainSplit.count - start);
  }

  get epochComplete(): boolean {
    return this.stepInEpoch === this.batchesPerEpoch;
  }

  private startEpoch(): void {
    this.epoch++;
    this.stepInEpoch = 0;
    this.epochShufflePosition = this.shuffleRandom.position;
    const count = this.trainSplit.count;
    const order = this.config.shuffle ? this.shuffleRandom.permutation(count) : Uint32Array.from({ length: count }, (_, i) => i);
    this.trainSplit.setOrder(order, this.shuffleRandom.nextUint32());
    // The schedule's rate for this epoch, as PyTorch's scheduler.step() after each epoch sets it.
    // Here, not in the loop, so a comparison's runs and a resumed run follow it too.
    const schedule = this.config.lrSchedule;
    if (schedule) this.optimizer.setLearningRate(learningRateAt(schedule, initialLearningRate(this.config.optimizer), this.epoch - 1));
    // Recorded into the first step's encoder: the epoch's sums start from zero with no extra submit.
    this.gpu.clear(this.trainStats.slice);
  }

  /** Records and submits one training step. */
  step(): void {
    if (this.epoch === 0 || this.epochComplete) this.startEpoch();
    this.recordStep(this.nextBatchSize);
    for (const probe of this.probes) probe.afterStep(this.steps + 1);
    this.gpu.submit();
    this.steps++;
    this.stepInEpoch++;
  }

  private recordStep(batchSize: number): void {
    const status = this.monitor.status;
    tidy(() => {
      const { x, labels } = this.trainSplit.nextBatch(batchSize, this.config.flip);
      this.optimizer.zeroGrad();
      // The loss kernel also adds this batch's loss sum and correct count to the epoch's training stats.
      const loss = this.lossFunction(this.model.train().forward(x), labels, { stats: this.trainStats });
      backward(loss);
      // The loss is recorded before the update, so a non-finite loss stops
      // this very update; while losses are finite the update keeps the
      // weights it replaces, which gave this step's finite loss.
      this.monitor.record(loss);
      this.optimizer.step(status, this.goodWeights.slice);
    });
  }

  /** Records a step of this batch size and throws it away: the counters it moved are put back. */
  private rehearseStep(batchSize: number): void {
    const { stepCount } = this.optimizer;
    const { dropoutCalls } = this.model;
    this.gpu.rehearse(() => this.recordStep(batchSize));
    this.optimizer.stepCount = stepCount;
    this.model.dropoutCalls = dropoutCalls;
  }

  async readLosses(): Promise<LossReadout> {
    return this.monitor.readout(await this.readWithProbes(...this.monitor.slices()));
  }

  /** The weights as they were before the last update (the optimizer's backup of them). */
  get weightsBeforeStep(): BufferSlice {
    return this.goodWeights.slice;
  }

  /** Reads `slices` and the probes' slices in one readback; hands each probe its bytes and returns those of `slices`. */
  private async readWithProbes(...slices: BufferSlice[]): Promise<ArrayBuffer[]> {
    const probes = [...this.probes].map((probe) => ({ probe, slices: probe.slices() }));
    const bytes = await this.gpu.read(...slices, ...probes.flatMap((p) => p.slices));
    let at = slices.length;
    for (const { probe, slices: own } of probes) {
      probe.readout(bytes.slice(at, at + own.length));
      at += own.length;
    }
    return bytes.slice(0, slices.length);
  }

  /** Mean loss and accuracy over the test split, in one submit and one readback. */
  async evaluate(split: GpuSplit = this.testSplit): Promise<Evaluation> {
    this.recordEvaluation(split);
    return this.evaluation(await this.stats.readFloat32(), split);
  }

  /**
   * The test pass and the step losses since the last read, in one readback:
   * the end of an epoch waits for the GPU once, not twice (on small data,
   * such as blobs' one step per epoch, the round trips are most of the time).
   */
  async evaluateWithLosses(): Promise<{ evaluation: Evaluation; losses: LossReadout; training: Evaluation }> {
    this.recordEvaluation(this.testSplit);
    const [stats, trainStats, ...monitor] = await this.readWithProbes(this.stats.slice, this.trainStats.slice, ...this.monitor.slices());
    return {
      evaluation: this.evaluation(new Float32Array(stats!), this.testSplit),
      losses: this.monitor.readout(monitor),
      // The training steps' own forward passes (dropout on, weights changing batch by batch),
      // as the tutorials' training loops count their accuracy; over a whole epoch's samples.
      training: this.evaluation(new Float32Array(trainStats!), this.trainSplit),
    };
  }

  private recordEvaluation(split: GpuSplit): void {
    const batchSize = this.config.batchSize;
    split.rewind();
    this.gpu.clear(this.stats.slice);
    this.model.eval();
    noGrad(() => {
      for (let start = 0; start < split.count; start += batchSize) {
        const size = Math.min(batchSize, split.count - start);
        tidy(() => {
          const { x, labels } = split.nextBatch(size);
          this.lossFunction(this.model.forward(x), labels, { stats: this.stats });
        });
      }
    });
    this.model.train();
  }

  private evaluation([lossSum, correct]: Float32Array, split: GpuSplit): Evaluation {
    // BCE and MSE average over every output element; cross-entropy over rows.
    const outputsPerSample = this.config.loss === 'cross-entropy' ? 1 : this.model.outputs;
    return { loss: lossSum! / (split.count * outputsPerSample), accuracy: correct! / (split.count * outputsPerSample) };
  }

  /** Replaces the model's weights (strictly by name and shape) and takes them as the last good ones. */
  loadWeights(tensors: { name: string; shape: readonly number[]; data: Float32Array }[]): void {
    this.model.loadStateDict(tensors);
    this.goodWeights.snapshot();
  }

  /**
   * The run's state between two steps, for `resume` in a later process or on
   * a new device. `epochLosses`: the step losses the loop has read in the
   * unfinished epoch (it averages them into the epoch's training loss).
   */
  async resumableState(epochLosses: readonly number[] = []): Promise<ResumableState> {
    const inEpoch = this.epoch > 0 && !this.epochComplete;
    const [weights, optimizerState, monitor, trainStats] = await Promise.all([
      this.model.stateDict(),
      this.optimizer.readState(),
      this.monitor.position(),
      inEpoch ? this.trainStats.readFloat32() : new Float32Array(2),
    ]);
    if (monitor.steps !== this.steps) throw new Error(`the loss monitor counted ${monitor.steps} steps, the session ${this.steps}`);
    return {
      weights,
      optimizerState,
      epochsDone: inEpoch ? this.epoch - 1 : this.epoch,
      stepInEpoch: inEpoch ? this.stepInEpoch : 0,
      trainStats: [trainStats[0]!, trainStats[1]!],
      epochLosses: inEpoch ? [...epochLosses] : [],
      steps: this.steps,
      firstLoss: monitor.firstLoss,
      optimizerSteps: this.optimizer.stepCount,
      shufflePosition: inEpoch ? this.epochShufflePosition : this.shuffleRandom.position,
      dropoutCalls: this.model.dropoutCalls,
    };
  }

  /** A resumed run's step losses of its unfinished epoch (once: the loop carries them on). */
  takeResumedEpochLosses(): number[] {
    const losses = this.resumedEpochLosses;
    this.resumedEpochLosses = [];
    return losses;
  }

  /** Continues a run from `resumableState`: the next step is the one after the saved ones. */
  resume(state: ResumableState): void {
    const count = this.model.parameters.count;
    if (state.optimizerState.length !== this.optimizer.stateCount || state.optimizerState.some((values) => values.length !== count)) {
      const sizes = state.optimizerState.map((values) => values.length).join(', ') || 'none';
      throw new Error(`the saved optimizer state (buffers of ${sizes} values) does not fit this optimizer, which keeps ${this.optimizer.stateCount} of ${count} values`);
    }
    this.loadWeights(state.weights);
    this.optimizer.writeState(state.optimizerState, state.optimizerSteps);
    if (state.stepInEpoch >= this.batchesPerEpoch) {
      throw new Error(`the saved run stopped at step ${state.stepInEpoch} of an epoch, which has ${this.batchesPerEpoch} steps here`);
    }
    this.shuffleRandom.restore(state.shufflePosition);
    this.model.dropoutCalls = state.dropoutCalls;
    this.epoch = state.epochsDone;
    this.stepInEpoch = this.batchesPerEpoch;
    if (state.stepInEpoch > 0) {
      // The unfinished epoch's order and flips drawn again, its first steps skipped.
      this.startEpoch();
      // The epoch start's clear of the training stats runs before they are written back.
      this.gpu.submit();
      this.trainStats.write(Float32Array.from(state.trainStats));
      this.trainSplit.skip(state.stepInEpoch * this.config.batchSize);
      this.stepInEpoch = state.stepInEpoch;
      this.resumedEpochLosses = [...state.epochLosses];
    }
    this.steps = state.steps;
    this.monitor.continueFrom({ steps: state.steps, firstLoss: state.firstLoss });
  }

  /** After a divergence: the last weights that gave a finite loss, and a clear flag. */
  restoreGoodWeights(): void {
    this.goodWeights.restore();
    this.monitor.reset();
  }

  destroy(): void {
    this.model.destroy();
    this.optimizer.destroy();
    this.monitor.destroy();
    this.goodWeights.destroy();
    this.trainSplit.destroy();
    this.testSplit.destroy();
    this.stats.slice.buffer.destroy();
    this.trainStats.slice.buffer.destroy();
  }
}
