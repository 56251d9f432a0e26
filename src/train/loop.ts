// The training loop: epochs of steps, each epoch followed by a test pass, as
// the tutorials' train/evaluate functions do. The GPU runs ahead of the CPU;
// the loop reads the step losses every `readEvery` steps, which also keeps the
// queue from growing without bound.

import { RunControl } from './control.ts';
import type { ProgressEvent, TrainEvent } from './events.ts';
import type { LossReadout } from '../engine/loss-monitor.ts';
import type { TrainingSession } from './session.ts';

export interface LoopOptions {
  /** Epochs to train; 0 only evaluates. */
  epochs: number;
  /** Stop after this many optimizer steps in total. */
  maxSteps?: number;
  /** Steps between loss readbacks. */
  readEvery?: number;
  control?: RunControl;
  onEvent: (event: TrainEvent) => void;
  /**
   * Keeps the run's state (the CLI's --checkpoint writes it to a file): called
   * after each epoch's test pass and event, and between an epoch's steps once
   * `keepStateEvery` seconds have passed since the last call, at a loss
   * readback (so every loss so far is read), and when the run waits paused
   * after steps not kept yet. It gets the unfinished epoch's step losses;
   * awaited before training goes on. It may return false: it kept nothing
   * this time (the page's runs keep at most every few seconds), and the
   * loop asks again as if it had not called.
   */
  keepState?: (epochLosses: readonly number[]) => Promise<boolean | void>;
  keepStateEvery?: number;
  /** Wall clock in seconds (injectable for tests). */
  now?: () => number;
}

const defaultNow = () => performance.now() / 1000;

export async function runTraining(session: TrainingSession, options: LoopOptions): Promise<void> {
  const { epochs, onEvent, control = new RunControl(), now = defaultNow } = options;
  const readEvery = Math.max(1, options.readEvery ?? 10);
  const maxSteps = options.maxSteps ?? Infinity;
  const totalSteps = Math.min(maxSteps, epochs * session.batchesPerEpoch);
  // A resumed session (TrainingSession.resume) has finished its first epochs
  // already, and maybe the first steps of the next one.
  const midEpoch = session.epoch > 0 && !session.epochComplete;
  const firstEpoch = midEpoch ? session.epoch : session.epochComplete ? session.epoch + 1 : 1;
  const keepStateEvery = options.keepStateEvery ?? Infinity;
  let stateKept = now();
  // A resumed session starts from a kept state; a new one from its seed.
  let keptAtStep = session.steps;
  const keepState = async (losses: readonly number[]) => {
    if (!options.keepState || (await options.keepState(losses)) === false) return;
    stateKept = now();
    keptAtStep = session.steps;
  };
  let stoppedEarly = false;
  let epochLosses: number[] = [];
  let epochSeconds = 0;
  let epochSamples = 0;
  let stepsSinceRead = 0;
  let samplesPerSecond = 0;
  let lastEvaluation: { steps: number; loss: number; accuracy: number } | null = null;

  /** Reports the losses recorded since the last read; false once training diverged. */
  const reportLosses = (readout: LossReadout): boolean => {
    readout.losses.forEach((loss, i) => {
      const step = readout.firstStep + i;
      if (readout.divergedAtStep !== null && step >= readout.divergedAtStep) return;
      epochLosses.push(loss);
      onEvent({ type: 'step', step, epoch: session.epoch, loss });
    });
    stepsSinceRead = 0;
    if (readout.divergedAtStep === null) return true;
    session.restoreGoodWeights();
    onEvent({
      type: 'diverged',
      step: readout.divergedAtStep,
      message: `${readout.divergence === 'exploded' ? `the loss exploded (over ${session.monitor.explodeFactor}× its first value)` : 'the loss became infinite or NaN'} at step ${readout.divergedAtStep}: training stopped and the last good weights were kept. Try a smaller learning rate (now ${session.optimizer.lr}).`,
    });
    return false;
  };
  const drainLosses = async (): Promise<boolean> => reportLosses(await session.readLosses());
  const reportProgress = () => onEvent(progressOf(session, epochs, samplesPerSecond, totalSteps));

  outer: for (let epoch = firstEpoch; epoch <= epochs; epoch++) {
    const resumedSteps = epoch === firstEpoch && midEpoch ? session.stepInEpoch : 0;
    epochLosses = resumedSteps > 0 ? session.takeResumedEpochLosses() : [];
    epochSeconds = 0;
    epochSamples = 0;
    for (let b = resumedSteps; b < session.batchesPerEpoch; b++) {
      if (session.steps >= maxSteps) {
        stoppedEarly = true;
        break outer;
      }
      // A paused run keeps its state before it waits: it may wait there for long.
      if (control.paused && options.keepState && keptAtStep !== session.steps) {
        if (stepsSinceRead > 0 && !(await drainLosses())) {
          stoppedEarly = true;
          break outer;
        }
        await keepState(epochLosses);
      }
      await control.nextStepAllowed();
      if (control.stopRequested) {
        stoppedEarly = true;
        break outer;
      }
      const started = now();
      const samples = session.nextBatchSize;
      session.step();
      stepsSinceRead++;
      // The epoch's last losses are read with its test pass, below.
      const lastOfEpoch = b === session.batchesPerEpoch - 1;
      let read = false;
      if (!lastOfEpoch && (stepsSinceRead >= readEvery || control.paused)) {
        if (!(await drainLosses())) {
          stoppedEarly = true;
          break outer;
        }
        reportProgress();
        read = true;
      }
      epochSeconds += now() - started;
      epochSamples += samples;
      samplesPerSecond = epochSamples / Math.max(epochSeconds, 1e-9);
      // Not counted in the step's time: writing a checkpoint is not training.
      if (read && now() - stateKept >= keepStateEvery) await keepState(epochLosses);
    }
    // The wait counts as the last step's time: it is mostly that step's GPU work.
    const readStarted = now();
    const { evaluation: test, losses, training } = await session.evaluateWithLosses();
    epochSeconds += now() - readStarted;
    samplesPerSecond = epochSamples / Math.max(epochSeconds, 1e-9);
    if (!reportLosses(losses)) {
      stoppedEarly = true;
      break outer;
    }
    reportProgress();
    lastEvaluation = { steps: session.steps, ...test };
    onEvent({
      type: 'epoch',
      epoch,
      trainLoss: mean(epochLosses),
      trainAccuracy: training.accuracy,
      testLoss: test.loss,
      testAccuracy: test.accuracy,
      seconds: epochSeconds,
      samplesPerSecond,
      lr: session.optimizer.lr,
    });
    await keepState([]);
  }
  if (stepsSinceRead > 0 && !(await drainLosses())) stoppedEarly = true;
  // The last epoch's test pass already measured these weights, unless steps came after it.
  const final = lastEvaluation?.steps === session.steps ? lastEvaluation : await session.evaluate();
  onEvent({ type: 'done', testLoss: final.loss, testAccuracy: final.accuracy, steps: session.steps, stoppedEarly });
}

/** Where a run stands: `samplesPerSecond` 0 (not measured yet) leaves the time left unknown. */
export function progressOf(session: TrainingSession, epochs: number, samplesPerSecond: number, totalSteps = epochs * session.batchesPerEpoch): ProgressEvent {
  return {
    type: 'progress',
    epoch: session.epoch,
    epochs,
    stepInEpoch: session.stepInEpoch,
    stepsPerEpoch: session.batchesPerEpoch,
    steps: session.steps,
    samplesPerSecond,
    secondsLeft: samplesPerSecond > 0 ? ((totalSteps - session.steps) * session.config.batchSize) / samplesPerSecond : NaN,
    ...(session.config.lrSchedule ? { lr: session.optimizer.lr } : {}),
  };
}

function mean(values: number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
