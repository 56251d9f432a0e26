// The data a run trains on, loaded the same way by the CLI and the worker:
// the image datasets from their IDX files through a reader (fs or fetch),
// blobs generated from the run's seed.

import type { Dataset } from '../data/dataset.ts';
import { datasetInfo, flipWidth, type DatasetName } from '../data/datasets.ts';
import type { DataReader } from '../data/load.ts';
import type { SessionData } from './session.ts';

export function loadData(name: DatasetName, readFile: DataReader, seed: number): Promise<Dataset> {
  return datasetInfo(name).load(readFile, seed);
}

/** A dataset as a training session takes it: its splits, one sample's shape and the width flips mirror. */
export function sessionData(dataset: Dataset): SessionData {
  const info = datasetInfo(dataset.name as DatasetName);
  return { train: dataset.train, test: dataset.test, inputShape: info.inputShape, flipWidth: flipWidth(info) };
}
