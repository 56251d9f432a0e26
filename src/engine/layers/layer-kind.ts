// What every layer kind says about itself, in its own module (linear.ts,
// conv2d.ts, …): how PyTorch prints it, the shape it gives for an input
// shape, its parameters with PyTorch's default initialisation and state_dict
// names, its forward (the op records what backward needs), its memory, and
// what it may fuse with. Sequential, the shape and memory checks, weight files
// and the page iterate over these modules; nothing switches on a layer's type.

import { ShapeError, type Tensor } from '../tensor.ts';

/** The shape of one sample, without the batch dimension: [features] or [channels, height, width]. */
export type SampleShape = readonly number[];

export interface ParameterShape {
  /** The state_dict name's last part: "<index>.weight". */
  suffix: 'weight' | 'bias';
  shape: number[];
  /**
   * PyTorch's default initialisation for this layer: uniform in ±bound
   * (Linear's and Conv2d's reset_parameters give 1/√fan_in to both).
   */
  bound: number;
}

export interface ForwardContext {
  /** This layer's parameter by suffix. */
  parameter(suffix: ParameterShape['suffix']): Tensor;
  /** False in evaluation mode (Dropout is the identity then). */
  training: boolean;
  /** A fresh random seed for this call, for layers that draw a mask. */
  maskSeed(): Tensor;
  /** Whether to apply a following ReLU inside this layer's kernel (only for kinds with `fusesRelu`). */
  relu: boolean;
}

export interface LayerKind<Spec extends { type: string }> {
  readonly type: Spec['type'];
  /** As torch.nn prints the layer: "Linear(784, 256)", "Conv2d(1, 32, kernel_size=(3, 3), …)". */
  describe(spec: Spec): string;
  /**
   * The output shape of one sample for an input shape, after checking the
   * spec's own fields; throws a ShapeError saying what does not fit (the
   * caller adds the layer's index and name).
   */
  outputShape(spec: Spec, input: SampleShape): number[];
  /** Keeps every sample's shape and works on each value alone (activations, Dropout). */
  readonly elementwise?: boolean;
  /** Gives the same values in another shape (Flatten). */
  readonly reshapes?: boolean;
  /** The input a layer of this spec needs, when the spec says it (a Linear's width). */
  inputShape?(spec: Spec): number[];
  /** Its part of a model's short name ("256" for Linear(784, 256), "c32" for a 32-channel Conv2d); none for layers without weights. */
  shortName?(spec: Spec): string;
  /** Parameters in state_dict order; none for layers without weights. */
  parameters?(spec: Spec): ParameterShape[];
  /**
   * Takes one flat vector per sample. A model whose first layers keep the
   * shape feeds such a layer its input flattened, as the tutorials'
   * `x.view(-1, 784)` does; anywhere else a Flatten must come first.
   */
  readonly flatInput?: boolean;
  /** Can run a ReLU that follows it in its own kernel's epilogue. */
  readonly fusesRelu?: boolean;
  /** Draws a random mask per call: the model keeps a seed buffer for it. */
  readonly random?: boolean;
  /** Records the layer on a batch [batch, ...input]. */
  forward(spec: Spec, x: Tensor, context: ForwardContext): Tensor;
  /**
   * Floats per sample that the layer keeps for backward besides its output
   * (for example a pooling layer's argmax indices).
   */
  savedPerSample?(spec: Spec, input: SampleShape): number;
  /**
   * The layer read back from a state_dict without our metadata, from its
   * weight's shape and whether it has a bias; null when the weight's rank is
   * not this kind's. `unknown` names what the file cannot say, and `choices`
   * are the usual specs that differ only in it (a convolution with no
   * padding, or with "same" padding). What the file cannot say and is not
   * searched (a convolution's stride) is PyTorch's default.
   */
  fromWeight?(weight: readonly number[], hasBias: boolean): { choices: Spec[]; unknown: string[] } | null;
  /** With `fromWeight`: the weight as a state_dict holds it, for the message naming the weights that can be read ("Linear ([out, in])"). */
  readonly weightLayout?: string;
}

/** "1×28×28". */
export function formatSampleShape(shape: SampleShape): string {
  return shape.join('×');
}

export function checkPositiveInteger(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ShapeError(`${what} must be a positive integer, got ${String(value)}`);
  }
}

export function checkPair(value: unknown, what: string, minimum: number): void {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => Number.isInteger(v) && v >= minimum)) {
    throw new ShapeError(`${what} must be two whole numbers ≥ ${minimum}, got ${JSON.stringify(value)}`);
  }
}
