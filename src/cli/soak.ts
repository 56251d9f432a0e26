// `npm run soak -- [--minutes 30] [--preset NAME] [--report-every 60]`:
// trains for a long time and reports, every so often, the GPU buffers created
// so far, those alive in the pools, and the JS heap, so that a leak shows as a
// number that keeps growing. Not a test: it takes as long as you ask.

import { parseArgs } from 'node:util';
import { nodeDataReader } from '../data/node-files.ts';
import { loadData, sessionData } from '../train/data-source.ts';
import { runTraining } from '../train/loop.ts';
import { presetConfig } from '../train/presets.ts';
import { TrainingSession } from '../train/session.ts';
import { RunControl } from '../train/control.ts';
import { requestDawnGpu } from './dawn.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    preset: { type: 'string', default: 'fashion-dnn-dropout' },
    'report-every': { type: 'string', default: '60' },
  },
});
const minutes = Number(values.minutes);
const reportEvery = Number(values['report-every']);
if (!(minutes > 0) || !(reportEvery > 0)) {
  console.error('error: --minutes and --report-every take positive numbers');
  process.exit(2);
}

const config = presetConfig(values.preset!);
const dataset = await loadData(config.dataset, nodeDataReader(), config.seed);
const gpu = await requestDawnGpu();
const session = await TrainingSession.create(gpu, sessionData(dataset), config);
const control = new RunControl();
const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;
const rows: string[] = [];

function report(epoch: number): void {
  global.gc?.();
  const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
  const row = [
    `${(elapsed() / 60).toFixed(1)} min`.padStart(9),
    String(session.steps).padStart(8),
    String(epoch).padStart(6),
    String(gpu.stats.buffersCreated).padStart(16),
    String(gpu.pooledBufferCount).padStart(13),
    String(gpu.stats.readbacks).padStart(10),
    `${heapMiB.toFixed(1)} MiB`.padStart(10),
  ].join('  ');
  rows.push(row);
  console.log(row);
}

console.log(`soak: ${values.preset} for ${minutes} min on ${gpu.adapterName}`);
console.log(['  elapsed', '   steps', ' epoch', 'buffers created', 'pooled alive', 'readbacks', '  JS heap'].join('  '));
let nextReport = 0;
let epoch = 0;
const timer = setTimeout(() => control.stop(), minutes * 60_000);
await runTraining(session, {
  epochs: 1_000_000,
  control,
  onEvent: (event) => {
    if (event.type === 'epoch') epoch = event.epoch;
    if (event.type === 'progress' && elapsed() >= nextReport) {
      report(epoch);
      nextReport += reportEvery;
    }
  },
});
clearTimeout(timer);
report(epoch);
session.destroy();
process.exit(0);
