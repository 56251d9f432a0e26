// Reverse-mode autograd. Ops record a node on their output naming their inputs
// and how to push a gradient back to them. `backward()` sorts the graph once
// and walks it in reverse; each op adds its contribution into its inputs'
// gradients, writing in place when it is the first contribution.

import { Tensor, ShapeError, formatShape } from './tensor.ts';
import type { Gpu } from './gpu.ts';
import { addInto } from './ops/elementwise.ts';

export interface GradNode {
  /** The op's name, for error messages and debugging. */
  readonly op: string;
  readonly inputs: readonly Tensor[];
  /** Pushes `gradOutput` (the gradient of the op's output) to the inputs. */
  backward(gradOutput: Tensor): void;
}

let gradEnabled = true;

/** Runs `fn` without recording anything for backward (evaluation, inference). */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Whether an op with these inputs must record itself. */
export function needsGrad(...inputs: (Tensor | null | undefined)[]): boolean {
  return gradEnabled && inputs.some((t) => t?.requiresGrad);
}

/** Attaches `node` to `output` if any input needs a gradient. */
export function record(output: Tensor, op: string, inputs: (Tensor | null)[], backward: (gradOutput: Tensor) => void): Tensor {
  const present = inputs.filter((t): t is Tensor => t !== null);
  if (needsGrad(...present)) {
    output.requiresGrad = true;
    output.node = { op, inputs: present, backward };
  }
  return output;
}

/**
 * A parameter's gradient lives in a buffer the optimizer reads. `gradIsZero`
 * marks it as logically zero (after `zeroGrad()`), so that the first
 * contribution overwrites it instead of adding: no clearing pass is needed.
 */
export interface GradHolder {
  gradIsZero: boolean;
}

function isGradHolder(t: Tensor): t is Tensor & GradHolder {
  return 'gradIsZero' in t;
}

/**
 * Adds a contribution to `input`'s gradient. `write(dest)` must fill `dest`
 * (shaped like `input`) with the contribution; it writes straight into the
 * gradient when this is the first contribution, else into a temporary that is
 * then added.
 */
export function contributeGrad(input: Tensor, write: (dest: Tensor) => void): void {
  if (!input.requiresGrad) return;
  if (isGradHolder(input) && input.grad) {
    if (input.gradIsZero) {
      write(input.grad);
      input.gradIsZero = false;
      return;
    }
  } else if (input.grad === null) {
    const grad = Tensor.empty(input.gpu, input.shape);
    write(grad);
    input.grad = grad;
    return;
  }
  const partial = Tensor.empty(input.gpu, input.shape);
  write(partial);
  addInto(input.grad!, partial);
}

/**
 * Hands a finished gradient tensor to `input`: adopted as is when it is the
 * first contribution to a non-parameter tensor, otherwise copied or added.
 */
export function adoptGrad(input: Tensor, grad: Tensor): void {
  if (!input.requiresGrad) return;
  if (input.grad === null && !isGradHolder(input)) {
    input.grad = grad;
    return;
  }
  contributeGrad(input, (dest) => dest.gpu.copy(grad.slice, dest.slice));
}

const seeds = new WeakMap<Gpu, Tensor>();

/** The gradient `backward()` starts from: a scalar 1. Ops may recognise it to skip a scaling pass. */
export function unitSeed(gpu: Gpu): Tensor {
  let seed = seeds.get(gpu);
  if (!seed) {
    seed = Tensor.view(gpu, { buffer: gpu.createBuffer(16, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, 'seed 1'), offset: 0, size: 4 }, [1]);
    gpu.write(seed.slice, new Float32Array([1]));
    seeds.set(gpu, seed);
  }
  return seed;
}

/** Back-propagates from a scalar `loss` into every tensor that requires a gradient. */
export function backward(loss: Tensor): void {
  if (loss.size !== 1) {
    throw new ShapeError(`backward: the loss must be a single value, got shape ${formatShape(loss.shape)}`);
  }
  if (!loss.requiresGrad || !loss.node) {
    throw new Error('backward: the loss does not depend on anything that requires a gradient');
  }
  const order = topologicalOrder(loss);
  loss.grad = unitSeed(loss.gpu);
  for (let i = order.length - 1; i >= 0; i--) {
    const tensor = order[i]!;
    if (tensor.node && tensor.grad) tensor.node.backward(tensor.grad);
  }
}

/** Tensors reachable from `root`, each after all of its inputs (iterative, so deep graphs cannot overflow the stack). */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: { tensor: Tensor; expanded: boolean }[] = [{ tensor: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.expanded) {
      order.push(top.tensor);
      continue;
    }
    if (visited.has(top.tensor)) continue;
    visited.add(top.tensor);
    stack.push({ tensor: top.tensor, expanded: true });
    for (const input of top.tensor.node?.inputs ?? []) {
      if (input.requiresGrad && !visited.has(input)) stack.push({ tensor: input, expanded: false });
    }
  }
  return order;
}
