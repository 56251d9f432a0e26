import { describe, expect, it } from 'vitest';
import { testGpu } from '../gpu.ts';
import { Random } from '../../src/engine/random.ts';
import { TrainingSession } from '../../src/train/session.ts';
import { runTraining } from '../../src/train/loop.ts';
import type { TrainEvent } from '../../src/train/events.ts';

function xorPoints(count: number, seed: number) {
  const random = new Random(seed);
  const centres = [[1, 1, 0], [-1, -1, 0], [1, -1, 1], [-1, 1, 1]] as const;
  const inputs = new Float32Array(count * 2);
  const labels = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const [cx, cy, label] = centres[i % 4]!;
    inputs[2 * i] = cx + 0.3 * random.normal();
    inputs[2 * i + 1] = cy + 0.3 * random.normal();
    labels[i] = label;
  }
  return { inputs, labels, count, features: 2 };
}

describe('a tiny network on XOR-like blobs', () => {
  it('learns them to a small loss and full accuracy', async () => {
    const gpu = await testGpu();
    const session = new TrainingSession(gpu, { train: xorPoints(80, 1), test: xorPoints(20, 2) }, {
      dataset: 'blobs',
      layers: [{ type: 'linear', in: 2, out: 8 }, { type: 'relu' }, { type: 'linear', in: 8, out: 1 }, { type: 'sigmoid' }],
      loss: 'bce',
      optimizer: { type: 'adam', lr: 0.05 },
      batchSize: 4,
      epochs: 15,
      seed: 3,
      shuffle: true,
      flip: false,
    });
    const events: TrainEvent[] = [];
    // Small batches: many steps per epoch, so few of the per-epoch test passes and readbacks.
    await runTraining(session, { epochs: 15, readEvery: 50, onEvent: (e) => events.push(e) });
    const done = events.find((e) => e.type === 'done');
    const steps = events.filter((e) => e.type === 'step');
    expect(steps.length).toBe(300);
    expect(steps[0]!.loss).toBeGreaterThan(0.5);
    expect(done).toMatchObject({ type: 'done', stoppedEarly: false });
    if (done?.type !== 'done') throw new Error('no done event');
    expect(done.testLoss).toBeLessThan(0.1);
    expect(done.testAccuracy).toBe(1);
    session.destroy();
  });
});
