// C[M,N] = op(A) · op(B), with an optional bias-add and ReLU fused into the
// epilogue. op() is identity or transpose, chosen per pipeline by overrides, so
// the three products of a linear layer (X·Wᵀ forward, dY·W and dYᵀ·X backward)
// read their operands in place instead of materialising transposes.
//
// Each invocation owns a block of C made of 4 × 4 quarters held in mat4x4
// registers (column j of a quarter is row j of the block): 2 × 2 quarters
// (8 × 8) by default, 4 × 4 quarters (16 × 16) when WIDE. It streams A and B
// straight from storage, four steps of k at a time, as vec4 loads where the
// operand's stored rows allow.
//
// Why two sizes: on GPUs 64 accumulators per invocation is the usual register
// tile, and 256 would spill. On SwiftShader (a CPU) every load whose address
// differs between invocations becomes four scalar loads, a few CPU cycles per
// value, while a multiply-add costs an eighth of a cycle per invocation, and
// the accumulators live in memory whatever the size. There the reuse of each
// loaded value across more rows and columns sets the speed: 16 × 16 runs
// 1.3–1.6× faster than 8 × 8 (npm run bench:anatomy shows where the time goes).
//
// No workgroup memory and no barriers: on SwiftShader a load from workgroup
// memory costs as much as one from storage and a barrier turns every subgroup
// into a coroutine switch, and on GPUs the L1 cache catches the reuse that
// shared tiles would provide. The quarters are whole matrices, never indexed
// by a loop variable: SwiftShader spills dynamically indexed private arrays to
// memory.

struct Params {
  M: u32,
  N: u32,
  K: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> c: array<f32>;
// The same A and B seen four floats at a time, for the vector loads below.
@group(0) @binding(5) var<storage, read> a4: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read> b4: array<vec4<f32>>;

// A is stored [K, M] instead of [M, K].
override TRANSPOSE_A: bool = false;
// B is stored [N, K] instead of [K, N].
override TRANSPOSE_B: bool = false;
// A's stored rows (B's) hold a multiple of four values, so four neighbours in
// memory load as one vec4: one load and one bounds check instead of four.
override VECTOR_A: bool = false;
override VECTOR_B: bool = false;
override ADD_BIAS: bool = false;
override APPLY_RELU: bool = false;
// Chosen per problem size by matmul.ts, so that small products still spread
// over enough workgroups to keep every core busy.
override WORKGROUP_X: u32 = 8u;
override WORKGROUP_Y: u32 = 8u;
// 16 × 16 blocks (4 × 4 quarters) instead of 8 × 8 (2 × 2): for CPU adapters.
override WIDE: bool = false;

fn loadA(at: vec4<u32>) -> vec4<f32> {
  return vec4<f32>(a[at.x], a[at.y], a[at.z], a[at.w]);
}

fn loadB(at: vec4<u32>) -> vec4<f32> {
  return vec4<f32>(b[at.x], b[at.y], b[at.z], b[at.w]);
}

// Four steps of k at once (one when not `whole`, for the K % 4 steps left
// over: the other columns are zero, which wastes at most three steps of
// multiply-adds). Column j of a returned tile holds the values for step k + j:
// for A four rows of op(A), for B four columns of op(B). Where the vec4 runs
// along k (A stored [M, K], B stored [N, K]) the four loads give the tile's
// rows, and a transpose turns them into columns.
fn tileA(first: vec4<u32>, step: u32, k: u32, whole: bool) -> mat4x4<f32> {
  if (!whole) {
    return mat4x4<f32>(loadA(first + vec4<u32>(k * step)), vec4<f32>(), vec4<f32>(), vec4<f32>());
  }
  if (VECTOR_A && !TRANSPOSE_A) {
    let at = (first + vec4<u32>(k)) / 4u;
    return transpose(mat4x4<f32>(a4[at.x], a4[at.y], a4[at.z], a4[at.w]));
  }
  if (VECTOR_A) {
    let at = first.x / 4u + k * step / 4u;
    let next = step / 4u;
    return mat4x4<f32>(a4[at], a4[at + next], a4[at + 2u * next], a4[at + 3u * next]);
  }
  return mat4x4<f32>(
    loadA(first + vec4<u32>(k * step)),
    loadA(first + vec4<u32>((k + 1u) * step)),
    loadA(first + vec4<u32>((k + 2u) * step)),
    loadA(first + vec4<u32>((k + 3u) * step)),
  );
}

fn tileB(first: vec4<u32>, step: u32, k: u32, whole: bool) -> mat4x4<f32> {
  if (!whole) {
    return mat4x4<f32>(loadB(first + vec4<u32>(k * step)), vec4<f32>(), vec4<f32>(), vec4<f32>());
  }
  if (VECTOR_B && TRANSPOSE_B) {
    let at = (first + vec4<u32>(k)) / 4u;
    return transpose(mat4x4<f32>(b4[at.x], b4[at.y], b4[at.z], b4[at.w]));
  }
  if (VECTOR_B) {
    let at = first.x / 4u + k * step / 4u;
    let next = step / 4u;
    return mat4x4<f32>(b4[at], b4[at + next], b4[at + 2u * next], b4[at + 3u * next]);
  }
  return mat4x4<f32>(
    loadB(first + vec4<u32>(k * step)),
    loadB(first + vec4<u32>((k + 1u) * step)),
    loadB(first + vec4<u32>((k + 2u) * step)),
    loadB(first + vec4<u32>((k + 3u) * step)),
  );
}

// quarter += outer(column, row): four rows of op(A) and four columns of op(B) at one k.
fn accumulate(quarter: mat4x4<f32>, column: vec4<f32>, row: vec4<f32>) -> mat4x4<f32> {
  return mat4x4<f32>(
    fma(vec4<f32>(column.x), row, quarter[0]),
    fma(vec4<f32>(column.y), row, quarter[1]),
    fma(vec4<f32>(column.z), row, quarter[2]),
    fma(vec4<f32>(column.w), row, quarter[3]),
  );
}

// quarter += the products of a tile of op(A) and one of op(B): four steps of k.
fn multiplyAdd(quarter: mat4x4<f32>, a: mat4x4<f32>, b: mat4x4<f32>) -> mat4x4<f32> {
  return accumulate(accumulate(accumulate(accumulate(quarter, a[0], b[0]), a[1], b[1]), a[2], b[2]), a[3], b[3]);
}

// Four quarters side by side: four rows of the block. Without WIDE only the
// first two are used.
struct Band {
  q0: mat4x4<f32>,
  q1: mat4x4<f32>,
  q2: mat4x4<f32>,
  q3: mat4x4<f32>,
}

// The block of C an invocation accumulates, top band first.
struct Block {
  band0: Band,
  band1: Band,
  band2: Band,
  band3: Band,
}

// Where the block's bands of op(A) rows (a) and strips of op(B) columns (b)
// start, and how far one step of k moves them.
struct Operands {
  a: array<vec4<u32>, 4>,
  b: array<vec4<u32>, 4>,
  aStep: u32,
  bStep: u32,
}

// One band's tiles of op(B), one per strip, for the same steps of k.
fn bandStep(band: Band, a: mat4x4<f32>, b: Band) -> Band {
  var result = band;
  result.q0 = multiplyAdd(band.q0, a, b.q0);
  result.q1 = multiplyAdd(band.q1, a, b.q1);
  if (WIDE) {
    result.q2 = multiplyAdd(band.q2, a, b.q2);
    result.q3 = multiplyAdd(band.q3, a, b.q3);
  }
  return result;
}

// Four steps of k (one when not `whole`): for each band a tile of op(A), for
// each strip one of op(B).
fn step(block: Block, at: Operands, k: u32, whole: bool) -> Block {
  var b = Band(tileB(at.b[0], at.bStep, k, whole), tileB(at.b[1], at.bStep, k, whole), mat4x4<f32>(), mat4x4<f32>());
  if (WIDE) {
    b.q2 = tileB(at.b[2], at.bStep, k, whole);
    b.q3 = tileB(at.b[3], at.bStep, k, whole);
  }
  var result = block;
  result.band0 = bandStep(block.band0, tileA(at.a[0], at.aStep, k, whole), b);
  result.band1 = bandStep(block.band1, tileA(at.a[1], at.aStep, k, whole), b);
  if (WIDE) {
    result.band2 = bandStep(block.band2, tileA(at.a[2], at.aStep, k, whole), b);
    result.band3 = bandStep(block.band3, tileA(at.a[3], at.aStep, k, whole), b);
  }
  return result;
}

// One row of four columns through the epilogue, skipping what lies past M or N.
fn storeRow(row: u32, col: u32, value: vec4<f32>) {
  let N = params.N;
  if (row >= params.M) {
    return;
  }
  var out = value;
  if (ADD_BIAS) {
    let cols = min(vec4<u32>(col) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(N - 1u));
    out += vec4<f32>(bias[cols.x], bias[cols.y], bias[cols.z], bias[cols.w]);
  }
  if (APPLY_RELU) {
    out = max(out, vec4<f32>(0.0));
  }
  let base = row * N + col;
  c[base] = out.x;
  if (col + 1u < N) { c[base + 1u] = out.y; }
  if (col + 2u < N) { c[base + 2u] = out.z; }
  if (col + 3u < N) { c[base + 3u] = out.w; }
}

fn storeQuarter(row: u32, col: u32, quarter: mat4x4<f32>) {
  if (col >= params.N) {
    return;
  }
  storeRow(row, col, quarter[0]);
  storeRow(row + 1u, col, quarter[1]);
  storeRow(row + 2u, col, quarter[2]);
  storeRow(row + 3u, col, quarter[3]);
}

fn storeBand(row: u32, col: u32, band: Band) {
  storeQuarter(row, col, band.q0);
  storeQuarter(row, col + 4u, band.q1);
  if (WIDE) {
    storeQuarter(row, col + 8u, band.q2);
    storeQuarter(row, col + 12u, band.q3);
  }
}

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let M = params.M;
  let N = params.N;
  let K = params.K;
  let block = select(8u, 16u, WIDE);
  let row0 = id.y * block;
  let col0 = id.x * block;
  if (row0 >= M || col0 >= N) {
    return;
  }

  // Rows and columns past the edge re-read the last valid one, so the loop
  // needs no bounds checks; their results are never stored.
  let steps = vec4<u32>(0u, 1u, 2u, 3u);
  let lastRow = vec4<u32>(M - 1u);
  let lastCol = vec4<u32>(N - 1u);
  var rows: array<vec4<u32>, 4>;
  var cols: array<vec4<u32>, 4>;
  rows[0] = min(vec4<u32>(row0) + steps, lastRow);
  rows[1] = min(vec4<u32>(row0 + 4u) + steps, lastRow);
  rows[2] = min(vec4<u32>(row0 + 8u) + steps, lastRow);
  rows[3] = min(vec4<u32>(row0 + 12u) + steps, lastRow);
  cols[0] = min(vec4<u32>(col0) + steps, lastCol);
  cols[1] = min(vec4<u32>(col0 + 4u) + steps, lastCol);
  cols[2] = min(vec4<u32>(col0 + 8u) + steps, lastCol);
  cols[3] = min(vec4<u32>(col0 + 12u) + steps, lastCol);
  var at = Operands();
  at.aStep = select(1u, M, TRANSPOSE_A);
  at.bStep = select(N, 1u, TRANSPOSE_B);
  at.a[0] = select(rows[0] * K, rows[0], TRANSPOSE_A);
  at.a[1] = select(rows[1] * K, rows[1], TRANSPOSE_A);
  at.a[2] = select(rows[2] * K, rows[2], TRANSPOSE_A);
  at.a[3] = select(rows[3] * K, rows[3], TRANSPOSE_A);
  at.b[0] = select(cols[0], cols[0] * K, TRANSPOSE_B);
  at.b[1] = select(cols[1], cols[1] * K, TRANSPOSE_B);
  at.b[2] = select(cols[2], cols[2] * K, TRANSPOSE_B);
  at.b[3] = select(cols[3], cols[3] * K, TRANSPOSE_B);

  // Four steps of k per trip, then the rest one at a time: SwiftShader stores
  // every loop-carried value (here the accumulators) to memory and reloads it
  // on each trip. Offsets are recomputed from k rather than carried for the
  // same reason.
  var result = Block();
  var k = 0u;
  for (; k + 4u <= K; k += 4u) {
    result = step(result, at, k, true);
  }
  for (; k < K; k++) {
    result = step(result, at, k, false);
  }

  storeBand(row0, col0, result.band0);
  storeBand(row0 + 4u, col0, result.band1);
  if (WIDE) {
    storeBand(row0 + 8u, col0, result.band2);
    storeBand(row0 + 12u, col0, result.band3);
  }
}
