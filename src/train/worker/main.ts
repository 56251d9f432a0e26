// The training worker: owns the GPU device, the datasets, the models and the
// training loops, so that the page's main thread only renders. Requests and
// events are typed in messages.ts; this file hands each request to its job.
//
// Requests that change what exists (train, reset, compare, load …) run one at
// a time in arrival order; each returns as soon as its work has started, so a
// pause or a reset never waits behind a whole run. Predictions skip the queue:
// they are recorded in one synchronous stretch, so they slot in between two
// training steps, and the answer comes from the model as it is right then.

import type { WorkerRequest } from '../messages.ts';
import { startCompare, stopCompare } from './comparison.ts';
import { getDataset } from './datasets.ts';
import { startRangeTest, stopRangeTest } from './lr-range-test.ts';
import { init } from './device.ts';
import { postModels, releaseCurrent } from './models.ts';
import { errorMessage, post, workerScope } from './page.ts';
import { predict } from './predictions.ts';
import { enqueue } from './queue.ts';
import { sendCellImages } from './run-results.ts';
import { exportRunCheckpoint, startRun, stopRun } from './runs.ts';
import { worker } from './state.ts';
import { drawingChanged, setShownViews } from './views/scheduler.ts';
import { exportWeights, loadWeights } from './weights.ts';

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'init':
      return init();
    case 'use-dataset':
      void getDataset(request.dataset, request.seed).catch(() => {});
      return;
    case 'train':
      try {
        await startRun(request.runId, request.config, request.data, request.startPaused, request.resume);
      } catch (error) {
        post({ type: 'run-error', runId: request.runId, message: errorMessage(error) });
      }
      return;
    case 'export-run-checkpoint':
      await exportRunCheckpoint(request.runId);
      return;
    case 'pause':
      worker.run?.control.pause();
      return;
    case 'resume':
      worker.run?.control.resume();
      return;
    case 'step':
      worker.run?.control.stepOnce();
      return;
    case 'reset':
      await stopRun();
      await releaseCurrent();
      postModels();
      return;
    case 'compare':
      try {
        await startCompare(request);
      } catch (error) {
        post({ type: 'compare-error', runId: request.runId, message: errorMessage(error) });
      }
      return;
    case 'stop-compare':
      return stopCompare();
    case 'cell-images':
      return sendCellImages(worker.run, request.runId, request.pass, request.trueClass, request.predictedClass);
    case 'find-lr':
      try {
        await stopCompare();
        await startRangeTest(request);
      } catch (error) {
        post({ type: 'lr-range-error', runId: request.runId, message: errorMessage(error) });
      }
      return;
    case 'stop-find-lr':
      return stopRangeTest();
    case 'export-weights':
      try {
        await exportWeights(request.purpose, request.format);
      } catch (error) {
        post({ type: 'problem', about: 'save', message: errorMessage(error) });
      }
      return;
    case 'load-weights':
      return loadWeights(request);
    case 'predict':
      drawingChanged(request.pixels);
      return predict(request.id, request.pixels);
    case 'clear-drawing':
      drawingChanged(null);
      return;
    case 'views':
      setShownViews(request.shown);
      return;
    case 'debug-lose-device':
      worker.gpu?.device.destroy();
      return;
  }
}

workerScope().onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  // Never waiting in line: a prediction (and the views of the drawing) answers a drawing at once, stopping a
  // comparison or a range test must reach one the queue is not waiting for, and data
  // starts loading while the device is still being set up. A checkpoint's export waits
  // in line: after the Pause (or the run's start) it follows.
  if (request.type === 'predict' || request.type === 'clear-drawing' || request.type === 'views' || request.type === 'stop-compare' || request.type === 'stop-find-lr' || request.type === 'use-dataset' || request.type === 'debug-lose-device') {
    void handle(request);
    return;
  }
  enqueue(() => handle(request));
};
