// The bench's training worker: the mnist-mlp-adam preset on real MNIST with
// the playground's own loader, session and loop, as the page's worker would
// run it (src/train/worker.ts does not exist yet). The page meanwhile watches
// its main thread for long tasks.

import { fetchDataReader } from '../../src/data/fetch-files.ts';
import { loadDataset } from '../../src/data/load.ts';
import { requestGpu } from '../../src/engine/gpu.ts';
import { RunControl } from '../../src/train/control.ts';
import { runTraining } from '../../src/train/loop.ts';
import { presetConfig } from '../../src/train/presets.ts';
import { TrainingSession } from '../../src/train/session.ts';
import type { TrainReport, TrainRequest, WorkerMessage } from './train-messages.ts';

const post = (message: WorkerMessage) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<TrainRequest>) => {
  try {
    post({ type: 'done', report: await train(event.data) });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};

async function train(request: TrainRequest): Promise<TrainReport> {
  const loadStarted = performance.now();
  const gpu = await requestGpu(navigator.gpu);
  const dataset = await loadDataset('mnist', fetchDataReader('/data/'));
  const config = presetConfig('mnist-mlp-adam');
  const session = new TrainingSession(gpu, { train: dataset.train, test: dataset.test }, config);
  await gpu.finish();
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  post({ type: 'log', message: `worker: MNIST on the GPU in ${loadSeconds.toFixed(1)} s (${gpu.adapterName})` });

  const control = new RunControl();
  const accuracies: number[] = [];
  let secondsToTarget: number | null = null;
  let epochsToTarget: number | null = null;
  let outOfTime = false;
  const started = performance.now();
  await runTraining(session, {
    epochs: config.epochs,
    maxSteps: request.maxSteps,
    control,
    onEvent: (event) => {
      const seconds = (performance.now() - started) / 1000;
      if (event.type === 'progress') {
        post({ type: 'progress', steps: event.steps, samplesPerSecond: event.samplesPerSecond });
        if (request.budgetSeconds !== undefined && seconds > request.budgetSeconds && !control.stopRequested) {
          outOfTime = true;
          control.stop();
        }
      }
      if (event.type !== 'epoch') return;
      accuracies.push(event.testAccuracy);
      post({ type: 'log', message: `worker: epoch ${event.epoch}: test accuracy ${(100 * event.testAccuracy).toFixed(2)}% at ${seconds.toFixed(1)} s` });
      if (request.targetAccuracy !== null && secondsToTarget === null && event.testAccuracy >= request.targetAccuracy) {
        secondsToTarget = seconds;
        epochsToTarget = event.epoch;
        control.stop();
      }
    },
  });
  const report = {
    adapter: gpu.adapterName,
    loadSeconds,
    secondsToTarget,
    epochsToTarget,
    accuracies,
    outOfTime,
    steps: session.steps,
    trainSeconds: (performance.now() - started) / 1000,
  };
  session.destroy();
  gpu.destroy();
  return report;
}
