// Where our matmul's time goes on this adapter, in Node on Dawn:
//   npm run bench:anatomy
// For each block size it times the kernel as it is, the same kernel with its
// loads replaced by values computed from k (the cost of the multiply-adds and
// of keeping the accumulators), and the same kernel with all its loads but a
// quarter of its multiply-adds (the cost of reading the operands), beside the
// adapter's FMA peak. The variants are made from shaders/matmul.wgsl itself
// and dispatched with matmulDispatch, so they follow the kernel as it changes;
// if an edit below no longer applies, the script says so and stops.

import { readFileSync } from 'node:fs';
import { requestDawnGpu } from '../src/cli/dawn.ts';
import { defineKernel } from '../src/engine/kernel.ts';
import { matmulDispatch, type MatmulBlock } from '../src/engine/ops/matmul.ts';
import { Tensor } from '../src/engine/tensor.ts';
import { randomBytes, timeMatmul, type PartOptions } from './parts/common.ts';
import { measureFmaPeak } from './parts/ours.ts';

const source = readFileSync(new URL('../shaders/matmul.wgsl', import.meta.url), 'utf8');

function edit(text: string, find: string, insert: string, what: string): string {
  if (!text.includes(find)) throw new Error(`matmul-anatomy: cannot make the "${what}" variant: matmul.wgsl no longer contains "${find}"`);
  return text.replace(find, find + insert);
}

// The tiles of op(A) and op(B) come from k instead of memory: distinct per k
// and per invocation, so nothing folds away.
const tileSignatures = ['fn tileA(first: vec4<u32>, step: u32, k: u32, whole: bool) -> mat4x4<f32> {', 'fn tileB(first: vec4<u32>, step: u32, k: u32, whole: bool) -> mat4x4<f32> {'];
const withoutLoads = tileSignatures.reduce(
  (text, signature) =>
    edit(text, signature, '\n  if (true) { let v = vec4<f32>(f32(k) * 1e-3 + f32(first.x)); return mat4x4<f32>(v, v + 1.0, v + 2.0, v + 3.0); }', 'without loads'),
  source,
);
// Every loaded value is still used, in one multiply-add per quarter instead of four.
const fewerMultiplyAdds = edit(
  source,
  'fn multiplyAdd(quarter: mat4x4<f32>, a: mat4x4<f32>, b: mat4x4<f32>) -> mat4x4<f32> {',
  '\n  if (true) { return accumulate(quarter, a[0] + a[1] + a[2] + a[3], b[0] + b[1] + b[2] + b[3]); }',
  'a quarter of the multiply-adds',
);

const variants = [
  { name: 'as it is', kernel: defineKernel('matmul', source, { optional: ['bias', 'a4', 'b4'] }) },
  { name: 'without loads', kernel: defineKernel('matmul-without-loads', withoutLoads, { optional: ['bias', 'a4', 'b4'] }) },
  { name: 'loads, ¼ of the multiply-adds', kernel: defineKernel('matmul-quarter-fma', fewerMultiplyAdds, { optional: ['bias', 'a4', 'b4'] }) },
];

const options: PartOptions = { quick: false, log: () => {} };
const gpu = await requestDawnGpu({ onError: (message) => console.error(`WebGPU error: ${message}`) });
const [M, K, N] = [1000, 784, 256];
const fill = (count: number, seed: number) => Float32Array.from(randomBytes(count, seed), (byte) => byte / 255 - 0.5);
const a = Tensor.fromArray(gpu, fill(M * K, 1), [M, K]);
const b = Tensor.fromArray(gpu, fill(K * N, 2), [K, N]);
const c = Tensor.empty(gpu, [M, N]);

const peak = await measureFmaPeak(gpu, options);
console.log(`${gpu.adapterName}: FMA peak ${peak.toFixed(2)} GFLOP/s; matmul ${M}×${K}×${N} (A·B)`);
console.log('block   variant                          GFLOP/s   of peak   ms');
for (const block of [8, 16] as MatmulBlock[]) {
  for (const { name, kernel } of variants) {
    const dispatch = matmulDispatch(c, a, b, { block });
    const result = await timeMatmul(2 * M * N * K, () => gpu.dispatch(kernel, dispatch), () => gpu.finish(), options);
    await gpu.checkCompileErrors();
    const share = `${((100 * result.gflops) / peak).toFixed(0)}%`;
    console.log(`${`${block}×${block}`.padEnd(8)}${name.padEnd(33)}${result.gflops.toFixed(2).padStart(7)}${share.padStart(10)}${result.ms.toFixed(1).padStart(7)}`);
  }
}
for (const tensor of [a, b, c]) tensor.dispose();
gpu.destroy();
