// After the tutorials, the book's next chapter: a convolutional network.
import type { Lesson } from '../lesson.ts';

export const cnn: Lesson = {
  id: 'cnn',
  title: 'lessons.cnn.title',
  summary: 'lessons.cnn.summary',
  steps: [
    {
      id: 'mnist',
      title: 'lessons.cnn.mnist.title',
      texts: ['lessons.cnn.mnist.do', 'lessons.cnn.mnist.watch'],
      setup: { preset: 'mnist-cnn', epochs: '3' },
      goal: { kind: 'accuracyAtLeast', value: 0.985, dataset: 'mnist' },
      code: 'nn.Conv2d(1, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),\nnn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),\nnn.Flatten(), nn.Linear(64 * 7 * 7, 10)',
      reference: { preset: 'mnist-cnn' },
    },
    {
      id: 'feature-maps',
      title: 'lessons.cnn.maps.title',
      texts: ['lessons.cnn.maps.do', 'lessons.cnn.maps.watch'],
      setup: { section: 'draw' },
      goal: { kind: 'cnnAnswers' },
    },
    {
      id: 'fashion',
      title: 'lessons.cnn.fashion.title',
      texts: ['lessons.cnn.fashion.do', 'lessons.cnn.fashion.watch'],
      setup: { preset: 'fashion-cnn', epochs: '3' },
      goal: { kind: 'accuracyAtLeast', value: 0.88, dataset: 'fashion-mnist' },
      // fashion-cnn has no PyTorch figure yet: the dense network of lesson 4 is the one to beat.
      reference: { preset: 'fashion-dnn-sgd', source: 'lessons.source.denseFashion' },
    },
  ],
};
