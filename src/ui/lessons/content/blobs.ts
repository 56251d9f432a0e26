// Tutorial 3: a 2-5-1 network on four blobs in an XOR pattern, BCE, and a saved state_dict.
import type { Lesson } from '../lesson.ts';

export const blobs: Lesson = {
  id: 'blobs',
  title: 'lessons.blobs.title',
  summary: 'lessons.blobs.summary',
  steps: [
    {
      id: 'first-epochs',
      title: 'lessons.blobs.first.title',
      texts: ['lessons.blobs.first.do', 'lessons.blobs.first.watch'],
      // 20 epochs: a run short enough to watch to its end (and for the e2e test on SwiftShader).
      setup: { preset: 'blobs-xor', epochs: '20' },
      goal: { kind: 'lossFell', dataset: 'blobs' },
      code: 'model = NeuralNet(2, 5)  # Linear(2, 5), ReLU, Linear(5, 1), Sigmoid\ncriterion = torch.nn.BCELoss()',
      reference: { metric: 'testLoss', value: 0.65, source: 'lessons.source.beforeTraining' },
    },
    {
      id: 'train',
      title: 'lessons.blobs.train.title',
      texts: ['lessons.blobs.train.do', 'lessons.blobs.train.watch'],
      setup: { preset: 'blobs-xor' },
      goal: { kind: 'testLossBelow', value: 0.1, dataset: 'blobs' },
      code: 'optimizer = torch.optim.SGD(model.parameters(), lr=0.03)\nfor epoch in range(2000):\n    ...',
      reference: { preset: 'blobs-xor' },
    },
    {
      id: 'save',
      title: 'lessons.blobs.save.title',
      texts: ['lessons.blobs.save.do', 'lessons.blobs.save.watch'],
      setup: { section: 'model' },
      goal: { kind: 'saved' },
      code: "torch.save(model.state_dict(), './model.pt')\nmodel.load_state_dict(torch.load('./model.pt'))",
    },
  ],
};
