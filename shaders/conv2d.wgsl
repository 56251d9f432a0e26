// torch.nn.Conv2d's forward as an implicit matrix product, with the bias add
// and ReLU fused into the epilogue:
//   y[n, o, oh, ow] = bias[o] + Σ_{c, kh, kw} weight[o, c, kh, kw] · x[n, c, oh·sh − ph + kh, ow·sw − pw + kw]
// (x read as 0 outside the image: the zero padding). x is [N, C, H, W] and y
// [N, O, OH, OW], both row-major; weight is [O, C, KH, KW] as PyTorch stores it.
//
// As a matrix product Y = W · X̂: the rows of Y are the O output channels, its
// columns the N·OH·OW output pixels of the whole batch, and the sum runs over
// the C·KH·KW taps. W is the weight itself ([O, C·KH·KW] row-major) and X̂ is
// the im2col matrix, whose entries are read from x on the fly: nothing the
// size of X̂ (9 × the input for a 3 × 3 kernel) is ever stored.
//
// The blocking is matmul.wgsl's: each invocation owns a block of Y made of
// 4 × 4 quarters in mat4x4 registers, 8 × 8 outputs (channels × pixels) on
// GPUs and 16 × 16 when WIDE (CPU adapters, where reusing each loaded value
// across more outputs is what pays; see matmul.wgsl), four taps per trip of
// the loop because SwiftShader stores loop-carried accumulators to memory on
// every trip. No workgroup memory and no barriers, for matmul.wgsl's reasons.

struct Params {
  inChannels: u32,
  height: u32,
  width: u32,
  outChannels: u32,
  outHeight: u32,
  outWidth: u32,
  // N·OH·OW: the columns of Y.
  columns: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> weight: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

// The kernel's geometry is fixed per layer, so it is compiled in: divisions by
// KERNEL_W and the like become multiplications.
override KERNEL_H: u32 = 3u;
override KERNEL_W: u32 = 3u;
override STRIDE_H: u32 = 1u;
override STRIDE_W: u32 = 1u;
override PAD_H: u32 = 0u;
override PAD_W: u32 = 0u;
override ADD_BIAS: bool = false;
override APPLY_RELU: bool = false;
// 16 × 16 blocks instead of 8 × 8: for CPU adapters.
override WIDE: bool = false;
override WORKGROUP_X: u32 = 8u;
override WORKGROUP_Y: u32 = 8u;

// quarter += outer(column, row): four channels' weights times four pixels' inputs at one tap.
fn accumulate(quarter: mat4x4<f32>, column: vec4<f32>, row: vec4<f32>) -> mat4x4<f32> {
  return mat4x4<f32>(
    fma(vec4<f32>(column.x), row, quarter[0]),
    fma(vec4<f32>(column.y), row, quarter[1]),
    fma(vec4<f32>(column.z), row, quarter[2]),
    fma(vec4<f32>(column.w), row, quarter[3]),
  );
}

// Four quarters side by side: four channels of the block. Without WIDE only
// the first two are used.
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

// Four output pixels (columns of Y): where each one's receptive field starts.
struct Strip {
  // Input row and column of tap (0, 0); negative in the padding.
  top: vec4<i32>,
  left: vec4<i32>,
  // Index in x of channel 0's tap (0, 0), as if the padding were stored.
  base: vec4<i32>,
  // Index in y of channel 0's output.
  out: vec4<u32>,
}

// Columns past the last one re-read it, so the loop needs no checks on them;
// their results are never stored.
fn strip(first: u32) -> Strip {
  let pixels = params.outHeight * params.outWidth;
  let col = min(vec4<u32>(first) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(params.columns - 1u));
  let n = col / pixels;
  let p = col - n * pixels;
  let oh = p / params.outWidth;
  let ow = p - oh * params.outWidth;
  var s: Strip;
  s.top = vec4<i32>(oh * STRIDE_H) - vec4<i32>(i32(PAD_H));
  s.left = vec4<i32>(ow * STRIDE_W) - vec4<i32>(i32(PAD_W));
  s.base = vec4<i32>(n * (params.inChannels * params.height * params.width)) + s.top * i32(params.width) + s.left;
  s.out = n * (params.outChannels * pixels) + p;
  return s;
}

// The four pixels' inputs at one tap: zero where the tap falls in the padding.
fn inputs(s: Strip, tap: i32, kh: i32, kw: i32) -> vec4<f32> {
  // A negative row or column wraps to a huge u32, so one comparison checks both ends.
  let inside = (vec4<u32>(s.top + vec4<i32>(kh)) < vec4<u32>(params.height)) & (vec4<u32>(s.left + vec4<i32>(kw)) < vec4<u32>(params.width));
  let at = vec4<u32>(select(vec4<i32>(0), s.base + vec4<i32>(tap), inside));
  return select(vec4<f32>(), vec4<f32>(x[at.x], x[at.y], x[at.z], x[at.w]), inside);
}

fn weights(at: vec4<u32>, live: bool) -> vec4<f32> {
  return select(vec4<f32>(), vec4<f32>(weight[at.x], weight[at.y], weight[at.z], weight[at.w]), live);
}

// Where the block's bands of channels read their weights (tap 0) and its
// strips of pixels their inputs.
struct Operands {
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

// One tap k = (c, kh, kw) for the whole block. Steps past the last tap (the
// loop runs in fours) re-read it with zero weights.
fn step(block: Block, at: Operands, index: u32, K: u32) -> Block {
  let k = min(index, K - 1u);
  let live = index < K;
  let c = k / (KERNEL_H * KERNEL_W);
  let r = k - c * (KERNEL_H * KERNEL_W);
  let kh = r / KERNEL_W;
  let kw = r - kh * KERNEL_W;
  let tap = i32((c * params.height + kh) * params.width + kw);
  let b0 = inputs(at.strips[0], tap, i32(kh), i32(kw));
  let b1 = inputs(at.strips[1], tap, i32(kh), i32(kw));
  var b2 = vec4<f32>();
  var b3 = vec4<f32>();
  if (WIDE) {
    b2 = inputs(at.strips[2], tap, i32(kh), i32(kw));
    b3 = inputs(at.strips[3], tap, i32(kh), i32(kw));
  }
  var result = block;
  result.band0 = bandStep(block.band0, weights(at.rows[0] + vec4<u32>(k), live), b0, b1, b2, b3);
  result.band1 = bandStep(block.band1, weights(at.rows[1] + vec4<u32>(k), live), b0, b1, b2, b3);
  if (WIDE) {
    result.band2 = bandStep(block.band2, weights(at.rows[2] + vec4<u32>(k), live), b0, b1, b2, b3);
    result.band3 = bandStep(block.band3, weights(at.rows[3] + vec4<u32>(k), live), b0, b1, b2, b3);
  }
  return result;
}

// One channel's four pixels through the epilogue, skipping what lies past O
// or past the last column.
fn storeRow(o: u32, col: u32, s: Strip, value: vec4<f32>) {
  if (o >= params.outChannels) {
    return;
  }
  var out = value;
  if (ADD_BIAS) {
    out += vec4<f32>(bias[o]);
  }
  if (APPLY_RELU) {
    out = max(out, vec4<f32>(0.0));
  }
  let at = s.out + vec4<u32>(o * params.outHeight * params.outWidth);
  let columns = params.columns;
  y[at.x] = out.x;
  if (col + 1u < columns) { y[at.y] = out.y; }
  if (col + 2u < columns) { y[at.z] = out.z; }
  if (col + 3u < columns) { y[at.w] = out.w; }
}

fn storeQuarter(o: u32, col: u32, s: Strip, quarter: mat4x4<f32>) {
  if (col >= params.columns) {
    return;
  }
  storeRow(o, col, s, quarter[0]);
  storeRow(o + 1u, col, s, quarter[1]);
  storeRow(o + 2u, col, s, quarter[2]);
  storeRow(o + 3u, col, s, quarter[3]);
}

fn storeBand(o: u32, col: u32, at: Operands, band: Band) {
  storeQuarter(o, col, at.strips[0], band.q0);
  storeQuarter(o, col + 4u, at.strips[1], band.q1);
  if (WIDE) {
    storeQuarter(o, col + 8u, at.strips[2], band.q2);
    storeQuarter(o, col + 12u, at.strips[3], band.q3);
  }
}

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let block = select(8u, 16u, WIDE);
  // Blocks of pixels past 65,535 workgroups' worth continue along z.
  let col0 = (id.x + id.z * groups.x * WORKGROUP_X) * block;
  let o0 = id.y * block;
  if (o0 >= params.outChannels || col0 >= params.columns) {
    return;
  }
  let taps = KERNEL_H * KERNEL_W;
  let K = params.inChannels * taps;

  // Channels past the last one re-read its weights, as columns do their inputs.
  let lastRow = vec4<u32>(params.outChannels - 1u);
  let steps = vec4<u32>(0u, 1u, 2u, 3u);
  var at: Operands;
  at.rows[0] = min(vec4<u32>(o0) + steps, lastRow) * K;
  at.rows[1] = min(vec4<u32>(o0 + 4u) + steps, lastRow) * K;
  at.rows[2] = min(vec4<u32>(o0 + 8u) + steps, lastRow) * K;
  at.rows[3] = min(vec4<u32>(o0 + 12u) + steps, lastRow) * K;
  at.strips[0] = strip(col0);
  at.strips[1] = strip(col0 + 4u);
  at.strips[2] = strip(col0 + 8u);
  at.strips[3] = strip(col0 + 12u);

  // One loop for the leftover taps too, rather than a second copy of the
  // steps: compiling the 16 × 16 kernel takes seconds on SwiftShader.
  var result = Block();
  for (var k = 0u; k < K; k += 4u) {
    result = step(step(step(step(result, at, k, K), at, k + 1u, K), at, k + 2u, K), at, k + 3u, K);
  }

  storeBand(o0, col0, at, result.band0);
  storeBand(o0 + 4u, col0, at, result.band1);
  if (WIDE) {
    storeBand(o0 + 8u, col0, at, result.band2);
    storeBand(o0 + 12u, col0, at, result.band3);
  }
}
