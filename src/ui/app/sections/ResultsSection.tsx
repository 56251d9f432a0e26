// "4. Results": for images, which classes the model confuses and the test
// images it gets wrong; for blobs, what it answers all over the plane.

import { useMemo } from 'react';
import { DecisionBoundary } from '../../blobs/DecisionBoundary.tsx';
import { ConfusionMatrix } from '../../results/ConfusionMatrix.tsx';
import { MisclassifiedGallery } from '../../results/MisclassifiedGallery.tsx';
import { formatPercent } from '../kit/format.ts';
import { useAppStore } from '../store/store.ts';

export function ResultsSection() {
  const runDataset = useAppStore((s) => s.run.dataset);
  const settingsDataset = useAppStore((s) => s.settings.dataset);
  const dataset = runDataset ?? settingsDataset;
  return dataset === 'blobs' ? <BoundaryResults /> : <ImageResults />;
}

function ImageResults() {
  const results = useAppStore((s) => s.results);
  if (!results) {
    return <p className="section__lead">After each epoch, the model’s answers on every test image show up here: what it confuses, and the images it gets wrong. Train for an epoch to see them.</p>;
  }
  return (
    <div className="results">
      <p className="section__lead">
        After epoch {results.epoch}: {formatPercent(results.accuracy)} of the test images right.
      </p>
      <div className="results__row">
        <div className="results__matrix">
          <h3>Confusion matrix</h3>
          <ConfusionMatrix matrix={results.matrix} classNames={results.classNames} />
        </div>
        <div className="results__gallery">
          <h3>Mistakes</h3>
          <MisclassifiedGallery items={results.misclassified} classNames={results.classNames} />
        </div>
      </div>
    </div>
  );
}

function BoundaryResults() {
  const points = useAppStore((s) => s.datasets.blobs?.points ?? null);
  const grid = useAppStore((s) => s.grid);
  const stable = useMemo(() => points ?? [], [points]);
  return (
    <div className="results">
      <p className="section__lead">
        The plane coloured by the model’s answer at each point, with the training points (filled) and test points (hollow) on top.
        {grid ? '' : ' Train to see the boundary take shape.'}
      </p>
      <DecisionBoundary points={stable} grid={grid} />
    </div>
  );
}
