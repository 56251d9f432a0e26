// "4. Results": for images, which classes the model confuses and the test
// images it gets wrong; for blobs, what it answers all over the plane.

import { useMemo } from 'react';
import { datasetInfo, type DatasetName } from '../../../train/config.ts';
import { DecisionBoundary } from '../../blobs/DecisionBoundary.tsx';
import { CellImages } from '../../results/CellImages.tsx';
import { ConfusionMatrix } from '../../results/ConfusionMatrix.tsx';
import { MisclassifiedGallery } from '../../results/MisclassifiedGallery.tsx';
import { translateClassNames } from '../i18n/class-names.ts';
import { useT } from '../i18n/useT.ts';
import { HowToRead } from '../kit/HowToRead.tsx';
import { useAppStore } from '../store/store.ts';
import { ViewsIn } from '../../views/registry.tsx';

export function ResultsSection() {
  const runDataset = useAppStore((s) => s.run.dataset);
  const settingsDataset = useAppStore((s) => s.settings.dataset);
  const dataset = runDataset ?? settingsDataset;
  return (
    <>
      {datasetInfo(dataset).plane ? <BoundaryResults dataset={dataset} /> : <ImageResults dataset={dataset} />}
      <ViewsIn section="results" />
    </>
  );
}

function ImageResults({ dataset }: { dataset: DatasetName }) {
  const tr = useT();
  const results = useAppStore((s) => s.results);
  const runId = useAppStore((s) => s.run.id);
  const openCell = useAppStore((s) => s.openCell);
  const toggleCell = useAppStore((s) => s.toggleCell);
  const closeCell = useAppStore((s) => s.closeCell);
  const showOnPad = useAppStore((s) => s.showOnPad);
  const cell = openCell?.runId === runId ? openCell : null;
  const classNames = useMemo(() => (results ? translateClassNames(dataset, results.classNames, tr) : []), [dataset, results, tr]);
  if (!results) return <p className="section__lead">{tr.t('results.empty')}</p>;
  const [height, width] = datasetInfo(dataset).inputShape.slice(-2);
  const imageSize = [height!, width!] as const;
  return (
    <div className="results">
      <p className="section__lead">
        {tr.t('results.after', { epoch: results.epoch, accuracy: tr.percent(results.accuracy) })}
      </p>
      <div className="results__row">
        <div className="results__matrix">
          <h3>{tr.t('results.matrix')}</h3>
          <ConfusionMatrix matrix={results.matrix} classNames={classNames} onCell={toggleCell} selected={cell} />
          <p className="section__note">{tr.t('cell.hint')}</p>
          <HowToRead>{tr.t('howto.confusion')}</HowToRead>
        </div>
        <div className="results__gallery">
          <h3>{tr.t('results.mistakes')}</h3>
          <MisclassifiedGallery items={results.misclassified} classNames={classNames} imageSize={imageSize} />
        </div>
      </div>
      {cell ? (
        <CellImages
          key={`${cell.trueClass}-${cell.predictedClass}`}
          trueClass={cell.trueClass}
          predictedClass={cell.predictedClass}
          classNames={classNames}
          imageSize={imageSize}
          images={cell.images}
          onPick={(image) => {
            showOnPad(image.pixels);
            document.getElementById('draw')?.scrollIntoView({ block: 'nearest' });
          }}
          onClose={closeCell}
        />
      ) : null}
    </div>
  );
}

function BoundaryResults({ dataset }: { dataset: DatasetName }) {
  const tr = useT();
  const points = useAppStore((s) => s.datasets[dataset]?.points ?? null);
  const grid = useAppStore((s) => s.grid);
  const stable = useMemo(() => points ?? [], [points]);
  return (
    <div className="results">
      <p className="section__lead">
        {tr.t('results.boundaryLead')}
        {grid ? '' : ` ${tr.t('results.boundaryTrain')}`}
      </p>
      <DecisionBoundary points={stable} grid={grid} />
      <HowToRead>{tr.t('howto.boundary')}</HowToRead>
    </div>
  );
}
