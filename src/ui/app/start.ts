// Start-up: decide whether WebGPU can work here at all, start the training
// worker, bring back what the browser kept from the last visit (settings and
// the current model), and keep both stored from then on.

import type { WorkerEvent } from '../../train/messages.ts';
import { downloadBytes } from '../shared/download.ts';
import { startLessons } from '../lessons/start-lessons.ts';
import { forgetModel, loadSavedState, saveModel, saveSettings } from '../model-io/persistence.ts';
import { addressFor, chooseLanguage, readStoredLanguage, storeLanguage } from './i18n/language.ts';
import { msg, translatorFor, type Language } from './i18n/translator.ts';
import { applyWorkerEvent, type Effects } from './store/apply-event.ts';
import { defaultCompareSettings, MAX_COMPARE_RUNS, type CompareSettings } from './store/compare-slice.ts';
import { reviveSettings } from './store/settings.ts';
import { useAppStore } from './store/store.ts';
import { keepAddressCurrent, readLinkedSetup } from './url-state.ts';
import { connectPort, send } from './store/worker-port.ts';

const effects: Effects = {
  download: downloadBytes,
  persistModel: (bytes, fileName) => void saveModel({ bytes, fileName }),
  forgetModel: () => void forgetModel(),
};

function startWorker(): void {
  const worker = new Worker(new URL('../../train/worker/main.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<WorkerEvent>) => applyWorkerEvent(event.data, effects);
  worker.onerror = (event) => {
    useAppStore.setState({
      gpuStatus: 'failed',
      gpuProblem: msg('gpu.workerStopped', { detail: event.message || msg('gpu.workerNotStarted') }),
      gpuProblemReason: 'worker',
    });
  };
  connectPort((request, transfer) => worker.postMessage(request, transfer));
  send({ type: 'init' });
  exposeTestHooks();
}

/**
 * Test-only: in development (the e2e server) or with ?debug in the address,
 * `window.__playgroundDebug.loseDevice()` makes the worker destroy its GPU
 * device, so that e2e can check recovery from a lost device.
 */
function exposeTestHooks(): void {
  if (!import.meta.env.DEV && !new URLSearchParams(location.search).has('debug')) return;
  (window as Window & { __playgroundDebug?: { loseDevice(): void } }).__playgroundDebug = {
    loseDevice: () => send({ type: 'debug-lose-device' }),
  };
}

function reviveCompareSettings(value: unknown): CompareSettings | null {
  const saved = value as CompareSettings | null;
  if (!saved || !Array.isArray(saved.runs) || saved.runs.length < 1 || saved.runs.length > MAX_COMPARE_RUNS) return null;
  const ok = saved.runs.every((r) => ['sgd', 'adam', 'rmsprop'].includes(r?.optimizer) && typeof r.lr === 'string' && typeof r.momentum === 'string');
  if (!ok || typeof saved.steps !== 'string' || typeof saved.target !== 'string') return null;
  return { ...defaultCompareSettings, ...saved };
}

/** Waits at most `ms` for storage, so a slow or stuck IndexedDB never holds the page. */
function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([promise, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms))]);
}

/** The document follows the page's language: its lang attribute (for screen readers and fonts) and its title. */
function showLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.title = translatorFor(language).t('app.title');
}

/**
 * The language, before anything renders: the address's ?lang, the kept choice
 * or the browser's languages (i18n/language.ts). A later switch is kept in
 * localStorage, and in the address when it has a ?lang, so a reload keeps it.
 */
function startLanguage(): void {
  const store = useAppStore;
  const { language, badUrlValue } = chooseLanguage(location.search, readStoredLanguage(), navigator.languages);
  store.setState({ language, languageNotice: badUrlValue !== null ? msg('language.badUrl', { value: badUrlValue }) : null });
  showLanguage(language);
  store.subscribe((state, previous) => {
    if (state.language === previous.language) return;
    storeLanguage(state.language);
    showLanguage(state.language);
    const address = addressFor(location.href, state.language);
    if (address) history.replaceState(history.state, '', address);
  });
}

export async function start(): Promise<void> {
  const store = useAppStore;
  startLanguage();
  // The lesson step of a ?lesson=&step= link, or the one kept from the last visit (lessons/start-lessons.ts).
  startLessons(location.search);
  if (!('gpu' in navigator) || !navigator.gpu) {
    store.setState({
      gpuStatus: 'unsupported',
      gpuProblemReason: 'no-webgpu',
      gpuProblem: msg('gpu.noNavigatorGpu'),
    });
    return;
  }
  startWorker();
  // A link's setup comes before the settings this browser kept; its refused values become notices (url-state.ts).
  const linked = readLinkedSetup(store, location.search);
  const saved = await withTimeout(loadSavedState(), 1500, { settings: null, compareSettings: null, model: null });
  const settings = linked ?? reviveSettings(saved.settings);
  if (settings) store.getState().restoreSettings(settings);
  else send({ type: 'use-dataset', dataset: store.getState().settings.dataset, seed: Number(store.getState().settings.seed) || 0 });
  const compareSettings = reviveCompareSettings(saved.compareSettings);
  if (compareSettings) store.setState({ compareSettings });
  if (saved.model) {
    const { bytes, fileName } = saved.model;
    const { dataset, activation } = store.getState().settings;
    send({ type: 'load-weights', bytes, fileName, origin: 'restored', fallbackDataset: dataset, activation }, [bytes.buffer]);
  }
  keepAddressCurrent(store);
  store.subscribe((state, previous) => {
    if (state.settings !== previous.settings) void saveSettings('settings', state.settings);
    if (state.compareSettings !== previous.compareSettings) void saveSettings('compareSettings', state.compareSettings);
  });
}
