// ReLU and Sigmoid, forward and backward. Both backward passes need only the
// forward output, which is what they save.

import forwardSource from '../../../shaders/activations.wgsl?raw';
import backwardSource from '../../../shaders/activations_backward.wgsl?raw';
import { contributeGrad, record } from '../autograd.ts';
import { defineKernel, elementwiseGroups, u32, uniforms } from '../kernel.ts';
import { Tensor } from '../tensor.ts';

const reluKernel = defineKernel('relu', forwardSource, 'relu');
const sigmoidKernel = defineKernel('sigmoid', forwardSource, 'sigmoid');
const reluBackwardKernel = defineKernel('relu_backward', backwardSource, 'relu_backward');
const sigmoidBackwardKernel = defineKernel('sigmoid_backward', backwardSource, 'sigmoid_backward');

type Kernels = { forward: typeof reluKernel; backward: typeof reluKernel };

function activation(name: string, kernels: Kernels, x: Tensor): Tensor {
  const out = Tensor.empty(x.gpu, x.shape);
  x.gpu.dispatch(kernels.forward, {
    uniforms: uniforms(u32(x.size)),
    buffers: [x.slice, out.slice],
    workgroups: elementwiseGroups(x.size),
  });
  return record(out, name, [x], (grad) => {
    contributeGrad(x, (dest) => runActivationBackward(kernels.backward, out, grad, dest));
  });
}

function runActivationBackward(kernel: typeof reluKernel, y: Tensor, dy: Tensor, dx: Tensor): void {
  y.gpu.dispatch(kernel, {
    uniforms: uniforms(u32(y.size)),
    buffers: [y.slice, dy.slice, dx.slice],
    workgroups: elementwiseGroups(y.size),
  });
}

/** dx = dy where y > 0, else 0 (y is ReLU's output). */
export function runReluBackward(y: Tensor, dy: Tensor, dx: Tensor): void {
  runActivationBackward(reluBackwardKernel, y, dy, dx);
}

export function relu(x: Tensor): Tensor {
  return activation('relu', { forward: reluKernel, backward: reluBackwardKernel }, x);
}

export function sigmoid(x: Tensor): Tensor {
  return activation('sigmoid', { forward: sigmoidKernel, backward: sigmoidBackwardKernel }, x);
}
