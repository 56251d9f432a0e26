// Tutorial 1: a linear classifier for MNIST, SGD with learning rate 0.1.
import type { Lesson } from '../lesson.ts';

export const mnistLinear: Lesson = {
  id: 'mnist-linear',
  title: 'lessons.mnist-linear.title',
  summary: 'lessons.mnist-linear.summary',
  steps: [
    {
      id: 'train',
      title: 'lessons.mnist-linear.train.title',
      texts: ['lessons.mnist-linear.train.do', 'lessons.mnist-linear.train.watch'],
      setup: { preset: 'mnist-linear-sgd' },
      goal: { kind: 'accuracyAtLeast', value: 0.89, dataset: 'mnist' },
      code: 'model = torch.nn.Linear(784, 10, bias=True)\ncriterion = torch.nn.CrossEntropyLoss()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)',
      reference: { preset: 'mnist-linear-sgd' },
    },
    {
      id: 'batch',
      title: 'lessons.mnist-linear.batch.title',
      texts: ['lessons.mnist-linear.batch.do', 'lessons.mnist-linear.batch.watch'],
      setup: { preset: 'mnist-linear-sgd', batchSize: '100', epochs: '5' },
      goal: { kind: 'accuracyAtLeast', value: 0.91, dataset: 'mnist' },
      code: 'loader = DataLoader(train_data, batch_size=100, shuffle=True, drop_last=True)',
    },
  ],
};
