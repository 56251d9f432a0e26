// Tutorial 4: a deep network for Fashion-MNIST; overfitting, dropout and flips.
import type { Lesson } from '../lesson.ts';

export const fashion: Lesson = {
  id: 'fashion',
  title: 'lessons.fashion.title',
  summary: 'lessons.fashion.summary',
  steps: [
    {
      id: 'sgd',
      title: 'lessons.fashion.sgd.title',
      texts: ['lessons.fashion.sgd.do', 'lessons.fashion.sgd.watch'],
      setup: { preset: 'fashion-dnn-sgd' },
      goal: { kind: 'accuracyAtLeast', value: 0.85, dataset: 'fashion-mnist' },
      code: 'model = Net()  # fc1 = Linear(784, 256), fc2 = Linear(256, 128), fc3 = Linear(128, 10)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\nloss = F.cross_entropy(output, target)',
      reference: { preset: 'fashion-dnn-sgd' },
    },
    {
      id: 'overfit',
      title: 'lessons.fashion.overfit.title',
      texts: ['lessons.fashion.overfit.do', 'lessons.fashion.overfit.watch'],
      // 1,000 images and Adam: PyTorch shows the test loss rising from about epoch 10 of 30.
      setup: { preset: 'fashion-dnn-sgd', optimizer: 'adam', lr: '0.001', trainLimit: '1000', epochs: '30' },
      goal: { kind: 'overfit', dataset: 'fashion-mnist' },
      code: 'optimizer = torch.optim.Adam(model.parameters(), lr=0.001)',
    },
    {
      id: 'dropout',
      title: 'lessons.fashion.dropout.title',
      texts: ['lessons.fashion.dropout.do', 'lessons.fashion.dropout.watch'],
      setup: { preset: 'fashion-dnn-dropout', optimizer: 'adam', lr: '0.001', trainLimit: '1000', epochs: '30' },
      goal: { kind: 'finished', dataset: 'fashion-mnist' },
      code: 'x = F.dropout(x, training=self.training, p=0.2)\ntransforms.RandomHorizontalFlip()',
    },
    {
      id: 'full',
      title: 'lessons.fashion.full.title',
      texts: ['lessons.fashion.full.do', 'lessons.fashion.full.watch'],
      setup: { preset: 'fashion-dnn-dropout' },
      goal: { kind: 'accuracyAtLeast', value: 0.85, dataset: 'fashion-mnist' },
      code: 'optimizer = torch.optim.SGD(model.parameters(), lr=0.01)\nfor epoch in range(1, 31):\n    train(model, train_loader, optimizer)\n    test_loss, test_accuracy = evaluate(model, test_loader)',
      reference: { preset: 'fashion-dnn-dropout' },
    },
  ],
};
