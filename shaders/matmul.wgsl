// C[M,N] = op(A) · op(B), with an optional bias-add and ReLU fused into the
// epilogue. op() is identity or transpose, chosen per pipeline by overrides, so
// the three products of a linear layer (X·Wᵀ forward, dY·W and dYᵀ·X backward)
// read their operands in place instead of materialising transposes.
//
// Each invocation owns a 4 × 4 block of C held in four vec4 registers and
// streams A and B straight from storage. No workgroup memory and no barriers:
// on SwiftShader a barrier turns every subgroup into a coroutine switch, and on
// real GPUs the L1 cache catches the reuse that shared tiles would provide.
// The rows and columns are spelled out as separate variables rather than
// private arrays: SwiftShader spills dynamically indexed private arrays to
// memory, which made the kernel several times slower.

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

// A is stored [K, M] instead of [M, K].
override TRANSPOSE_A: bool = false;
// B is stored [N, K] instead of [K, N].
override TRANSPOSE_B: bool = false;
override ADD_BIAS: bool = false;
override APPLY_RELU: bool = false;
override WORKGROUP_X: u32 = 8u;
override WORKGROUP_Y: u32 = 8u;

// Stores one row of the block, with the epilogue, skipping columns past N.
fn store_row(row: u32, col0: u32, value: vec4<f32>, biasRow: vec4<f32>) {
  if (row >= params.M) {
    return;
  }
  var v = value + biasRow;
  if (APPLY_RELU) {
    v = max(v, vec4<f32>(0.0));
  }
  let N = params.N;
  let base = row * N + col0;
  if (col0 + 3u < N) {
    c[base] = v.x;
    c[base + 1u] = v.y;
    c[base + 2u] = v.z;
    c[base + 3u] = v.w;
  } else {
    c[base] = v.x;
    if (col0 + 1u < N) { c[base + 1u] = v.y; }
    if (col0 + 2u < N) { c[base + 2u] = v.z; }
  }
}

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let M = params.M;
  let N = params.N;
  let K = params.K;
  let row0 = id.y * 4u;
  let col0 = id.x * 4u;
  if (row0 >= M || col0 >= N) {
    return;
  }
  // Rows and columns past the edge re-read the last valid one, so the inner
  // loop needs no bounds checks; their results are never stored.
  let r0 = row0;
  let r1 = min(row0 + 1u, M - 1u);
  let r2 = min(row0 + 2u, M - 1u);
  let r3 = min(row0 + 3u, M - 1u);
  let c0 = col0;
  let c1 = min(col0 + 1u, N - 1u);
  let c2 = min(col0 + 2u, N - 1u);
  let c3 = min(col0 + 3u, N - 1u);
  var a0 = select(r0 * K, r0, TRANSPOSE_A);
  var a1 = select(r1 * K, r1, TRANSPOSE_A);
  var a2 = select(r2 * K, r2, TRANSPOSE_A);
  var a3 = select(r3 * K, r3, TRANSPOSE_A);
  var b0 = select(c0, c0 * K, TRANSPOSE_B);
  var b1 = select(c1, c1 * K, TRANSPOSE_B);
  var b2 = select(c2, c2 * K, TRANSPOSE_B);
  var b3 = select(c3, c3 * K, TRANSPOSE_B);
  let aStep = select(1u, M, TRANSPOSE_A);
  let bStep = select(N, 1u, TRANSPOSE_B);

  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (var k = 0u; k < K; k++) {
    let bRow = vec4<f32>(b[b0], b[b1], b[b2], b[b3]);
    acc0 = fma(vec4<f32>(a[a0]), bRow, acc0);
    acc1 = fma(vec4<f32>(a[a1]), bRow, acc1);
    acc2 = fma(vec4<f32>(a[a2]), bRow, acc2);
    acc3 = fma(vec4<f32>(a[a3]), bRow, acc3);
    a0 += aStep; a1 += aStep; a2 += aStep; a3 += aStep;
    b0 += bStep; b1 += bStep; b2 += bStep; b3 += bStep;
  }
  var biasRow = vec4<f32>(0.0);
  if (ADD_BIAS) {
    biasRow = vec4<f32>(bias[c0], bias[c1], bias[c2], bias[c3]);
  }
  store_row(row0, col0, acc0, biasRow);
  store_row(row0 + 1u, col0, acc1, biasRow);
  store_row(row0 + 2u, col0, acc2, biasRow);
  store_row(row0 + 3u, col0, acc3, biasRow);
}
