// "Save run checkpoint" and "Resume from checkpoint", in the train panel (src/ui/train/RunCheckpoint.tsx).
import type { checkpointEn } from './checkpoint.en.ts';

export const checkpointKo: Record<keyof typeof checkpointEn, string> = {
  'checkpoint.group': '학습 체크포인트',
  'checkpoint.save': '학습 체크포인트 저장',
  'checkpoint.saveTip':
    '일시 정지한 동안: 지금까지의 학습(가중치, 옵티마이저 상태, 마친 에폭과 단계 수, 섞기 위치)을 파일로 저장합니다. 이 파일로 여기나 다른 브라우저에서 [체크포인트에서 이어 학습]을 누르거나, 터미널의 학습 명령으로 이어서 학습할 수 있습니다.',
  'checkpoint.resume': '체크포인트에서 이어 학습',
  'checkpoint.resumeTip': '체크포인트 파일에서 학습을 이어 갑니다. 파일의 설정이 설정 칸에 들어가고, 마지막 단계 후에 일시 정지한 상태로 기다립니다.',
  'checkpoint.saved': '{file}을(를) 저장했습니다: {step}단계 후의 학습입니다.',
  'checkpoint.resumed': '{file}에서 이어 갑니다: 이미 {epochs}에폭, {steps}단계를 마쳤고 그래프는 여기서부터 그려집니다.',
  'checkpoint.unreadable': '페이지에서 읽을 수 있는 학습 체크포인트가 아닙니다: {detail}',
  'checkpoint.notPage': '{file}의 설정은 이 페이지에서 만들 수 없습니다({difference}). 터미널에서 그 학습의 옵션과 함께 npm run train -- --checkpoint FILE로 이어 가세요.',
  'checkpoint.limited': '학습 이미지의 일부로만 하는 학습은 체크포인트로 저장할 수 없습니다. [학습 이미지 수]를 [전체]로 바꾸고 다시 학습하세요.',
  'checkpoint.notPaused': '저장할 수 있도록 학습이 멈추지 않았습니다. [일시 정지]를 누른 뒤 [학습 체크포인트 저장]을 누르세요.',
};
