// Messages between the bench page and its training worker.

export interface TrainRequest {
  type: 'start';
  /** Stop once the test accuracy reaches this (time to 97%); null trains `maxSteps` steps and stops. */
  targetAccuracy: number | null;
  maxSteps?: number;
  /** Stop at the next progress report after this many seconds of training, target reached or not. */
  budgetSeconds?: number;
}

export interface TrainReport {
  adapter: string;
  /** Seconds to load MNIST and put it on the GPU. */
  loadSeconds: number;
  /** Seconds from the first step to the end of the evaluation that first reached the target. */
  secondsToTarget: number | null;
  epochsToTarget: number | null;
  /** Test accuracy after each epoch. */
  accuracies: number[];
  /** True when the time budget ran out first. */
  outOfTime: boolean;
  steps: number;
  trainSeconds: number;
}

export type WorkerMessage =
  | { type: 'log'; message: string }
  | { type: 'progress'; steps: number; samplesPerSecond: number }
  | { type: 'done'; report: TrainReport }
  | { type: 'error'; message: string };
