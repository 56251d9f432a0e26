// A run that goes on after a lost GPU device (src/train/worker/runs.ts, resumeLostRun).
export const recoveryEn = {
  'gpu.lostResuming': 'The GPU device was lost: the run goes on from its last kept state once a new device is open.',
  'run.resumedAfterLoss': 'The GPU device was lost: the run went back to the state it kept after step {step}, and goes on from there.',
  'run.restartedAfterLoss': 'The GPU device was lost before the run kept any state: it started again from its first step (its seed makes it the same run).',
} as const;
