#!/usr/bin/env node
// Mutation check for the engine tests: breaks one thing at a time in the
// kernels (and a few engine files), runs the tests that should notice, and
// reports which mutations the tests catch. A mutation that survives means a
// test is missing or too loose.
//
//   node scripts/mutation-check.mjs            all mutations
//   node scripts/mutation-check.mjs adam sgd   only those whose name contains a word given
//   node scripts/mutation-check.mjs --list     list them
//   node scripts/mutation-check.mjs --bail conv2d   stop each run at its first failing test
//     (faster for slow test files; the counts of failing tests are then partial)
//
// It edits files in the checkout it lives in and always puts them back
// (finally, and on Ctrl-C or kill). Others may be editing the main checkout,
// so run it in a private worktree of the commit you want to check:
//   git worktree add /tmp/mut HEAD && ln -s "$PWD/node_modules" /tmp/mut/node_modules
//   (cd /tmp/mut && node scripts/mutation-check.mjs); git worktree remove --force /tmp/mut
// It refuses to touch a file with uncommitted changes unless given --allow-dirty.
// A manual tool, not part of `npm test`: each mutation costs one vitest run.
// Exits 1 if any mutation survives (or no longer applies), 2 if the unmutated tests fail.

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// A guard against hangs, not a speed limit: on a busy two-core machine the
// baseline of the convolution tests alone takes three minutes.
const TIMEOUT_MS = 20 * 60 * 1000;

const E = 'test/engine';
/**
 * Each mutation: the file, exact text to replace (each pair must occur exactly
 * once) and the test files expected to catch it.
 */
const mutations = [
  {
    name: 'matmul: negate A in the fma accumulation (third row of a quarter)',
    file: 'shaders/matmul.wgsl',
    // Only the third row of each 4 × 4 quarter: caught only on shapes with M ≥ 3.
    edits: [['fma(vec4<f32>(column.z), row, quarter[2]),', 'fma(-vec4<f32>(column.z), row, quarter[2]),']],
    tests: [`${E}/matmul.test.ts`],
  },
  {
    name: 'matmul: wrong stride for a transposed A',
    file: 'shaders/matmul.wgsl',
    edits: [['at.aStep = select(1u, M, TRANSPOSE_A);', 'at.aStep = select(1u, K, TRANSPOSE_A);']],
    tests: [`${E}/matmul.test.ts`],
  },
  {
    name: 'matmul: bias dropped from the epilogue',
    file: 'shaders/matmul.wgsl',
    edits: [['out += vec4<f32>(bias[cols.x], bias[cols.y], bias[cols.z], bias[cols.w]);', '']],
    tests: [`${E}/matmul.test.ts`],
  },
  {
    name: 'matmul: last column of a ragged tile (N mod 4 = 3) not stored',
    file: 'shaders/matmul.wgsl',
    edits: [['if (col + 2u < N) { c[base + 2u] = out.z; }', '']],
    tests: [`${E}/matmul.test.ts`],
  },
  {
    name: 'relu backward: y >= 0 instead of y > 0',
    file: 'shaders/activations_backward.wgsl',
    edits: [['y[i] > 0.0', 'y[i] >= 0.0']],
    tests: [`${E}/activations.test.ts`, `${E}/linear-bias.test.ts`],
  },
  {
    name: 'sigmoid backward: drop the (1 − y) factor',
    file: 'shaders/activations_backward.wgsl',
    edits: [['dx[i] = dy[i] * y[i] * (1.0 - y[i]);', 'dx[i] = dy[i] * y[i];']],
    tests: [`${E}/activations.test.ts`],
  },
  {
    name: 'sigmoid: naive exp(x)/(1 + exp(x)) (overflows for large x)',
    file: 'shaders/activations.wgsl',
    edits: [['output[i] = select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);', 'output[i] = exp(x) / (1.0 + exp(x)) + 0.0 * e;']],
    tests: [`${E}/activations.test.ts`],
  },
  {
    name: 'bias: column sums skip the first row',
    file: 'shaders/bias.wgsl',
    edits: [['for (var row = 0u; row < params.rows; row++)', 'for (var row = 1u; row < params.rows; row++)']],
    tests: [`${E}/linear-bias.test.ts`],
  },
  {
    name: 'addInto: overwrite instead of add',
    file: 'shaders/elementwise.wgsl',
    edits: [['destination[i] += source[i];', 'destination[i] = source[i];']],
    tests: [`${E}/elementwise.test.ts`, `${E}/network-gradients.test.ts`],
  },
  {
    name: 'cross-entropy: drop the max-shift in log-sum-exp',
    file: 'shaders/softmax_cross_entropy.wgsl',
    edits: [
      ['sumExp += exp(logits[base + j] - maxValue);', 'sumExp += exp(logits[base + j]);'],
      ['let logSumExp = maxValue + log(sumExp);', 'let logSumExp = log(sumExp);'],
    ],
    tests: [`${E}/losses.test.ts`],
  },
  {
    name: 'cross-entropy: gradient not divided by the batch',
    file: 'shaders/softmax_cross_entropy.wgsl',
    edits: [['gradLogits[base + j] = (p - select(0.0, 1.0, j == label)) * invBatch;', 'gradLogits[base + j] = p - select(0.0, 1.0, j == label);']],
    tests: [`${E}/losses.test.ts`],
  },
  {
    name: 'cross-entropy: argmax takes the last maximum on ties',
    file: 'shaders/softmax_cross_entropy.wgsl',
    edits: [['if (v > maxValue) {', 'if (v >= maxValue) {']],
    tests: [`${E}/losses.test.ts`],
  },
  {
    name: 'bce: no explicit clamp at p = 0 (rely on log(0) = −inf)',
    file: 'shaders/losses.wgsl',
    edits: [['if (x <= 0.0) {', 'if (x < 0.0) {']],
    tests: [`${E}/losses.test.ts`],
  },
  {
    name: 'bce: gradient denominator clamped at 1e-6 instead of 1e-12',
    file: 'shaders/losses.wgsl',
    edits: [['max((1.0 - p) * p, 1e-12)', 'max((1.0 - p) * p, 1e-6)']],
    tests: [`${E}/losses.test.ts`],
  },
  {
    name: 'mse: gradient missing the factor 2',
    file: 'shaders/losses.wgsl',
    edits: [['gradPrediction[i] = 2.0 * d / f32(n);', 'gradPrediction[i] = d / f32(n);']],
    tests: [`${E}/losses.test.ts`],
  },
  {
    name: 'losses: stats overwritten instead of accumulated',
    file: 'shaders/losses.wgsl',
    edits: [['stats[params.statsSlot * 2u] += lossSums[0];', 'stats[params.statsSlot * 2u] = lossSums[0];']],
    tests: [`${E}/losses.test.ts`],
  },
  {
    name: 'dropout: kept values not scaled by 1/(1 − p)',
    file: 'shaders/dropout.wgsl',
    edits: [['select(0.0, input[i] / (1.0 - params.probability), keep(i))', 'select(0.0, input[i], keep(i))']],
    tests: [`${E}/dropout.test.ts`],
  },
  {
    name: 'dropout: mask ignores the seed',
    file: 'shaders/dropout.wgsl',
    edits: [['let bits = hash(index ^ hash(seed[0]));', 'let bits = hash(index) + 0u * seed[0];']],
    tests: [`${E}/dropout.test.ts`],
  },
  {
    name: 'sgd: + lr instead of − lr',
    file: 'shaders/sgd.wgsl',
    edits: [['param[i] = p - params.lr * g;', 'param[i] = p + params.lr * g;']],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: 'sgd: Nesterov uses buf instead of g + momentum·buf',
    file: 'shaders/sgd.wgsl',
    edits: [['g = select(buf, g + params.momentum * buf, params.nesterov != 0u);', 'g = buf;']],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: 'sgd: weight decay ignored',
    file: 'shaders/sgd.wgsl',
    edits: [['g += params.weightDecay * p;', 'g += 0.0 * p;']],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: 'adam: β1 instead of 1 − β1 in the first moment',
    file: 'shaders/adam.wgsl',
    edits: [['let m = lerp(expAvg[i], g, params.oneMinusBeta1);', 'let m = lerp(expAvg[i], g, 1.0 - params.oneMinusBeta1);']],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: 'adam: no second-moment bias correction',
    file: 'shaders/adam.wgsl',
    edits: [['let denom = sqrt(v) / params.biasCorrection2Sqrt + params.eps;', 'let denom = sqrt(v) + params.eps;']],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: 'adam: status word ignored',
    file: 'shaders/adam.wgsl',
    edits: [['if (i >= params.count || status[0] != 0u) {', 'if (i >= params.count || status[0] == 12345u) {']],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: 'rmsprop: α instead of 1 − α on g²',
    file: 'shaders/rmsprop.wgsl',
    edits: [['params.oneMinusAlpha * g * g', 'params.alpha * g * g']],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: 'rmsprop: momentum ignored',
    file: 'shaders/rmsprop.wgsl',
    edits: [['if (params.momentum > 0.0) {', 'if (params.momentum > 1.0) {']],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: 'gather: bytes scaled by 1/256 instead of 1/255',
    file: 'shaders/gather.wgsl',
    edits: [['x[i] = f32(byte_of(data[source >> 2u], source)) / 255.0;', 'x[i] = f32(byte_of(data[source >> 2u], source)) / 256.0;']],
    tests: [`${E}/gather.test.ts`],
  },
  {
    name: 'gather: flip off by one',
    file: 'shaders/gather.wgsl',
    edits: [['sourceColumn = column - x0 + (params.flipWidth - 1u - x0);', 'sourceColumn = column - x0 + (params.flipWidth - x0) % params.flipWidth;']],
    tests: [`${E}/gather.test.ts`],
  },
  {
    name: 'gather: the word path scales bytes by 1/256',
    file: 'shaders/gather.wgsl',
    edits: [['& vec4<u32>(0xffu)) / 255.0;', '& vec4<u32>(0xffu)) / 256.0;']],
    tests: [`${E}/gather.test.ts`],
  },
  {
    name: 'gather: a flipped word keeps its place in the row',
    file: 'shaders/gather.wgsl',
    edits: [['sourceColumn = column - x0 + (params.flipWidth - 4u - x0);', 'sourceColumn = column;']],
    tests: [`${E}/gather.test.ts`],
  },
  {
    name: 'loss history: first bad step recorded one too early',
    file: 'shaders/loss_history.wgsl',
    edits: [['state[0] = 1u;\n    state[1] = step + 1u;', 'state[0] = 1u;\n    state[1] = step;']],
    tests: [`${E}/loss-monitor.test.ts`],
  },
  {
    name: 'good weights: the update does not keep the weights it replaces',
    file: 'shaders/sgd.wgsl',
    edits: [['    backup[i] = p;', '']],
    tests: [`${E}/loss-monitor.test.ts`],
  },
  {
    name: 'matmul: vec4 loads of A along k not transposed into columns',
    file: 'shaders/matmul.wgsl',
    edits: [['return transpose(mat4x4<f32>(a4[at.x], a4[at.y], a4[at.z], a4[at.w]));', 'return mat4x4<f32>(a4[at.x], a4[at.y], a4[at.z], a4[at.w]);']],
    tests: [`${E}/matmul.test.ts`],
  },
  {
    name: 'matmul: vec4 loads of B across columns one step of k apart too few',
    file: 'shaders/matmul.wgsl',
    edits: [['return mat4x4<f32>(b4[at], b4[at + next], b4[at + 2u * next], b4[at + 3u * next]);', 'return mat4x4<f32>(b4[at], b4[at + next], b4[at + 2u * next], b4[at + 2u * next]);']],
    tests: [`${E}/matmul.test.ts`],
  },
  {
    name: 'matmul: the bottom band of a 16 × 16 block reads the rows of the band above',
    file: 'shaders/matmul.wgsl',
    edits: [['result.band3 = bandStep(block.band3, tileA(at.a[3], at.aStep, k, whole), b);', 'result.band3 = bandStep(block.band3, tileA(at.a[2], at.aStep, k, whole), b);']],
    tests: [`${E}/matmul.test.ts`],
  },
  {
    name: 'matmul: the steps of k left over read op(B) one step early',
    file: 'shaders/matmul.wgsl',
    edits: [['loadB(first + vec4<u32>(k * step)), vec4<f32>()', 'loadB(first + vec4<u32>((k - 1u) * step)), vec4<f32>()']],
    tests: [`${E}/matmul.test.ts`],
  },
  {
    name: 'gather: a flipped word of four pixels is not read backwards',
    file: 'shaders/gather.wgsl',
    edits: [['      pixels = pixels.wzyx;', '']],
    tests: [`${E}/gather.test.ts`],
  },
  {
    name: 'gather: the word path takes its bytes in the wrong order',
    file: 'shaders/gather.wgsl',
    edits: [['vec4<u32>(word, word >> 8u, word >> 16u, word >> 24u)', 'vec4<u32>(word >> 8u, word, word >> 16u, word >> 24u)']],
    tests: [`${E}/gather.test.ts`],
  },
  {
    name: 'gather: rows past 65,535 land on the first ones',
    file: 'shaders/gather.wgsl',
    edits: [['let row = group.y + group.z * 65535u;', 'let row = group.y;']],
    tests: [`${E}/gather.test.ts`],
  },
  {
    name: 'adam: the last element of each vec4 not updated',
    file: 'shaders/adam.wgsl',
    edits: [['param[i] = p - params.stepSize * (m / denom);', 'param[i] = vec4<f32>((p - params.stepSize * (m / denom)).xyz, p.w);']],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: 'autograd: a parameter\'s first contribution leaves gradIsZero set (second overwrites)',
    file: 'src/engine/autograd.ts',
    edits: [['      write(input.grad);\n      input.gradIsZero = false;', '      write(input.grad);']],
    tests: [`${E}/network-gradients.test.ts`],
  },
  {
    name: 'linear: fused ReLU not masked in backward',
    file: 'src/engine/ops/linear.ts',
    edits: [['    if (options.relu) {\n      gradZ = Tensor.empty', '    if (options.relu && false) {\n      gradZ = Tensor.empty']],
    tests: [`${E}/linear-bias.test.ts`, `${E}/network-gradients.test.ts`],
  },
  {
    name: 'optimizer: stale gradients of untouched parameters not cleared',
    file: 'src/engine/parameters.ts',
    edits: [['        this.gpu.clear(value.grad.slice);\n', '']],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: 'sgd: first-step flag never set (momentum buffer not initialised to g)',
    file: 'src/engine/optim.ts',
    edits: [['u32(step === 1 ? 1 : 0),', 'u32(0),']],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: "conv2d: the padding check lets the row below the image through",
    file: 'shaders/conv2d.wgsl',
    edits: [["(vec4<u32>(s.top + vec4<i32>(kh)) < vec4<u32>(params.height))", "(vec4<u32>(s.top + vec4<i32>(kh)) <= vec4<u32>(params.height))"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d: padding added to the receptive field instead of subtracted",
    file: 'shaders/conv2d.wgsl',
    edits: [["s.top = vec4<i32>(oh * STRIDE_H) - vec4<i32>(i32(PAD_H));", "s.top = vec4<i32>(oh * STRIDE_H) + vec4<i32>(i32(PAD_H));"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d: a tap's kernel row and column swapped in its input index",
    file: 'shaders/conv2d.wgsl',
    edits: [["let tap = i32((c * params.height + kh) * params.width + kw);", "let tap = i32((c * params.height + kw) * params.width + kh);"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d: stride ignored along the width",
    file: 'shaders/conv2d.wgsl',
    edits: [["s.left = vec4<i32>(ow * STRIDE_W) - vec4<i32>(i32(PAD_W));", "s.left = vec4<i32>(ow) - vec4<i32>(i32(PAD_W));"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d: the leftover taps of the last trip keep their weights",
    file: 'shaders/conv2d.wgsl',
    edits: [["  let live = index < K;\n", "  let live = true;\n"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d: bias dropped from the epilogue",
    file: 'shaders/conv2d.wgsl',
    edits: [["    out += vec4<f32>(bias[o]);\n", ""]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d: last pixel of a ragged strip not stored",
    file: 'shaders/conv2d.wgsl',
    edits: [["if (col + 3u < columns) { y[at.w] = out.w; }", ""]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d: the second dispatch dimension (z) ignored",
    file: 'shaders/conv2d.wgsl',
    edits: [["let col0 = (id.x + id.z * groups.x * WORKGROUP_X) * block;", "let col0 = id.x * block;"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d: the second dispatch dimension (z) steps by workgroups, not invocations",
    file: 'shaders/conv2d.wgsl',
    edits: [["let col0 = (id.x + id.z * groups.x * WORKGROUP_X) * block;", "let col0 = (id.x + id.z * groups.x) * block;"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d: the bottom band of a 16 × 16 block reads the weights of the band above",
    file: 'shaders/conv2d.wgsl',
    edits: [["result.band3 = bandStep(block.band3, weights(at.rows[3] + vec4<u32>(k), live), b0, b1, b2, b3);", "result.band3 = bandStep(block.band3, weights(at.rows[2] + vec4<u32>(k), live), b0, b1, b2, b3);"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d input gradient: the stride's divisibility check dropped",
    file: 'shaders/conv2d_backward_input.wgsl',
    edits: [[" & (oh * STRIDE_H == h)", ""]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d input gradient: the kernel's rows read upside down",
    file: 'shaders/conv2d_backward_input.wgsl',
    edits: [["let h = vec4<u32>(s.row - vec4<i32>(i32(kh)));", "let h = vec4<u32>(s.row - vec4<i32>(i32(KERNEL_H - 1u - kh)));"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d input gradient: an output row one past the bottom is read",
    file: 'shaders/conv2d_backward_input.wgsl',
    edits: [["(oh < vec4<u32>(params.outHeight))", "(oh <= vec4<u32>(params.outHeight))"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d input gradient: weights indexed as if there were one input channel",
    file: 'shaders/conv2d_backward_input.wgsl',
    edits: [["let tap = vec4<u32>(o * params.inChannels * taps + r);", "let tap = vec4<u32>(o * taps + r);"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d input gradient: the second dispatch dimension (z) ignored",
    file: 'shaders/conv2d_backward_input.wgsl',
    edits: [["let col0 = (id.x + id.z * groups.x * WORKGROUP_X) * block;", "let col0 = id.x * block;"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d weight gradient: each chunk skips its first pixel",
    file: 'shaders/conv2d_backward_weight.wgsl',
    edits: [["let first = id.z * params.chunk;", "let first = id.z * params.chunk + 1u;"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d weight gradient: the bias column reads the input instead of 1",
    file: 'shaders/conv2d_backward_weight.wgsl',
    edits: [["return select(value, vec4<f32>(1.0), s.bias);", "return value;"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d weight gradient: the padding check lets the column right of the image through",
    file: 'shaders/conv2d_backward_weight.wgsl',
    edits: [["(vec4<u32>(vec4<i32>(px.left) + s.kw) < vec4<u32>(params.width))", "(vec4<u32>(vec4<i32>(px.left) + s.kw) <= vec4<u32>(params.width))"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d weight gradient: dy read as if there were one output channel",
    file: 'shaders/conv2d_backward_weight.wgsl',
    edits: [["px.dy = n * params.outChannels * pixels + p;", "px.dy = n * pixels + p;"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d weight gradient: the sum of the chunks leaves out the last",
    file: 'shaders/conv2d_backward_weight.wgsl',
    edits: [["for (var z = 0u; z < sums.chunks; z++) {", "for (var z = 0u; z + 1u < sums.chunks; z++) {"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d weight gradient: the chunks' slices of the partial sums overlap",
    file: 'shaders/conv2d_backward_weight.wgsl',
    edits: [["let stride = sums.rows * sums.columns;", "let stride = sums.columns;"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d weight gradient: the leftover pixels of a chunk's last trip keep their gradients",
    file: 'shaders/conv2d_backward_weight.wgsl',
    edits: [["  let live = index < end;\n", "  let live = true;\n"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d: fused ReLU not masked in backward",
    file: 'src/engine/ops/conv2d.ts',
    edits: [["    if (relu) {\n      gradZ = Tensor.empty", "    if (relu && false) {\n      gradZ = Tensor.empty"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "conv2d: workgroups past the limit not continued along z",
    file: 'src/engine/ops/conv2d.ts',
    edits: [["Math.ceil(groupsX / spanX)] as [number, number, number]", "1] as [number, number, number]"]],
    tests: [`${E}/conv2d.test.ts`],
  },
  {
    name: "max pool: ties go to the last maximum",
    file: 'shaders/max_pool2d.wgsl',
    edits: [["if (v > maxValue) {", "if (v >= maxValue) {"]],
    tests: [`${E}/max-pool2d.test.ts`],
  },
  {
    name: "max pool: planes past 65,535 land on the first ones (z ignored)",
    file: 'shaders/max_pool2d.wgsl',
    edits: [["return group.y + group.z * groups.y;", "return group.y;"]],
    tests: [`${E}/max-pool2d.test.ts`],
  },
  {
    name: "max pool: backward looks at one window per row only (overlap ignored)",
    file: 'shaders/max_pool2d.wgsl',
    edits: [["override WINDOWS_H: u32 = (KERNEL_H + STRIDE_H - 1u) / STRIDE_H;", "override WINDOWS_H: u32 = 1u + 0u * (KERNEL_H + STRIDE_H);"]],
    tests: [`${E}/max-pool2d.test.ts`],
  },
  {
    name: "max pool: windows step by the kernel width instead of the stride",
    file: 'shaders/max_pool2d.wgsl',
    edits: [["let left = ow * STRIDE_W;", "let left = ow * KERNEL_W;"]],
    tests: [`${E}/max-pool2d.test.ts`],
  },
  {
    name: "max pool: backward per window leaves the elements past the last window unwritten",
    file: 'shaders/max_pool2d.wgsl',
    edits: [["let rowEnd = select(min((oh + 1u) * STRIDE_H, params.height), params.height, oh + 1u == params.outHeight);", "let rowEnd = min((oh + 1u) * STRIDE_H, params.height);"]],
    tests: [`${E}/max-pool2d.test.ts`],
  },
  {
    name: "max pool: overlapping windows take the backward per window",
    file: 'src/engine/ops/max-pool2d.ts',
    edits: [["const overlap = g.SH < g.KH || g.SW < g.KW;", "const overlap = g.SH < 0;"]],
    tests: [`${E}/max-pool2d.test.ts`],
  },
  {
    name: "max pool: planes past the limit not continued along z",
    file: 'src/engine/ops/max-pool2d.ts',
    edits: [["return [groupsFor(pixels, 64), rows, Math.ceil(planes / rows)];", "return [groupsFor(pixels, 64), rows, 1];"]],
    tests: [`${E}/max-pool2d.test.ts`],
  },
  {
    name: "adam: the second dispatch dimension subtracted (id.x − id.y · …)",
    file: 'shaders/adam.wgsl',
    edits: [["let i = id.x + id.y * groups.x * 64u;", "let i = id.x - id.y * groups.x * 64u;"]],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: "sgd: the second dispatch dimension subtracted (id.x − id.y · …)",
    file: 'shaders/sgd.wgsl',
    edits: [["let i = id.x + id.y * groups.x * 64u;", "let i = id.x - id.y * groups.x * 64u;"]],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: "rmsprop: the second dispatch dimension subtracted (id.x − id.y · …)",
    file: 'shaders/rmsprop.wgsl',
    edits: [["let i = id.x + id.y * groups.x * 64u;", "let i = id.x - id.y * groups.x * 64u;"]],
    tests: [`${E}/optimizers.test.ts`],
  },
  {
    name: "activations: the second dispatch dimension subtracted (id.x − id.y · …)",
    file: 'shaders/activations.wgsl',
    edits: [["return id.x + id.y * groups.x * 64u;", "return id.x - id.y * groups.x * 64u;"]],
    tests: [`${E}/activations.test.ts`],
  },
  {
    name: "activations backward: the second dispatch dimension subtracted (id.x − id.y · …)",
    file: 'shaders/activations_backward.wgsl',
    edits: [["return id.x + id.y * groups.x * 64u;", "return id.x - id.y * groups.x * 64u;"]],
    tests: [`${E}/activations.test.ts`],
  },
  {
    name: "elementwise: the second dispatch dimension subtracted (id.x − id.y · …)",
    file: 'shaders/elementwise.wgsl',
    edits: [["return id.x + id.y * groups.x * 64u;", "return id.x - id.y * groups.x * 64u;"]],
    tests: [`${E}/elementwise.test.ts`],
  },
  {
    name: "dropout: the second dispatch dimension subtracted (id.x − id.y · …)",
    file: 'shaders/dropout.wgsl',
    edits: [["let i = id.x + id.y * groups.x * 64u;", "let i = id.x - id.y * groups.x * 64u;"]],
    tests: [`${E}/dropout.test.ts`],
  },
  {
    name: "bias: the second dispatch dimension subtracted (id.x − id.y · …)",
    file: 'shaders/bias.wgsl',
    edits: [["let index = id.x + id.y * groups.x * 64u;", "let index = id.x - id.y * groups.x * 64u;"]],
    tests: [`${E}/linear-bias.test.ts`],
  },
  {
    name: "tensor norms: the second dispatch dimension dropped (chunk = group.x)",
    file: 'shaders/tensor_norms.wgsl',
    edits: [["let c = group.x + group.y * groups.x;", "let c = group.x;"]],
    tests: [`${E}/tensor-stats.test.ts`],
  },
  {
    name: "histogram ranges: the second dispatch dimension dropped (chunk = group.x)",
    file: 'shaders/histogram.wgsl',
    // The line is written twice in the file: each edit takes in its entry point's name.
    edits: [["fn range_partial(\n  @builtin(workgroup_id) group: vec3<u32>,\n  @builtin(num_workgroups) groups: vec3<u32>,\n  @builtin(local_invocation_index) lid: u32,\n) {\n  let c = group.x + group.y * groups.x;", "fn range_partial(\n  @builtin(workgroup_id) group: vec3<u32>,\n  @builtin(num_workgroups) groups: vec3<u32>,\n  @builtin(local_invocation_index) lid: u32,\n) {\n  let c = group.x;"]],
    tests: [`${E}/tensor-stats.test.ts`],
  },
  {
    name: "histogram bins: the second dispatch dimension dropped (chunk = group.x)",
    file: 'shaders/histogram.wgsl',
    edits: [["fn bin(\n  @builtin(workgroup_id) group: vec3<u32>,\n  @builtin(num_workgroups) groups: vec3<u32>,\n  @builtin(local_invocation_index) lid: u32,\n) {\n  let c = group.x + group.y * groups.x;", "fn bin(\n  @builtin(workgroup_id) group: vec3<u32>,\n  @builtin(num_workgroups) groups: vec3<u32>,\n  @builtin(local_invocation_index) lid: u32,\n) {\n  let c = group.x;"]],
    tests: [`${E}/tensor-stats.test.ts`],
  },
];

// ---- restoring, whatever happens ------------------------------------------

/** The file currently mutated and its original text. */
let current = null;
let child = null;

function restore() {
  if (!current) return;
  writeFileSync(current.path, current.original);
  current = null;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child) child.kill('SIGTERM');
    restore();
    console.error(`\n${signal}: restored the mutated file, stopping.`);
    process.exit(130);
  });
}
process.on('exit', restore);
process.on('uncaughtException', (error) => {
  restore();
  console.error(error);
  process.exit(2);
});

// ---- running the tests -----------------------------------------------------

function runTests(files, bail = false) {
  return new Promise((resolvePromise) => {
    let output = '';
    child = spawn('npx', ['vitest', 'run', ...(bail ? ['--bail=1'] : []), ...files], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child?.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      child = null;
      const failed = /Tests\s+(\d+) failed/.exec(output)?.[1];
      const passed = /Tests\s+(?:\d+ failed \| )?(\d+) passed/.exec(output)?.[1];
      resolvePromise({ code, signal, failed: failed ? Number(failed) : 0, passed: passed ? Number(passed) : 0, output });
    });
  });
}

function isDirty(file) {
  const result = spawnSync('git', ['status', '--porcelain', '--', file], { cwd: root, encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim().length > 0;
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const m of mutations) console.log(`${m.name}  (${m.file})`);
    return 0;
  }
  const allowDirty = args.includes('--allow-dirty');
  const bail = args.includes('--bail');
  const words = args.filter((a) => !a.startsWith('--'));
  const selected = words.length === 0 ? mutations : mutations.filter((m) => words.some((w) => m.name.toLowerCase().includes(w.toLowerCase())));
  if (selected.length === 0) {
    console.error(`no mutation matches ${words.join(', ')} (see --list)`);
    return 2;
  }
  if (!allowDirty) {
    const dirty = [...new Set(selected.map((m) => m.file))].filter(isDirty);
    if (dirty.length > 0) {
      console.error(`uncommitted changes in ${dirty.join(', ')}: run in a clean worktree (see the top of this script) or pass --allow-dirty`);
      return 2;
    }
  }

  const allTests = [...new Set(selected.flatMap((m) => m.tests))];
  console.log(`baseline: ${allTests.join(' ')}`);
  const baseline = await runTests(allTests);
  if (baseline.code !== 0) {
    console.error(baseline.output.slice(-4000));
    if (baseline.signal) console.error(`the baseline was killed (${baseline.signal}) after ${TIMEOUT_MS / 60000} minutes`);
    console.error('the unmutated tests fail: fix that first, or every mutation would look caught');
    return 2;
  }
  console.log(`baseline passes (${baseline.passed} tests)\n`);

  const rows = [];
  for (const m of selected) {
    const path = join(root, m.file);
    const original = readFileSync(path, 'utf8');
    let mutated = original;
    let applicable = true;
    for (const [from, to] of m.edits) {
      const count = mutated.split(from).length - 1;
      if (count !== 1) {
        applicable = false;
        break;
      }
      mutated = mutated.replace(from, () => to);
    }
    if (!applicable) {
      rows.push({ name: m.name, file: m.file, result: 'STALE (text not found once)', ok: false });
      console.log(`${m.name}: STALE`);
      continue;
    }
    const started = Date.now();
    let result;
    current = { path, original };
    try {
      writeFileSync(path, mutated);
      result = await runTests(m.tests, bail);
    } finally {
      restore();
    }
    if (readFileSync(path, 'utf8') !== original) throw new Error(`${m.file} was not restored`);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    let verdict;
    if (result.signal) verdict = { text: `caught (killed after ${TIMEOUT_MS / 1000} s)`, ok: true };
    else if (result.code === 0) verdict = { text: 'NOT caught', ok: false };
    else if (result.failed > 0 && bail) verdict = { text: `caught (a test fails after ${result.passed} pass)`, ok: true };
    else if (result.failed > 0) verdict = { text: `caught (${result.failed} of ${result.failed + result.passed} tests fail)`, ok: true };
    else verdict = { text: `caught (run failed, exit ${result.code})`, ok: true };
    rows.push({ name: m.name, file: m.file, result: verdict.text, ok: verdict.ok });
    console.log(`${m.name}: ${verdict.text} [${seconds} s]`);
  }

  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`\n${'mutation'.padEnd(width)}  result`);
  console.log(`${'-'.repeat(width)}  ------`);
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.result}`);
  const survivors = rows.filter((r) => !r.ok);
  console.log(`\n${rows.length - survivors.length} of ${rows.length} mutations caught`);
  return survivors.length > 0 ? 1 : 0;
}

process.exitCode = await main();
