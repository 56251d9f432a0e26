// What a training run reports as it goes. The CLI prints these and the page's
// worker posts them; accuracy is a fraction in [0, 1].

export interface StepEvent {
  type: 'step';
  step: number;
  epoch: number;
  loss: number;
}

export interface EpochEvent {
  type: 'epoch';
  epoch: number;
  trainLoss: number;
  /**
   * Accuracy over the epoch's training batches as they were trained (dropout
   * on, the weights moving from batch to batch), counted on the GPU in the
   * training steps: what the tutorials' training loops print.
   */
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  seconds: number;
  samplesPerSecond: number;
  /** The learning rate this epoch's steps used: its schedule's rate (src/train/lr-schedule.ts), or the optimizer's. */
  lr?: number;
}

export interface ProgressEvent {
  type: 'progress';
  epoch: number;
  epochs: number;
  stepInEpoch: number;
  stepsPerEpoch: number;
  steps: number;
  samplesPerSecond: number;
  /** Seconds until the planned run ends, at the current speed. */
  secondsLeft: number;
  /** The current epoch's learning rate, when a schedule changes it (src/train/lr-schedule.ts). */
  lr?: number;
}

export interface DivergedEvent {
  type: 'diverged';
  step: number;
  message: string;
}

export interface DoneEvent {
  type: 'done';
  testLoss: number;
  testAccuracy: number;
  steps: number;
  /** True when stopped before the planned end (stop request, step limit, divergence). */
  stoppedEarly: boolean;
}

export type TrainEvent = StepEvent | EpochEvent | ProgressEvent | DivergedEvent | DoneEvent;
