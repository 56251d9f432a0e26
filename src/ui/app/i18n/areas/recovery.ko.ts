// A run that goes on after a lost GPU device (src/train/worker/runs.ts, resumeLostRun).
import type { recoveryEn } from './recovery.en.ts';

export const recoveryKo: Record<keyof typeof recoveryEn, string> = {
  'gpu.lostResuming': 'GPU 장치와의 연결이 끊어졌습니다. 새 장치가 열리면 마지막으로 저장해 둔 상태에서 학습을 이어 갑니다.',
  'run.resumedAfterLoss': 'GPU 장치와의 연결이 끊어져서, 끊기기 전에 마지막으로 저장해 둔 {step}단계부터 학습을 이어 갔습니다.',
};
