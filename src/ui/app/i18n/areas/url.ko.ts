import type { urlEn } from './url.en.ts';

export const urlKo: Record<keyof typeof urlEn, string> = {
  'url.copy': '링크 복사',
  'url.copyTip': '지금 설정과 언어 그대로 이 페이지를 여는 링크를 복사합니다',
  'url.copied': '링크를 복사했습니다. 이 링크를 열면 지금 설정이 그대로 나옵니다.',
  'url.copyRefused': '브라우저가 복사를 허용하지 않았습니다. 아래 링크를 선택해 두었으니 Ctrl+C(Mac은 ⌘C)를 눌러 복사하세요.',
  'url.linkField': '이 설정의 링크',
  'url.notices': '링크에서 쓰지 않은 값',
  'url.ignored': '{field}: 링크에 있던 값 “{value}” 대신 기본값을 넣었습니다.',
  'url.dismiss': '닫기',
  'url.reason.choice': '고를 수 있는 값은 {choices}입니다.',
  'url.reason.flag': '값은 1(켜기) 또는 0(끄기)이어야 합니다.',
  'url.reason.hidden': '은닉층마다 노드 수를 “-”로 이어 적습니다(예: 256-128). 은닉층은 {max}개까지입니다.',
  'url.reason.conv': '블록마다 32x3p1m처럼 적습니다. 채널 32개, 3×3 커널, 패딩 1이고 끝의 m은 2×2 최대 풀링입니다. 블록은 “-”로 잇고 {max}개까지입니다.',
  'url.reason.schedule': '스케줄이 없으면 none, 계단식 감소(StepLR)는 step_5_0.5(감소 간격 5, 감소 비율 0.5), 코사인 감소(CosineAnnealingLR)는 cosine_10_0(감소 기간 10, 최소 학습률 0)처럼 적습니다.',
  'url.reason.long': '이 항목에 넣을 수 있는 길이보다 깁니다.',
};
