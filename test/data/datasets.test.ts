// MNIST and Fashion-MNIST from the real files, checked against published
// facts (counts, first labels, pixel mean and std), and the two readers'
// messages when a file is missing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleFeatures, type Dataset, type DatasetSplit } from '../../src/data/dataset.ts';
import { fetchDataReader } from '../../src/data/fetch-files.ts';
import { IdxError } from '../../src/data/idx.ts';
import { MissingDataFileError, type DataReader } from '../../src/data/load.ts';
import { datasetInfo, type DatasetName } from '../../src/data/datasets.ts';

const loadDataset = (name: DatasetName, read: DataReader) => datasetInfo(name).load(read, 0);
import { nodeDataReader } from '../../src/data/node-files.ts';

/** Mean and std of x/255 over every pixel, in float64. */
function pixelStats(split: DatasetSplit): { mean: number; std: number } {
  let sum = 0;
  let sumSq = 0;
  for (const v of split.inputs) {
    sum += v;
    sumSq += v * v;
  }
  const n = split.inputs.length;
  const mean = sum / n / 255;
  return { mean, std: Math.sqrt(sumSq / n / 255 ** 2 - mean * mean) };
}

let mnist: Dataset;
let fashion: Dataset;

beforeAll(async () => {
  // The same idempotent step that npm's pre-scripts run, so this file also works under a bare `npx vitest`.
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/prepare-data.mjs', import.meta.url))], { stdio: 'inherit' });
  const read = nodeDataReader();
  [mnist, fashion] = await Promise.all([loadDataset('mnist', read), loadDataset('fashion-mnist', read)]);
});

describe('MNIST', () => {
  it('has the official 60,000 / 10,000 split of 28×28 byte images', () => {
    expect(mnist.train.count).toBe(60000);
    expect(mnist.test.count).toBe(10000);
    expect(mnist.train.inputs).toBeInstanceOf(Uint8Array);
    expect(mnist.train.inputs.length).toBe(60000 * 784);
    expect(mnist.test.labels.length).toBe(10000);
    expect(mnist.train.features).toBe(784);
    expect(datasetInfo('mnist').classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('starts with the known labels: train 5, 0, 4, 1; test 7, 2, 1, 0', () => {
    expect(Array.from(mnist.train.labels.subarray(0, 4))).toEqual([5, 0, 4, 1]);
    expect(Array.from(mnist.test.labels.subarray(0, 4))).toEqual([7, 2, 1, 0]);
  });

  it('has the published pixel statistics: mean 0.1307, std 0.3081 (±1e-3)', () => {
    const { mean, std } = pixelStats(mnist.train);
    expect(Math.abs(mean - 0.1307)).toBeLessThan(1e-3);
    expect(Math.abs(std - 0.3081)).toBeLessThan(1e-3);
  });

  it('gives [0, 1] floats per sample for CPU uses', () => {
    const first = sampleFeatures(mnist.train, 0);
    expect(first.length).toBe(784);
    expect(Math.min(...first)).toBe(0);
    expect(Math.max(...first)).toBe(1); // the first "5" has saturated pixels
    expect(first[153]).toBeCloseTo(mnist.train.inputs[153]! / 255, 7);
    expect(() => sampleFeatures(mnist.train, 60000)).toThrow(/index 60000 is outside 0..59999/);
  });
});

describe('Fashion-MNIST', () => {
  it('has the official split, first labels and class names', () => {
    expect(fashion.train.count).toBe(60000);
    expect(fashion.test.count).toBe(10000);
    expect(fashion.train.labels[0]).toBe(9);
    expect(fashion.test.labels[0]).toBe(9);
    expect(datasetInfo('fashion-mnist').classNames[9]).toBe('Ankle boot');
    expect(datasetInfo('fashion-mnist').classNames).toHaveLength(10);
  });

  it('has the published pixel statistics: mean 0.2860, std 0.3530 (±1e-3)', () => {
    const { mean, std } = pixelStats(fashion.train);
    expect(Math.abs(mean - 0.286)).toBeLessThan(1e-3);
    expect(Math.abs(std - 0.353)).toBeLessThan(1e-3);
  });

  it('has 6,000 training images of each class (the upstream files are balanced)', () => {
    const counts = new Array(10).fill(0);
    for (const label of fashion.train.labels) counts[label]++;
    expect(counts).toEqual(new Array(10).fill(6000));
  });
});

describe('loading an image dataset with a bad file', () => {
  const idx = (dims: number[], data: number[]) =>
    new Uint8Array([0, 0, 8, dims.length, ...dims.flatMap((d) => [d >>> 24, (d >>> 16) & 255, (d >>> 8) & 255, d & 255]), ...data]);
  const fakeReader = (labels: Uint8Array): DataReader => async (p) =>
    p.includes('labels') ? labels : idx([2, 28, 28], new Array(2 * 784).fill(0));

  it('refuses a label outside 0..9, naming the file', async () => {
    await expect(loadDataset('fashion-mnist', fakeReader(idx([2], [3, 12])))).rejects.toThrow(
      new IdxError('fashion-mnist/train-labels-idx1-ubyte.gz: label 12 at index 1 is not a class 0..9; restore it with `git checkout -- public/data/fashion-mnist/train-labels-idx1-ubyte.gz`'),
    );
  });

  it('refuses labels that do not match the image count', async () => {
    await expect(loadDataset('mnist', fakeReader(idx([3], [1, 2, 3])))).rejects.toThrow(/labels have dimensions \[3\], expected \[2\] to match mnist\/t?\w+-images-idx3-ubyte\.gz; run `node scripts\/prepare-data\.mjs`/);
  });
});

describe('data readers', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a missing file is named, with how each dataset gets its files back', async () => {
    const read = nodeDataReader(mkdtempSync(path.join(tmpdir(), 'no-data-')));
    await expect(read('mnist/train-images-idx3-ubyte.gz')).rejects.toThrow(MissingDataFileError);
    await expect(loadDataset('mnist', read)).rejects.toThrow(/-idx\d-ubyte\.gz is missing; run `node scripts\/prepare-data\.mjs`/);
    await expect(loadDataset('fashion-mnist', read)).rejects.toThrow(
      /(fashion-mnist\/[\w-]+\.gz) is missing; restore it with `git checkout -- public\/data\/\1`/,
    );
  });

  it('fetchDataReader returns the bytes, and explains a 404, an HTML fallback page and a network error', async () => {
    const fetchMock = vi.fn(async (url: string) => {
      if (url.endsWith('ok.gz')) return new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'application/gzip' } });
      if (url.endsWith('html.gz')) return new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
      if (url.endsWith('down.gz')) throw new TypeError('fetch failed');
      return new Response('nope', { status: 404, statusText: 'Not Found' });
    });
    vi.stubGlobal('fetch', fetchMock);
    const read = fetchDataReader('/base');
    expect(Array.from(await read('mnist/ok.gz'))).toEqual([1, 2, 3]);
    expect(fetchMock).toHaveBeenCalledWith('/base/mnist/ok.gz');
    await expect(read('mnist/missing.gz')).rejects.toThrow(new MissingDataFileError('/base/mnist/missing.gz: the server answered 404 Not Found'));
    await expect(read('fashion-mnist/html.gz')).rejects.toThrow(new MissingDataFileError('/base/fashion-mnist/html.gz: the server sent an HTML page, so the file is missing'));
    // Through the dataset, the file is named with its remedy.
    await expect(loadDataset('mnist', read)).rejects.toThrow(/\/base\/mnist\/\S+: the server answered 404 Not Found; run `node scripts\/prepare-data\.mjs`/);
    await expect(read('mnist/down.gz')).rejects.toThrow(/could not be fetched \(fetch failed\)/);
  });
});
