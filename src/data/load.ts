// Loads an image dataset stored as four IDX files under public/data/<name>/
// (MNIST and Fashion-MNIST). The bytes come from a reader passed in (fetch in
// a page or worker, fs in Node), so this code is the same everywhere; what a
// dataset's files hold (their shape, classes and how to get them back) comes
// from the dataset's own module.
import type { Dataset, DatasetSplit } from './dataset.ts';
import { IdxError, readIdx } from './idx.ts';

/** Returns the bytes of a file given its path relative to public/data/, e.g. "mnist/train-images-idx3-ubyte.gz". */
export type DataReader = (relativePath: string) => Promise<Uint8Array>;

/** A reader's answer for a file that is not there: the loader adds how to get it back. */
export class MissingDataFileError extends Error {
  override name = 'MissingDataFileError';
}

/** What an image dataset's module says of its files. */
export interface ImageFiles {
  /** Its folder under public/data/. */
  name: string;
  /** [channels, height, width] of one image. */
  inputShape: readonly number[];
  classNames: readonly string[];
  /** How to get a missing or damaged file back: "run …" or "restore it with …". */
  remedy: (relativePath: string) => string;
}

const SPLIT_FILES = {
  train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz' },
  test: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
};

/** An image dataset from its four IDX files under public/data/<name>/. */
export async function loadImageDataset(files: ImageFiles, readFile: DataReader): Promise<Dataset> {
  const [train, test] = await Promise.all([loadSplit(files, SPLIT_FILES.train, readFile), loadSplit(files, SPLIT_FILES.test, readFile)]);
  return { name: files.name, train, test };
}

async function loadSplit(files: ImageFiles, split: { images: string; labels: string }, readFile: DataReader): Promise<DatasetSplit> {
  const [images, labels] = await Promise.all([
    readDataFile(`${files.name}/${split.images}`, files, readFile),
    readDataFile(`${files.name}/${split.labels}`, files, readFile),
  ]);
  const fail = (file: IdxFile, problem: string) => new IdxError(`${file.path}: ${problem}; ${files.remedy(file.path)}`);
  const [, height, width] = files.inputShape;
  const classes = files.classNames.length;
  const [count, rows, cols] = images.dims;
  if (images.dims.length !== 3 || rows !== height || cols !== width) {
    throw fail(images, `images have dimensions [${images.dims.join(', ')}], expected [count, ${height}, ${width}]`);
  }
  if (labels.dims.length !== 1 || labels.dims[0] !== count) {
    throw fail(labels, `labels have dimensions [${labels.dims.join(', ')}], expected [${count}] to match ${images.path}`);
  }
  const bad = labels.data.findIndex((label) => label >= classes);
  if (bad >= 0) throw fail(labels, `label ${labels.data[bad]} at index ${bad} is not a class 0..${classes - 1}`);
  return { inputs: images.data, labels: labels.data, count: count!, features: rows! * cols! };
}

interface IdxFile {
  path: string;
  dims: number[];
  data: Uint8Array;
}

async function readDataFile(path: string, files: ImageFiles, readFile: DataReader): Promise<IdxFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof MissingDataFileError) throw new MissingDataFileError(`${error.message}; ${files.remedy(path)}`);
    throw error;
  }
  return { path, ...(await readIdx(bytes, path, { remedy: files.remedy(path) })) };
}
