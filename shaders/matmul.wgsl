// C[M,N] = op(A) · op(B), with an optional bias-add and ReLU fused into the
// epilogue. op() is identity or transpose, chosen per pipeline by overrides, so
// the three products of a linear layer (X·Wᵀ forward, dY·W and dYᵀ·X backward)
// read their operands in place instead of materialising transposes.
//
// Each invocation owns a TILE_M × 4 block of C held in registers and streams
// A and B straight from storage. No workgroup memory and no barriers: on
// SwiftShader a barrier turns every subgroup into a coroutine switch, and on
// real GPUs the L1 cache catches the reuse that shared tiles would provide.

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

const TILE_M: u32 = 4u;
const TILE_N: u32 = 4u;

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let M = params.M;
  let N = params.N;
  let K = params.K;
  let row0 = id.y * TILE_M;
  let col0 = id.x * TILE_N;
  if (row0 >= M || col0 >= N) {
    return;
  }

  // Where row i of op(A) and column j of op(B) start, and how far one step of k
  // moves them. Rows and columns past the edge re-read the last valid one, so
  // the inner loop needs no bounds checks; their results are never stored.
  var aStart: array<u32, TILE_M>;
  var bStart: array<u32, TILE_N>;
  for (var i = 0u; i < TILE_M; i++) {
    let row = min(row0 + i, M - 1u);
    aStart[i] = select(row * K, row, TRANSPOSE_A);
  }
  for (var j = 0u; j < TILE_N; j++) {
    let col = min(col0 + j, N - 1u);
    bStart[j] = select(col, col * K, TRANSPOSE_B);
  }
  let aStep = select(1u, M, TRANSPOSE_A);
  let bStep = select(N, 1u, TRANSPOSE_B);

  var acc: array<vec4<f32>, TILE_M>;
  var aOffset = 0u;
  var bOffset = 0u;
  for (var k = 0u; k < K; k++) {
    let bRow = vec4<f32>(
      b[bStart[0] + bOffset],
      b[bStart[1] + bOffset],
      b[bStart[2] + bOffset],
      b[bStart[3] + bOffset],
    );
    for (var i = 0u; i < TILE_M; i++) {
      acc[i] = fma(vec4<f32>(a[aStart[i] + aOffset]), bRow, acc[i]);
    }
    aOffset += aStep;
    bOffset += bStep;
  }

  var biasRow = vec4<f32>(0.0);
  if (ADD_BIAS) {
    for (var j = 0u; j < TILE_N; j++) {
      biasRow[j] = bias[min(col0 + j, N - 1u)];
    }
  }
  for (var i = 0u; i < TILE_M; i++) {
    let row = row0 + i;
    if (row >= M) {
      break;
    }
    var value = acc[i] + biasRow;
    if (APPLY_RELU) {
      value = max(value, vec4<f32>(0.0));
    }
    for (var j = 0u; j < TILE_N; j++) {
      if (col0 + j < N) {
        c[row * N + col0 + j] = value[j];
      }
    }
  }
}
