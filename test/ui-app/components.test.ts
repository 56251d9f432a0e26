// @vitest-environment jsdom
// The setup form, the run buttons, the model panel and the no-WebGPU page as
// a user meets them, by role and label (charts and the GPU stay out: jsdom has neither).
import { createElement as h } from 'react';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkerRequest } from '../../src/train/messages.ts';
import { rawText } from '../../src/ui/app/i18n/translator.ts';
import { NoWebGpu } from '../../src/ui/app/NoWebGpu.tsx';
import { useAppStore } from '../../src/ui/app/store/store.ts';
import { connectPort } from '../../src/ui/app/store/worker-port.ts';
import { ModelPanel } from '../../src/ui/model-io/ModelPanel.tsx';
import { SetupPanel } from '../../src/ui/setup/SetupPanel.tsx';
import { TrainControls } from '../../src/ui/train/TrainControls.tsx';

const initial = useAppStore.getState();
let sent: WorkerRequest[];

beforeEach(() => {
  useAppStore.setState({ ...initial, gpuStatus: 'ready', adapterName: 'test' }, true);
  sent = [];
  connectPort((request) => sent.push(request));
});

afterEach(() => {
  cleanup();
  connectPort(null);
});

describe('SetupPanel', () => {
  it('shows a bad value’s problem beside the field, tied to it for screen readers', () => {
    render(h(SetupPanel));
    const lr = screen.getByLabelText('Learning rate');
    expect(lr.getAttribute('aria-invalid')).toBe('false');
    fireEvent.change(lr, { target: { value: '0' } });
    expect(lr.getAttribute('aria-invalid')).toBe('true');
    const message = screen.getByText('Learning rate must be a positive finite number, got 0');
    expect(lr.getAttribute('aria-describedby')!.split(' ')).toContain(message.id);
    // Beside the field: in the same field wrapper as the input.
    expect(message.closest('.field')).toBe(lr.closest('.field'));
    fireEvent.change(lr, { target: { value: '0.01' } });
    expect(screen.queryByText(/Learning rate must be/)).toBeNull();
  });

  it('explains a setting on demand, beside its field and in its description', () => {
    render(h(SetupPanel));
    const lr = screen.getByLabelText('Learning rate');
    const help = screen.getByRole('button', { name: 'About Learning rate' });
    expect(help.getAttribute('aria-expanded')).toBe('false');
    expect(lr.getAttribute('aria-describedby') ?? '').not.toContain(help.getAttribute('aria-controls')!);
    fireEvent.click(help);
    expect(help.getAttribute('aria-expanded')).toBe('true');
    const text = document.getElementById(help.getAttribute('aria-controls')!)!;
    expect(text.hidden).toBe(false);
    expect(text.textContent).toMatch(/^How far each step moves the weights\. .*0\.001 for Adam/);
    expect(lr.getAttribute('aria-describedby')!.split(' ')).toContain(text.id);
    // In Korean, the same button is named in Korean.
    act(() => useAppStore.getState().setLanguage('ko'));
    expect(screen.getByRole('button', { name: '학습률 설명' }).getAttribute('aria-expanded')).toBe('true');
    expect(text.textContent).toMatch(/^한 단계에서 가중치를 얼마나 크게 움직일지 정합니다\./);
  });

  it('lists every preset and Custom, and editing the model makes it Custom', () => {
    render(h(SetupPanel));
    const preset = screen.getByLabelText('Preset') as HTMLSelectElement;
    expect(Array.from(preset.options).map((o) => o.value)).toEqual([
      'mnist-linear-sgd',
      'mnist-mlp-adam',
      'blobs-xor',
      'fashion-dnn-sgd',
      'fashion-dnn-dropout',
      'fashion-tutorial',
      'mnist-cnn',
      'fashion-cnn',
      'custom',
    ]);
    expect(preset.value).toBe('mnist-mlp-adam');
    fireEvent.click(screen.getByRole('button', { name: 'Add hidden layer' }));
    expect(screen.getByLabelText('Hidden layer 3 units')).toBeTruthy();
    expect(preset.value).toBe('custom');
    fireEvent.click(screen.getByRole('button', { name: 'Remove hidden layer 3' }));
    expect(preset.value).toBe('mnist-mlp-adam');
  });

  it('builds convolution blocks, shows each layer’s output shape, and refuses a kernel that does not fit beside its field', () => {
    render(h(SetupPanel));
    const preset = screen.getByLabelText('Preset') as HTMLSelectElement;
    fireEvent.change(preset, { target: { value: 'mnist-cnn' } });
    expect((screen.getByLabelText('Block 1 channels') as HTMLInputElement).value).toBe('32');
    expect((screen.getByLabelText('Block 2 channels') as HTMLInputElement).value).toBe('64');
    expect(screen.getByText(/1×28×28 → 32×28×28 → 32×14×14 → 64×14×14 → 64×7×7 → 3136 → 10 · 50,186 weights and biases/)).toBeTruthy();
    // Each layer's row: 32 filters of 1×3×3 plus 32 biases; 64 of 32×3×3 plus 64; 3136 × 10 plus 10.
    const rows = Array.from(screen.getByRole('table', { name: 'Layers' }).querySelectorAll('tbody tr'), (row) =>
      Array.from(row.querySelectorAll('td'), (cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['0: Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))', '32×28×28', '320'],
      ['1: ReLU()', '32×28×28', '0'],
      ['2: MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)', '32×14×14', '0'],
      ['3: Conv2d(32, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))', '64×14×14', '18,496'],
      ['4: ReLU()', '64×14×14', '0'],
      ['5: MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)', '64×7×7', '0'],
      ['6: Flatten()', '3136', '0'],
      ['7: Linear(3136, 10)', '10', '31,370'],
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Add convolution block' }));
    expect(preset.value).toBe('custom');
    expect((screen.getByLabelText('Block 3 channels') as HTMLInputElement).value).toBe('128');
    fireEvent.change(screen.getByLabelText('Block 3 kernel size'), { target: { value: '9' } });
    fireEvent.change(screen.getByLabelText('Block 3 padding'), { target: { value: '0' } });
    expect(screen.getByText(/A 9×9 kernel and a 2×2 pool do not fit the 64×7×7 image this block gets/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove convolution block 3' }));
    expect(preset.value).toBe('mnist-cnn');
  });

  it('shows the setup as a PyTorch script, which follows the settings', () => {
    render(h(SetupPanel));
    fireEvent.change(screen.getByLabelText('Preset') as HTMLSelectElement, { target: { value: 'mnist-cnn' } });
    fireEvent.click(screen.getByRole('button', { name: 'PyTorch code' }));
    const panel = screen.getByRole('region', { name: 'PyTorch script of this setup' });
    const code = panel.querySelector('code')!.textContent!;
    expect(code).toContain('nn.Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1)),');
    expect(code).toContain('nn.Linear(3136, 10),');
    expect(code).toMatch(/torch\.optim\.Adam\(/);
    expect(screen.getByRole('button', { name: 'Download .py' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Block 2 channels'), { target: { value: '16' } });
    expect(panel.querySelector('code')!.textContent).toContain('nn.Linear(784, 10),');
  });

  it('offers the three optimizers, with momentum for SGD only', () => {
    render(h(SetupPanel));
    const optimizer = screen.getByLabelText('Optimizer') as HTMLSelectElement;
    expect(Array.from(optimizer.options).map((o) => o.textContent)).toEqual(['SGD', 'Adam', 'RMSprop']);
    expect(screen.queryByLabelText('Momentum')).toBeNull();
    fireEvent.change(optimizer, { target: { value: 'sgd' } });
    expect(screen.getByLabelText('Momentum')).toBeTruthy();
  });

  it('choosing Blobs loads it in the worker and hides the image-only fields', () => {
    render(h(SetupPanel));
    fireEvent.change(screen.getByLabelText('Dataset'), { target: { value: 'blobs' } });
    expect(sent.at(-1)).toEqual({ type: 'use-dataset', dataset: 'blobs', seed: 0 });
    expect((screen.getByLabelText('Preset') as HTMLSelectElement).value).toBe('blobs-xor');
    expect(screen.queryByLabelText('Training images')).toBeNull();
  });
});

describe('TrainControls', () => {
  const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

  it('enables what makes sense for the run’s state', () => {
    render(h(TrainControls));
    expect([button('Train'), button('Pause'), button('Resume'), button('Step'), button('Reset')].map((b) => b.disabled)).toEqual([false, true, true, false, true]);
    fireEvent.click(button('Train'));
    expect(sent.at(-1)).toMatchObject({ type: 'train' });
    expect([button('Train'), button('Pause'), button('Resume'), button('Step')].map((b) => b.disabled)).toEqual([true, false, true, true]);
    fireEvent.click(button('Pause'));
    expect([button('Pause'), button('Resume'), button('Step'), button('Reset')].map((b) => b.disabled)).toEqual([true, false, false, false]);
    expect(screen.getByRole('status', { name: 'Training status' }).textContent).toMatch(/^Paused/);
  });

  it('says why it cannot train', () => {
    useAppStore.getState().setText('epochs', 'many');
    render(h(TrainControls));
    expect(button('Train').disabled).toBe(true);
    expect(screen.getByRole('status', { name: 'Training status' }).textContent).toBe('Fix the highlighted settings to train.');
  });
});

describe('ModelPanel', () => {
  it('shows a loaded file’s name and metadata as text, never as HTML', () => {
    useAppStore.setState({
      currentModel: {
        source: 'loaded',
        dataset: 'mnist',
        architecture: 'nn.Sequential(Linear(784, 10))',
        shape: '784-10',
        classNames: [],
        takesImages: true,
        fileName: '<img src=x onerror=alert(1)>.safetensors',
        metadata: [['note', '<script>alert(1)</script>']],
        architectureKnown: false,
      },
    });
    const { container } = render(h(ModelPanel));
    expect(screen.getByText('<img src=x onerror=alert(1)>.safetensors')).toBeTruthy();
    expect(screen.getByText('<script>alert(1)</script>', { exact: false })).toBeTruthy();
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByLabelText('Load model').getAttribute('type')).toBe('file');
    fireEvent.click(screen.getByRole('button', { name: 'Save model' }));
    expect(sent.at(-1)).toEqual({ type: 'export-weights', purpose: 'download', format: 'safetensors' });
  });
});

describe('NoWebGpu', () => {
  it('says what is missing and how to get it', () => {
    render(h(NoWebGpu, { reason: 'no-webgpu', problem: rawText('navigator.gpu is missing') }));
    const card = screen.getByRole('region', { name: 'This browser does not offer WebGPU' });
    expect(within(card).getByText(/Chrome or Edge 113 or newer/)).toBeTruthy();
    expect(within(card).getByText('chrome://gpu')).toBeTruthy();
    expect(within(card).getByText(/navigator.gpu is missing/)).toBeTruthy();
  });
});
