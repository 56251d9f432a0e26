// The data a run trains on, loaded the same way by the CLI and the worker:
// the image datasets from their IDX files through a reader (fs or fetch),
// blobs generated from the run's seed.

import { makeBlobs } from '../data/blobs.ts';
import type { Dataset } from '../data/dataset.ts';
import { loadDataset, type DataReader } from '../data/load.ts';
import type { DatasetName } from './config.ts';
import type { SessionData } from './session.ts';

export async function loadData(name: DatasetName, readFile: DataReader, seed: number): Promise<Dataset> {
  return name === 'blobs' ? makeBlobs({ seed }) : loadDataset(name, readFile);
}

export function sessionData(dataset: Dataset): SessionData {
  return { train: dataset.train, test: dataset.test, imageWidth: dataset.imageShape?.[1] };
}
