// ReLU and Sigmoid. Both backward passes need only the forward output, so
// nothing else is saved.

import forwardSource from '../../../shaders/activations.wgsl?raw';
import backwardSource from '../../../shaders/activations_backward.wgsl?raw';
import { contributeGrad, record } from '../autograd.ts';
import { defineKernel, elementwiseGroups, u32, uniforms, type Kernel } from '../kernel.ts';
import { ShapeError, Tensor, formatShape } from '../tensor.ts';

const kernels = {
  relu: {
    forward: defineKernel('relu', forwardSource, { entryPoint: 'relu' }),
    backward: defineKernel('relu_backward', backwardSource, { entryPoint: 'relu_backward' }),
  },
  sigmoid: {
    forward: defineKernel('sigmoid', forwardSource, { entryPoint: 'sigmoid' }),
    backward: defineKernel('sigmoid_backward', backwardSource, { entryPoint: 'sigmoid_backward' }),
  },
};

export type Activation = keyof typeof kernels;

/** dX from the activation's output y and the incoming gradient dy. */
export function activationGradInto(activation: Activation, dest: Tensor, y: Tensor, gradOut: Tensor): void {
  if (y.size !== gradOut.size || dest.size !== y.size) {
    throw new ShapeError(
      `${activation} backward: shapes ${formatShape(y.shape)}, ${formatShape(gradOut.shape)} and ${formatShape(dest.shape)} differ`,
    );
  }
  y.gpu.dispatch(kernels[activation].backward, {
    uniforms: uniforms(u32(y.size)),
    bindings: { y: y.slice, dy: gradOut.slice, dx: dest.slice },
    workgroups: elementwiseGroups(y.size),
  });
}

function activate(activation: Activation, x: Tensor, kernel: Kernel): Tensor {
  const y = Tensor.empty(x.gpu, x.shape);
  x.gpu.dispatch(kernel, {
    uniforms: uniforms(u32(x.size)),
    bindings: { input: x.slice, output: y.slice },
    workgroups: elementwiseGroups(x.size),
  });
  return record(y, activation, [x], (gradOut) => {
    contributeGrad(x, (dest) => activationGradInto(activation, dest, y, gradOut));
  });
}

export function relu(x: Tensor): Tensor {
  return activate('relu', x, kernels.relu.forward);
}

export function sigmoid(x: Tensor): Tensor {
  return activate('sigmoid', x, kernels.sigmoid.forward);
}
