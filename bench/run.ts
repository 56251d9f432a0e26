// npm run bench [-- --quick] [--only ours,tfjs,jaxjs,train,cnn] [--node] [--json]
// (node --import tsx --import ./scripts/register-wgsl.mjs bench/run.ts)
//
// Builds the bench page with Vite, serves it on 127.0.0.1, and runs each
// part in a fresh page of one headless Chromium (WebGPU on SwiftShader unless
// TEST_GPU=native), so every number comes from the same adapter in the same
// run. Prints a table (or, with --json, one JSON object) and writes
// bench/results.json.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'vite';
import { findChromium, useSwiftShader, webgpuChromiumArgs } from '../scripts/browser.mjs';
import { serve } from './server.ts';
import { formatTable, type Results } from './report.ts';
import type { PartName } from './page/main.ts';

const groups: Record<string, PartName[]> = {
  ours: ['ours'],
  tfjs: ['tfjs-webgpu', 'tfjs-webgl', 'tfjs-wasm'],
  jaxjs: ['jaxjs-webgpu', 'jaxjs-wasm'],
  train: ['train'],
  views: ['views'],
  cnn: ['cnn-ours', 'cnn-tfjs-webgpu', 'cnn-tfjs-webgl', 'cnn-tfjs-wasm', 'cnn-jaxjs-webgpu', 'cnn-jaxjs-wasm'],
  'cnn-tfjs': ['cnn-tfjs-webgpu', 'cnn-tfjs-webgl', 'cnn-tfjs-wasm'],
  'cnn-jaxjs': ['cnn-jaxjs-webgpu', 'cnn-jaxjs-wasm'],
};
const allParts = [...new Set(Object.values(groups).flat())];

const usage = `npm run bench [-- options]
  --quick         shorter timings, and no time-to-97% (the worker trains 20 steps for the long-task check)
  --only LIST     comma-separated parts: ours, tfjs, jaxjs (the MLP), train (time to 97% and
                  long tasks), views (training with every view shown against none), cnn (the mnist-cnn step of every framework: cnn-ours, cnn-tfjs,
                  cnn-jaxjs), node (ours in Node only), or single backends: tfjs-webgpu,
                  tfjs-webgl, tfjs-wasm, jaxjs-webgpu, jaxjs-wasm, cnn-tfjs-webgpu, …
  --node          also measure ours in Node on Dawn
  --json          print one JSON object instead of the table
Writes bench/results.json either way.`;

function parseArgs(argv: string[]) {
  const options = { quick: false, json: false, node: false, parts: allParts };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') options.quick = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--node') options.node = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const list = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!list) throw new Error('--only needs a list, e.g. --only ours,tfjs');
      options.parts = list.split(',').flatMap((name) => {
        if (name === 'node') {
          options.node = true;
          return [];
        }
        const parts = groups[name] ?? (allParts.includes(name as PartName) ? [name as PartName] : null);
        if (!parts) throw new Error(`unknown part "${name}"; choose from ${[...Object.keys(groups), 'node', ...allParts].join(', ')}`);
        return parts;
      });
    } else if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}\n${usage}`);
  }
  return options;
}

/**
 * Seconds a part may take before the run gives up on it: a CNN step takes
 * seconds on SwiftShader (tfjs-webgpu's nearly a minute on a busy machine),
 * and tfjs-webgpu's MLP part took over 180 s on one.
 */
const partTimeout = (part: PartName, quick: boolean) => (part.startsWith('cnn-') ? 600 : (part === 'train' || part === 'views') && !quick ? 480 : 300);

const log = (message: string) => process.stderr.write(`${message}\n`);

async function buildPage(): Promise<string> {
  const outDir = fileURLToPath(new URL('../node_modules/.cache/bench-page/', import.meta.url));
  const started = performance.now();
  await build({
    configFile: false,
    root: fileURLToPath(new URL('./page/', import.meta.url)),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: false, reportCompressedSize: false, chunkSizeWarningLimit: 1e9 },
    worker: { format: 'es' },
  });
  log(`bench page built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return outDir;
}

async function runPart(browser: Browser, url: string, part: PartName, quick: boolean): Promise<unknown> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('[bench] ')) log(text.slice('[bench] '.length));
    else if (message.type() === 'error' || message.type() === 'warning') log(`${part} page ${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => log(`${part} page error: ${error.message}`));
  try {
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const limit = partTimeout(part, quick);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${part} took longer than ${limit} s`)), limit * 1000);
    });
    try {
      return await Promise.race([page.evaluate(([p, q]) => window.bench.run(p, { quick: q }), [part, quick] as const), timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await page.close();
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const results: Results = {
    adapter: null,
    browser: null,
    mode: options.quick ? 'quick' : 'full',
    date: new Date().toISOString(),
    ours: {},
    tfjs: {},
    jaxjs: {},
    cnn: { tfjs: {}, jaxjs: {} },
    errors: {},
  };
  const record = (part: string, value: unknown) => {
    const r = value as Record<string, unknown>;
    if (part === 'ours') Object.assign(results.ours, r);
    else if (part === 'cnn-ours') results.cnn.ours = r as never;
    else if (part.startsWith('cnn-tfjs-')) results.cnn.tfjs[part.slice(9) as keyof Results['cnn']['tfjs']] = r as never;
    else if (part.startsWith('cnn-jaxjs-')) results.cnn.jaxjs[part.slice(10) as keyof Results['cnn']['jaxjs']] = r as never;
    else if (part === 'views') results.views = r as never;
    else if (part === 'train') {
      results.ours.timeTo97Seconds = r.secondsToTarget as number | null;
      results.ours.training = r;
    } else if (part.startsWith('tfjs-')) results.tfjs[part.slice(5) as keyof Results['tfjs']] = r as never;
    else if (part.startsWith('jaxjs-')) results.jaxjs[part.slice(6) as keyof Results['jaxjs']] = r as never;
  };

  if (options.parts.length > 0) {
    const pageRoot = await buildPage();
    const { url, server } = await serve(pageRoot);
    const browser = await chromium.launch({
      executablePath: findChromium(),
      // WebGL on SwiftShader (tfjs's webgl backend) must be allowed explicitly since Chrome 137.
      args: [...webgpuChromiumArgs({ swiftshader: useSwiftShader() }), '--enable-unsafe-swiftshader'],
    });
    results.browser = `Chromium ${browser.version()}`;
    try {
      for (const part of options.parts) {
        log(`— ${part}`);
        try {
          const value = await runPart(browser, url, part, options.quick);
          record(part, value);
          const adapter = (value as { adapter?: string }).adapter;
          if (adapter && !results.adapter) results.adapter = adapter;
        } catch (error) {
          results.errors[part] = (error as Error).message;
          log(`${part} failed: ${(error as Error).message}`);
        }
      }
    } finally {
      await browser.close();
      server.close();
    }
  }

  if (options.node) {
    log('— ours in Node on Dawn');
    const { benchOursInNode } = await import('./node.ts');
    try {
      results.node = await benchOursInNode({ quick: options.quick, log: (m) => log(`node ${m}`) });
    } catch (error) {
      results.errors.node = (error as Error).message;
      log(`node failed: ${(error as Error).message}`);
    }
  }

  results.seconds = (performance.now() - started) / 1000;
  const file = fileURLToPath(new URL('./results.json', import.meta.url));
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  if (options.json) console.log(JSON.stringify(results));
  else console.log(formatTable(results));
  log(`wrote bench/results.json (${results.seconds.toFixed(0)} s)`);
  // Dawn's threads keep Node alive after a --node run.
  process.exit(Object.keys(results.errors).length > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
