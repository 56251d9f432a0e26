// The gradients of Conv2d's weight and bias:
//   dweight[o, c, kh, kw] = Σ_{n, oh, ow} dy[n, o, oh, ow] · x[n, c, oh·sh − ph + kh, ow·sw − pw + kw]
//   dbias[o]              = Σ_{n, oh, ow} dy[n, o, oh, ow]
// As an implicit matrix product dW = dY · X̂ᵀ: rows are the O output
// channels, columns the C·KH·KW taps (plus one column of ones for the bias
// when there is one), and the sum runs over all N·OH·OW output pixels, with
// X̂ (the im2col of x) read on the fly as in conv2d.wgsl.
//
// That sum is long (19,600 pixels for the second convolution of mnist-cnn at
// batch 100) while dW is small (64 × 289), so one invocation per block would
// leave most of the device idle: `main` splits the pixels into chunks, one per
// z of the dispatch, and writes each chunk's partial sums to `partial`
// [chunks, O, columns]; `reduce` then adds the chunks up, in order, into the
// weight's gradient (or the bias's, from the last column).
//
// Blocking as in conv2d.wgsl: 4 × 4 quarters in mat4x4 registers, 8 × 8
// outputs per invocation or 16 × 16 when WIDE, four pixels per trip.

struct Params {
  inChannels: u32,
  height: u32,
  width: u32,
  outChannels: u32,
  outHeight: u32,
  outWidth: u32,
  // C·KH·KW, plus 1 with the bias column: the columns of dW (and of `partial`).
  columns: u32,
  // N·OH·OW, and how many of them each z of the dispatch sums.
  pixels: u32,
  chunk: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read_write> partial: array<f32>;

override KERNEL_H: u32 = 3u;
override KERNEL_W: u32 = 3u;
override STRIDE_H: u32 = 1u;
override STRIDE_W: u32 = 1u;
override PAD_H: u32 = 0u;
override PAD_W: u32 = 0u;
// The last column is the bias's: its "input" is 1 at every pixel.
override BIAS_COLUMN: bool = false;
override WIDE: bool = false;
override WORKGROUP_X: u32 = 8u;
override WORKGROUP_Y: u32 = 8u;

// quarter += outer(column, row): four channels' dy times four taps' inputs at one pixel.
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

// Four taps (columns of dW).
struct Strip {
  kh: vec4<i32>,
  kw: vec4<i32>,
  // (c·H + kh)·W + kw: the tap's offset in x from an image's pixel (0, 0).
  offset: vec4<i32>,
  bias: vec4<bool>,
}

// Columns past the last one re-read it; their results are never stored.
fn strip(first: u32) -> Strip {
  let taps = KERNEL_H * KERNEL_W;
  let k = min(vec4<u32>(first) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(params.columns - 1u));
  var s: Strip;
  s.bias = k >= vec4<u32>(params.inChannels * taps);
  // The bias column reads tap 0 (always in range) and replaces it with 1.
  let tap = select(k, vec4<u32>(0u), s.bias);
  let c = tap / taps;
  let r = tap - c * taps;
  let kh = r / KERNEL_W;
  let kw = r - kh * KERNEL_W;
  s.kh = vec4<i32>(kh);
  s.kw = vec4<i32>(kw);
  s.offset = vec4<i32>((c * params.height + kh) * params.width + kw);
  return s;
}

// One output pixel's receptive field: its image's first input and where tap (0, 0) falls.
struct Pixel {
  // Index in dy of the pixel in channel 0.
  dy: u32,
  top: i32,
  left: i32,
  // Index in x of tap (0, 0) of channel 0, as if the padding were stored.
  base: i32,
}

fn pixel(s: u32) -> Pixel {
  let pixels = params.outHeight * params.outWidth;
  let n = s / pixels;
  let p = s - n * pixels;
  let oh = p / params.outWidth;
  let ow = p - oh * params.outWidth;
  var px: Pixel;
  px.dy = n * params.outChannels * pixels + p;
  px.top = i32(oh * STRIDE_H) - i32(PAD_H);
  px.left = i32(ow * STRIDE_W) - i32(PAD_W);
  px.base = i32(n * params.inChannels * params.height * params.width) + px.top * i32(params.width) + px.left;
  return px;
}

// The four taps' inputs at one output pixel: zero in the padding, 1 in the bias column.
fn inputs(s: Strip, px: Pixel) -> vec4<f32> {
  let inside = (vec4<u32>(vec4<i32>(px.top) + s.kh) < vec4<u32>(params.height)) & (vec4<u32>(vec4<i32>(px.left) + s.kw) < vec4<u32>(params.width));
  let at = vec4<u32>(select(vec4<i32>(0), vec4<i32>(px.base) + s.offset, inside));
  let value = select(vec4<f32>(), vec4<f32>(x[at.x], x[at.y], x[at.z], x[at.w]), inside);
  return select(value, vec4<f32>(1.0), s.bias);
}

fn gradients(at: vec4<u32>, live: bool) -> vec4<f32> {
  return select(vec4<f32>(), vec4<f32>(dy[at.x], dy[at.y], dy[at.z], dy[at.w]), live);
}

struct Operands {
  // o·OH·OW for the four channels of each band: dy's offsets from channel 0.
  rows: array<vec4<u32>, 4>,
  strips: array<Strip, 4>,
}

fn bandStep(band: Band, g: vec4<f32>, b0: vec4<f32>, b1: vec4<f32>, b2: vec4<f32>, b3: vec4<f32>) -> Band {
  var result = band;
  result.q0 = accumulate(band.q0, g, b0);
  result.q1 = accumulate(band.q1, g, b1);
  if (WIDE) {
    result.q2 = accumulate(band.q2, g, b2);
    result.q3 = accumulate(band.q3, g, b3);
  }
  return result;
}

// One output pixel of the sum for the whole block. Steps past the chunk's
// last pixel (the loop runs in fours) re-read it with zero gradients.
fn step(block: Block, at: Operands, index: u32, end: u32) -> Block {
  let live = index < end;
  let px = pixel(min(index, end - 1u));
  let b0 = inputs(at.strips[0], px);
  let b1 = inputs(at.strips[1], px);
  var b2 = vec4<f32>();
  var b3 = vec4<f32>();
  if (WIDE) {
    b2 = inputs(at.strips[2], px);
    b3 = inputs(at.strips[3], px);
  }
  let d = vec4<u32>(px.dy);
  var result = block;
  result.band0 = bandStep(block.band0, gradients(at.rows[0] + d, live), b0, b1, b2, b3);
  result.band1 = bandStep(block.band1, gradients(at.rows[1] + d, live), b0, b1, b2, b3);
  if (WIDE) {
    result.band2 = bandStep(block.band2, gradients(at.rows[2] + d, live), b0, b1, b2, b3);
    result.band3 = bandStep(block.band3, gradients(at.rows[3] + d, live), b0, b1, b2, b3);
  }
  return result;
}

fn storeRow(base: u32, o: u32, col: u32, value: vec4<f32>) {
  if (o >= params.outChannels) {
    return;
  }
  let columns = params.columns;
  let at = base + o * columns + col;
  partial[at] = value.x;
  if (col + 1u < columns) { partial[at + 1u] = value.y; }
  if (col + 2u < columns) { partial[at + 2u] = value.z; }
  if (col + 3u < columns) { partial[at + 3u] = value.w; }
}

fn storeQuarter(base: u32, o: u32, col: u32, quarter: mat4x4<f32>) {
  if (col >= params.columns) {
    return;
  }
  storeRow(base, o, col, quarter[0]);
  storeRow(base, o + 1u, col, quarter[1]);
  storeRow(base, o + 2u, col, quarter[2]);
  storeRow(base, o + 3u, col, quarter[3]);
}

fn storeBand(base: u32, o: u32, col: u32, band: Band) {
  storeQuarter(base, o, col, band.q0);
  storeQuarter(base, o, col + 4u, band.q1);
  if (WIDE) {
    storeQuarter(base, o, col + 8u, band.q2);
    storeQuarter(base, o, col + 12u, band.q3);
  }
}

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let block = select(8u, 16u, WIDE);
  let col0 = id.x * block;
  let o0 = id.y * block;
  if (o0 >= params.outChannels || col0 >= params.columns) {
    return;
  }
  let pixels = params.outHeight * params.outWidth;

  let lastRow = vec4<u32>(params.outChannels - 1u);
  let steps = vec4<u32>(0u, 1u, 2u, 3u);
  var at: Operands;
  at.rows[0] = min(vec4<u32>(o0) + steps, lastRow) * pixels;
  at.rows[1] = min(vec4<u32>(o0 + 4u) + steps, lastRow) * pixels;
  at.rows[2] = min(vec4<u32>(o0 + 8u) + steps, lastRow) * pixels;
  at.rows[3] = min(vec4<u32>(o0 + 12u) + steps, lastRow) * pixels;
  at.strips[0] = strip(col0);
  at.strips[1] = strip(col0 + 4u);
  at.strips[2] = strip(col0 + 8u);
  at.strips[3] = strip(col0 + 12u);

  // This z's chunk of the output pixels.
  let first = id.z * params.chunk;
  let end = min(first + params.chunk, params.pixels);
  // One loop for the leftover pixels too (see conv2d.wgsl).
  var result = Block();
  for (var s = first; s < end; s += 4u) {
    result = step(step(step(step(result, at, s, end), at, s + 1u, end), at, s + 2u, end), at, s + 3u, end);
  }

  let base = id.z * params.outChannels * params.columns;
  storeBand(base, o0, col0, result.band0);
  storeBand(base, o0 + 4u, col0, result.band1);
  if (WIDE) {
    storeBand(base, o0 + 8u, col0, result.band2);
    storeBand(base, o0 + 12u, col0, result.band3);
  }
}

// ---- adding up the chunks ----------------------------------------------------

struct Sums {
  // Chunks to add, and the rows (output channels) of `partial`'s [O, columns] slices.
  chunks: u32,
  rows: u32,
  columns: u32,
  // The columns summed into each row of `sums`: [first, first + width).
  first: u32,
  width: u32,
}

@group(0) @binding(0) var<uniform> sums: Sums;
@group(0) @binding(1) var<storage, read> partials: array<f32>;
@group(0) @binding(2) var<storage, read_write> total: array<f32>;

// total[o, j] = Σ_z partials[z, o, first + j], one invocation per element, in
// chunk order; x runs along the row, so neighbours read neighbouring addresses.
@compute @workgroup_size(64)
fn reduce(@builtin(global_invocation_id) id: vec3<u32>) {
  let j = id.x;
  let o = id.y;
  if (j >= sums.width || o >= sums.rows) {
    return;
  }
  let stride = sums.rows * sums.columns;
  var at = o * sums.columns + sums.first + j;
  var sum = 0.0;
  for (var z = 0u; z < sums.chunks; z++) {
    sum += partials[at];
    at += stride;
  }
  total[o * sums.width + j] = sum;
}
