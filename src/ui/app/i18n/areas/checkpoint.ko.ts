// "Save run checkpoint" and "Resume from checkpoint", in the train panel (src/ui/train/RunCheckpoint.tsx).
import type { checkpointEn } from './checkpoint.en.ts';

export const checkpointKo: Record<keyof typeof checkpointEn, string> = {
  'checkpoint.group': '학습 체크포인트',
  'checkpoint.save': '학습 체크포인트 저장',
  'checkpoint.saveTip':
    '일시 정지 중에만 쓸 수 있습니다. 지금까지의 학습 상태(가중치, 옵티마이저 상태, 마친 에폭과 단계 수, 데이터를 섞는 위치)를 파일로 저장합니다. 이 파일은 여기나 다른 브라우저에서 [체크포인트에서 이어 학습]으로 불러와 이어서 학습할 수 있고, 프리셋으로 한 학습은 터미널에서도 이어 갈 수 있습니다.',
  'checkpoint.resume': '체크포인트에서 이어 학습',
  'checkpoint.resumeTip':
    '체크포인트 파일의 학습을 이어 갑니다. 파일의 설정이 [1. 설정]에 들어가고, 저장된 단계에서 일시 정지한 채 기다립니다.',
  'checkpoint.saved':
    '{file} 파일을 저장했습니다. {step}단계까지 학습한 상태입니다.',
  'checkpoint.resumed':
    '{file} 파일에서 이어 갑니다. {epochs}에폭, {steps}단계까지 마친 학습이며 그래프는 여기서부터 그려집니다.',
  'checkpoint.unreadable': '페이지에서 읽을 수 있는 학습 체크포인트가 아닙니다: {detail}',
  'checkpoint.weightsFile': '{file} 파일에는 학습이 아니라 모델의 가중치가 들어 있습니다. [6. 저장과 불러오기]의 [모델 불러오기]로 읽으세요.',
  'checkpoint.notPage':
    '{file} 파일의 설정은 이 페이지에서 만들 수 없습니다({difference}). 터미널에서 그 학습에 썼던 옵션을 그대로 주고 npm run train -- --checkpoint FILE 명령으로 이어 가세요.',
  'checkpoint.limited':
    '학습 이미지 일부만으로 한 학습은 체크포인트로 저장할 수 없습니다. [학습 이미지 수]를 [전체]로 바꾸고 다시 학습하세요.',
  'checkpoint.notPaused':
    '학습이 멈추지 않아 저장하지 못했습니다. [일시 정지]를 누른 뒤 [학습 체크포인트 저장]을 누르세요.',
};
