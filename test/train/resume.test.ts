// Resuming a run from a checkpoint (the CLI's --checkpoint): a run stopped
// after an epoch or within one, written to a file, read back into a new
// session and continued must end with exactly the weights of a run that
// never stopped: same batches (shuffle position), same dropout masks, same
// optimizer state, and the same epoch figures.

import { describe, expect, it } from 'vitest';
import { makeBlobs } from '../../src/data/blobs.ts';
import { SafetensorsError, serializeSafetensors } from '../../src/engine/safetensors.ts';
import type { TrainConfig } from '../../src/train/config.ts';
import { sessionData } from '../../src/train/data-source.ts';
import type { TrainEvent } from '../../src/train/events.ts';
import { RunControl } from '../../src/train/control.ts';
import { runTraining } from '../../src/train/loop.ts';
import { decodeRunCheckpoint, encodeRunCheckpoint, firstDifference } from '../../src/train/run-checkpoint.ts';
import { TrainingSession } from '../../src/train/session.ts';
import { testGpu } from '../gpu.ts';

const blobs = sessionData(makeBlobs({ seed: 3 }));
const config: TrainConfig = {
  dataset: 'blobs',
  layers: [
    { type: 'linear', in: 2, out: 16 },
    { type: 'relu' },
    { type: 'dropout', p: 0.25 },
    { type: 'linear', in: 16, out: 1 },
  ],
  loss: 'bce',
  optimizer: { type: 'adam', lr: 0.01 },
  // Not a divisor of the training points: every epoch ends with a smaller batch.
  batchSize: 24,
  epochs: 3,
  seed: 7,
  shuffle: true,
  flip: false,
};

async function train(session: TrainingSession, epochs: number): Promise<TrainEvent[]> {
  const events: TrainEvent[] = [];
  await runTraining(session, { epochs, readEvery: 5, onEvent: (event) => events.push(event) });
  return events;
}

const epochEvents = (events: TrainEvent[]) => events.filter((e) => e.type === 'epoch');

describe('resuming from a run checkpoint', () => {
  it('ends with the weights, losses and optimizer state of the run that never stopped', async () => {
    const gpu = await testGpu();
    const whole = new TrainingSession(gpu, blobs, config);
    const wholeEvents = await train(whole, 3);
    const wholeWeights = await whole.model.stateDict();
    const wholeState = await whole.optimizer.readState();

    const first = new TrainingSession(gpu, blobs, config);
    await train(first, 2);
    const file = encodeRunCheckpoint(config, await first.resumableState());
    first.destroy();

    const saved = decodeRunCheckpoint(file, 'run.safetensors');
    expect(saved.state).toMatchObject({ epochsDone: 2, steps: 2 * whole.batchesPerEpoch, optimizerSteps: 2 * whole.batchesPerEpoch });
    const resumed = new TrainingSession(gpu, blobs, config);
    resumed.resume(saved.state);
    const resumedEvents = await train(resumed, 3);

    // Only the third epoch ran, numbered as the third.
    expect(epochEvents(resumedEvents).map((e) => e.type === 'epoch' && e.epoch)).toEqual([3]);
    const steps = resumedEvents.filter((e) => e.type === 'step');
    expect(steps.map((e) => e.type === 'step' && e.step)).toEqual(
      wholeEvents.filter((e) => e.type === 'step' && e.step > 2 * whole.batchesPerEpoch).map((e) => e.type === 'step' && e.step),
    );
    expect(epochEvents(resumedEvents)[0]).toMatchObject({ trainLoss: (epochEvents(wholeEvents)[2] as { trainLoss: number }).trainLoss });
    const resumedWeights = await resumed.model.stateDict();
    resumedWeights.forEach((w, i) => expect(w.data).toEqual(wholeWeights[i]!.data));
    (await resumed.optimizer.readState()).forEach((values, i) => expect(values).toEqual(wholeState[i]));
    whole.destroy();
    resumed.destroy();
  });

  it('goes on from within an epoch: the same batches, weights and epoch figures as the run that never stopped', async () => {
    const gpu = await testGpu();
    const whole = new TrainingSession(gpu, blobs, config);
    const wholeEvents = await train(whole, 3);
    const wholeWeights = await whole.model.stateDict();

    // Stopped in the second epoch, its state kept at every loss readback.
    const first = new TrainingSession(gpu, blobs, config);
    const stopAt = whole.batchesPerEpoch + 2;
    let kept: Uint8Array | null = null;
    await runTraining(first, {
      epochs: 3,
      maxSteps: stopAt,
      readEvery: 1,
      keepStateEvery: 0,
      keepState: async (losses) => void (kept = encodeRunCheckpoint(config, await first.resumableState(losses))),
      onEvent: () => {},
    });
    first.destroy();
    const saved = decodeRunCheckpoint(kept!, 'run.safetensors');
    expect(whole.batchesPerEpoch).toBeGreaterThan(3);
    expect(saved.state).toMatchObject({ epochsDone: 1, stepInEpoch: 2, steps: stopAt });
    expect(saved.state.epochLosses).toHaveLength(2);

    const resumed = new TrainingSession(gpu, blobs, config);
    resumed.resume(saved.state);
    const resumedEvents = await train(resumed, 3);
    const epochs = epochEvents(resumedEvents);
    expect(epochs.map((e) => e.type === 'epoch' && e.epoch)).toEqual([2, 3]);
    // The second epoch's figures include the steps taken before the stop.
    for (const [i, event] of epochs.entries()) {
      const expected = epochEvents(wholeEvents)[i + 1] as Extract<TrainEvent, { type: 'epoch' }>;
      expect(event).toMatchObject({ trainLoss: expected.trainLoss, trainAccuracy: expected.trainAccuracy, testLoss: expected.testLoss });
    }
    const resumedWeights = await resumed.model.stateDict();
    resumedWeights.forEach((w, i) => expect(w.data).toEqual(wholeWeights[i]!.data));
    whole.destroy();
    resumed.destroy();
  });

  it('keeps the state of a paused run where it waits, and goes on from it as the run that never paused', async () => {
    const gpu = await testGpu();
    const whole = new TrainingSession(gpu, blobs, config);
    await train(whole, 2);
    const wholeWeights = await whole.model.stateDict();

    // Three single steps while paused (the playground's Step), no timed keeping: the loop keeps the third as it waits.
    const first = new TrainingSession(gpu, blobs, config);
    const control = new RunControl();
    control.pause();
    for (let i = 0; i < 3; i++) control.stepOnce();
    const kept: Awaited<ReturnType<TrainingSession['resumableState']>>[] = [];
    let waiting!: () => void;
    const waits = new Promise<void>((resolve) => (waiting = resolve));
    const finished = runTraining(first, {
      epochs: 2,
      readEvery: 5,
      control,
      keepState: async (losses) => {
        kept.push(await first.resumableState(losses));
        if (first.steps === 3) waiting();
      },
      onEvent: () => {},
    });
    await waits;
    control.stop();
    await finished;
    first.destroy();
    expect(kept.at(-1)).toMatchObject({ epochsDone: 0, stepInEpoch: 3, steps: 3 });
    expect(kept.at(-1)!.epochLosses).toHaveLength(3);

    const resumed = new TrainingSession(gpu, blobs, config);
    resumed.resume(kept.at(-1)!);
    await train(resumed, 2);
    (await resumed.model.stateDict()).forEach((w, i) => expect(w.data).toEqual(wholeWeights[i]!.data));
    whole.destroy();
    resumed.destroy();
  });

  it('refuses a checkpoint from another optimizer and files that are not checkpoints', async () => {
    const gpu = await testGpu();
    const adam = new TrainingSession(gpu, blobs, config);
    await train(adam, 1);
    const state = await adam.resumableState();
    const sgd = new TrainingSession(gpu, blobs, { ...config, optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 } });
    expect(() => sgd.resume(state)).toThrow(/does not fit this optimizer, which keeps 1 of \d+ values/);
    adam.destroy();
    sgd.destroy();

    const weightsOnly = serializeSafetensors([{ name: '0.weight', shape: [1], data: new Float32Array(1) }], { format: 'webgpu-training-playground' });
    expect(() => decodeRunCheckpoint(weightsOnly, 'model.safetensors')).toThrow(SafetensorsError);
    expect(() => decodeRunCheckpoint(weightsOnly, 'model.safetensors')).toThrow(/model.safetensors is not a run checkpoint/);
    const damaged = encodeRunCheckpoint(config, { ...state, epochsDone: -1 });
    expect(() => decodeRunCheckpoint(damaged, 'run.safetensors')).toThrow(/"epochsDone" is "-1", not a count/);
  });

  it('names the first setting in which two setups differ', () => {
    expect(firstDifference(config, structuredClone(config))).toBeNull();
    expect(firstDifference(config, { ...config, optimizer: { type: 'adam', lr: 0.1 } })).toBe('optimizer.lr: 0.01 → 0.1');
    expect(firstDifference({ a: 1 }, { a: 1, b: [2] })).toBe('b: not set → [2]');
  });
});
