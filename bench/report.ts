// The results object (bench/results.json, --json) and the table printed
// from it, with the issue's floors checked against numbers of the same run.

import type { MatmulResult, Throughput } from './parts/common.ts';
import type { OursResult, PerStep } from './parts/ours.ts';
import type { PeerResult } from './parts/tfjs.ts';
import type { TrainResult } from './parts/train.ts';

export interface Results {
  adapter: string | null;
  browser: string | null;
  mode: 'full' | 'quick';
  date: string;
  ours: Partial<OursResult> & { timeTo97Seconds?: number | null; training?: Partial<TrainResult> };
  tfjs: Partial<Record<'webgpu' | 'webgl' | 'wasm', PeerResult>>;
  jaxjs: Partial<Record<'webgpu' | 'wasm', PeerResult>>;
  /** Ours in Node on Dawn (--node). */
  node?: OursResult;
  floors?: Floor[];
  errors: Record<string, string>;
  seconds?: number;
}

export interface Floor {
  name: string;
  pass: boolean | null;
  detail: string;
}

const fixed = (value: number | undefined | null, digits = 0) =>
  value === undefined || value === null || !Number.isFinite(value) ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function throughputCell(t: Throughput | undefined): string {
  return t ? `${fixed(t.samplesPerSec)} (${fixed(t.msPerStep, 1)} ms)` : '—';
}

function ratio(a: Throughput | undefined, b: Throughput | undefined): number | null {
  return a && b ? a.samplesPerSec / b.samplesPerSec : null;
}

export function checkFloors(results: Results): Floor[] {
  const { ours, tfjs, jaxjs } = results;
  const floors: Floor[] = [];
  for (const batch of ['b1000', 'b64'] as const) {
    const vsTfjs = ratio(ours[batch], tfjs.webgpu?.[batch]);
    floors.push({
      name: `${batch}: ≥ 4× tfjs-webgpu`,
      pass: vsTfjs === null ? null : vsTfjs >= 4,
      detail: vsTfjs === null ? 'not measured' : `${fixed(vsTfjs, 2)}×`,
    });
    const vsJax = ratio(ours[batch], jaxjs.webgpu?.[batch]);
    floors.push({
      name: `${batch}: faster than jax-js-webgpu (aim 2×)`,
      pass: vsJax === null ? null : vsJax > 1,
      detail: vsJax === null ? 'not measured' : `${fixed(vsJax, 2)}×`,
    });
  }
  const peak = ours.fmaPeakGflops;
  for (const [name, m] of Object.entries(ours.matmul ?? {})) {
    if (name.startsWith('layer')) continue;
    floors.push({ name: `matmul ${name} ≥ 50% of FMA peak`, pass: peak ? m.gflops / peak >= 0.5 : null, detail: `${fixed(100 * m.fractionOfPeak, 0)}%` });
  }
  const perStep = ours.perStep;
  floors.push({
    name: 'per step: 0 buffers created, 0 readbacks, 1 submit',
    pass: perStep ? perStep.buffersCreated === 0 && perStep.readbacks === 0 && perStep.submits === 1 : null,
    detail: perStep ? `${fixed(perStep.buffersCreated, 2)} buffers${describeCreations(perStep)}, ${fixed(perStep.readbacks, 2)} readbacks, ${fixed(perStep.submits, 2)} submits` : 'not measured',
  });
  const longest = ours.training?.longestTaskMs;
  floors.push({
    name: 'no main-thread task over 50 ms while training',
    pass: longest === undefined ? null : longest <= 50,
    detail: longest === undefined ? 'not measured' : longest === 0 ? 'none over 50 ms' : `longest ${fixed(longest)} ms`,
  });
  return floors;
}

/** Rows of cells in aligned columns: the first `left` columns left-aligned, the rest right-aligned. */
function describeTimeTo97(training: Partial<TrainResult> | undefined): string {
  if (!training) return '—';
  if (training.secondsToTarget != null) {
    return `${fixed(training.secondsToTarget, 1)} s (${training.epochsToTarget} epochs; loading MNIST ${fixed(training.loadSeconds, 1)} s more)`;
  }
  if (training.outOfTime) {
    const accuracies = training.accuracies ?? [];
    const last = accuracies.at(-1);
    return `not reached in ${fixed(training.trainSeconds, 0)} s (${last === undefined ? 'no epoch finished' : `${fixed(100 * last, 2)}% after ${accuracies.length} epochs`})`;
  }
  return 'not measured (--quick)';
}

function describeCreations(perStep: PerStep): string {
  const at = perStep.buffersCreatedAt ?? [];
  return at.length === 0 ? '' : ` (${at.map((c) => `${c.buffers} at step ${c.step}`).join(', ')})`;
}

function describeLongTasks(training: Partial<TrainResult> | undefined): string {
  if (training?.longestTaskMs === undefined) return '—';
  const list = (training.longTaskList ?? []).map((task) => `${fixed(task.durationMs)} ms at ${fixed(task.startMs / 1000, 1)} s`).join(', ');
  const tasks = training.longTasks === 0 ? 'none over 50 ms' : `${fixed(training.longestTaskMs)} ms longest (${list})`;
  return `${tasks}; a 10 ms timer ran at most ${fixed(training.maxTimerLagMs, 1)} ms late (OS scheduling included)`;
}

function table(rows: string[][], left = 1): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const pad = (cell: string, column: number) => (column < left ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!));
  return rows.map((row) => row.map(pad).join('   ').trimEnd()).join('\n');
}

export function formatTable(results: Results): string {
  results.floors = checkFloors(results);
  const { ours, tfjs, jaxjs } = results;
  const lines: string[] = [];
  lines.push(`Adapter: ${results.adapter ?? 'unknown'} · ${results.browser ?? 'no browser'} · ${results.mode} run, ${results.date}`);
  lines.push('');
  lines.push('Training mnist-mlp-adam (784-256-256-10, Adam), samples/s (ms per step), loss read once at the end');
  const peers: [string, { b1000?: Throughput; b64?: Throughput; matmul?: Record<string, MatmulResult> } | undefined][] = [
    ['ours (WebGPU)', ours],
    ['tfjs webgpu', tfjs.webgpu],
    ['tfjs webgl', tfjs.webgl],
    ['tfjs wasm', tfjs.wasm],
    ['jax-js webgpu', jaxjs.webgpu],
    ['jax-js wasm', jaxjs.wasm],
  ];
  if (results.node) peers.push(['ours (Node, Dawn)', results.node]);
  lines.push(
    table([
      ['', 'batch 1000', 'batch 64'],
      ...peers.map(([name, r]) => [name, throughputCell(r?.b1000), throughputCell(r?.b64)]),
      ['ours ÷ tfjs webgpu', fixed(ratio(ours.b1000, tfjs.webgpu?.b1000), 2) + '×', fixed(ratio(ours.b64, tfjs.webgpu?.b64), 2) + '×'],
      ['ours ÷ jax-js webgpu', fixed(ratio(ours.b1000, jaxjs.webgpu?.b1000), 2) + '×', fixed(ratio(ours.b64, jaxjs.webgpu?.b64), 2) + '×'],
    ]),
  );
  lines.push('');
  lines.push(`Matmul GFLOP/s (M×K×N, A·B), against the adapter's FMA peak of ${fixed(ours.fmaPeakGflops, 2)} GFLOP/s`);
  const shapes = ['1000x784x256', '1024x1024x1024'];
  const matmulRow = (name: string, m: Record<string, MatmulResult> | undefined, peak?: number) => [
    name,
    ...shapes.map((shape) => {
      const r = m?.[shape];
      if (!r) return '—';
      return peak ? `${fixed(r.gflops, 2)} (${fixed((100 * r.gflops) / peak)}%)` : fixed(r.gflops, 2);
    }),
  ];
  lines.push(
    table([
      ['', ...shapes],
      ...peers.filter(([, r]) => r?.matmul).map(([name, r]) => matmulRow(name, r?.matmul, name.startsWith('ours (WebGPU)') ? ours.fmaPeakGflops : undefined)),
    ]),
  );
  const layerProducts = Object.entries(ours.matmul ?? {}).filter(([name]) => name.startsWith('layer'));
  if (layerProducts.length > 0) {
    lines.push('ours, products of training at batch 1000: ' + layerProducts.map(([name, r]) => `${name.replace(/^layer/, 'layer ')} ${fixed(r.gflops, 2)}`).join(' · '));
  }
  if (results.node) lines.push(`ours in Node: FMA peak ${fixed(results.node.fmaPeakGflops, 2)} GFLOP/s (${results.node.adapter})`);
  lines.push('');
  lines.push('Ours while training');
  const training = ours.training;
  const perStep = ours.perStep;
  lines.push(
    table([
      ['time to 97% test accuracy (real MNIST, in a worker)', describeTimeTo97(training)],
      ['step latency reading the loss every step', ours.stepLatencyMs ? `${fixed(ours.stepLatencyMs.b1000, 1)} ms at batch 1000, ${fixed(ours.stepLatencyMs.b64, 1)} ms at batch 64` : '—'],
      ['per step, the first included (48 steps over 3 epochs)', perStep ? `${fixed(perStep.buffersCreated, 2)} buffers created${describeCreations(perStep)}, ${fixed(perStep.readbacks, 2)} readbacks, ${fixed(perStep.submits, 2)} submits, ${fixed(perStep.dispatches, 1)} dispatches` : '—'],
      ['longest main-thread task while the worker trains', describeLongTasks(training)],
    ], 2),
  );
  lines.push('');
  lines.push('Floors');
  lines.push(table(results.floors.map((f) => [f.pass === null ? '?' : f.pass ? 'ok' : 'FAIL', f.name, f.detail]), 3));
  for (const [part, message] of Object.entries(results.errors)) lines.push(`error in ${part}: ${message}`);
  return lines.join('\n');
}
