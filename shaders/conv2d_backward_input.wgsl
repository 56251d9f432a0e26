// The gradient of Conv2d's input, as PyTorch's convolution_backward gives it:
//   dx[n, c, ih, iw] = Σ_{o, kh, kw} weight[o, c, kh, kw] · dy[n, o, oh, ow]
// over the taps where ih = oh·sh − ph + kh and iw = ow·sw − pw + kw for an
// output pixel (oh, ow) that exists: (ih + ph − kh) divisible by sh, the
// quotient in [0, OH), and the same along the width. dy is [N, O, OH, OW], dx
// [N, C, H, W] and weight [O, C, KH, KW].
//
// As an implicit matrix product dX = Wᵀ · dŶ: rows are the C input channels,
// columns the N·H·W input pixels, and the sum runs over the O·KH·KW pairs of
// an output channel and a tap; dŶ (the transposed convolution's im2col of dy)
// is read from dy on the fly, never stored. Every input pixel gathers its own
// sum, so nothing is scattered and no atomics are needed.
//
// Blocking as in conv2d.wgsl and matmul.wgsl: 4 × 4 quarters in mat4x4
// registers, 8 × 8 outputs per invocation or 16 × 16 when WIDE, four steps of
// the sum per trip of the loop.

struct Params {
  inChannels: u32,
  height: u32,
  width: u32,
  outChannels: u32,
  outHeight: u32,
  outWidth: u32,
  // N·H·W: the columns of dX.
  columns: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read> weight: array<f32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;

override KERNEL_H: u32 = 3u;
override KERNEL_W: u32 = 3u;
override STRIDE_H: u32 = 1u;
override STRIDE_W: u32 = 1u;
override PAD_H: u32 = 0u;
override PAD_W: u32 = 0u;
override WIDE: bool = false;
override WORKGROUP_X: u32 = 8u;
override WORKGROUP_Y: u32 = 8u;

// quarter += outer(column, row): four input channels' weights times four pixels' gradients.
fn accumulate(quarter: mat4x4<f32>, column: vec4<f32>, row: vec4<f32>) -> mat4x4<f32> {
  return mat4x4<f32>(
    fma(vec4<f32>(column.x), row, quarter[0]),
    fma(vec4<f32>(column.y), row, quarter[1]),
    fma(vec4<f32>(column.z), row, quarter[2]),
    fma(vec4<f32>(column.w), row, quarter[3]),
  );
}

struct Band {
  q0: mat4x4<f32>,
  q1: mat4x4<f32>,
  q2: mat4x4<f32>,
  q3: mat4x4<f32>,
}

struct Block {
  band0: Band,
  band1: Band,
  band2: Band,
  band3: Band,
}

// Four input pixels (columns of dX).
struct Strip {
  // ih + ph and iw + pw: the output pixel reached through tap (kh, kw) is
  // ((ih + ph − kh) / sh, (iw + pw − kw) / sw) when those divide exactly.
  row: vec4<i32>,
  col: vec4<i32>,
  // Index in dy of image n's first output (channel 0, pixel 0).
  base: vec4<u32>,
  // Index in dx of channel 0's gradient.
  out: vec4<u32>,
}

// Columns past the last one re-read it; their results are never stored.
fn strip(first: u32) -> Strip {
  let pixels = params.height * params.width;
  let col = min(vec4<u32>(first) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(params.columns - 1u));
  let n = col / pixels;
  let q = col - n * pixels;
  let ih = q / params.width;
  let iw = q - ih * params.width;
  var s: Strip;
  s.row = vec4<i32>(ih + vec4<u32>(PAD_H));
  s.col = vec4<i32>(iw + vec4<u32>(PAD_W));
  s.base = n * (params.outChannels * params.outHeight * params.outWidth);
  s.out = n * (params.inChannels * pixels) + q;
  return s;
}

// dy at the output pixels the four input pixels reach through tap (kh, kw) of
// output channel o: zero where there is none.
fn gradients(s: Strip, o: u32, kh: u32, kw: u32) -> vec4<f32> {
  // A negative difference wraps to a huge u32, whose quotient is past OH.
  let h = vec4<u32>(s.row - vec4<i32>(i32(kh)));
  let w = vec4<u32>(s.col - vec4<i32>(i32(kw)));
  let oh = h / STRIDE_H;
  let ow = w / STRIDE_W;
  let reached = (oh < vec4<u32>(params.outHeight)) & (ow < vec4<u32>(params.outWidth)) & (oh * STRIDE_H == h) & (ow * STRIDE_W == w);
  let at = select(vec4<u32>(0u), s.base + vec4<u32>(o * params.outHeight * params.outWidth) + oh * params.outWidth + ow, reached);
  return select(vec4<f32>(), vec4<f32>(dy[at.x], dy[at.y], dy[at.z], dy[at.w]), reached);
}

fn weights(at: vec4<u32>, live: bool) -> vec4<f32> {
  return select(vec4<f32>(), vec4<f32>(weight[at.x], weight[at.y], weight[at.z], weight[at.w]), live);
}

struct Operands {
  // weight[0, c, 0, 0] for the four channels of each band.
  rows: array<vec4<u32>, 4>,
  strips: array<Strip, 4>,
}

fn bandStep(band: Band, w: vec4<f32>, b0: vec4<f32>, b1: vec4<f32>, b2: vec4<f32>, b3: vec4<f32>) -> Band {
  var result = band;
  result.q0 = accumulate(band.q0, w, b0);
  result.q1 = accumulate(band.q1, w, b1);
  if (WIDE) {
    result.q2 = accumulate(band.q2, w, b2);
    result.q3 = accumulate(band.q3, w, b3);
  }
  return result;
}

// One step k = (o, kh, kw) of the sum for the whole block. Steps past the
// last one (the loop runs in fours) re-read it with zero weights.
fn step(block: Block, at: Operands, index: u32, K: u32) -> Block {
  let k = min(index, K - 1u);
  let live = index < K;
  let taps = KERNEL_H * KERNEL_W;
  let o = k / taps;
  let r = k - o * taps;
  let kh = r / KERNEL_W;
  let kw = r - kh * KERNEL_W;
  // weight[o, c, kh, kw] = weight[(o·C + c)·taps + r]
  let tap = vec4<u32>(o * params.inChannels * taps + r);
  let b0 = gradients(at.strips[0], o, kh, kw);
  let b1 = gradients(at.strips[1], o, kh, kw);
  var b2 = vec4<f32>();
  var b3 = vec4<f32>();
  if (WIDE) {
    b2 = gradients(at.strips[2], o, kh, kw);
    b3 = gradients(at.strips[3], o, kh, kw);
  }
  var result = block;
  result.band0 = bandStep(block.band0, weights(at.rows[0] + tap, live), b0, b1, b2, b3);
  result.band1 = bandStep(block.band1, weights(at.rows[1] + tap, live), b0, b1, b2, b3);
  if (WIDE) {
    result.band2 = bandStep(block.band2, weights(at.rows[2] + tap, live), b0, b1, b2, b3);
    result.band3 = bandStep(block.band3, weights(at.rows[3] + tap, live), b0, b1, b2, b3);
  }
  return result;
}

fn storeRow(c: u32, col: u32, s: Strip, value: vec4<f32>) {
  if (c >= params.inChannels) {
    return;
  }
  let at = s.out + vec4<u32>(c * params.height * params.width);
  let columns = params.columns;
  dx[at.x] = value.x;
  if (col + 1u < columns) { dx[at.y] = value.y; }
  if (col + 2u < columns) { dx[at.z] = value.z; }
  if (col + 3u < columns) { dx[at.w] = value.w; }
}

fn storeQuarter(c: u32, col: u32, s: Strip, quarter: mat4x4<f32>) {
  if (col >= params.columns) {
    return;
  }
  storeRow(c, col, s, quarter[0]);
  storeRow(c + 1u, col, s, quarter[1]);
  storeRow(c + 2u, col, s, quarter[2]);
  storeRow(c + 3u, col, s, quarter[3]);
}

fn storeBand(c: u32, col: u32, at: Operands, band: Band) {
  storeQuarter(c, col, at.strips[0], band.q0);
  storeQuarter(c, col + 4u, at.strips[1], band.q1);
  if (WIDE) {
    storeQuarter(c, col + 8u, at.strips[2], band.q2);
    storeQuarter(c, col + 12u, at.strips[3], band.q3);
  }
}

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let block = select(8u, 16u, WIDE);
  // Blocks of pixels past 65,535 workgroups' worth continue along z.
  let col0 = (id.x + id.z * groups.x * WORKGROUP_X) * block;
  let c0 = id.y * block;
  if (c0 >= params.inChannels || col0 >= params.columns) {
    return;
  }
  let taps = KERNEL_H * KERNEL_W;
  let K = params.outChannels * taps;

  let lastRow = vec4<u32>(params.inChannels - 1u);
  let steps = vec4<u32>(0u, 1u, 2u, 3u);
  var at: Operands;
  at.rows[0] = min(vec4<u32>(c0) + steps, lastRow) * taps;
  at.rows[1] = min(vec4<u32>(c0 + 4u) + steps, lastRow) * taps;
  at.rows[2] = min(vec4<u32>(c0 + 8u) + steps, lastRow) * taps;
  at.rows[3] = min(vec4<u32>(c0 + 12u) + steps, lastRow) * taps;
  at.strips[0] = strip(col0);
  at.strips[1] = strip(col0 + 4u);
  at.strips[2] = strip(col0 + 8u);
  at.strips[3] = strip(col0 + 12u);

  // One loop for the leftover steps too (see conv2d.wgsl).
  var result = Block();
  for (var k = 0u; k < K; k += 4u) {
    result = step(step(step(step(result, at, k, K), at, k + 1u, K), at, k + 2u, K), at, k + 3u, K);
  }

  storeBand(c0, col0, at, result.band0);
  storeBand(c0 + 4u, col0, at, result.band1);
  if (WIDE) {
    storeBand(c0 + 8u, col0, at, result.band2);
    storeBand(c0 + 12u, col0, at, result.band3);
  }
}
