// The page's side of the views (the worker's side: src/train/worker/views/).
// Components say which views are on screen through useView(); this file
// counts them, tells the worker the set whenever it changes (and shows none
// while the tab is hidden), and keeps each view's latest data in a small
// store of its own, so a view that updates every few steps re-renders only
// its own component. Nothing here knows any particular view.

import { create } from 'zustand';
import type { ViewEvent } from '../../../train/messages.ts';
import type { ViewData, ViewId } from '../../../train/worker/views/registry.ts';
import { send } from './worker-port.ts';

type ViewDataById = { [V in ViewId]?: ViewData[V] | null };

export const useViewStore = create<ViewDataById>()(() => ({}));

const onScreen = new Map<ViewId, number>();
let lastSent = '';
let pending = false;

function hidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}

/** The views shown now, in a stable order. */
export function shownViews(): ViewId[] {
  if (hidden()) return [];
  return [...onScreen.entries()].filter(([, count]) => count > 0).map(([id]) => id).sort();
}

function sendShown(): void {
  pending = false;
  const shown = shownViews();
  const key = shown.join(',');
  if (key === lastSent) return;
  lastSent = key;
  send({ type: 'views', shown });
}

/** Batches the changes of one render (a section that mounts three views sends one request). */
function scheduleSend(): void {
  if (pending) return;
  pending = true;
  queueMicrotask(sendShown);
}

/** Marks a view as on screen; the returned function takes it off again. */
export function showView(id: ViewId): () => void {
  onScreen.set(id, (onScreen.get(id) ?? 0) + 1);
  scheduleSend();
  return () => {
    onScreen.set(id, (onScreen.get(id) ?? 1) - 1);
    scheduleSend();
  };
}

if (typeof document !== 'undefined') document.addEventListener('visibilitychange', scheduleSend);

/** The worker has new data for a view. */
export function viewArrived(event: ViewEvent): void {
  useViewStore.setState({ [event.id]: event.data });
}
