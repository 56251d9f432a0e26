// What the run's curves say, explained as it happens (advice.ts decides when).

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { datasetInfo } from '../../train/config.ts';
import { useT } from '../app/i18n/useT.ts';
import { useThrottled } from '../app/kit/useThrottled.ts';
import { useAppStore } from '../app/store/store.ts';
import { runAdvice } from './advice.ts';
import { CHART_INTERVAL_MS } from './LossChart.tsx';

export function RunAdvice() {
  const tr = useT();
  const { lossValues, epochResults } = useThrottled(
    useAppStore(useShallow((s) => ({ lossValues: s.lossValues, epochResults: s.epochResults }))),
    CHART_INTERVAL_MS,
  );
  const lr = useAppStore((s) => s.run.lr);
  const reluAfterLast = useAppStore((s) => s.run.reluAfterLast);
  const diverged = useAppStore((s) => s.run.status === 'diverged');
  const classes = useAppStore((s) => (s.run.dataset ? datasetInfo(s.run.dataset).classes : 10));
  const advice = useMemo(() => runAdvice({ lossValues, epochResults, lr, reluAfterLast, classes }), [lossValues, epochResults, lr, reluAfterLast, classes]);
  // A divergence has its own notice, which says what to change.
  if (diverged || advice.length === 0) return null;
  return (
    <div className="notice notice--info train-advice" role="status" aria-label={tr.t('advice.label')}>
      <strong>{tr.t('advice.label')}</strong>
      {advice.map((m) => (
        <p key={m.id}>{tr.msg(m)}</p>
      ))}
    </div>
  );
}
