// The settings and the current model's weights in the browser's IndexedDB,
// so that both survive a reload. Storage may be unavailable (private windows,
// blocked storage): then nothing is kept, and nothing fails.

const DB_NAME = 'webgpu-training-playground';
const STORE = 'state';
const VERSION = 1;

export interface SavedModel {
  bytes: Uint8Array;
  fileName: string;
}

export interface SavedState {
  settings: unknown;
  compareSettings: unknown;
  model: SavedModel | null;
}

let opening: Promise<IDBDatabase | null> | null = null;

function openDb(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(DB_NAME, VERSION);
    } catch {
      return resolve(null);
    }
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
  return opening;
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  const db = await openDb();
  if (!db) return undefined;
  try {
    return await requestResult(use(db.transaction(STORE, mode).objectStore(STORE)));
  } catch (error) {
    console.warn(`Browser storage: ${(error as Error).message}`);
    return undefined;
  }
}

function isSavedModel(value: unknown): value is SavedModel {
  const v = value as SavedModel | null;
  return !!v && v.bytes instanceof Uint8Array && typeof v.fileName === 'string';
}

export async function loadSavedState(): Promise<SavedState> {
  const [settings, compareSettings, model] = await Promise.all([
    withStore('readonly', (s) => s.get('settings')),
    withStore('readonly', (s) => s.get('compareSettings')),
    withStore('readonly', (s) => s.get('model')),
  ]);
  return { settings, compareSettings, model: isSavedModel(model) ? model : null };
}

export async function saveSettings(key: 'settings' | 'compareSettings', value: unknown): Promise<void> {
  await withStore('readwrite', (s) => s.put(value, key));
}

export async function saveModel(model: SavedModel): Promise<void> {
  await withStore('readwrite', (s) => s.put(model, 'model'));
}

export async function forgetModel(): Promise<void> {
  await withStore('readwrite', (s) => s.delete('model'));
}
