// The page's state against the worker's messages, with a recorder in place of the worker.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelInfo, WorkerRequest } from '../../src/train/messages.ts';
import { english, translatorFor } from '../../src/ui/app/i18n/translator.ts';
import { applyWorkerEvent, type Effects } from '../../src/ui/app/store/apply-event.ts';
import { useAppStore } from '../../src/ui/app/store/store.ts';
import { connectPort } from '../../src/ui/app/store/worker-port.ts';

const initial = useAppStore.getState();
let sent: WorkerRequest[];
let effects: Effects & { calls: string[] };

function model(source: ModelInfo['source']): ModelInfo {
  return { source, dataset: 'mnist', architecture: 'nn.Sequential(Linear(784, 10))', shape: '784-10', classNames: [], takesImages: true };
}

beforeEach(() => {
  useAppStore.setState(initial, true);
  sent = [];
  connectPort((request) => sent.push(request));
  const calls: string[] = [];
  effects = {
    calls,
    download: (_, name) => calls.push(`download ${name}`),
    persistModel: (_, name) => calls.push(`persist ${name}`),
    forgetModel: () => calls.push('forget'),
  };
  applyWorkerEvent({ type: 'ready', adapterName: 'test adapter' }, effects);
});

afterEach(() => connectPort(null));

describe('a training run', () => {
  it('Train sends the settings as a config and takes the worker’s updates for that run only', () => {
    const { train } = useAppStore.getState();
    train();
    const request = sent.find((r) => r.type === 'train');
    expect(request).toMatchObject({ type: 'train', runId: 1, startPaused: false, config: { dataset: 'mnist', epochs: 3, optimizer: { type: 'adam', lr: 0.001 } } });
    expect(useAppStore.getState().run.status).toBe('starting');

    applyWorkerEvent({ type: 'run-started', runId: 1, stepsPerEpoch: 60, totalSteps: 180, epochs: 3 }, effects);
    expect(useAppStore.getState().run.status).toBe('running');
    applyWorkerEvent({ type: 'run-update', runId: 1, steps: [1, 2], losses: [2.3, 2.1], epochs: [], progress: null }, effects);
    applyWorkerEvent({ type: 'run-update', runId: 0, steps: [9], losses: [9], epochs: [], progress: null }, effects);
    applyWorkerEvent({ type: 'run-update', runId: 1, steps: [3], losses: [1.9], epochs: [], progress: null }, effects);
    expect(useAppStore.getState().lossSteps).toEqual([1, 2, 3]);
    expect(useAppStore.getState().lossValues).toEqual([2.3, 2.1, 1.9]);

    // loop.ts's own words: the page maps them to its catalogues, figures and all.
    const divergence = 'the loss became infinite or NaN at step 4: training stopped and the last good weights were kept. Try a smaller learning rate (now 10).';
    applyWorkerEvent({ type: 'run-diverged', runId: 1, step: 4, message: divergence }, effects);
    applyWorkerEvent({ type: 'run-done', runId: 1, testLoss: 2, testAccuracy: 0.5, steps: 3, stoppedEarly: true }, effects);
    const { run } = useAppStore.getState();
    expect(run.status).toBe('diverged');
    expect(english.msg(run.message!)).toBe(
      'The loss became infinite or NaN at step 4: training stopped and the last good weights were kept. Try a smaller learning rate (now 10).',
    );
    expect(translatorFor('ko').msg(run.message!)).toBe(
      '4단계에서 손실이 무한대나 NaN이 되었습니다. 학습을 멈추고 마지막으로 정상이던 가중치를 남겼습니다. 더 작은 학습률을 써 보세요(지금은 10).',
    );
  });

  it('Step before a run starts one paused; Pause and Resume go to the worker; Reset forgets the run', () => {
    const { step } = useAppStore.getState();
    step();
    expect(sent.at(-1)).toMatchObject({ type: 'train', startPaused: true });
    expect(useAppStore.getState().run.status).toBe('paused');
    useAppStore.getState().step();
    expect(sent.at(-1)).toEqual({ type: 'step' });
    useAppStore.getState().resume();
    expect(sent.at(-1)).toEqual({ type: 'resume' });
    useAppStore.getState().pause();
    expect(sent.slice(-2)).toEqual([{ type: 'pause' }, { type: 'export-weights', purpose: 'persist' }]);
    const id = useAppStore.getState().run.id;
    useAppStore.getState().reset();
    expect(sent.at(-1)).toEqual({ type: 'reset' });
    expect(useAppStore.getState().run).toMatchObject({ status: 'idle', id: id + 1 });
    // Anything still on its way from the reset run is dropped.
    applyWorkerEvent({ type: 'run-update', runId: id, steps: [1], losses: [1], epochs: [], progress: null }, effects);
    expect(useAppStore.getState().lossSteps).toEqual([]);
  });

  it('does not start with invalid settings or without a GPU', () => {
    useAppStore.getState().setText('lr', '-1');
    useAppStore.getState().train();
    useAppStore.setState({ gpuStatus: 'lost' });
    useAppStore.getState().setText('lr', '0.1');
    useAppStore.getState().train();
    expect(sent.filter((r) => r.type === 'train')).toEqual([]);
  });
});

describe('run checkpoints', () => {
  it('Save asks the worker for the paused run only, and its answer downloads the file or says why not', () => {
    useAppStore.getState().saveRunCheckpoint();
    expect(sent.filter((r) => r.type === 'export-run-checkpoint')).toHaveLength(0);
    useAppStore.getState().train(true);
    const id = useAppStore.getState().run.id;
    useAppStore.getState().saveRunCheckpoint();
    expect(sent.filter((r) => r.type === 'export-run-checkpoint')).toEqual([{ type: 'export-run-checkpoint', runId: id }]);
    applyWorkerEvent({ type: 'run-checkpoint', runId: id, saved: { bytes: new Uint8Array(4), fileName: 'blobs-run-step7.safetensors', steps: 7 }, problem: null }, effects);
    expect(effects.calls).toContain('download blobs-run-step7.safetensors');
    expect(english.msg(useAppStore.getState().run.message!)).toBe('Saved blobs-run-step7.safetensors: the run after step 7.');
    applyWorkerEvent({ type: 'run-checkpoint', runId: id, saved: null, problem: 'part-of-data' }, effects);
    expect(english.msg(useAppStore.getState().run.message!)).toBe(
      'A run on part of the training images cannot be saved as a checkpoint: set Training images to All and train again.',
    );
    applyWorkerEvent({ type: 'run-checkpoint', runId: id, saved: null, problem: 'not-paused' }, effects);
    expect(english.msg(useAppStore.getState().run.message!)).toBe('The run did not come to a stop to be saved: press Pause, then Save run checkpoint.');
  });
});

describe('models and the browser’s storage', () => {
  it('stores trained and loaded models, and forgets only after a reset, not at start-up', () => {
    applyWorkerEvent({ type: 'models', current: model('pretrained'), drawing: model('pretrained') }, effects);
    expect(effects.calls).toEqual([]);
    applyWorkerEvent({ type: 'models', current: model('trained'), drawing: model('trained') }, effects);
    expect(sent.at(-1)).toEqual({ type: 'export-weights', purpose: 'persist' });
    applyWorkerEvent({ type: 'weights', purpose: 'persist', bytes: new Uint8Array(4), fileName: 'm.safetensors' }, effects);
    applyWorkerEvent({ type: 'models', current: model('pretrained'), drawing: model('pretrained') }, effects);
    expect(effects.calls).toEqual(['persist m.safetensors', 'forget']);
  });

  it('a download names its file', () => {
    applyWorkerEvent({ type: 'weights', purpose: 'download', bytes: new Uint8Array(4), fileName: 'mnist-784-10.safetensors' }, effects);
    expect(effects.calls).toEqual(['download mnist-784-10.safetensors']);
    expect(english.msg(useAppStore.getState().modelNotice!)).toBe('Saved mnist-784-10.safetensors');
    expect(translatorFor('ko').msg(useAppStore.getState().modelNotice!)).toBe('mnist-784-10.safetensors 파일로 저장했습니다');
  });
});

describe('live predictions', () => {
  it('keeps one request in flight and only the newest drawing waiting', () => {
    const drawing = (v: number) => new Float32Array(784).fill(v);
    const { setDrawing } = useAppStore.getState();
    setDrawing(drawing(0.1));
    setDrawing(drawing(0.2));
    setDrawing(drawing(0.3));
    const predicts = () => sent.filter((r): r is Extract<WorkerRequest, { type: 'predict' }> => r.type === 'predict');
    expect(predicts()).toHaveLength(1);
    applyWorkerEvent({ type: 'prediction', id: predicts()[0]!.id, probabilities: [1, 0] }, effects);
    expect(useAppStore.getState().probabilities).toEqual([1, 0]);
    expect(predicts()).toHaveLength(2);
    expect(predicts()[1]!.pixels[0]).toBeCloseTo(0.3);
    setDrawing(null);
    applyWorkerEvent({ type: 'prediction', id: predicts()[1]!.id, probabilities: [0, 1] }, effects);
    expect(useAppStore.getState().probabilities).toBeNull();
  });
});

describe('the GPU', () => {
  it('a lost device stops a comparison; the run waits for the new device, and fails when none comes', () => {
    useAppStore.getState().train();
    useAppStore.setState({ compare: { ...useAppStore.getState().compare, status: 'running' } });
    applyWorkerEvent({ type: 'gpu-lost', message: 'driver reset' }, effects);
    let state = useAppStore.getState();
    expect(state.gpuStatus).toBe('lost');
    expect(english.msg(state.gpuProblem!)).toBe('driver reset');
    expect(state.compare.status).toBe('failed');
    expect(state.run.status).toBe('starting');
    expect(english.msg(state.run.message!)).toBe('The GPU device was lost: the run goes on from its last kept state once a new device is open.');
    applyWorkerEvent({ type: 'gpu-error', reason: 'device', message: 'The GPU device was lost (driver reset) and no new one could be opened: no adapter' }, effects);
    state = useAppStore.getState();
    expect(state.run.status).toBe('failed');
    expect(english.msg(state.run.message!)).toBe('The GPU device was lost during the run.');
  });

  it('a run resumed on a new device drops what came after its kept state, then takes the steps again', () => {
    useAppStore.getState().train();
    const id = useAppStore.getState().run.id;
    const epoch = (n: number) => ({ type: 'epoch' as const, epoch: n, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5, seconds: 1, samplesPerSecond: 1, lr: 0.1 });
    applyWorkerEvent({ type: 'run-started', runId: id, stepsPerEpoch: 3, totalSteps: 30, epochs: 10 }, effects);
    applyWorkerEvent({ type: 'run-update', runId: id, steps: [1, 2, 3, 4, 5, 6, 7], losses: [7, 6, 5, 4, 3, 2, 1], epochs: [epoch(1), epoch(2)], progress: null }, effects);
    applyWorkerEvent({ type: 'gpu-lost', message: 'driver reset' }, effects);
    const progress = (steps: number) => ({ type: 'progress' as const, epoch: 2, epochs: 10, stepInEpoch: steps - 3, stepsPerEpoch: 3, steps, samplesPerSecond: 0, secondsLeft: NaN });
    applyWorkerEvent({ type: 'run-resumed', runId: id + 1, steps: 1, epochsDone: 0 }, effects);
    expect(useAppStore.getState().lossSteps).toHaveLength(7);
    applyWorkerEvent({ type: 'run-update', runId: id, steps: [], losses: [], epochs: [], progress: progress(7) }, effects);
    useAppStore.setState({ results: { epoch: 2, classNames: [], matrix: [], misclassified: [], accuracy: 1, pass: 1 } });
    applyWorkerEvent({ type: 'run-resumed', runId: id, steps: 5, epochsDone: 1 }, effects);
    let state = useAppStore.getState();
    expect(state.lossSteps).toEqual([1, 2, 3, 4, 5]);
    expect(state.lossValues).toEqual([7, 6, 5, 4, 3]);
    expect(state.epochResults.map((e) => e.epoch)).toEqual([1]);
    expect(state.progress).toBeNull();
    expect(state.results).toBeNull();
    expect(state.run.status).toBe('running');
    expect(english.msg(state.run.message!)).toBe('The GPU device was lost: the run went back to the state it kept after step 5, and goes on from there.');
    expect(translatorFor('ko').msg(state.run.message!)).toBe('GPU 장치와의 연결이 끊어져, 마지막으로 저장해 둔 5단계 후의 상태로 돌아가 학습을 이어 갑니다.');
    applyWorkerEvent({ type: 'run-update', runId: id, steps: [6], losses: [2.5], epochs: [], progress: null }, effects);
    state = useAppStore.getState();
    expect(state.lossSteps).toEqual([1, 2, 3, 4, 5, 6]);
    expect(state.lossValues).toEqual([7, 6, 5, 4, 3, 2.5]);
    // Lost again before anything was kept: it starts over, and says so.
    applyWorkerEvent({ type: 'run-resumed', runId: id, steps: 0, epochsDone: 0 }, effects);
    state = useAppStore.getState();
    expect(state.lossSteps).toEqual([]);
    expect(state.epochResults).toEqual([]);
    expect(english.msg(state.run.message!)).toBe('The GPU device was lost before the run kept any state: it started again from its first step (its seed makes it the same run).');
  });

  it('a new device after a lost one makes the page ready again and says so', () => {
    applyWorkerEvent({ type: 'gpu-lost', message: 'driver reset' }, effects);
    applyWorkerEvent(
      { type: 'gpu-recovered', adapterName: 'new adapter', message: 'The GPU device was lost (driver reset) and recovered: your model is back as of its last checkpoint (epoch 3).' },
      effects,
    );
    const state = useAppStore.getState();
    expect(state.gpuStatus).toBe('ready');
    expect(state.adapterName).toBe('new adapter');
    expect(state.gpuProblem).toBeNull();
    expect(english.msg(state.gpuRecovered!)).toBe('The GPU device was lost (driver reset) and recovered: your model is back as of its last checkpoint (epoch 3).');
    expect(translatorFor('ko').msg(state.gpuRecovered!)).toBe(
      'GPU 장치와의 연결이 끊어졌다가(driver reset) 복구되었습니다. 모델은 마지막 체크포인트(에폭 3) 시점으로 돌아왔습니다.',
    );
  });

  it('Train pressed twice starts one run', () => {
    useAppStore.getState().train();
    useAppStore.getState().train();
    expect(sent.filter((r) => r.type === 'train')).toHaveLength(1);
  });

  it('no adapter makes the page unsupported, a device error failed', () => {
    applyWorkerEvent({ type: 'gpu-error', reason: 'no-adapter', message: 'none' }, effects);
    expect(useAppStore.getState().gpuStatus).toBe('unsupported');
    applyWorkerEvent({ type: 'gpu-error', reason: 'device', message: 'boom' }, effects);
    expect(useAppStore.getState().gpuStatus).toBe('failed');
  });
});
