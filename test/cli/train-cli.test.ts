// The train command as a user meets it: JSON lines on a small run, weights
// that round-trip through --save and --init, and one-line refusals (exit 2,
// no stack trace) for every kind of mistake.

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWeights } from '../../src/train/weights-file.ts';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(path.join(tmpdir(), 'train-cli-'));

function train(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--import', './scripts/register-wgsl.mjs', 'src/cli/train.ts', ...args],
      { cwd: root, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

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
      expect(Object.keys(epoch).sort()).toEqual(['epoch', 'samplesPerSecond', 'seconds', 'testAccuracy', 'testLoss', 'trainLoss', 'type']);
      expect(epoch.testAccuracy).toBeGreaterThanOrEqual(0);
      expect(epoch.testAccuracy).toBeLessThanOrEqual(1);
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
  for (const [what, args, message] of refusals) {
    it(`refuses ${what} in one line`, async () => {
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
});
