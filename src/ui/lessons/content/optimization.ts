// Tutorial 5: PyTorch's "optimizing model parameters": the train and test
// loops, learning rates too large and too small, other optimizers, torch.save.
import type { Lesson } from '../lesson.ts';

export const optimization: Lesson = {
  id: 'optimization',
  title: 'lessons.optimization.title',
  summary: 'lessons.optimization.summary',
  steps: [
    {
      id: 'loop',
      title: 'lessons.optimization.loop.title',
      texts: ['lessons.optimization.loop.do', 'lessons.optimization.loop.watch'],
      setup: { preset: 'fashion-tutorial' },
      goal: { kind: 'finished', dataset: 'fashion-mnist' },
      code: 'learning_rate = 1e-3\nbatch_size = 64\nepochs = 10\nloss_fn = nn.CrossEntropyLoss()\noptimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)',
      reference: { preset: 'fashion-tutorial' },
    },
    {
      id: 'too-large',
      title: 'lessons.optimization.large.title',
      texts: ['lessons.optimization.large.do', 'lessons.optimization.large.watch'],
      // Without the trailing ReLU: dead outputs would hold the loss at ln 10 instead of letting it explode.
      setup: { preset: 'fashion-tutorial', reluAfterLast: false, lr: '100', epochs: '2' },
      goal: { kind: 'exploded', dataset: 'fashion-mnist' },
      code: 'optimizer = torch.optim.SGD(model.parameters(), lr=100)',
    },
    {
      id: 'too-small',
      title: 'lessons.optimization.small.title',
      texts: ['lessons.optimization.small.do', 'lessons.optimization.small.watch'],
      setup: { preset: 'fashion-tutorial', reluAfterLast: false, lr: '0.00001', epochs: '2' },
      goal: { kind: 'flat', dataset: 'fashion-mnist' },
      code: 'optimizer = torch.optim.SGD(model.parameters(), lr=1e-5)',
    },
    {
      id: 'optimizers',
      title: 'lessons.optimization.optimizers.title',
      texts: ['lessons.optimization.optimizers.do', 'lessons.optimization.optimizers.watch'],
      setup: { preset: 'fashion-tutorial', reluAfterLast: false, optimizer: 'adam', lr: '0.001', epochs: '5' },
      goal: { kind: 'accuracyAtLeast', value: 0.85, dataset: 'fashion-mnist' },
      code: 'optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)\noptimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3)',
    },
    {
      id: 'save',
      title: 'lessons.optimization.save.title',
      texts: ['lessons.optimization.save.do', 'lessons.optimization.save.watch'],
      setup: { section: 'model' },
      goal: { kind: 'saved' },
      code: "torch.save(model.state_dict(), 'data/model.pth')",
    },
  ],
};
