import type { scheduleEn } from './schedule.en.ts';

export const scheduleKo: Record<keyof typeof scheduleEn, string> = {
  'schedule.label': '학습률 스케줄',
  'gloss.lrSchedule': 'learning-rate scheduler',
  'schedule.tip':
    '에폭마다 학습률을 어떻게 바꿀지 정합니다. PyTorch의 학습률 스케줄러가 하는 일입니다. 처음에는 큰 학습률로 빠르게 내려가고, 나중에는 작은 학습률로 최소값 근처를 오가지 않고 자리를 잡습니다. 계단식 감소(StepLR)는 몇 에폭마다 학습률에 감소 비율(gamma)을 곱합니다(흔히 0.1, 더 완만하게는 0.5). 코사인 감소(CosineAnnealingLR)는 감소 기간 동안 코사인 곡선을 따라 최소 학습률까지 낮춥니다(보통 감소 기간은 전체 에폭 수, 최소 학습률은 0).',
  'schedule.none': '없음(에폭마다 같은 학습률)',
  'schedule.step': '계단식 감소(StepLR): 몇 에폭마다 낮춥니다',
  'schedule.cosine': '코사인 감소(CosineAnnealingLR): 코사인 곡선을 따라 낮춥니다',
  'schedule.stepSize': '감소 간격(에폭)',
  'schedule.stepSize.tip':
    '이 에폭 수가 지날 때마다 학습률에 감소 비율을 곱합니다.',
  'schedule.gamma': '감소 비율',
  'schedule.gamma.tip':
    '한 번 낮출 때 학습률에 곱하는 값입니다. 0.1(PyTorch의 기본값)이면 학습률이 10분의 1이 되고, 0.5이면 절반이 됩니다.',
  'schedule.tMax': '감소 기간(에폭)',
  'schedule.tMax.tip':
    '처음 학습률에서 최소 학습률까지 내려가는 데 걸리는 에폭 수로, 보통 전체 에폭 수로 둡니다. 이 기간이 지나면 학습률이 다시 올라갑니다.',
  'schedule.etaMin': '최소 학습률',
  'schedule.etaMin.tip':
    '감소 기간이 끝날 때의 학습률입니다. PyTorch의 기본값은 0입니다.',
  'schedule.error.stepSize': '감소 간격은 1 이상의 정수(에폭 수)여야 합니다. 입력값: {value}',
  'schedule.error.gamma': '감소 비율은 0보다 크고 1 이하여야 합니다(예: 0.1, 0.5). 입력값: {value}',
  'schedule.error.tMax': '감소 기간은 1 이상의 정수(에폭 수)여야 합니다. 입력값: {value}',
  'schedule.error.etaMin': '최소 학습률은 0 이상이고 학습률보다 작아야 합니다. 입력값: {value}',
  'schedule.error.empty': '값을 입력하세요',
  'schedule.progress': '학습률 {lr}',
  'schedule.script': '에폭에 따른 학습률입니다. 튜토리얼처럼 에폭마다 학습이 끝난 뒤 scheduler.step()을 불러 다음 에폭의 학습률을 정합니다.',
};
