import type { gradientsEn } from './gradients.en.ts';

export const gradientsKo: Record<keyof typeof gradientsEn, string> = {
  'gradients.flow': '기울기 흐름',
  'gradients.flow.empty': '모델을 학습하면 기울기가 각 층에 얼마나 전달되는지 볼 수 있습니다.',
  'gradients.flow.waiting': '첫 측정값은 {every}단계 뒤에 나옵니다.',
  'gradients.flow.gradChart': '단계별 각 층 가중치의 기울기 크기 ‖∂손실/∂W‖ (로그 눈금)',
  'gradients.flow.ratioChart': '단계별 각 층의 가중치 크기에 대한 갱신 크기 ‖ΔW‖ / ‖W‖ (로그 눈금)',
  'gradients.flow.layers': '층별 최근 값',
  'gradients.flow.layer': '{layer}번 층, {name}: 기울기 크기 {grad}, 갱신/가중치 {ratio}',
  'gradients.flow.summary': '{every}단계마다 한 번씩 잰 값 {count}개입니다. 마지막 값은 {step}단계 뒤에 쟀습니다.',
  'gradients.flow.spread': '첫 층의 기울기가 마지막 층의 기울기보다 {factor}배 작습니다.',
  'gradients.flow.axis.step': '단계',
  'gradients.flow.howto':
    '선 하나가 한 층의 가중치 행렬이며, 첫 층이 가장 옅은 색입니다. 위 그래프는 역전파가 그 층에 전해 준 기울기(gradient)의 크기(노름)이고, 아래 그래프는 옵티마이저가 한 단계에 가중치를 움직인 양을 가중치 크기로 나눈 값입니다. 0.001 정도면 알맞고, 그보다 훨씬 작으면 그 층은 거의 배우지 못합니다. 눈금은 로그 눈금이라 격자선 하나 위로 갈 때마다 10배입니다. ReLU를 쓰면 선들이 가까이 모여 있습니다. 여러 층 사이에 시그모이드(sigmoid)를 쓰면 기울기가 거꾸로 전해지며 층마다 시그모이드의 기울기(최대 0.25)가 곱해지므로, 앞쪽 층의 선이 마지막 층보다 몇 자릿수나 아래에 놓입니다. 이것이 기울기 소실(vanishing gradient)이고, 앞쪽 층이 느리게 배우는 까닭입니다.',
  'gradients.histograms': '가중치 히스토그램',
  'gradients.histograms.empty': '아직 보여 줄 가중치가 없습니다.',
  'gradients.histograms.show': '보기',
  'gradients.histograms.weights': '가중치',
  'gradients.histograms.grads': '기울기',
  'gradients.histograms.noGrads': '기울기는 모델을 학습하는 동안에만 있습니다. 학습을 시작하면 볼 수 있습니다.',
  'gradients.histograms.layer': '{layer}번 층, {name}: 가중치 {size}개',
  'gradients.histograms.plot': '{layer}번 층의 {what}, 에폭마다 히스토그램 하나, {min}부터 {max}까지',
  'gradients.histograms.epoch': '에폭 {epoch}',
  'gradients.histograms.numbers': '개수 표',
  'gradients.histograms.table': '에폭 {epoch}의 {layer}번 층 {what}: {min}부터 {max}까지 구간 {bins}개',
  'gradients.histograms.from': '시작',
  'gradients.histograms.to': '끝',
  'gradients.histograms.count': '개수',
  'gradients.histograms.howto':
    '에폭마다 히스토그램이 하나씩 있고, 가장 최근 것이 맨 앞(아래)에 있습니다. 가장 작은 값부터 가장 큰 값까지를 같은 너비의 구간 32개로 나누어, 층의 가중치(weight)가 각 구간에 몇 개 있는지 보여 줍니다. 학습 전에는 PyTorch가 가중치를 균등 분포에서 뽑으므로 첫 히스토그램이 평평합니다. 모델이 배우면서 모양이 바뀌어 넓어지거나, 꼬리가 생기거나, 봉우리가 솟습니다. 기울기를 고르면 각 에폭 마지막 단계의 기울기를 볼 수 있습니다. 신호를 거의 받지 못하는 층은 0 근처에 좁게 몰려 있습니다.',
};
