// The results object (bench/results.json, --json) and the table printed
// from it, with the issue's floors checked against numbers of the same run.

import type { CnnResult, MatmulResult, Throughput } from './parts/common.ts';
import type { OursResult, PerStep } from './parts/ours.ts';
import type { OursCnnResult } from './parts/ours-cnn.ts';
import type { PeerResult } from './parts/tfjs.ts';
import type { TrainResult } from './parts/train.ts';
import type { ViewsResult } from './parts/views.ts';

export interface Results {
  adapter: string | null;
  browser: string | null;
  mode: 'full' | 'quick';
  date: string;
  ours: Partial<OursResult> & { timeTo97Seconds?: number | null; training?: Partial<TrainResult> };
  tfjs: Partial<Record<'webgpu' | 'webgl' | 'wasm', PeerResult>>;
  jaxjs: Partial<Record<'webgpu' | 'wasm', PeerResult>>;
  /** The mnist-cnn training step at batch 100 (the `cnn` parts). */
  cnn: {
    ours?: OursCnnResult;
    tfjs: Partial<Record<'webgpu' | 'webgl' | 'wasm', CnnResult>>;
    jaxjs: Partial<Record<'webgpu' | 'wasm', CnnResult>>;
  };
  /** Training with every view of the network shown against none (the `views` part). */
  views?: ViewsResult;
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
  const { cnn } = results;
  const cnnVsTfjs = ratio(cnn.ours?.b100, cnn.tfjs.webgpu?.b100);
  floors.push({
    name: 'mnist-cnn b100: faster than tfjs-webgpu',
    pass: cnnVsTfjs === null ? null : cnnVsTfjs > 1,
    detail: cnnVsTfjs === null ? 'not measured' : `${fixed(cnnVsTfjs, 2)}×`,
  });
  const cnnVsJax = ratio(cnn.ours?.b100, cnn.jaxjs.webgpu?.b100);
  floors.push({
    name: 'mnist-cnn b100: faster than jax-js-webgpu (aim 2×)',
    pass: cnnVsJax === null ? null : cnnVsJax > 1,
    detail: cnnVsJax === null ? 'not measured' : `${fixed(cnnVsJax, 2)}×`,
  });
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
  const cnnStep = cnn.ours?.perStep;
  floors.push({
    name: 'mnist-cnn timed steps: 0 buffers created, 0 readbacks, 1 submit',
    pass: cnnStep ? cnnStep.buffersCreated === 0 && cnnStep.readbacks === 0 && cnnStep.submits === 1 : null,
    detail: cnnStep ? `${fixed(cnnStep.buffersCreated, 2)} buffers, ${fixed(cnnStep.readbacks, 2)} readbacks, ${fixed(cnnStep.submits, 2)} submits` : 'not measured',
  });
  const views = results.views;
  floors.push({
    name: 'every view shown slows training by at most 10%',
    pass: views ? views.slowdown <= 0.1 : null,
    detail: views ? `${fixed(100 * views.slowdown, 1)}% (${fixed(views.all, 1)} against ${fixed(views.none, 1)} steps/s)` : 'not measured',
  });
  floors.push({
    name: 'no main-thread task over 50 ms with every view on the page',
    pass: views ? views.longestTaskMs <= 50 : null,
    detail: views ? (views.longestTaskMs === 0 ? 'none over 50 ms' : `longest ${fixed(views.longestTaskMs)} ms`) : 'not measured',
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
  lines.push(...cnnSection(results));
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
      ['training with every view shown (same run, steps/s)', results.views ? `${fixed(results.views.all, 1)} against ${fixed(results.views.none, 1)} with none: ${fixed(100 * results.views.slowdown, 1)}% slower (${results.views.viewIds.join(', ')})` : '—'],
    ], 2),
  );
  lines.push('');
  lines.push('Floors');
  lines.push(table(results.floors.map((f) => [f.pass === null ? '?' : f.pass ? 'ok' : 'FAIL', f.name, f.detail]), 3));
  for (const [part, message] of Object.entries(results.errors)) lines.push(`error in ${part}: ${message}`);
  return lines.join('\n');
}

/** The mnist-cnn rows: each framework's step, our ratios, our convolutions' GFLOP/s and where a step's time goes. */
function cnnSection(results: Results): string[] {
  const { cnn, ours } = results;
  const lines = ['Training mnist-cnn (conv 32, pool, conv 64, pool, linear 3136-10; Adam) at batch 100, samples/s (ms per step), loss read once at the end'];
  const rows: [string, CnnResult | undefined][] = [
    ['ours (WebGPU)', cnn.ours],
    ['tfjs webgpu', cnn.tfjs.webgpu],
    ['tfjs webgl', cnn.tfjs.webgl],
    ['tfjs wasm', cnn.tfjs.wasm],
    ['jax-js webgpu', cnn.jaxjs.webgpu],
    ['jax-js wasm', cnn.jaxjs.wasm],
  ];
  const cell = (t: Throughput | undefined) => (t ? `${fixed(t.samplesPerSec, 1)} (${fixed(t.msPerStep)} ms)` : '—');
  lines.push(
    table([
      ['', 'layout', 'batch 100'],
      ...rows.map(([name, r]) => [name, r?.layout.split(' (')[0] ?? '', cell(r?.b100)]),
      ['ours ÷ tfjs webgpu', '', fixed(ratio(cnn.ours?.b100, cnn.tfjs.webgpu?.b100), 2) + '×'],
      ['ours ÷ jax-js webgpu', '', fixed(ratio(cnn.ours?.b100, cnn.jaxjs.webgpu?.b100), 2) + '×'],
    ], 2),
  );
  const conv = cnn.ours?.conv;
  if (conv) {
    const peak = ours.fmaPeakGflops;
    lines.push('');
    lines.push(`Our convolutions at batch 100, GFLOP/s (ms), each dispatch timed alone, the fastest of a few runs${peak ? `; FMA peak ${fixed(peak, 2)} GFLOP/s` : ''}`);
    const passes = ['forward', 'input gradient', 'weight gradient'];
    const layers = [...new Set(Object.keys(conv).map((name) => name.split(' ')[0]!))];
    lines.push(
      table([
        ['', ...passes, 'summing dW, db'],
        ...layers.map((layer) => [
          `${layer} ${conv[`${layer} forward`]?.shape ?? ''}`,
          ...passes.map((pass) => {
            const r = conv[`${layer} ${pass}`];
            return r ? `${fixed(r.gflops, 2)} (${fixed(r.ms, 1)} ms)` : '—';
          }),
          conv[`${layer} weight gradient sum`] ? `${fixed(conv[`${layer} weight gradient sum`]!.ms, 1)} ms` : '—',
        ]),
      ]),
    );
  }
  const asMatmul = cnn.ours?.conv2AsMatmul;
  if (asMatmul) lines.push(`conv2's forward as an explicit matmul ${asMatmul.shape} (the im2col matrix stored): ${fixed(asMatmul.gflops, 2)} GFLOP/s (${fixed(asMatmul.ms, 1)} ms)`);
  const kernels = cnn.ours?.stepKernels;
  if (kernels && cnn.ours) {
    lines.push('');
    lines.push(`Our step's dispatches, each replayed alone (the fastest of a few runs): ${fixed(cnn.ours.stepKernelsMs)} ms in all against ${fixed(cnn.ours.b100.msPerStep)} ms per step`);
    lines.push(table([['kernel', 'dispatches', 'ms', 'share'], ...kernels.map((k) => [k.kernel, String(k.dispatches), fixed(k.ms, 1), `${fixed((100 * k.ms) / cnn.ours!.stepKernelsMs)}%`])]));
  }
  return lines;
}
