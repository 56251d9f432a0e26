import type { StateCreator } from 'zustand';
import type { DatasetName } from '../../../train/config.ts';
import type { EpochEvent, ProgressEvent } from '../../../train/events.ts';
import { msg, type Msg } from '../i18n/translator.ts';
import { readRunFile } from '../../train/run-file.ts';
import { toConfig, trainLimitOf } from './settings.ts';
import type { AppState } from './store.ts';
import { send } from './worker-port.ts';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'diverged' | 'failed';

export interface RunState {
  id: number;
  status: RunStatus;
  dataset: DatasetName | null;
  stepsPerEpoch: number;
  totalSteps: number;
  epochs: number;
  /** The run's learning rate and whether its model ends in a ReLU: what the run-time advice talks about. */
  lr: number | null;
  reluAfterLast: boolean;
  /** Why the run stopped (divergence, an error). */
  message: Msg | null;
  final: { testLoss: number; testAccuracy: number; steps: number; stoppedEarly: boolean } | null;
}

export interface TrainSlice {
  run: RunState;
  /** Step numbers and their training losses, in order. */
  lossSteps: number[];
  lossValues: number[];
  epochResults: EpochEvent[];
  progress: ProgressEvent | null;
  /** Starts a new run from fresh weights; paused after its first step when `paused`. */
  train: (paused?: boolean) => void;
  pause: () => void;
  resume: () => void;
  /** One step: of the paused run, or of a new run that then waits paused. */
  step: () => void;
  /** Stops the run and forgets its model and curves. */
  reset: () => void;
  /** The paused run as a run checkpoint file (downloaded). */
  saveRunCheckpoint: () => void;
  /** Goes on with the run in a checkpoint file: its settings come into the form, and it waits paused. */
  resumeRunFile: (file: File) => Promise<void>;
}

export const idleRun: RunState = { id: 0, status: 'idle', dataset: null, stepsPerEpoch: 0, totalSteps: 0, epochs: 0, lr: null, reluAfterLast: false, message: null, final: null };

/** What a new run (or none) starts from: no curves, no results. */
const noCurves = { lossSteps: [], lossValues: [], epochResults: [], progress: null, results: null, grid: null } satisfies Partial<AppState>;

export const createTrainSlice: StateCreator<AppState, [], [], TrainSlice> = (set, get) => ({
  run: idleRun,
  lossSteps: [],
  lossValues: [],
  epochResults: [],
  progress: null,
  train: (paused = false) => {
    const { settings, run, gpuStatus } = get();
    const config = toConfig(settings);
    // One run at a time: a second click (a double click, a key held down) before the first run ends does nothing.
    const active = run.status === 'starting' || run.status === 'running' || run.status === 'paused';
    if (!config || gpuStatus !== 'ready' || active) return;
    const id = run.id + 1;
    set({
      run: {
        ...idleRun,
        id,
        status: paused ? 'paused' : 'starting',
        dataset: config.dataset,
        epochs: config.epochs,
        lr: config.optimizer.lr ?? null,
        reluAfterLast: settings.reluAfterLast,
      },
      ...noCurves,
    });
    send({ type: 'train', runId: id, config, data: { trainLimit: trainLimitOf(settings) }, startPaused: paused });
  },
  pause: () => {
    const { run } = get();
    if (run.status !== 'running' && run.status !== 'starting') return;
    set({ run: { ...run, status: 'paused' } });
    send({ type: 'pause' });
    // What the model knows so far survives a reload too.
    send({ type: 'export-weights', purpose: 'persist' });
  },
  resume: () => {
    const { run } = get();
    if (run.status !== 'paused') return;
    set({ run: { ...run, status: 'running' } });
    send({ type: 'resume' });
  },
  step: () => {
    const { run, train } = get();
    if (run.status === 'paused') send({ type: 'step' });
    else if (run.status !== 'running' && run.status !== 'starting') train(true);
  },
  reset: () => {
    // A new id: anything still on its way from the old run is ignored.
    set({ run: { ...idleRun, id: get().run.id + 1 }, ...noCurves });
    send({ type: 'reset' });
  },
  saveRunCheckpoint: () => {
    const { run } = get();
    if (run.status === 'paused') send({ type: 'export-run-checkpoint', runId: run.id });
  },
  resumeRunFile: async (file) => {
    const busy = () => {
      const { run, gpuStatus, compare } = get();
      return gpuStatus !== 'ready' || ['starting', 'running', 'paused'].includes(run.status) || compare.status === 'running' || compare.status === 'starting';
    };
    if (busy()) return;
    let read: ReturnType<typeof readRunFile>;
    try {
      read = readRunFile(new Uint8Array(await file.arrayBuffer()), file.name);
    } catch (error) {
      read = { ok: false, message: msg('checkpoint.unreadable', { detail: (error as Error).message }) };
    }
    const { run, restoreSettings } = get();
    if (busy()) return;
    if (!read.ok) {
      // Shown in the status line, which an idle run's status carries its message in.
      set({ run: { ...run, status: 'idle', message: read.message } });
      return;
    }
    const { settings, config, state } = read;
    restoreSettings(settings);
    const id = run.id + 1;
    set({
      run: {
        ...idleRun,
        id,
        status: 'paused',
        dataset: config.dataset,
        epochs: config.epochs,
        lr: config.optimizer.lr ?? null,
        reluAfterLast: settings.reluAfterLast,
        message: msg('checkpoint.resumed', { file: file.name, epochs: String(state.epochsDone), steps: String(state.steps) }),
      },
      ...noCurves,
    });
    send({ type: 'train', runId: id, config, data: { trainLimit: null }, startPaused: true, resume: state });
  },
});
