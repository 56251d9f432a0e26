// A run that goes on after a lost GPU device (src/train/worker/runs.ts, resumeLostRun).
export const recoveryEn = {
  'gpu.lostResuming': 'The GPU device was lost: the run goes on from its last kept state once a new device is open.',
  'run.resumedAfterLoss': 'The GPU device was lost, and training went on from step {step}, the last state kept before the loss.',
} as const;
