// Per parameter tensor, three sums of squares for the "Gradient flow" view:
// of its gradient, of its last update (param − backup: the optimizer copies
// each weight to `backup` before changing it, see sgd.wgsl) and of its
// weights before that update. ‖g‖, ‖Δw‖ and ‖w‖ are their square roots.
//
// Two passes, so that no float atomics are needed and the sums come out the
// same, in the same order, every time:
//   `partial`: one workgroup per chunk of at most CHUNK consecutive elements
//     of one tensor (the chunk table says which), reduced as a tree in
//     workgroup memory. Chunks run along x and continue along y past 65,535.
//   `total`: one workgroup per tensor sums its chunks' partials and writes
//     them as this sample's row of the history ring (`state[0]` counts the
//     samples taken).
//   `advance`: one invocation moves the count on; a dispatch of its own, so
//     that every workgroup of `total` wrote into the same row.
// f32 squares stay normal down to |x| ≈ 1e-19, far below any gradient the
// view plots; the tree keeps the rounding error near log2(n)·u relative.

struct Params {
  chunkCount: u32,
  tensorCount: u32,
  // Rows of the history ring.
  capacity: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
// Per chunk: tensor, first element, end element (in the flat buffers), unused.
@group(0) @binding(1) var<storage, read> chunks: array<vec4<u32>>;
// Per tensor: its first chunk, its number of chunks.
@group(0) @binding(2) var<storage, read> tensors: array<vec2<u32>>;
@group(0) @binding(3) var<storage, read> grad: array<f32>;
@group(0) @binding(4) var<storage, read> param: array<f32>;
@group(0) @binding(5) var<storage, read> backup: array<f32>;
// Per chunk: (Σ g², Σ Δw², Σ w², 0).
@group(0) @binding(6) var<storage, read_write> partials: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read_write> state: array<u32>;
// capacity rows of tensorCount sums each.
@group(0) @binding(8) var<storage, read_write> history: array<vec4<f32>>;

const WORKGROUP: u32 = 256u;

var<workgroup> sums: array<vec4<f32>, WORKGROUP>;

/** Sums `sums` into sums[0]; every invocation of the workgroup calls it. */
fn reduce(lid: u32) {
  workgroupBarrier();
  for (var stride = WORKGROUP / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      sums[lid] += sums[lid + stride];
    }
    workgroupBarrier();
  }
}

@compute @workgroup_size(WORKGROUP)
fn partial(
  @builtin(workgroup_id) group: vec3<u32>,
  @builtin(num_workgroups) groups: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
) {
  let c = group.x + group.y * groups.x;
  var acc = vec4<f32>(0.0);
  if (c < params.chunkCount) {
    let chunk = chunks[c];
    for (var i = chunk.y + lid; i < chunk.z; i += WORKGROUP) {
      let g = grad[i];
      let w = backup[i];
      let d = param[i] - w;
      acc += vec4<f32>(g * g, d * d, w * w, 0.0);
    }
  }
  sums[lid] = acc;
  reduce(lid);
  if (lid == 0u && c < params.chunkCount) {
    partials[c] = sums[0];
  }
}

@compute @workgroup_size(WORKGROUP)
fn total(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let t = group.x;
  let info = tensors[t];
  var acc = vec4<f32>(0.0);
  for (var i = lid; i < info.y; i += WORKGROUP) {
    acc += partials[info.x + i];
  }
  sums[lid] = acc;
  reduce(lid);
  if (lid == 0u) {
    let row = state[0] % params.capacity;
    history[row * params.tensorCount + t] = sums[0];
  }
}

@compute @workgroup_size(1)
fn advance() {
  state[0] = state[0] + 1u;
}
