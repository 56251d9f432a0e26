// Compare with six runs when the GPU refuses one of them: the worker takes back
// the sessions it made before the refusal and passes the refusal on, so the
// device goes on working and the page shows why (the real out-of-memory path,
// Gpu.allocateOrRefuse, is tested with the engine; here its answer is forced).
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { TrainConfig } from '../../src/train/config.ts';
import type { CompareRun, WorkerEvent } from '../../src/train/messages.ts';
import { TrainingSession } from '../../src/train/session.ts';
import { testGpu } from '../gpu.ts';

const posted: WorkerEvent[] = [];
// The worker's modules post through `self`: in Node a recorder stands in for it.
vi.stubGlobal('self', { postMessage: (event: WorkerEvent) => posted.push(event) });
const { worker } = await import('../../src/train/worker/state.ts');
const { startCompare, stopCompare } = await import('../../src/train/worker/comparison.ts');

const config: TrainConfig = {
  dataset: 'blobs',
  layers: [{ type: 'linear', in: 2, out: 5 }, { type: 'relu' }, { type: 'linear', in: 5, out: 1 }, { type: 'sigmoid' }],
  loss: 'bce',
  optimizer: { type: 'sgd', lr: 0.1 },
  batchSize: 80,
  epochs: 1,
  seed: 0,
  shuffle: true,
  flip: false,
};
const runs: CompareRun[] = ['sgd', 'adam', 'rmsprop', 'sgd', 'adam', 'rmsprop'].map((type, i) => ({
  label: 'ABCDEF'[i]!,
  optimizer: { type, lr: 0.01 } as CompareRun['optimizer'],
}));

afterEach(() => vi.restoreAllMocks());
// The files after this one share its process (vite.config.ts): `self` goes back as it was.
afterAll(() => vi.unstubAllGlobals());

describe('Compare refused by the GPU', () => {
  it('takes back the runs made before the one refused, and keeps no comparison', async () => {
    const gpu = await testGpu();
    worker.gpu = gpu;
    const real = gpu.allocateOrRefuse.bind(gpu);
    let made = 0;
    const refusal = 'the GPU ran out of memory setting up this model: it needs about 9000.0 MiB';
    vi.spyOn(gpu, 'allocateOrRefuse').mockImplementation(((...args: Parameters<typeof real>) =>
      ++made === 4 ? Promise.reject(new Error(refusal)) : real(...args)) as typeof real);
    const destroyed = vi.spyOn(TrainingSession.prototype, 'destroy');
    await expect(startCompare({ type: 'compare', runId: 1, config, data: { trainLimit: null }, runs, maxSteps: 5, targetAccuracy: 0.9 })).rejects.toThrow(refusal);
    expect(made).toBe(4);
    expect(destroyed).toHaveBeenCalledTimes(3);
    expect(worker.comparison).toBeNull();
    expect(posted.some((e) => e.type === 'compare-started')).toBe(false);
  }, 300_000);

  it('then compares all six once the GPU has room', async () => {
    posted.length = 0;
    await startCompare({ type: 'compare', runId: 2, config, data: { trainLimit: null }, runs, maxSteps: 5, targetAccuracy: 0.9 });
    await worker.comparison!.finished;
    await stopCompare();
    const done = posted.find((e) => e.type === 'compare-done');
    if (done?.type !== 'compare-done') throw new Error('no compare-done');
    expect(done.summaries.map((s) => s.steps)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(new Set(done.summaries.map((s) => s.firstTrainLoss)).size).toBe(1);
  }, 300_000);
});
