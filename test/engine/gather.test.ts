// The batch gather kernel (shaders/gather.wgsl through src/engine/ops/gather.ts and src/engine/gpu-split.ts):
// rows picked by the epoch's order, bytes unpacked four to a word and scaled
// to [0, 1] as torchvision's ToTensor does (x / 255), f32 features and f32
// targets copied bit for bit, the cursor moved on by each batch, and
// horizontal flips that mirror whole images. Byte rows of a multiple of four
// take the kernel's word path (four pixels per invocation) and others its
// element path, so each case runs with widths of both kinds.
//
// Tolerance: a pixel is f32(byte) / 255 in f32: one division, which WGSL
// allows 2.5 ULP; we allow 3u relative (u = 2^-24). Everything else is a copy
// and must be exact.

import { describe, expect, it } from 'vitest';
import { tidy } from '../../src/engine/tensor.ts';
import { GpuSplit } from '../../src/engine/gpu-split.ts';
import { U, expectClose, rng, uniformF32, useGpu } from './helpers.ts';

const gpuOf = useGpu();

async function gather(split: GpuSplit, batchSize: number, flip = false) {
  const { x, labels } = tidy(() => split.nextBatch(batchSize, flip));
  const out = { x: await x.readFloat32(), labels: await labels.read() };
  x.dispose();
  labels.dispose();
  return out;
}

function bytes(n: number, seed: number): Uint8Array {
  const next = rng(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
}

describe('gathering a batch on the GPU', () => {
  // 7 features: rows start in the middle of 32-bit words; 12: whole words; 260: whole words, two workgroups across.
  it.each([7, 12, 260])('picks rows by the order, scales bytes by 1/255 and copies byte labels, batch after batch (%i features)', async (features) => {
    const gpu = gpuOf();
    const count = 11;
    const inputs = bytes(count * features, 1);
    inputs[0] = 255;
    inputs[1] = 0;
    const labels = bytes(count, 2);
    const split = new GpuSplit(gpu, { inputs, labels, count, features }, 'test bytes');
    const order = Uint32Array.from([3, 10, 0, 7, 1, 9, 2, 8, 4, 6, 5]);
    split.setOrder(order, 0);
    let position = 0;
    for (const batch of [4, 4, 3]) {
      const got = await gather(split, batch);
      const rows = Array.from(order.subarray(position, position + batch));
      const expected = rows.flatMap((r) => Array.from(inputs.subarray(r * features, (r + 1) * features), (b) => b / 255));
      expectClose(got.x, expected, (i) => 3 * U * expected[i]!, `batch at ${position}`);
      expect(Array.from(got.labels)).toEqual(rows.map((r) => labels[r]!));
      position += batch;
    }
    // Rewinding starts the same order again; pixel 255 is exactly 1 and 0 exactly 0.
    split.rewind();
    const again = await gather(split, 3);
    expect(Array.from(again.labels)).toEqual([labels[3], labels[10], labels[0]]);
    split.setOrder(Uint32Array.from({ length: count }, (_, i) => i), 0);
    const first = await gather(split, 1);
    expect(first.x[0]).toBe(1);
    expect(first.x[1]).toBe(0);
    split.destroy();
  });

  it('gathers rows wider than a workgroup, and batches of more than 65,535 rows', async () => {
    const gpu = gpuOf();
    // 70 features take two workgroups across; 70,000 rows go past one dispatch dimension.
    const [count, features] = [70_000, 70];
    const inputs = bytes(count * features, 4);
    const labels = bytes(count, 5);
    const split = new GpuSplit(gpu, { inputs, labels, count, features }, 'test many rows');
    const order = Uint32Array.from({ length: count }, (_, i) => (i * 7919) % count);
    split.setOrder(order, 0);
    const got = await gather(split, count);
    const expected = Float32Array.from({ length: count * features }, (_, i) => inputs[order[Math.floor(i / features)]! * features + (i % features)]! / 255);
    expectClose(got.x, expected, (i) => 3 * U * expected[i]!, 'pixels');
    expect(Array.from(got.labels)).toEqual(Array.from(order, (r) => labels[r]!));
    split.destroy();
  });

  it('copies f32 features and f32 targets bit for bit', async () => {
    const gpu = gpuOf();
    const [count, features] = [6, 5];
    const inputs = uniformF32(count * features, 3, -100, 100);
    inputs[2] = -0;
    const labels = Float32Array.from([0, 1, 0.25, 1, 0, 0.5]);
    const split = new GpuSplit(gpu, { inputs, labels, count, features }, 'test floats');
    const order = Uint32Array.from([5, 4, 0, 1, 3, 2]);
    split.setOrder(order, 0);
    const got = await gather(split, 6);
    const rows = Array.from(order);
    expect(Array.from(got.x)).toEqual(rows.flatMap((r) => Array.from(inputs.subarray(r * features, (r + 1) * features))));
    expect(Array.from(new Float32Array((got.labels as Uint32Array).buffer))).toEqual(rows.map((r) => labels[r]!));
    split.destroy();
  });

  it.each([5, 8])('flips whole images left to right, about half of them, the same way for the same seed (width %i)', async (width) => {
    const gpu = gpuOf();
    const [height, count] = [3, 64];
    const features = width * height;
    const inputs = bytes(count * features, 4);
    const labels = new Uint8Array(count);
    const split = new GpuSplit(gpu, { inputs, labels, count, features }, 'test flips', width);
    const order = Uint32Array.from({ length: count }, (_, i) => i);
    const flippedWith = async (seed: number) => {
      split.setOrder(order, seed);
      const { x } = await gather(split, count, true);
      const flipped: boolean[] = [];
      for (let s = 0; s < count; s++) {
        const image = Array.from(x.subarray(s * features, (s + 1) * features), (v) => Math.round(v * 255));
        const original = Array.from(inputs.subarray(s * features, (s + 1) * features));
        const mirrored = original.map((_, i) => original[i - (i % width) + (width - 1 - (i % width))]!);
        const isOriginal = image.every((v, i) => v === original[i]);
        const isMirrored = image.every((v, i) => v === mirrored[i]);
        expect(isOriginal || isMirrored, `sample ${s} is neither itself nor its mirror image`).toBe(true);
        flipped.push(isMirrored && !isOriginal);
      }
      return flipped;
    };
    const a = await flippedWith(11);
    const share = a.filter(Boolean).length / count;
    // Binomial(64, 1/2): 5 standard deviations is ±0.31.
    expect(Math.abs(share - 0.5)).toBeLessThan(0.31);
    expect(share).toBeGreaterThan(0);
    expect(await flippedWith(11)).toEqual(a);
    expect(await flippedWith(12)).not.toEqual(a);
    // Without flip requested, nothing is mirrored.
    split.setOrder(order, 11);
    const plain = await gather(split, count, false);
    expect(Array.from(plain.x, (v) => Math.round(v * 255))).toEqual(Array.from(inputs));
    split.destroy();
  });
});
