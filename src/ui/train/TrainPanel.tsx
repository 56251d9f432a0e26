// "2. Train": the buttons, the progress, the curves, and a divergence explained.

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
  const status = useAppStore((s) => s.run.status);
  const message = useAppStore((s) => s.run.message);
  if (status !== 'diverged') return null;
  return (
    <div className="notice notice--warning" role="alert">
      <strong>Training diverged.</strong> {message} The curves end before that step. In Set up, try a learning rate ten times
      smaller, then press Train.
    </div>
  );
}
