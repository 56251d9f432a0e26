// "2. Train": the buttons, the progress, the curves, and a divergence explained.

import { useT } from '../app/i18n/useT.ts';
import { useAppStore } from '../app/store/store.ts';
import { AccuracyChart } from './AccuracyChart.tsx';
import { LossChart } from './LossChart.tsx';
import { TrainControls } from './TrainControls.tsx';
import { TrainProgress } from './TrainProgress.tsx';
import './train.css';

export function TrainPanel() {
  return (
    <div className="train">
      <TrainControls />
      <DivergenceNotice />
      <TrainProgress />
      <LossChart />
      <AccuracyChart />
    </div>
  );
}

function DivergenceNotice() {
  const tr = useT();
  const status = useAppStore((s) => s.run.status);
  const message = useAppStore((s) => s.run.message);
  if (status !== 'diverged') return null;
  return (
    <div className="notice notice--warning" role="alert">
      <strong>{tr.t('diverged.title')}</strong> {message ? tr.msg(message) : ''} {tr.t('diverged.advice')}
    </div>
  );
}
