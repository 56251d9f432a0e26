// The pure parts of the views: which layers "Layer activations" shows and
// under what names, how first-layer weights become images, and how the page
// tells the worker which views are on screen.
import { afterEach, describe, expect, it } from 'vitest';
import type { LayerSpec } from '../../src/engine/layer-spec.ts';
import type { WorkerRequest } from '../../src/train/messages.ts';
import { tileChannels, weightImageShape } from '../../src/train/worker/views/first-layer-weights.ts';
import { activationBlocks } from '../../src/train/worker/views/layer-activations.ts';
import { showView, viewArrived, useViewStore } from '../../src/ui/app/store/views.ts';
import { connectPort } from '../../src/ui/app/store/worker-port.ts';
import { formatValue, valueRange } from '../../src/ui/views/layer-images.ts';

describe('activationBlocks', () => {
  it('shows each layer with the activation after it, once, and leaves out Flatten', () => {
    const layers: LayerSpec[] = [
      { type: 'conv2d', in: 1, out: 4, kernel: [3, 3], padding: [1, 1] },
      { type: 'relu' },
      { type: 'maxpool2d', kernel: [2, 2] },
      { type: 'flatten' },
      { type: 'linear', in: 784, out: 16 },
      { type: 'sigmoid' },
      { type: 'dropout', p: 0.5 },
      { type: 'linear', in: 16, out: 10 },
    ];
    const blocks = activationBlocks(layers);
    expect([...blocks.keys()]).toEqual([1, 2, 6, 7]);
    expect(blocks.get(1)).toMatch(/^Conv2d\(1, 4, .*\), ReLU\(\)$/);
    expect(blocks.get(6)).toMatch(/^Linear\(784, 16\), Sigmoid\(\), Dropout\(p=0\.5\)$/);
    expect(blocks.get(7)).toBe('Linear(16, 10)');
  });
});

describe('first-layer weights as images', () => {
  it('lays a flat input of a square size out as a square, and refuses points in the plane', () => {
    expect(weightImageShape([784])).toEqual([1, 28, 28]);
    expect(weightImageShape([1, 28, 28])).toEqual([1, 28, 28]);
    expect(weightImageShape([2])).toBeNull();
    expect(weightImageShape([10])).toBeNull();
  });

  it('puts the input channels of each filter side by side', () => {
    // 1 filter, 2 channels of 1×2: [[a b], [c d]] becomes the row a b c d.
    expect(Array.from(tileChannels(Float32Array.from([1, 2, 3, 4]), 1, 2, 1, 2))).toEqual([1, 2, 3, 4]);
    // 1 filter, 2 channels of 2×1: channel 0 is the column 1 2, channel 1 the column 3 4.
    expect(Array.from(tileChannels(Float32Array.from([1, 2, 3, 4]), 1, 2, 2, 1))).toEqual([1, 3, 2, 4]);
  });

  it('formats values in four significant digits, in every language alike', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(-2.5e-7)).toBe('-2.5e-7');
    expect(valueRange(Float32Array.from([0.5, -1, NaN, 2]))).toEqual({ min: -1, max: 2 });
  });
});

describe('the views on screen', () => {
  const sent: WorkerRequest[] = [];
  afterEach(() => connectPort(null));

  it('tells the worker the set of shown views once per change, and keeps each view’s data', async () => {
    connectPort((request) => sent.push(request));
    const hideA = showView('first-layer-weights');
    const hideB = showView('layer-activations');
    const hideA2 = showView('first-layer-weights');
    await Promise.resolve();
    expect(sent).toEqual([{ type: 'views', shown: ['first-layer-weights', 'layer-activations'] }]);
    hideA();
    await Promise.resolve();
    // Still shown by its second component.
    expect(sent).toHaveLength(1);
    hideA2();
    hideB();
    await Promise.resolve();
    expect(sent.at(-1)).toEqual({ type: 'views', shown: [] });
    viewArrived({ type: 'view', id: 'layer-activations', data: null });
    expect(useViewStore.getState()['layer-activations']).toBeNull();
  });
});
