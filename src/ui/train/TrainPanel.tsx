// "2. Train": the buttons, the progress, the curves, and a divergence explained.

import { useT } from '../app/i18n/useT.ts';
import { useAppStore } from '../app/store/store.ts';
import { AccuracyChart } from './AccuracyChart.tsx';
import { scaledRate } from './advice.ts';
import { LossChart } from './LossChart.tsx';
import { TrainControls } from './TrainControls.tsx';
import { RunAdvice } from './RunAdvice.tsx';
import { TrainProgress } from './TrainProgress.tsx';
import { TrainTestChart } from './TrainTestChart.tsx';
import './train.css';

export function TrainPanel() {
  return (
    <div className="train">
      <TrainControls />
      <DivergenceNotice />
      <TrainProgress />
      <RunAdvice />
      <LossChart />
      <AccuracyChart />
      <TrainTestChart />
    </div>
  );
}

function DivergenceNotice() {
  const tr = useT();
  const status = useAppStore((s) => s.run.status);
  const message = useAppStore((s) => s.run.message);
  const lr = useAppStore((s) => s.run.lr);
  if (status !== 'diverged') return null;
  return (
    <div className="notice notice--warning" role="alert">
      <strong>{tr.t('diverged.title')}</strong> {message ? tr.msg(message) : ''} {lr !== null ? tr.t('diverged.advice', { lr: scaledRate(lr, 0.1) }) : tr.t('diverged.adviceNoRate')}
    </div>
  );
}
