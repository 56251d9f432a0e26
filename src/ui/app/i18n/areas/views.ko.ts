import type { viewsEn } from './views.en.ts';

export const viewsKo: Record<keyof typeof viewsEn, string> = {
  'views.firstLayer': '첫 번째 층의 가중치',
  'views.firstLayer.filtersTitle': '필터',
  'views.firstLayer.filters': '{layer}번 층, {name}: 필터 {count}개, 가중치 {min} ~ {max}',
  'views.firstLayer.units': '{layer}번 층, {name}: 은닉층 노드 {count}개, 노드마다 {height}×{width} 그림, 가중치 {min} ~ {max}',
  'views.firstLayer.howto':
    '작은 그림 하나가 첫 번째 층의 노드 하나입니다. 입력의 각 픽셀에 주는 가중치를 그대로 그림으로 그렸습니다. 회색은 0, 흰색은 큰 양수, 검은색은 큰 음수 가중치입니다(그림마다 가장 큰 가중치에 맞춰 밝기를 조절합니다). 그림이 흰 곳에 획이 있고 검은 곳이 비어 있을수록 그 노드가 강하게 반응합니다. MLP에서는 그림 하나가 입력과 같은 28×28 크기이고, CNN에서는 이미지 위를 옮겨 다니는 작은 필터입니다. 처음에는 잡음 같지만, 학습이 진행되면 획과 덩어리, 가장자리 모양이 나타납니다.',
  'views.activations': '층별 활성화 값',
  'views.activations.maps': '특성 맵',
  'views.activations.layer': '{layer}번 층, {name}: {shape}',
  'views.activations.units': '{layer}번 층: 노드 {count}개, {min} ~ {max}',
  'views.activations.empty': '그림판에 그림을 그리면 층마다 그 그림에서 무엇을 계산하는지 볼 수 있습니다.',
  'views.activations.howto':
    '여러분이 그린 그림에서 각 층이 계산한 값을 입력부터 출력까지 차례로 보여 주며, 그리는 동안 계속 바뀝니다. 완전연결층은 노드마다 막대 하나로, 활성화 함수를 거친 값을 나타냅니다(음수이면 기준선 아래로 내려갑니다. 마지막 층의 막대는 소프트맥스를 거치기 전의 로짓입니다). 합성곱층과 풀링층은 채널마다 작은 그림 하나로, 그 채널이 찾는 무늬가 있는 곳이 밝습니다. 그림마다 가장 강한 반응을 흰색으로 맞춥니다.',
};
