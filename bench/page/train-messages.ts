// Messages between the bench page and its training worker.

export interface TrainRequest {
  type: 'start';
  /** Stop once the test accuracy reaches this (time to 97%); null trains `maxSteps` steps and stops. */
  targetAccuracy: number | null;
  maxSteps?: number;
}

export interface TrainReport {
  adapter: string;
  /** Seconds to load MNIST and put it on the GPU. */
  loadSeconds: number;
  /** Seconds from the first step to the end of the evaluation that first reached the target. */
  secondsToTarget: number | null;
  epochsToTarget: number | null;
  accuracies: number[];
  steps: number;
  trainSeconds: number;
}

export type WorkerMessage =
  | { type: 'log'; message: string }
  | { type: 'progress'; steps: number; samplesPerSecond: number }
  | { type: 'done'; report: TrainReport }
  | { type: 'error'; message: string };
