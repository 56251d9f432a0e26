// Tutorial 2: two hidden layers with ReLU, and Adam instead of SGD.
import type { Lesson } from '../lesson.ts';

export const mnistMlp: Lesson = {
  id: 'mnist-mlp',
  title: 'lessons.mnist-mlp.title',
  summary: 'lessons.mnist-mlp.summary',
  steps: [
    {
      id: 'adam',
      title: 'lessons.mnist-mlp.adam.title',
      texts: ['lessons.mnist-mlp.adam.do', 'lessons.mnist-mlp.adam.watch'],
      setup: { preset: 'mnist-mlp-adam' },
      goal: { kind: 'accuracyAtLeast', value: 0.97, dataset: 'mnist' },
      code: 'model = torch.nn.Sequential(\n    torch.nn.Linear(784, 256), torch.nn.ReLU(),\n    torch.nn.Linear(256, 256), torch.nn.ReLU(),\n    torch.nn.Linear(256, 10))\noptimizer = torch.optim.Adam(model.parameters(), lr=0.001)',
      reference: { preset: 'mnist-mlp-adam' },
    },
    {
      id: 'sigmoid',
      title: 'lessons.mnist-mlp.sigmoid.title',
      texts: ['lessons.mnist-mlp.sigmoid.do', 'lessons.mnist-mlp.sigmoid.watch'],
      setup: { preset: 'mnist-mlp-adam', activation: 'sigmoid', epochs: '5' },
      goal: { kind: 'finished', dataset: 'mnist' },
      code: 'torch.nn.Linear(784, 256), torch.nn.Sigmoid(),\ntorch.nn.Linear(256, 256), torch.nn.Sigmoid(),',
    },
    {
      id: 'sgd',
      title: 'lessons.mnist-mlp.sgd.title',
      texts: ['lessons.mnist-mlp.sgd.do', 'lessons.mnist-mlp.sgd.watch'],
      setup: { preset: 'mnist-mlp-adam', optimizer: 'sgd', epochs: '5' },
      goal: { kind: 'finished', dataset: 'mnist' },
      code: 'optimizer = torch.optim.SGD(model.parameters(), lr=0.001)',
    },
  ],
};
