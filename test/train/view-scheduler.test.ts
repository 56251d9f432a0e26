// When the worker computes the views (src/train/worker/views/scheduler.ts):
// only those the page shows, once when shown and when the model changes, every
// N steps but not more often than the view's interval while a run trains its
// model, and one computation at a time with later triggers folded into one.
// The model is a stand-in whose weight read the test answers by hand.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerEvent } from '../../src/train/messages.ts';

const posted: WorkerEvent[] = [];
let reads: ((values: Float32Array) => void)[] = [];

// The worker posts through `self`; Node has none, so the test gives it one before the import.
(globalThis as { self?: unknown }).self = { postMessage: (event: WorkerEvent) => posted.push(event) };
const { worker } = await import('../../src/train/worker/state.ts');
const scheduler = await import('../../src/train/worker/views/scheduler.ts');
const { viewById } = await import('../../src/train/worker/views/registry.ts');

const session = {};
/** Linear(4, 2) on 2×2 "images": the first-layer weights view reads its [2, 4] weight. */
const model = {
  layers: [{ type: 'linear', in: 4, out: 2 }],
  inputShape: [4],
  inputs: 4,
  parameters: {
    get: () => ({ shape: [2, 4], size: 8, readFloat32: () => new Promise<Float32Array>((resolve) => reads.push(resolve)) }),
  },
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const viewEvents = () => posted.filter((event) => event.type === 'view');
let now = 0;

beforeAll(() => {
  vi.spyOn(performance, 'now').mockImplementation(() => now);
});

beforeEach(() => {
  posted.length = 0;
  reads = [];
  now = 0;
  worker.gpu = {} as never;
  worker.current = { model, session, info: { takesImages: true } } as never;
  worker.run = { session } as never;
});

afterEach(async () => {
  // Answer whatever is still reading, then hide everything, so tests do not share work in flight.
  while (reads.length > 0) {
    reads.shift()!(new Float32Array(8));
    await settle();
  }
  scheduler.setShownViews([]);
  scheduler.forgetViewWork();
});

describe('the view scheduler', () => {
  it('computes nothing for views nobody shows', async () => {
    scheduler.modelsChanged();
    scheduler.stepsTaken(100);
    scheduler.epochEnded();
    scheduler.drawingChanged(new Float32Array(4));
    await settle();
    expect(reads).toHaveLength(0);
    expect(viewEvents()).toHaveLength(0);
  });

  it('computes a view when it is shown and posts its data as one view event', async () => {
    scheduler.setShownViews(['first-layer-weights', 'no-such-view']);
    expect(reads).toHaveLength(1);
    reads.shift()!(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    await settle();
    const [event] = viewEvents();
    expect(event).toMatchObject({ type: 'view', id: 'first-layer-weights', data: { kind: 'units', images: { layer: 0, shape: [2, 2, 2] } } });
  });

  it('folds the triggers that come while it computes into one more computation', async () => {
    scheduler.setShownViews(['first-layer-weights']);
    scheduler.modelsChanged();
    scheduler.modelsChanged();
    scheduler.epochEnded();
    expect(reads).toHaveLength(1);
    reads.shift()!(new Float32Array(8));
    await settle();
    expect(reads).toHaveLength(1);
    reads.shift()!(new Float32Array(8));
    await settle();
    expect(reads).toHaveLength(0);
    expect(viewEvents()).toHaveLength(2);
  });

  it('follows a run every 10 steps, at most once per 500 ms, and not a model no run trains', async () => {
    scheduler.setShownViews(['first-layer-weights']);
    reads.shift()!(new Float32Array(8));
    await settle();
    const readsAfter = async (steps: number, ms: number) => {
      now = ms;
      scheduler.stepsTaken(steps);
      const count = reads.length;
      while (reads.length > 0) {
        reads.shift()!(new Float32Array(8));
        await settle();
      }
      return count;
    };
    expect(await readsAfter(5, 0)).toBe(1);
    expect(await readsAfter(15, 300)).toBe(0); // 10 steps, but only 300 ms since the last
    expect(await readsAfter(16, 600)).toBe(1);
    expect(await readsAfter(20, 2000)).toBe(0); // 4 steps since the last
    worker.run = null;
    expect(await readsAfter(100, 5000)).toBe(0);
  });

  it('tells a view it is hidden, once its computation in flight is done', async () => {
    const view = viewById('first-layer-weights')! as { hide?: () => void };
    const hide = vi.fn();
    view.hide = hide;
    try {
      scheduler.setShownViews(['first-layer-weights']);
      scheduler.setShownViews(['first-layer-weights']);
      expect(hide).not.toHaveBeenCalled();
      scheduler.setShownViews([]);
      expect(hide).not.toHaveBeenCalled(); // its weights are still being read
      reads.shift()!(new Float32Array(8));
      await settle();
      expect(hide).toHaveBeenCalledTimes(1);
      expect(viewEvents()).toHaveLength(0);
      scheduler.setShownViews(['first-layer-weights']);
      reads.shift()!(new Float32Array(8));
      await settle();
      scheduler.setShownViews([]);
      expect(hide).toHaveBeenCalledTimes(2);
    } finally {
      delete view.hide;
    }
  });

  it('answers a drawing only in the views that follow the drawing', async () => {
    scheduler.setShownViews(['first-layer-weights']);
    reads.shift()!(new Float32Array(8));
    await settle();
    scheduler.drawingChanged(new Float32Array(4));
    expect(reads).toHaveLength(0);
  });
});
