// Optimizers with PyTorch's update rules, each one dispatch over a model's
// whole flat parameter buffer. Hyperparameters and per-step values (Adam's
// bias corrections) live in a uniform buffer that the optimizer owns and
// rewrites with queue.writeBuffer, so a step creates no GPU object.
//
// Every update kernel also reads a status word: once the training loop's loss
// monitor has flagged a non-finite loss, nothing moves, and the weights stay
// the last good ones. Until then it can copy each weight aside before
// updating it (the training session's last good weights), in the same pass.

import adamSource from '../../shaders/adam.wgsl?raw';
import rmspropSource from '../../shaders/rmsprop.wgsl?raw';
import sgdSource from '../../shaders/sgd.wgsl?raw';
import type { BufferSlice, Gpu } from './gpu.ts';
import { defineKernel, elementwiseGroups, f32, u32, uniforms, type Kernel } from './kernel.ts';
import type { Parameters } from './parameters.ts';

const kernels = {
  // `backup` is bound only when the update keeps the weights it replaces (KEEP_BACKUP).
  sgd: defineKernel('sgd', sgdSource, { optional: ['backup'] }),
  adam: defineKernel('adam', adamSource, { optional: ['backup'] }),
  rmsprop: defineKernel('rmsprop', rmspropSource, { optional: ['backup'] }),
};

export interface SgdOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
}

export interface RmspropOptions {
  lr?: number;
  alpha?: number;
  eps?: number;
  momentum?: number;
  weightDecay?: number;
}

/** What a spec leaves out, as torch.optim's defaults: the constructors below fill these in. */
export const optimizerDefaults = {
  sgd: { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false },
  adam: { lr: 1e-3, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weightDecay: 0 },
  rmsprop: { lr: 1e-2, alpha: 0.99, eps: 1e-8, momentum: 0, weightDecay: 0 },
} as const;

export type OptimizerSpec =
  | ({ type: 'sgd' } & SgdOptions)
  | ({ type: 'adam' } & AdamOptions)
  | ({ type: 'rmsprop' } & RmspropOptions);

export class OptimizerError extends Error {
  override name = 'OptimizerError';
}

function checkHyperparameter(name: string, value: number, { positive = false, below1 = false } = {}): void {
  const ok = Number.isFinite(value) && (positive ? value > 0 : value >= 0) && (!below1 || value < 1);
  if (!ok) {
    const range = below1 ? (positive ? 'in (0, 1)' : 'in [0, 1)') : positive ? 'a positive finite number' : 'a finite number ≥ 0';
    throw new OptimizerError(`${name} must be ${range}, got ${value}`);
  }
}

export abstract class Optimizer {
  /** Steps taken so far (PyTorch's `state['step']`). */
  stepCount = 0;
  protected readonly params: Parameters;
  protected readonly gpu: Gpu;
  private readonly uniformBuffer: GPUBuffer;
  private readonly stateBuffers: GPUBuffer[] = [];
  private readonly noStatus: BufferSlice;

  protected constructor(
    params: Parameters,
    private readonly kernel: Kernel,
    /** The kernel's bindings of optimizer state, each as large as the parameters. */
    private readonly stateNames: readonly string[],
    public lr: number,
  ) {
    checkHyperparameter('learning rate', lr, { positive: true });
    this.params = params;
    this.gpu = params.gpu;
    this.uniformBuffer = this.gpu.createBuffer(32, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, `${kernel.name} hyperparameters`);
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    for (const name of stateNames) {
      // New buffers are zero-filled, which is every optimizer's initial state.
      this.stateBuffers.push(this.gpu.createBuffer(params.count * 4, usage, `${kernel.name} ${name}`));
    }
    const zero = this.gpu.createBuffer(16, GPUBufferUsage.STORAGE, 'status: all finite');
    this.noStatus = { buffer: zero, offset: 0, size: 4 };
  }

  /** Buffers of optimizer state, each as large as the parameters. */
  get stateCount(): number {
    return this.stateBuffers.length;
  }

  /** A rate of 0 is allowed here: a schedule reaches it (CosineAnnealingLR with eta_min 0 at T_max), as in PyTorch. */
  setLearningRate(lr: number): void {
    checkHyperparameter('learning rate', lr);
    this.lr = lr;
  }

  zeroGrad(): void {
    this.params.zeroGrad();
  }

  /** The uniform block for the coming step, in the kernel's field order. */
  protected abstract uniformsForStep(step: number): ArrayBuffer;

  /**
   * Records one update of every parameter. `status` is a u32 that is non-zero
   * once training has diverged (then the update is skipped on the GPU);
   * `backup`, as large as the parameters, receives the weights as they were
   * before an update that happens.
   * The step's hyperparameters are written with queue.writeBuffer, which
   * lands before the next submit: submit each step before recording another
   * (TrainingSession does), or both would use the second step's values.
   */
  step(status?: BufferSlice, backup?: BufferSlice): void {
    this.stepCount++;
    this.params.clearUntouchedGrads();
    this.gpu.write({ buffer: this.uniformBuffer, offset: 0, size: 32 }, new Uint8Array(this.uniformsForStep(this.stepCount)));
    const p = this.params;
    this.gpu.dispatch(this.kernel, {
      constants: { KEEP_BACKUP: backup ? 1 : 0 },
      uniforms: this.uniformBuffer,
      bindings: {
        status: status ?? this.noStatus,
        grad: p.slice(p.grads),
        param: p.slice(p.values),
        ...(backup ? { backup } : {}),
        ...Object.fromEntries(this.stateBuffers.map((b, i) => [this.stateNames[i]!, p.slice(b)])),
      },
      // Four elements per invocation: the flat buffers hold a multiple of 64 floats.
      workgroups: elementwiseGroups(p.count / 4),
    });
  }

  /** Optimizer state (momentum buffers, moments), for checkpoints. */
  async readState(): Promise<Float32Array[]> {
    const slices = this.stateBuffers.map((b) => this.params.slice(b));
    return (await this.gpu.read(...slices)).map((bytes) => new Float32Array(bytes));
  }

  writeState(state: Float32Array[], stepCount: number): void {
    state.forEach((values, i) => this.gpu.write(this.params.slice(this.stateBuffers[i]!), values));
    this.stepCount = stepCount;
  }

  destroy(): void {
    this.uniformBuffer.destroy();
    this.noStatus.buffer.destroy();
    for (const b of this.stateBuffers) b.destroy();
  }
}

/** torch.optim.SGD. */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;

  constructor(params: Parameters, options: SgdOptions) {
    const d = optimizerDefaults.sgd;
    const { momentum = d.momentum, dampening = d.dampening, weightDecay = d.weightDecay, nesterov = d.nesterov } = options;
    checkHyperparameter('momentum', momentum);
    checkHyperparameter('dampening', dampening);
    checkHyperparameter('weight decay', weightDecay);
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new OptimizerError('Nesterov momentum requires a momentum and zero dampening');
    }
    // The kernel always binds a momentum buffer, so one exists even without momentum.
    super(params, kernels.sgd, ['momentumBuffer'], options.lr);
    this.momentum = momentum;
    this.dampening = dampening;
    this.weightDecay = weightDecay;
    this.nesterov = nesterov;
  }

  protected uniformsForStep(step: number): ArrayBuffer {
    return uniforms(
      u32(this.params.count / 4),
      f32(this.lr),
      f32(this.momentum),
      f32(this.dampening),
      f32(this.weightDecay),
      u32(this.nesterov ? 1 : 0),
      u32(step === 1 ? 1 : 0),
    );
  }
}

/** torch.optim.Adam (amsgrad off). Bias corrections in float64, as PyTorch computes them in Python. */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;

  constructor(params: Parameters, options: AdamOptions = {}) {
    const d = optimizerDefaults.adam;
    const { lr = d.lr, betas = d.betas, eps = d.eps, weightDecay = d.weightDecay } = options;
    checkHyperparameter('beta1', betas[0], { below1: true });
    checkHyperparameter('beta2', betas[1], { below1: true });
    checkHyperparameter('eps', eps, { positive: true });
    checkHyperparameter('weight decay', weightDecay);
    super(params, kernels.adam, ['expAvg', 'expAvgSq'], lr);
    [this.beta1, this.beta2] = betas;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  protected uniformsForStep(step: number): ArrayBuffer {
    const biasCorrection1 = 1 - this.beta1 ** step;
    const biasCorrection2 = 1 - this.beta2 ** step;
    return uniforms(
      u32(this.params.count / 4),
      f32(1 - this.beta1),
      f32(this.beta2),
      f32(1 - this.beta2),
      f32(this.eps),
      f32(this.weightDecay),
      f32(this.lr / biasCorrection1),
      f32(Math.sqrt(biasCorrection2)),
    );
  }
}

/** torch.optim.RMSprop (centered off). */
export class RMSprop extends Optimizer {
  readonly alpha: number;
  readonly eps: number;
  readonly momentum: number;
  readonly weightDecay: number;

  constructor(params: Parameters, options: RmspropOptions = {}) {
    const d = optimizerDefaults.rmsprop;
    const { lr = d.lr, alpha = d.alpha, eps = d.eps, momentum = d.momentum, weightDecay = d.weightDecay } = options;
    checkHyperparameter('alpha', alpha, { below1: true });
    checkHyperparameter('eps', eps, { positive: true });
    checkHyperparameter('momentum', momentum);
    checkHyperparameter('weight decay', weightDecay);
    super(params, kernels.rmsprop, ['squareAvg', 'momentumBuffer'], lr);
    this.alpha = alpha;
    this.eps = eps;
    this.momentum = momentum;
    this.weightDecay = weightDecay;
  }

  protected uniformsForStep(): ArrayBuffer {
    return uniforms(
      u32(this.params.count / 4),
      f32(this.lr),
      f32(this.alpha),
      f32(1 - this.alpha),
      f32(this.eps),
      f32(this.weightDecay),
      f32(this.momentum),
    );
  }
}

export function createOptimizer(params: Parameters, spec: OptimizerSpec): Optimizer {
  switch (spec.type) {
    case 'sgd':
      return new SGD(params, spec);
    case 'adam':
      return new Adam(params, spec);
    case 'rmsprop':
      return new RMSprop(params, spec);
  }
}
