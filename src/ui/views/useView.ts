// The one subscription every view component uses: while the component is
// mounted the worker computes the view on its schedule, and the component gets
// the view's latest data (undefined before any arrived, null when the model
// gives nothing to show).

import { useEffect } from 'react';
import type { ViewData, ViewId } from '../../train/worker/views/registry.ts';
import { showView, useViewStore } from '../app/store/views.ts';

export function useView<V extends ViewId>(id: V, enabled = true): ViewData[V] | null | undefined {
  useEffect(() => (enabled ? showView(id) : undefined), [id, enabled]);
  return useViewStore((s) => s[id] as ViewData[V] | null | undefined);
}
