// @vitest-environment jsdom
// The whole page rendered in Korean, in the states a learner meets (ready,
// trained with results and a comparison, diverged with bad settings, blobs
// while training, a lost device, no WebGPU): no English word may show outside
// the names that are the same in both languages. Text marked lang="en" (the
// English terms beside Korean labels), code, and what comes from the user's
// own file (its name, its metadata) are left out; so is an English term in
// parentheses right after its Korean one, the glossary's style: 손실(loss).
import { createElement as h } from 'react';
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../src/train/messages.ts';
import { App } from '../../src/ui/app/App.tsx';
import { ko } from '../../src/ui/app/i18n/ko.ts';
import { msg } from '../../src/ui/app/i18n/translator.ts';
import { divergenceMessage, engineError, gpuRecoveredMessage, pretrainedMessage } from '../../src/ui/app/i18n/worker-text.ts';
import { NoWebGpu } from '../../src/ui/app/NoWebGpu.tsx';
import { settingsFromPreset } from '../../src/ui/app/store/settings.ts';
import { useAppStore } from '../../src/ui/app/store/store.ts';
import { idleRun } from '../../src/ui/app/store/train-slice.ts';
import { connectPort } from '../../src/ui/app/store/worker-port.ts';

/** Names, units and symbols that are the same in Korean and English text. */
const allowed = new Set(
  [
    'MNIST', 'Fashion-MNIST', 'SGD', 'Adam', 'RMSprop', 'ReLU', 'PyTorch', 'WebGPU', 'GPU', 'GPU:', 'WGSL', 'TypeScript', 'CNN', 'MLP',
    'safetensors', '.safetensors', 'pt', 'pth', 'Linear', 'XOR', 'BCE', 'NaN', 'MiB', 'ms', 'English', 'SwiftShader',
    // The no-WebGPU page: browsers, systems and addresses.
    'Chrome', 'Edge', 'Firefox', 'Nightly', 'Safari', 'Technology', 'Preview', 'Windows', 'macOS', 'ChromeOS', 'Linux', 'https', 'http',
    'localhost', 'navigator.gpu',
  ].map((word) => word.toLowerCase()),
);

const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** Every English word the page shows or names (text, accessible names, tooltips) outside the allow-list. */
function englishWords(root: Element): string[] {
  const texts: string[] = [];
  const skipped = '[lang="en"], code, pre, .model-io__file, .model-io__metadata';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.parentElement?.closest(skipped)) texts.push(node.textContent ?? '');
  }
  for (const element of root.querySelectorAll('*')) {
    if (element.closest(skipped)) continue;
    for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) texts.push(element.getAttribute(attribute) ?? '');
  }
  const text = texts.join('\n').replace(/([\uac00-\ud7a3])\([A-Za-z][A-Za-z -]*\)/g, '$1');
  const words = text.match(/[A-Za-z][A-Za-z0-9._/-]*[A-Za-z0-9]/g) ?? [];
  return [...new Set(words.filter((word) => !allowed.has(word.toLowerCase()) && !word.endsWith('.safetensors')))];
}

const initial = useAppStore.getState();

beforeEach(() => {
  useAppStore.setState({ ...initial, language: 'ko', gpuStatus: 'ready', adapterName: 'SwiftShader' }, true);
  connectPort(() => {});
});

afterEach(() => {
  cleanup();
  connectPort(null);
});

const fashionModel: ModelInfo = {
  source: 'loaded',
  dataset: 'fashion-mnist',
  architecture: 'nn.Sequential(Linear(784, 10))',
  shape: '784-10',
  classNames: FASHION,
  fileName: 'my-model.safetensors',
  metadata: [['format', 'webgpu-training-playground']],
  architectureKnown: false,
  takesImages: true,
  epochs: 2,
  testAccuracy: 0.84,
};

const steps = Array.from({ length: 20 }, (_, i) => i + 1);
const epoch = (n: number) => ({ type: 'epoch' as const, epoch: n, trainLoss: 0.6, trainAccuracy: 0.82 + n / 100, testLoss: 0.55, testAccuracy: 0.8 + n / 100, seconds: 3, samplesPerSecond: 2000 });

describe('the page in Korean', () => {
  it('after a run with results, a comparison and a loaded model', () => {
    const matrix = FASHION.map((_, i) => FASHION.map((__, j) => (i === j ? 80 : 2)));
    useAppStore.setState({
      settings: settingsFromPreset('fashion-tutorial'),
      datasets: { 'fashion-mnist': { status: 'ready', message: null, trainCount: 60000, testCount: 10000, points: null } },
      run: { ...idleRun, id: 1, status: 'done', dataset: 'fashion-mnist', stepsPerEpoch: 10, totalSteps: 20, epochs: 2, final: { testLoss: 0.5, testAccuracy: 0.84, steps: 20, stoppedEarly: true } },
      lossSteps: steps,
      lossValues: steps.map((s) => 2 / s),
      epochResults: [epoch(1), epoch(2)],
      progress: { type: 'progress', epoch: 2, epochs: 2, stepInEpoch: 10, stepsPerEpoch: 10, steps: 20, samplesPerSecond: 2000, secondsLeft: 0 },
      results: { epoch: 2, classNames: FASHION, matrix, misclassified: [{ pixels: new Float32Array(784), predicted: 6, label: 0, index: 17 }], accuracy: 0.84, pass: 1 },
      currentModel: fashionModel,
      drawingModel: fashionModel,
      probabilities: [0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.5, 0.05, 0.05, 0.05],
      modelNotice: msg('model.loaded', { file: 'my-model.safetensors' }),
      modelProblem: msg('model.nothingToSave'),
      gpuRecovered: gpuRecoveredMessage('The GPU device was lost (–) and recovered: your model is back as of its last checkpoint (epoch 2).'),
      compare: { id: 1, status: 'done', runs: [{ optimizer: 'sgd', lr: '0.1', momentum: '0.9' }, { optimizer: 'adam', lr: '0.001', momentum: '0' }], totalSteps: 100, step: 100, target: 0.9, message: null, stoppedEarly: true },
      compareSummaries: [
        { label: 'A: SGD, lr 0.1, momentum 0.9', steps: 100, seconds: 12.5, firstTrainLoss: 2.3, finalTrainLoss: 0.4, finalTestLoss: 0.45, finalTestAccuracy: 0.91, reachedTarget: { step: 80, seconds: 10.1 }, diverged: null },
        { label: 'B: Adam, lr 0.001', steps: 40, seconds: 4, firstTrainLoss: 2.3, finalTrainLoss: NaN, finalTestLoss: NaN, finalTestAccuracy: 0.1, reachedTarget: null, diverged: 'diverged at step 40 (the loss became infinite or NaN): try a smaller learning rate' },
      ],
      lrFinder: {
        id: 1,
        status: 'done',
        steps: 100,
        startLr: 1e-6,
        endLr: 10,
        points: [1e-6, 1e-4, 1e-2, 1].map((lr, i) => ({ lr, loss: [2.3, 2.2, 1.0, 9][i]!, smoothed: [2.3, 2.25, 1.5, 6][i]! })),
        suggestion: { lr: 0.001, minimumLr: 0.01, minimumLoss: 1.5, steepestLr: 0.001 },
        ended: 'exploded',
        message: null,
      },
    });
    const { container } = render(h(App));
    expect(container.textContent).toContain('티셔츠/탑');
    // A Fashion-MNIST model answers the pad: it asks for clothing, as the dataset's module says.
    expect(container.textContent).toContain(ko['draw.lead.clothing']);
    expect(container.textContent).toContain('추천 학습률: 0.001');
    expect(container.textContent).toContain('B: Adam, 학습률 0.001: 40단계에서 발산했습니다');
    expect(englishWords(container)).toEqual([]);
  });

  it('after a divergence, with bad settings and a comparison out of memory', () => {
    useAppStore.setState({
      settings: { ...settingsFromPreset('mnist-linear-sgd'), lr: '-1', momentum: '2', dropout: 'x', seed: '' },
      datasets: { mnist: { status: 'ready', message: null, trainCount: 60000, testCount: 10000, points: null } },
      run: {
        ...idleRun,
        id: 2,
        status: 'diverged',
        dataset: 'mnist',
        message: divergenceMessage(
          'the loss exploded (over 1000× its first value) at step 12: training stopped and the last good weights were kept. Try a smaller learning rate (now 100000).',
        ),
      },
      lossSteps: [1, 2, 3],
      lossValues: [2.3, 40, Infinity],
      compare: { ...initial.compare, id: 3, status: 'failed', message: engineError(
        'the GPU ran out of memory setting up this model: it needs about 900.0 MiB, the most for layer 0 Linear(784, 4096) (850.0 MiB for its weights, gradients and optimizer state, and its activations for a batch of 1000). Make that layer smaller or the batch smaller, or close other pages using the GPU. (The device said: out of memory)',
      ) },
      pretrained: { available: true, message: pretrainedMessage('A pretrained MNIST model answers until you train your own.') },
    });
    const { container } = render(h(App));
    expect(container.textContent).toContain('12단계에서 손실이 폭발했습니다');
    expect(container.textContent).toContain('GPU 메모리가 부족해졌습니다');
    expect(container.textContent).toContain('학습률은 0보다 큰 유한한 수여야 합니다');
    expect(englishWords(container)).toEqual([]);
  });

  it('while the blobs train, with no pretrained model', () => {
    const blobs: ModelInfo = { source: 'training', dataset: 'blobs', architecture: 'nn.Sequential(Linear(2, 5), ReLU(), Linear(5, 1), Sigmoid())', shape: '2-5-1', classNames: ['0', '1'], takesImages: false };
    useAppStore.setState({
      settings: settingsFromPreset('blobs-xor'),
      datasets: { blobs: { status: 'ready', message: null, trainCount: 80, testCount: 20, points: [{ x: 1, y: 1, label: 0, split: 'train' }, { x: -1, y: 1, label: 1, split: 'test' }] } },
      run: { ...idleRun, id: 4, status: 'running', dataset: 'blobs', stepsPerEpoch: 1, totalSteps: 2000, epochs: 2000 },
      lossSteps: steps,
      lossValues: steps.map((s) => 0.7 / s),
      progress: { type: 'progress', epoch: 20, epochs: 2000, stepInEpoch: 1, stepsPerEpoch: 1, steps: 20, samplesPerSecond: 800, secondsLeft: 185 },
      grid: { resolution: 2, extent: [-2, 2, -2, 2], values: new Float32Array([0.1, 0.9, 0.9, 0.1]) },
      currentModel: blobs,
      drawingModel: null,
      pretrained: { available: false, message: pretrainedMessage('No pretrained model is available (models/mnist-mlp.safetensors is not on the server). Train a model and it will answer your drawings.') },
    });
    const { container } = render(h(App));
    expect(container.textContent).toContain('3분 5초');
    expect(container.textContent).toContain('사전 학습된 모델이 없습니다');
    expect(englishWords(container)).toEqual([]);
  });

  it('when the GPU device is lost', () => {
    useAppStore.setState({ gpuStatus: 'lost', gpuProblem: msg('gpu.lostDuringRun') });
    const { container } = render(h(App));
    expect(container.textContent).toContain('GPU 장치와의 연결이 끊어졌습니다');
    expect(englishWords(container)).toEqual([]);
  });

  it('without WebGPU', () => {
    const { container } = render(h(NoWebGpu, { reason: 'no-adapter', problem: msg('gpu.noAdapter') }));
    expect(container.textContent).toContain('쓸 수 있는 GPU가 없습니다');
    expect(englishWords(container)).toEqual([]);
  });

  it('finds English where there is some (the check itself works)', () => {
    useAppStore.setState({ language: 'en' });
    const { container } = render(h(App));
    expect(englishWords(container)).toEqual(expect.arrayContaining(['Train', 'Learning', 'rate']));
  });
});
