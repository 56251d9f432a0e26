// C[M,N] = op(A) · op(B), with an optional bias-add and ReLU fused into the
// epilogue. op() is identity or transpose, chosen per pipeline by overrides, so
// the three products of a linear layer (X·Wᵀ forward, dY·W and dYᵀ·X backward)
// read their operands in place instead of materialising transposes.
//
// Each invocation owns an 8 × 8 block of C, held as four 4 × 4 quarters in
// mat4x4 registers (column j of a quarter is row j of the block), and streams
// A and B straight from storage: per step of k it loads 8 values of op(A) and
// 8 of op(B) and does 64 multiply-adds with them, four steps of k at a time
// as vec4 loads where the operand's stored rows allow. On SwiftShader every load
// whose address differs between invocations is four scalar loads with a
// bounds check each, which costs far more than the arithmetic, so the reuse
// of a value across 8 rows or columns is what sets the speed (an 8 × 8 block
// runs about twice as fast as a 4 × 4 one there). On GPUs 64 accumulators per
// invocation is the usual register tile.
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

// Rows and columns of C per invocation.
const BLOCK: u32 = 8u;

fn loadA(at: vec4<u32>) -> vec4<f32> {
  return vec4<f32>(a[at.x], a[at.y], a[at.z], a[at.w]);
}

fn loadB(at: vec4<u32>) -> vec4<f32> {
  return vec4<f32>(b[at.x], b[at.y], b[at.z], b[at.w]);
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

// The 8 × 8 block of C an invocation accumulates, as four 4 × 4 quarters.
struct Block {
  topLeft: mat4x4<f32>,
  topRight: mat4x4<f32>,
  bottomLeft: mat4x4<f32>,
  bottomRight: mat4x4<f32>,
}

// Where the block's four top and four bottom rows of op(A), and its four left
// and four right columns of op(B), start, and how far one step of k moves them.
struct Operands {
  aTop: vec4<u32>,
  aBottom: vec4<u32>,
  bLeft: vec4<u32>,
  bRight: vec4<u32>,
  aStep: u32,
  bStep: u32,
}

// One step of k: 8 values of op(A) and 8 of op(B) loaded, 64 multiply-adds.
fn multiplyAdd(block: Block, at: Operands, k: u32) -> Block {
  let aOffset = vec4<u32>(k * at.aStep);
  let bOffset = vec4<u32>(k * at.bStep);
  let top = loadA(at.aTop + aOffset);
  let bottom = loadA(at.aBottom + aOffset);
  let left = loadB(at.bLeft + bOffset);
  let right = loadB(at.bRight + bOffset);
  return Block(
    accumulate(block.topLeft, top, left),
    accumulate(block.topRight, top, right),
    accumulate(block.bottomLeft, bottom, left),
    accumulate(block.bottomRight, bottom, right),
  );
}

// Four steps of k at once. Column j of a returned tile holds the values for
// step k + j: for A its four rows of op(A), for B its four columns of op(B).
// Where the vec4 runs along k (A stored [M, K], B stored [N, K]) the four
// loads give the tile's rows, and a transpose turns them into columns.
fn tileA(first: vec4<u32>, step: u32, k: u32) -> mat4x4<f32> {
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

fn tileB(first: vec4<u32>, step: u32, k: u32) -> mat4x4<f32> {
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

// Four steps of k: 32 values of op(A) and 32 of op(B), 256 multiply-adds.
fn multiplyAdd4(block: Block, at: Operands, k: u32) -> Block {
  let top = tileA(at.aTop, at.aStep, k);
  let bottom = tileA(at.aBottom, at.aStep, k);
  let left = tileB(at.bLeft, at.bStep, k);
  let right = tileB(at.bRight, at.bStep, k);
  var result = block;
  result.topLeft = accumulate(accumulate(accumulate(accumulate(result.topLeft, top[0], left[0]), top[1], left[1]), top[2], left[2]), top[3], left[3]);
  result.topRight = accumulate(accumulate(accumulate(accumulate(result.topRight, top[0], right[0]), top[1], right[1]), top[2], right[2]), top[3], right[3]);
  result.bottomLeft = accumulate(accumulate(accumulate(accumulate(result.bottomLeft, bottom[0], left[0]), bottom[1], left[1]), bottom[2], left[2]), bottom[3], left[3]);
  result.bottomRight = accumulate(accumulate(accumulate(accumulate(result.bottomRight, bottom[0], right[0]), bottom[1], right[1]), bottom[2], right[2]), bottom[3], right[3]);
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

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let M = params.M;
  let N = params.N;
  let K = params.K;
  let row0 = id.y * BLOCK;
  let col0 = id.x * BLOCK;
  if (row0 >= M || col0 >= N) {
    return;
  }

  // Rows and columns past the edge re-read the last valid one, so the loop
  // needs no bounds checks; their results are never stored.
  let steps = vec4<u32>(0u, 1u, 2u, 3u);
  let rowsTop = min(vec4<u32>(row0) + steps, vec4<u32>(M - 1u));
  let rowsBottom = min(rowsTop + 4u, vec4<u32>(M - 1u));
  let colsLeft = min(vec4<u32>(col0) + steps, vec4<u32>(N - 1u));
  let colsRight = min(colsLeft + 4u, vec4<u32>(N - 1u));
  let at = Operands(
    select(rowsTop * K, rowsTop, TRANSPOSE_A),
    select(rowsBottom * K, rowsBottom, TRANSPOSE_A),
    select(colsLeft, colsLeft * K, TRANSPOSE_B),
    select(colsRight, colsRight * K, TRANSPOSE_B),
    select(1u, M, TRANSPOSE_A),
    select(N, 1u, TRANSPOSE_B),
  );

  // Four steps of k per trip, then the rest one at a time: SwiftShader stores
  // every loop-carried value (here the 64 accumulators) to memory and reloads
  // it on each trip. Offsets are recomputed from k rather than carried for the
  // same reason.
  var block = Block();
  var k = 0u;
  for (; k + 4u <= K; k += 4u) {
    block = multiplyAdd4(block, at, k);
  }
  for (; k < K; k++) {
    block = multiplyAdd(block, at, k);
  }

  storeQuarter(row0, col0, block.topLeft);
  storeQuarter(row0, col0 + 4u, block.topRight);
  storeQuarter(row0 + 4u, col0, block.bottomLeft);
  storeQuarter(row0 + 4u, col0 + 4u, block.bottomRight);
}
