// What each message from the worker does to the page's state. Messages of an
// older run or comparison (ids that no longer match) are dropped. Saving files
// and the browser's storage are side effects the shell passes in.

import type { WorkerEvent } from '../../../train/messages.ts';
import { msg, rawText } from '../i18n/translator.ts';
import { divergenceMessage, engineError, gpuErrorMessage, gpuRecoveredMessage, gpuWarningMessage, pretrainedMessage, problemMessage } from '../i18n/worker-text.ts';
import { answerArrived, requestPrediction } from './predictions.ts';
import { cellImagesArrived, followOpenCell } from './results-slice.ts';
import { useAppStore } from './store.ts';
import { viewArrived } from './views.ts';
import { send } from './worker-port.ts';

export interface Effects {
  download: (bytes: Uint8Array, fileName: string) => void;
  persistModel: (bytes: Uint8Array, fileName: string) => void;
  forgetModel: () => void;
}

export function applyWorkerEvent(event: WorkerEvent, effects: Effects): void {
  const { getState: get, setState: set } = useAppStore;
  switch (event.type) {
    case 'ready':
      set({ gpuStatus: 'ready', adapterName: event.adapterName });
      return;
    case 'gpu-error': {
      const { run } = get();
      // After a loss no new device came: the run waiting for one ends.
      const waiting = run.status === 'starting' || run.status === 'running' || run.status === 'paused';
      set({
        gpuStatus: event.reason === 'device' ? 'failed' : 'unsupported',
        gpuProblem: gpuErrorMessage(event.message),
        gpuProblemReason: event.reason,
        ...(waiting ? { run: { ...run, status: 'failed' as const, message: msg('gpu.lostDuringRun') } } : {}),
      });
      return;
    }
    case 'gpu-lost': {
      const { run, compare, lrFinder } = get();
      const active = (s: string) => s === 'starting' || s === 'running' || s === 'paused';
      set({
        gpuStatus: 'lost',
        gpuProblem: rawText(event.message),
        gpuRecovered: null,
        // The worker resumes the run on the new device (run-resumed), or says why it cannot.
        run: active(run.status) ? { ...run, message: msg('gpu.lostResuming') } : run,
        compare: active(compare.status) ? { ...compare, status: 'failed', message: msg('gpu.lostDuringCompare') } : compare,
        lrFinder: active(lrFinder.status) ? { ...lrFinder, status: 'failed', message: msg('lrFind.lost') } : lrFinder,
      });
      return;
    }
    case 'gpu-recovered':
      set({ gpuStatus: 'ready', adapterName: event.adapterName, gpuProblem: null, gpuRecovered: gpuRecoveredMessage(event.message) });
      return;
    case 'gpu-warning':
      set({ gpuWarning: gpuWarningMessage(event.message) });
      return;
    case 'data':
      set({
        datasets: {
          ...get().datasets,
          [event.dataset]: {
            status: event.status,
            message: event.message !== undefined ? rawText(event.message) : null,
            trainCount: event.trainCount ?? null,
            testCount: event.testCount ?? null,
            points: event.points ?? null,
          },
        },
      });
      return;
    case 'pretrained':
      set({ pretrained: { available: event.available, message: pretrainedMessage(event.message) } });
      return;
    case 'models': {
      const { drawing, run, currentModel: previous } = get();
      const replacedRun = (event.current?.source === 'loaded' || event.current?.source === 'restored') && (run.status === 'running' || run.status === 'paused' || run.status === 'starting');
      set({
        currentModel: event.current,
        drawingModel: event.drawing,
        ...(replacedRun ? { run: { ...run, status: 'idle' as const, message: msg('run.replacedByLoad') } } : {}),
        ...(event.current?.source === 'loaded' && event.current.fileName ? { modelNotice: msg('model.loaded', { file: event.current.fileName }) } : {}),
      });
      if (drawing) requestPrediction(drawing);
      // The browser keeps the current model: trained or loaded ones are stored; a reset (from a
      // model of the user's to none) clears the store. Start-up, which also has none, leaves it.
      const hadOwn = previous !== null && previous.source !== 'pretrained';
      const source = event.current?.source ?? null;
      if ((source === null || source === 'pretrained') && hadOwn) effects.forgetModel();
      else if (source === 'loaded' || source === 'trained') send({ type: 'export-weights', purpose: 'persist' });
      return;
    }
    case 'run-started': {
      const { run } = get();
      if (event.runId !== run.id) return;
      set({
        run: {
          ...run,
          status: run.status === 'starting' ? 'running' : run.status,
          stepsPerEpoch: event.stepsPerEpoch,
          totalSteps: event.totalSteps,
          epochs: event.epochs,
        },
      });
      return;
    }
    case 'run-update': {
      const state = get();
      if (event.runId !== state.run.id) return;
      set({
        lossSteps: event.steps.length > 0 ? state.lossSteps.concat(event.steps) : state.lossSteps,
        lossValues: event.losses.length > 0 ? state.lossValues.concat(event.losses) : state.lossValues,
        epochResults: event.epochs.length > 0 ? state.epochResults.concat(event.epochs) : state.epochResults,
        progress: event.progress ?? state.progress,
      });
      // A drawing on the pad follows the model as it learns.
      if (state.drawing && state.drawingModel?.source === 'training') requestPrediction(state.drawing);
      return;
    }
    case 'run-resumed': {
      const state = get();
      if (event.runId !== state.run.id) return;
      // The steps and epochs after the kept state come again from the new device.
      const kept = state.lossSteps.findIndex((step) => step > event.steps);
      const cut = kept === -1 ? state.lossSteps.length : kept;
      set({
        run: { ...state.run, message: event.steps > 0 ? msg('run.resumedAfterLoss', { step: String(event.steps) }) : msg('run.restartedAfterLoss') },
        lossSteps: state.lossSteps.slice(0, cut),
        lossValues: state.lossValues.slice(0, cut),
        epochResults: state.epochResults.filter((epoch) => epoch.epoch <= event.epochsDone),
        // The worker posts where the resumed run stands next.
        progress: null,
        // The confusion matrix's pass was the lost run's (its cells' images went with it): the next epoch brings a new one.
        results: null,
      });
      return;
    }
    case 'run-checkpoint': {
      const { run } = get();
      if (event.runId !== run.id) return;
      if (event.saved) effects.download(event.saved.bytes, event.saved.fileName);
      const message = event.saved
        ? msg('checkpoint.saved', { file: event.saved.fileName, step: String(event.saved.steps) })
        : msg(event.problem === 'part-of-data' ? 'checkpoint.limited' : 'checkpoint.notPaused');
      set({ run: { ...run, message } });
      return;
    }
    case 'run-diverged': {
      const { run } = get();
      if (event.runId !== run.id) return;
      set({ run: { ...run, status: 'diverged', message: divergenceMessage(event.message) } });
      return;
    }
    case 'run-done': {
      const { run } = get();
      if (event.runId !== run.id) return;
      const { testLoss, testAccuracy, steps, stoppedEarly } = event;
      set({ run: { ...run, status: run.status === 'diverged' ? 'diverged' : 'done', final: { testLoss, testAccuracy, steps, stoppedEarly } } });
      return;
    }
    case 'run-error': {
      const { run } = get();
      if (event.runId !== run.id) return;
      set({ run: { ...run, status: 'failed', message: engineError(event.message) } });
      return;
    }
    case 'prediction':
      if (answerArrived(event.id) && get().drawing) set({ probabilities: event.probabilities });
      return;
    case 'view':
      viewArrived(event);
      return;
    case 'results':
      if (event.runId !== get().run.id) return;
      set({
        results: { epoch: event.epoch, classNames: event.classNames, matrix: event.matrix, misclassified: event.misclassified, accuracy: event.accuracy, pass: event.pass },
      });
      followOpenCell(get());
      return;
    case 'cell-images':
      cellImagesArrived(event, get(), set);
      return;
    case 'grid':
      if (event.runId !== get().run.id) return;
      set({ grid: event.grid });
      return;
    case 'compare-started': {
      const { compare } = get();
      if (event.runId !== compare.id) return;
      set({ compare: { ...compare, status: 'running', totalSteps: event.totalSteps } });
      return;
    }
    case 'compare-update': {
      const { compare, compareSeries } = get();
      if (event.runId !== compare.id) return;
      set({
        compare: { ...compare, step: event.step },
        compareSeries: compareSeries.map((series, i) => ({
          steps: series.steps.concat(event.series[i]!.steps),
          losses: series.losses.concat(event.series[i]!.losses),
        })) as typeof compareSeries,
      });
      return;
    }
    case 'compare-evaluation': {
      const { compare, compareEvaluations } = get();
      if (event.runId !== compare.id) return;
      set({ compareEvaluations: compareEvaluations.map((list, i) => [...list, event.evaluations[i]!]) as typeof compareEvaluations });
      return;
    }
    case 'compare-done': {
      const { compare } = get();
      if (event.runId !== compare.id) return;
      set({ compare: { ...compare, status: 'done', stoppedEarly: event.stoppedEarly }, compareSummaries: event.summaries });
      return;
    }
    case 'compare-error': {
      const { compare } = get();
      if (event.runId !== compare.id) return;
      set({ compare: { ...compare, status: 'failed', message: engineError(event.message) } });
      return;
    }
    case 'lr-range-started': {
      const { lrFinder } = get();
      if (event.runId !== lrFinder.id) return;
      set({ lrFinder: { ...lrFinder, status: 'running', steps: event.steps, startLr: event.startLr, endLr: event.endLr } });
      return;
    }
    case 'lr-range-update': {
      const { lrFinder } = get();
      if (event.runId !== lrFinder.id) return;
      set({ lrFinder: { ...lrFinder, points: lrFinder.points.concat(event.points) } });
      return;
    }
    case 'lr-range-done': {
      const { lrFinder } = get();
      if (event.runId !== lrFinder.id) return;
      set({ lrFinder: { ...lrFinder, status: 'done', suggestion: event.suggestion, ended: event.ended } });
      return;
    }
    case 'lr-range-error': {
      const { lrFinder } = get();
      if (event.runId !== lrFinder.id) return;
      set({ lrFinder: { ...lrFinder, status: 'failed', message: engineError(event.message) } });
      return;
    }
    case 'weights':
      if (event.purpose === 'download') {
        effects.download(event.bytes, event.fileName);
        set({ modelNotice: msg('model.saved', { file: event.fileName }) });
      } else {
        effects.persistModel(event.bytes, event.fileName);
      }
      return;
    case 'problem':
      if (event.about === 'predict') set({ gpuWarning: rawText(event.message) });
      else set({ modelProblem: problemMessage(event.message) });
      return;
  }
}
