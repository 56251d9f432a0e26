// The datasets, loaded once and kept: they are CPU arrays, uploaded per run,
// so they outlive a lost device.

import { firstSamples, type Dataset } from '../../data/dataset.ts';
import { datasetInfo } from '../../data/datasets.ts';
import { fetchDataReader } from '../../data/fetch-files.ts';
import type { DatasetName } from '../config.ts';
import { loadData } from '../data-source.ts';
import type { BlobPoint, RunData } from '../messages.ts';
import { errorMessage, post } from './page.ts';

const readData = fetchDataReader(`${import.meta.env.BASE_URL}data/`);

const datasets = new Map<string, Promise<Dataset>>();

/** Loads a dataset once and keeps it (one made from the seed is its own for each seed); tells the page when it is there. */
export function getDataset(name: DatasetName, seed: number): Promise<Dataset> {
  const info = datasetInfo(name);
  const key = info.seeded ? `${name}:${seed}` : name;
  let promise = datasets.get(key);
  if (!promise) {
    post({ type: 'data', dataset: name, status: 'loading' });
    promise = loadData(name, readData, seed);
    datasets.set(key, promise);
    promise.catch((error: unknown) => {
      datasets.delete(key);
      post({ type: 'data', dataset: name, status: 'error', message: errorMessage(error) });
    });
  }
  void promise.then(
    (dataset) =>
      post({
        type: 'data',
        dataset: name,
        status: 'ready',
        trainCount: dataset.train.count,
        testCount: dataset.test.count,
        points: info.plane ? planePoints(dataset) : undefined,
      }),
    () => {},
  );
  return promise;
}

/** A dataset of points in the plane, as the page plots them. */
function planePoints(dataset: Dataset): BlobPoint[] {
  const points: BlobPoint[] = [];
  for (const split of ['train', 'test'] as const) {
    const { inputs, labels, count } = dataset[split];
    for (let i = 0; i < count; i++) points.push({ x: inputs[2 * i]!, y: inputs[2 * i + 1]!, label: labels[i]!, split });
  }
  return points;
}

/** The dataset with only its first `limit` training samples (a quick epoch). */
export function limitTraining(dataset: Dataset, data: RunData): Dataset {
  const limit = data.trainLimit;
  if (limit === null || limit >= dataset.train.count) return dataset;
  return { ...dataset, train: firstSamples(dataset.train, limit) };
}
