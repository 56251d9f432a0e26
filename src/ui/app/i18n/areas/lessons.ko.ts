// 학습 과정 패널(src/ui/lessons): 튜토리얼을 따라가는 단계별 학습, 각 단계의 글, 목표와 결과.
import type { lessonsEn } from './lessons.en.ts';

export const lessonsKo: Record<keyof typeof lessonsEn, string> = {
  // ---- 패널 ----
  'lessons.button': '학습 과정',
  'lessons.title': '학습 과정',
  'lessons.close': '학습 과정 닫기',
  'lessons.dismiss': '닫기',
  'lessons.intro':
    '각 과정은 튜토리얼 하나를 한 단계씩 따라갑니다. 단계마다 버튼 하나로 실험을 설정하고, 직접 학습시킨 뒤, 내 결과를 PyTorch의 결과와 나란히 비교합니다.',
  'lessons.progress': '{total}단계 중 {reached}단계 완료',
  'lessons.all': '← 전체 과정',
  'lessons.steps': '단계',
  'lessons.stepButton': '{n}단계: {title}',
  'lessons.stepButtonReached': '{n}단계: {title} (완료)',
  'lessons.stepOf': '{total}단계 중 {n}단계',
  'lessons.setUp': '이 단계 설정하기',
  'lessons.show': '해당 위치로 이동',
  'lessons.changes': '바뀌는 설정: {changes}',
  'lessons.busy': '학습이 진행 중입니다. 끝날 때까지 기다리거나 초기화를 누른 다음 이 단계를 설정하세요.',
  'lessons.setUpDone': '설정했습니다. 이제 학습 시작을 누르세요.',
  'lessons.goal': '목표',
  'lessons.reached': '✓ 달성',
  'lessons.notYet': '아직입니다. 이 단계를 열어 둔 채로 시작한 학습만 셉니다.',
  'lessons.reference': 'PyTorch 결과와 내 결과',
  'lessons.reference.pytorch': 'PyTorch 결과({source})',
  'lessons.reference.yours': '내 결과',
  'lessons.reference.none': '이 단계에서 아직 학습하지 않았습니다',
  'lessons.reference.after': '{figure} ({epochs}에폭 중 {epoch}에폭 후)',
  'lessons.metric.accuracy': '테스트 정확도 {value}',
  'lessons.metric.loss': '테스트 손실 {value}',
  'lessons.source.preset': '같은 설정, {epochs}에폭',
  'lessons.source.beforeTraining': '튜토리얼, 학습 전',
  'lessons.source.denseFashion': '4번 과정의 심층 신경망, 30에폭',
  'lessons.code': '이 단계에 해당하는 PyTorch 코드',
  'lessons.previous': '이전 단계',
  'lessons.next': '다음 단계',
  'lessons.link': '이 단계로 바로 가는 링크',
  'lessons.link.badLesson': '링크가 가리키는 “{value}” 과정은 없습니다. 목록에서 과정을 고르세요.',
  'lessons.link.badStep': '링크가 “{lesson}”의 “{value}”단계를 가리키지만 이 과정은 {total}단계까지 있어서 1단계를 엽니다.',
  'lessons.link.stepWithoutLesson': '링크에 단계 “{value}”만 있고 과정이 없어서 아무 과정도 열지 않았습니다.',
  'lessons.change.preset': '프리셋 “{name}”',
  'lessons.change.flipOn': '무작위 좌우 뒤집기 켜기',
  'lessons.change.flipOff': '무작위 좌우 뒤집기 끄기',
  'lessons.change.lastReluOn': '출력층 뒤에 ReLU 넣기',
  'lessons.change.lastReluOff': '출력층 뒤의 ReLU 빼기',
  'lessons.change.sectionModel': '“저장과 불러오기”로 이동',
  'lessons.change.sectionDraw': '“그리기”로 이동',

  // ---- 목표 ----
  'lessons.goal.accuracyAtLeast': '테스트 정확도 {value} 이상',
  'lessons.goal.testLossBelow': '테스트 손실 {value} 미만',
  'lessons.goal.lossFell': '마지막 에폭의 학습 손실이 첫 에폭보다 낮아지기',
  'lessons.goal.exploded': '손실이 폭발해 학습이 저절로 멈추기',
  'lessons.goal.overfit': '학습 손실은 계속 줄어드는데 테스트 손실이 다시 올라가기',
  'lessons.goal.flat': '학습이 끝났는데도 학습 손실이 처음과 거의 같기',
  'lessons.goal.finished': '마지막 에폭까지 학습을 마치기',
  'lessons.goal.saved': '모델을 파일로 저장하기',
  'lessons.goal.cnnAnswers': 'CNN이 내 그림에 답하기',

  // ---- 1. 선형 모델 ----
  'lessons.mnist-linear.title': '1. MNIST를 분류하는 선형 모델',
  'lessons.mnist-linear.summary': 'Linear(784, 10) 층 하나와 크로스엔트로피 손실, SGD로 숫자의 약 90%를 맞힙니다.',
  'lessons.mnist-linear.train.title': '선형 모델 학습하기',
  'lessons.mnist-linear.train.do':
    '튜토리얼의 모델은 입력층과 출력층만 있습니다. 28×28 이미지 한 장을 숫자 784개로 펼치고, <code>Linear(784, 10)</code> 하나가 숫자마다 점수, 곧 로짓(logit)을 냅니다. 손실 함수(loss function)는 소프트맥스까지 함께 계산하는 크로스엔트로피 손실이라서 레이블은 원-핫 벡터가 아니라 0–9의 클래스 번호 그대로 씁니다. 미니배치(mini-batch) 1,000장, 학습률(learning rate) 0.1의 SGD, 10에폭(epoch)입니다. 설정한 다음 <b>학습 시작</b>을 누르세요.',
  'lessons.mnist-linear.train.watch':
    '첫 에폭에서 손실(loss)이 빠르게 줄고, 그 뒤로는 점점 천천히 줄어듭니다. 튜토리얼이 그린 바로 그 곡선입니다. 에폭이 끝날 때마다 테스트 이미지 10,000장으로 모델을 시험하는데, 테스트 정확도(accuracy)는 약 90%까지 올라갑니다.',
  'lessons.mnist-linear.batch.title': '미니배치를 작게',
  'lessons.mnist-linear.batch.do':
    '1에폭은 학습 이미지 60,000장을 한 번 모두 보는 것입니다. 미니배치가 1,000장이면 60번 반복하고, 100장이면 600번 반복하므로 같은 1에폭 동안 가중치(weight)를 열 배 더 자주 갱신합니다. 이 단계는 배치 크기(batch size)를 100으로, 에폭을 5로 바꿉니다.',
  'lessons.mnist-linear.batch.watch':
    '앞 단계의 학습과 첫 에폭을 비교해 보세요. 1에폭만 지나도 정확도가 더 높고, 91%를 넘깁니다. 대신 한 번에 보는 이미지가 적어서 손실 곡선이 더 들쭉날쭉합니다.',

  // ---- 2. 은닉층과 Adam ----
  'lessons.mnist-mlp.title': '2. 은닉층과 Adam',
  'lessons.mnist-mlp.summary': '노드 256개짜리 은닉층 두 개와 ReLU, 그리고 Adam으로 90%에서 약 98%까지 올라갑니다.',
  'lessons.mnist-mlp.adam.title': '은닉층 두 개, ReLU, Adam',
  'lessons.mnist-mlp.adam.do':
    '튜토리얼은 입력층과 출력층 사이에 노드 256개짜리 은닉층(hidden layer) 두 개를 넣고, 각 은닉층 뒤에 활성화 함수(activation function)로 ReLU를 둡니다. 옵티마이저(optimizer)는 SGD 대신 학습률 0.001의 Adam입니다. 설정한 다음 15에폭 동안 학습시키세요.',
  'lessons.mnist-mlp.adam.watch':
    '선형 모델은 90% 근처에서 멈췄지만 이 신경망은 몇 에폭 만에 97%를 넘깁니다. 테스트 정확도가 더 오르지 않게 된 뒤에도 학습 손실은 계속 줄어든다는 점도 눈여겨보세요.',
  'lessons.mnist-mlp.sigmoid.title': 'ReLU 대신 시그모이드',
  'lessons.mnist-mlp.sigmoid.do':
    '튜토리얼이 ReLU를 고른 까닭은 시그모이드(sigmoid)가 기울기 소실(미분값 소실)을 일으키기 때문입니다. 시그모이드의 기울기는 최대 0.25이고, 역전파(backpropagation)는 층을 하나 거슬러 올라갈 때마다 이런 값을 한 번씩 곱합니다. 이 단계는 ReLU를 시그모이드로 바꾸고 5에폭 학습합니다.',
  'lessons.mnist-mlp.sigmoid.watch':
    'ReLU로 학습했을 때와 첫 에폭들을 비교해 보세요. 처음에 손실이 더 천천히 줄어듭니다. 은닉층이 두 개뿐이라 결국 학습은 되지만 늦어지고, 층이 깊을수록 시그모이드는 더 불리해집니다.',
  'lessons.mnist-mlp.sgd.title': '옵티마이저마다 알맞은 학습률이 다르다',
  'lessons.mnist-mlp.sgd.do': 'Adam의 학습률 0.001은 그대로 두고 옵티마이저만 SGD로 바꿔 5에폭 학습합니다.',
  'lessons.mnist-mlp.sgd.watch':
    '손실이 거의 줄지 않습니다. SGD의 한 걸음은 기울기에 0.001을 곱한 것뿐이라, 같은 숫자라도 Adam이 내딛는 걸음보다 훨씬 작습니다. 이어서 학습률을 직접 0.1로 바꿔 다시 학습해 보세요. SGD도 다시 잘 배웁니다. 학습률과 에폭 수는 옵티마이저에 맞춰 사람이 정하는 하이퍼파라미터(hyperparameter)입니다.',

  // ---- 3. 블롭 ----
  'lessons.blobs.title': '3. 점 데이터로 배우는 인공 신경망',
  'lessons.blobs.summary': '시그모이드 출력의 2-5-1 신경망, 이진 교차 엔트로피, 그리고 모델을 내부 상태 사전으로 저장하기까지.',
  'lessons.blobs.first.title': '데이터, 신경망, 학습 전의 손실',
  'lessons.blobs.first.do':
    '데이터는 네 모서리 근처에 모인 학습용 점 80개와 테스트용 점 20개입니다. 두 레이블이 XOR 모양으로 놓여 있어서 직선 하나로는 나눌 수 없습니다. 신경망(neural network)은 노드 2개의 입력층, ReLU를 쓰는 노드 5개의 은닉층, 노드 1개의 출력층으로 되어 있고, 출력층의 시그모이드가 레이블 1일 확률을 냅니다. 이 단계는 20에폭만 학습합니다.',
  'lessons.blobs.first.watch':
    '손실 함수는 이진 교차 엔트로피(BCE)입니다. 손실은 0.7 근처에서 시작해 조금만 줄어듭니다. 학습률이 0.03이고 점 80개를 한 배치로 쓰므로 20에폭은 경사하강법(gradient descent)의 작은 걸음 20번에 지나지 않습니다.',
  'lessons.blobs.train.title': '2,000에폭 학습하기',
  'lessons.blobs.train.do':
    '이제 튜토리얼처럼 2,000에폭을 모두 학습합니다. 에폭마다 점 80개를 순전파하고, 손실을 구하고, 출력층에서 첫 층 쪽으로 거슬러 가며 역전파한 뒤, 가중치(weight)와 편향(bias)을 한 번 고칩니다.',
  'lessons.blobs.train.watch':
    '결정 경계(decision boundary)를 지켜보세요. 평면의 색은 모델이 내는 확률을 나타내고, ReLU 노드 다섯 개가 경계를 XOR 모양에 맞게 구부립니다. 테스트 손실은 0.1 밑으로 내려갑니다(튜토리얼에서는 학습 전 약 0.65에서 약 0.05로).',
  'lessons.blobs.save.title': '모델 저장하기',
  'lessons.blobs.save.do':
    '튜토리얼은 신경망이 배운 것을 <code>torch.save(model.state_dict(), …)</code>로 저장합니다. 모델의 내부 상태 사전, 곧 층마다 가중치와 편향 텐서를 이름과 함께 담은 사전입니다. “저장과 불러오기”의 <b>.pt로 저장</b>이 이런 파일을 만듭니다.',
  'lessons.blobs.save.watch':
    '저장하면 버튼 아래에 파일 이름이 나옵니다. 튜토리얼이 <code>load_state_dict</code>로 새 신경망에 상태 사전을 불러오듯, <b>모델 불러오기</b>로 이 파일을 다시 읽을 수 있습니다.',

  // ---- 4. Fashion-MNIST ----
  'lessons.fashion.title': '4. Fashion-MNIST를 분류하는 심층 신경망',
  'lessons.fashion.summary': '숫자 대신 옷 이미지, 30에폭의 SGD, 그리고 과적합과 이를 막는 드롭아웃과 좌우 뒤집기.',
  'lessons.fashion.sgd.title': '튜토리얼의 신경망 학습하기',
  'lessons.fashion.sgd.do':
    'Fashion-MNIST는 MNIST와 같은 28×28 흑백 이미지지만 열 가지 옷 종류를 담고 있습니다. 튜토리얼의 <code>Net</code>은 노드 256개와 128개의 은닉층에 ReLU를 쓰고, 학습률 0.01의 SGD, 배치 크기 64, 30에폭으로 학습합니다. <code>train</code> 함수가 배치를 돌며 학습하고, 에폭마다 <code>evaluate</code> 함수가 테스트합니다.',
  'lessons.fashion.sgd.watch':
    '옷은 숫자보다 어렵습니다. 테스트 정확도는 80%대에서 더 오르지 않습니다. “결과”의 혼동 행렬을 보면 어떤 종류를 헷갈리는지 알 수 있습니다. 셔츠를 티셔츠, 풀오버, 코트와 자주 헷갈립니다.',
  'lessons.fashion.overfit.title': '과적합 관찰하기',
  'lessons.fashion.overfit.do':
    '과적합(overfitting)을 빨리 보려고 이 단계는 학습 이미지 60,000장 중 1,000장만 씁니다. 신경망이 이 이미지들을 빨리 외우도록 옵티마이저는 학습률 0.001의 Adam으로 하고 30에폭 학습합니다.',
  'lessons.fashion.overfit.watch':
    '학습 손실은 0을 향해 계속 줄어드는데, 테스트 손실은 줄다가 멈추고 다시 올라갑니다. 신경망이 일반화(generalization)할 규칙을 배우는 대신 이미지 1,000장을 외워 버린 것입니다. 테스트 손실이 가장 낮았던 에폭이 학습을 멈췄어야 할 때입니다.',
  'lessons.fashion.dropout.title': '드롭아웃과 무작위 좌우 뒤집기',
  'lessons.fashion.dropout.do':
    '같은 이미지 1,000장에 이번에는 은닉층마다 드롭아웃(dropout) 0.2와 무작위 좌우 뒤집기를 더합니다. 한 단계마다 은닉층 노드의 5분의 1을 무작위로 끄고, 이미지 일부를 좌우로 뒤집어 보여 주어 데이터를 늘린 효과를 냅니다. 튜토리얼도 과적합을 막으려고 둘 다 씁니다.',
  'lessons.fashion.dropout.watch':
    '앞 단계의 학습과 비교해 보세요. 학습 손실은 더 천천히 줄고, 테스트 손실은 더 늦게, 더 조금 올라갑니다. 드롭아웃은 학습할 때만 켜지고, 테스트할 때는 모든 노드를 씁니다(<code>model.eval()</code>).',
  'lessons.fashion.full.title': '드롭아웃을 넣은 튜토리얼의 학습',
  'lessons.fashion.full.do': '마지막으로 튜토리얼 그대로 학습합니다. 이미지 60,000장 전체에 드롭아웃과 좌우 뒤집기, 학습률 0.01의 SGD, 30에폭입니다.',
  'lessons.fashion.full.watch':
    '데이터가 이만큼 많으면 막을 과적합이 거의 없어서, PyTorch에서도 정확도가 드롭아웃 없이 학습했을 때와 비슷합니다. 드롭아웃과 좌우 뒤집기는 앞 단계처럼 모델 크기에 비해 데이터가 적을 때 효과가 큽니다.',

  // ---- 5. 최적화 ----
  'lessons.optimization.title': '5. 모델 매개변수 최적화하기',
  'lessons.optimization.summary': 'PyTorch 공식 튜토리얼: 학습 루프와 테스트 루프, 너무 크거나 작은 학습률, Adam과 RMSprop, 모델 저장.',
  'lessons.optimization.loop.title': '학습 루프와 테스트 루프',
  'lessons.optimization.loop.do':
    '튜토리얼의 모델은 784-512-512-10이고, 마지막 층을 포함해 모든 층 뒤에 ReLU가 있습니다. 하이퍼파라미터는 학습률 0.001, 배치 크기 64, 10에폭입니다. 에폭마다 학습 루프(배치마다 예측하고, 손실을 구하고, <code>optimizer.zero_grad()</code>, <code>loss.backward()</code>, <code>optimizer.step()</code>)를 돈 다음, 성능만 재는 테스트 루프를 돕니다.',
  'lessons.optimization.loop.watch':
    '테스트 정확도가 천천히 오르고 낮은 채로 머뭅니다(튜토리얼은 10에폭 뒤 49.5%를 출력했습니다). 까닭은 두 가지입니다. 학습률이 작고, 출력층 뒤의 ReLU가 음수 로짓을 모두 0으로 만들기 때문입니다. 0이 된 출력에는 기울기가 전혀 흐르지 않습니다.',
  'lessons.optimization.large.title': '너무 큰 학습률',
  'lessons.optimization.large.do':
    '학습률이 너무 크면 손실이 가장 낮은 곳을 매번 지나쳐 점점 더 멀리 튀어 나갑니다. 이 단계는 학습률을 100으로 하고, 출력을 가리는 것이 없도록 마지막 ReLU를 뺍니다.',
  'lessons.optimization.large.watch': '몇 단계 만에 손실이 폭발합니다. 학습은 저절로 멈추고 마지막으로 정상이던 가중치를 남깁니다. 안내문이 더 작은 학습률을 알려 줍니다.',
  'lessons.optimization.small.title': '너무 작은 학습률',
  'lessons.optimization.small.do': '이번에는 반대로 학습률 0.00001로 2에폭 학습합니다.',
  'lessons.optimization.small.watch':
    '손실이 거의 움직이지 않습니다. 걸음이 너무 작아서 학습에 한없이 오래 걸립니다. 손실이 더 줄지 않을 때는 지역 최소값(local minimum)이나 평평한 구간에 갇힌 것일 수도 있습니다.',
  'lessons.optimization.optimizers.title': 'Adam과 RMSprop',
  'lessons.optimization.optimizers.do':
    'SGD는 여러 옵티마이저 가운데 하나입니다. Adam과 RMSprop은 매개변수마다 최근 기울기의 크기에 맞춰 걸음 크기를 조절합니다. 이 단계는 마지막 ReLU를 빼고 학습률 0.001의 Adam으로 5에폭 학습합니다.',
  'lessons.optimization.optimizers.watch':
    '몇 에폭 만에 테스트 정확도가 85%를 넘어, 튜토리얼의 SGD 10에폭보다 훨씬 높아집니다. 같은 학습률로 RMSprop도 직접 해 보고, “옵티마이저 비교”에서 옵티마이저들을 나란히 비교해 보세요.',
  'lessons.optimization.save.title': '매개변수 저장하기',
  'lessons.optimization.save.do':
    '튜토리얼은 학습한 매개변수, 곧 모델의 내부 상태 사전을 <code>torch.save</code>로 저장하며 끝납니다. “저장과 불러오기”의 <b>.pt로 저장</b>이 같은 종류의 파일을 만듭니다.',
  'lessons.optimization.save.watch':
    'PyTorch에서는 <code>model.load_state_dict(torch.load(…))</code>로 같은 모델에 이 파일을 불러오고, 이 페이지에서는 <b>모델 불러오기</b>로 다시 읽습니다.',

  // ---- 6. CNN ----
  'lessons.cnn.title': '6. 다음 장: 합성곱 신경망',
  'lessons.cnn.summary': '튜토리얼 다음 장의 내용입니다. 3×3 필터와 최대 풀링으로 MNIST에서 99%를 넘깁니다.',
  'lessons.cnn.mnist.title': 'MNIST를 분류하는 CNN',
  'lessons.cnn.mnist.do':
    '합성곱 신경망(CNN)은 이미지를 처음부터 펼치지 않습니다. 작은 3×3 필터(커널)가 이미지 위를 미끄러지며 어디에 있든 획과 모서리를 찾아내고, 블록마다 최대 풀링이 이미지 크기를 절반으로 줄입니다. 필터 32개와 64개의 블록 두 개 뒤에 Linear 층 하나를 두고, 학습률 0.001의 Adam으로 학습합니다. 이 단계는 3에폭 학습합니다.',
  'lessons.cnn.mnist.watch':
    '2번 과정의 다층 신경망(MLP)은 15에폭 뒤에도 98%에 못 미쳤지만, CNN은 첫 몇 에폭 안에 98.5%를 넘깁니다. 대신 한 단계가 더 오래 걸립니다. 합성곱은 Linear 층보다 계산이 훨씬 많습니다.',
  'lessons.cnn.maps.title': '특성 맵 살펴보기',
  'lessons.cnn.maps.do': '그림판에 숫자를 그려 보세요. 방금 학습한 CNN이 답하고, 블록마다 각 필터가 내 그림에서 찾아낸 것, 곧 특성 맵이 나타납니다.',
  'lessons.cnn.maps.watch':
    '첫 블록의 특성 맵은 아직 내가 그린 숫자처럼 보이고, 필터가 자기 패턴(가장자리, 기울어진 획)을 찾은 곳이 밝게 빛납니다. 풀링을 거친 두 번째 블록의 특성 맵은 더 작고 더 추상적입니다.',
  'lessons.cnn.fashion.title': 'Fashion-MNIST를 분류하는 CNN',
  'lessons.cnn.fashion.do': '같은 CNN으로 Fashion-MNIST를 3에폭 학습합니다.',
  'lessons.cnn.fashion.watch':
    '4번 과정과 비교해 보세요. 심층 신경망은 SGD로 30에폭을 학습하고도 87%에 못 미쳤지만, CNN은 몇 에폭 만에 88%를 넘깁니다. 옷의 모양과 질감은 국소적인 패턴이라서 필터가 찾기에 알맞습니다.',
};
