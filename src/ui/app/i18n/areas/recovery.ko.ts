// A run that goes on after a lost GPU device (src/train/worker/runs.ts, resumeLostRun).
import type { recoveryEn } from './recovery.en.ts';

export const recoveryKo: Record<keyof typeof recoveryEn, string> = {
  'gpu.lostResuming': 'GPU 장치와의 연결이 끊어졌습니다. 새 장치가 열리면 마지막으로 저장해 둔 상태에서 학습을 이어 갑니다.',
  'run.resumedAfterLoss': 'GPU 장치와의 연결이 끊어져, 마지막으로 저장해 둔 {step}단계 후의 상태로 돌아가 학습을 이어 갑니다.',
  'run.restartedAfterLoss': 'GPU 장치와의 연결이 끊어졌는데 저장해 둔 상태가 아직 없어, 첫 단계부터 다시 시작했습니다(시드가 같으므로 같은 학습이 됩니다).',
};
