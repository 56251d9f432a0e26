// The train command as a user meets it: JSON lines on a small run, weights
// that round-trip through --save and --init, one-line refusals (exit 2, no
// stack trace) for every kind of mistake, --save paths checked before any
// training, a full disk that does not lose the weights, and nothing on stderr
// that is not about the run.

import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWeights } from '../../src/train/weights-file.ts';

const root = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(path.join(tmpdir(), 'train-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

function trainWith({ cwd = root, env = process.env }: RunOptions, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // Absolute paths, so the command runs from any working folder.
  const imports = [pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')), pathToFileURL(path.join(root, 'scripts/register-wgsl.mjs'))];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...imports.flatMap((url) => ['--import', url.href]), path.join(root, 'src/cli/train.ts'), ...args],
      { cwd, env, timeout: 300_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const train = (...args: string[]) => trainWith({}, ...args);

const jsonLines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('npm run train', () => {
  it('reports steps, epochs and a final result as JSON lines', async () => {
    const { code, stdout, stderr } = await train('--preset', 'blobs-xor', '--epochs', '4', '--log-every', '2', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines.filter((l) => l.type === 'step').map((l) => l.step)).toEqual([2, 4]);
    const epochs = lines.filter((l) => l.type === 'epoch');
    expect(epochs.map((l) => l.epoch)).toEqual([1, 2, 3, 4]);
    for (const epoch of epochs) {
      expect(Object.keys(epoch).sort()).toEqual(['epoch', 'lr', 'samplesPerSecond', 'seconds', 'testAccuracy', 'testLoss', 'trainAccuracy', 'trainLoss', 'type']);
      for (const accuracy of [epoch.testAccuracy, epoch.trainAccuracy]) {
        expect(accuracy).toBeGreaterThanOrEqual(0);
        expect(accuracy).toBeLessThanOrEqual(1);
      }
    }
    const done = lines.at(-1)!;
    expect(done).toEqual({ type: 'done', testLoss: epochs.at(-1)!.testLoss, testAccuracy: epochs.at(-1)!.testAccuracy });
  });

  it('saves weights that load back to the same result, and --steps stops early', async () => {
    const file = path.join(work, 'blobs.safetensors');
    const trained = await train('--preset', 'blobs-xor', '--steps', '30', '--json', '--save', file);
    expect(trained.code).toBe(0);
    const lines = jsonLines(trained.stdout);
    expect(lines.filter((l) => l.type === 'epoch')).toHaveLength(30);
    const saved = decodeWeights(new Uint8Array(readFileSync(file)), file);
    expect(saved.architectureKnown).toBe(true);
    expect(saved.tensors.map((t) => t.name)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(saved.tensors[0]!.shape).toEqual([5, 2]);
    const reloaded = await train('--preset', 'blobs-xor', '--epochs', '0', '--json', '--init', file);
    expect(reloaded.code).toBe(0);
    expect(jsonLines(reloaded.stdout).at(-1)).toEqual(lines.at(-1));
  });

  // Two runs, each minutes long on a busy SwiftShader.
  const twoRuns = { timeout: 600_000 };

  it('--checkpoint resumes a stopped run where it stopped, and refuses one of another setup', twoRuns, async () => {
    const file = path.join(work, 'run.safetensors');
    const whole = jsonLines((await train('--preset', 'blobs-xor', '--epochs', '6', '--json')).stdout);
    const first = await train('--preset', 'blobs-xor', '--epochs', '3', '--json', '--checkpoint', file);
    expect(first.code).toBe(0);
    const resumed = await train('--preset', 'blobs-xor', '--epochs', '6', '--json', '--checkpoint', file);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr.trim()).toBe(`resuming from ${file}: 3 of 6 epochs done (3 steps)`);
    const lines = jsonLines(resumed.stdout);
    expect(lines.filter((l) => l.type === 'epoch').map((l) => l.epoch)).toEqual([4, 5, 6]);
    expect(lines.at(-1)).toEqual(whole.at(-1));
    const other = await train('--preset', 'blobs-xor', '--epochs', '6', '--lr', '0.1', '--json', '--checkpoint', file);
    expect(other.code).toBe(2);
    expect(other.stderr.trim()).toBe(
      `error: --checkpoint ${file} belongs to another setup (optimizer.lr: 0.03 → 0.1): give the flags that run had, or another --checkpoint file to start a new run`,
    );
  });

  it('saves torch.save .pt files that load back to the same result', twoRuns, async () => {
    const file = path.join(work, 'blobs.pt');
    const trained = await train('--preset', 'blobs-xor', '--steps', '5', '--json', '--save', file);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect([...readFileSync(file).subarray(0, 2)]).toEqual([0x50, 0x4b]); // torch.save's ZIP archive
    const reloaded = await train('--preset', 'blobs-xor', '--epochs', '0', '--json', '--init', file);
    expect(reloaded.stderr).toBe('');
    expect(jsonLines(reloaded.stdout).at(-1)).toEqual(jsonLines(trained.stdout).at(-1));
  });

  const refusals: [string, string[], RegExp][] = [
    ['an unknown preset', ['--preset', 'nope'], /unknown preset "nope".*mnist-linear-sgd/],
    ['a missing preset', [], /--preset is required/],
    ['an unknown flag', ['--preset', 'blobs-xor', '--fast'], /Unknown option '--fast'/],
    ['a learning rate that is not a number', ['--preset', 'blobs-xor', '--lr', 'abc'], /--lr takes a number, got "abc"/],
    ['a negative learning rate', ['--preset', 'blobs-xor', '--lr=-0.1'], /--lr: learning rate must be a positive finite number/],
    ['a flag missing its value', ['--preset', 'blobs-xor', '--lr', '-0.1'], /'--lr' argument is ambiguous/],
    ['an infinite learning rate', ['--preset', 'blobs-xor', '--lr', 'Infinity'], /learning rate must be a positive finite number/],
    ['a batch size below 1', ['--preset', 'blobs-xor', '--batch-size', '0'], /batch size must be a whole number of at least 1/],
    ['a fractional batch size', ['--preset', 'blobs-xor', '--batch-size', '2.5'], /batch size must be a whole number/],
    ['an unknown optimizer', ['--preset', 'blobs-xor', '--optimizer', 'lbfgs'], /--optimizer must be sgd, adam or rmsprop/],
    ['a missing weights file', ['--preset', 'blobs-xor', '--init', 'nowhere.safetensors'], /--init nowhere\.safetensors: no such file/],
  ];
  // Independent processes that each stop at once: they run side by side.
  for (const [what, args, message] of refusals) {
    it.concurrent(`refuses ${what} in one line`, async () => {
      const { code, stderr } = await train(...args);
      expect(code).toBe(2);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: /);
      expect(lines[0]).toMatch(message);
    });
  }

  it('refuses a corrupt weights file and weights for another model in one line', async () => {
    const corrupt = path.join(work, 'corrupt.safetensors');
    writeFileSync(corrupt, new Uint8Array([200, 0, 0, 0, 0, 0, 0, 0, 123, 34]));
    const bad = await train('--preset', 'blobs-xor', '--init', corrupt);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^error: .*corrupt\.safetensors/);
    const other = await train('--preset', 'blobs-xor', '--init', 'test/fixtures/torch/mnist-linear-sgd.init.safetensors');
    expect(other.code).toBe(2);
    expect(other.stderr.trim().split('\n')).toHaveLength(1);
    expect(other.stderr).toMatch(/^error: --init .*mnist-linear-sgd\.init\.safetensors: .*(missing|shape)/);
  });

  it('prints the setup as a PyTorch script with --pytorch, its run flags as the script defaults, and trains nothing', async () => {
    const save = 'README.md/x.safetensors'; // not checked: the script saves, not this run
    const { code, stdout, stderr } = await train('--preset', 'mnist-mlp-adam', '--lr', '0.002', '--batch-size', '50', '--steps', '7', '--save', save, '--pytorch');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# mnist-mlp-adam: MNIST, Linear\(784, 256\) → ReLU\(\) → Linear\(256, 256\)/);
    expect(stdout).toContain('BATCH_SIZE = 50\n');
    expect(stdout).toContain('torch.optim.Adam(model.parameters(), lr=0.002, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False)');
    expect(stdout).toContain('datasets.MNIST(root=args.data_root, train=True, download=True, transform=train_transform)');
    expect(stdout).toContain('parser.add_argument("--steps", type=whole(1), default=7,');
    expect(stdout).toContain(`parser.add_argument("--save", default="${save}",`);
    expect(stdout).toContain('parser.add_argument("--json", action="store_true", default=False,');
  });

  // Each is refused before the data, the GPU or a step: nothing on stdout, where the run's first line would be.
  const unwritable: [string, () => string, RegExp][] = [
    ['inside a file', () => 'README.md/x.safetensors', /README\.md is a file, not a folder/],
    ['a folder', () => work, /that is a folder; name a file in it/],
    ['a folder named like a file', () => (mkdirSync(path.join(work, 'dir.safetensors'), { recursive: true }), path.join(work, 'dir.safetensors')), /that is a folder/],
    ['an unknown extension', () => path.join(work, 'weights.bin'), /saved as \.safetensors, \.pt, \.pth files/],
    ['a named pipe', () => (execFileSync('mkfifo', [path.join(work, 'pipe.safetensors')]), path.join(work, 'pipe.safetensors')), /not a regular file/],
    ['a new folder under /proc', () => '/proc/no-such-folder/x.safetensors', /cannot make the folder \/proc\/no-such-folder/],
    ['a file in /proc', () => '/proc/self/x.safetensors', /cannot write in \/proc\/self/],
    ['a folder without permission', () => '/sys/x.safetensors', /cannot write in \/sys \(permission denied\)/],
  ];
  for (const [what, target, message] of unwritable) {
    it.concurrent(`refuses a --save path that is ${what} before training`, async () => {
      const { code, stdout, stderr } = await train('--preset', 'blobs-xor', '--steps', '2', '--save', target());
      expect(stdout).toBe('');
      expect(code).toBe(2);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: --save /);
      expect(lines[0]).toMatch(message);
    });
  }

  it('makes the missing folders of a --save path and leaves no probe behind', { timeout: 300_000 }, async () => {
    const folder = path.join(work, 'new', 'deeper');
    const { code, stderr } = await train('--preset', 'blobs-xor', '--steps', '2', '--json', '--save', path.join(folder, 'w.safetensors'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(folder)).toEqual(['w.safetensors']);
  });

  // A 4 KiB tmpfs filled to the last byte: a new empty file still fits (the
  // probe passes), the weights do not. Mounting needs root.
  const canMount = (() => {
    if (process.getuid?.() !== 0) return false;
    const probe = mkdtempSync(path.join(tmpdir(), 'train-cli-mount-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', probe], { stdio: 'ignore' });
      execFileSync('umount', [probe]);
      return true;
    } catch {
      return false;
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  })();
  if (!canMount) console.warn('SKIPPED: the full-disk --save tests need root and `mount -t tmpfs`, which this machine does not allow');

  it.skipIf(!canMount)('keeps the weights in a fallback file when the disk is full at the end', twoRuns, async () => {
    const full = mkdtempSync(path.join(tmpdir(), 'train-cli-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', full]);
    try {
      writeFileSync(path.join(full, 'filler'), new Uint8Array(4096));
      const target = path.join(full, 'w.safetensors');
      // The working folder takes the fallback; when it is full too, the temporary folder does.
      const cwd = mkdtempSync(path.join(work, 'cwd-'));
      const temporary = mkdtempSync(path.join(work, 'tmp-'));
      for (const [where, options] of [
        [cwd, { cwd }],
        [temporary, { cwd: full, env: { ...process.env, TMPDIR: temporary } }],
      ] as const) {
        const { code, stdout, stderr } = await trainWith(options, '--preset', 'blobs-xor', '--steps', '2', '--json', '--save', target);
        expect(code).toBe(2);
        expect(jsonLines(stdout).at(-1)!.type).toBe('done');
        const saved = readdirSync(where).filter((name) => name.endsWith('.safetensors'));
        expect(saved).toHaveLength(1);
        const fallback = path.join(where, saved[0]!);
        expect(stderr.trim().split('\n')).toEqual([
          `error: --save ${target} could not be written at the end (no space left on the device): the trained weights are in ${fallback} instead`,
        ]);
        const weights = decodeWeights(new Uint8Array(readFileSync(fallback)), fallback);
        expect(weights.tensors.map((t) => t.name)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
        expect(readdirSync(full)).toEqual(['filler']);
      }
    } finally {
      execFileSync('umount', [full]);
      rmSync(full, { recursive: true, force: true });
    }
  });

  // libwayland, loaded by Mesa's Vulkan device-select layer, complains on
  // stderr when XDG_RUNTIME_DIR is unset or not an absolute path. The three
  // runs go at once: each is mostly a process starting.
  for (const [what, value] of [['unset', undefined], ['empty', ''], ['relative', 'run']] as const) {
    it.concurrent(`prints nothing on stderr with XDG_RUNTIME_DIR ${what}`, { timeout: 300_000 }, async () => {
      const env: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: value };
      if (value === undefined) delete env.XDG_RUNTIME_DIR;
      delete env.NODEVICE_SELECT;
      const { code, stdout, stderr } = await trainWith({ env }, '--preset', 'blobs-xor', '--steps', '2');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^done: /m);
    });
  }
});
