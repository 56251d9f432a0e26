// Histograms of parameter tensors (their weights, or their gradients) for the
// "Weight histograms" view, as TensorBoard draws them: BINS equal bins from
// each tensor's minimum to its maximum.
//   `range_partial`: one workgroup per chunk of one tensor (the chunk table
//     says which; chunks run along x and continue along y past 65,535): the
//     chunk's minimum and maximum, as a tree in workgroup memory.
//   `range_total`: one workgroup per tensor: min and max over its chunks.
//   `bin`: one workgroup per chunk again: counts in workgroup memory, then
//     one atomic add per bin into the tensor's row of `counts` (cleared by
//     the caller), instead of one global atomic per element.
// Bin of x: floor((x − min) / (max − min) · BINS), the maximum in the last
// bin; a constant tensor has everything in bin 0. Values that are not finite
// (tested on the bit pattern: WGSL lets compilers assume floats are finite)
// are left out of both the range and the counts.

struct Params {
  chunkCount: u32,
  tensorCount: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
// Per chunk: tensor, first element, end element (in `data`), unused.
@group(0) @binding(1) var<storage, read> chunks: array<vec4<u32>>;
// Per tensor: its first chunk, its number of chunks.
@group(0) @binding(2) var<storage, read> tensors: array<vec2<u32>>;
@group(0) @binding(3) var<storage, read> data: array<f32>;
// Per chunk: (min, max).
@group(0) @binding(4) var<storage, read_write> partials: array<vec2<f32>>;
// Per tensor: (min, max).
@group(0) @binding(5) var<storage, read_write> ranges: array<vec2<f32>>;
// tensorCount rows of BINS counts.
@group(0) @binding(6) var<storage, read_write> counts: array<atomic<u32>>;

const WORKGROUP: u32 = 256u;
const BINS: u32 = 32u;
// Bounds that any finite value narrows: a chunk without one keeps them, and
// they lose to every real value in the tensor's total.
const HUGE: f32 = 3.4028234e38;

var<workgroup> lows: array<f32, WORKGROUP>;
var<workgroup> highs: array<f32, WORKGROUP>;
var<workgroup> local: array<atomic<u32>, BINS>;

fn is_finite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u;
}

/** Min of `lows` into lows[0] and max of `highs` into highs[0]; every invocation calls it. */
fn reduce(lid: u32) {
  workgroupBarrier();
  for (var stride = WORKGROUP / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      lows[lid] = min(lows[lid], lows[lid + stride]);
      highs[lid] = max(highs[lid], highs[lid + stride]);
    }
    workgroupBarrier();
  }
}

@compute @workgroup_size(WORKGROUP)
fn range_partial(
  @builtin(workgroup_id) group: vec3<u32>,
  @builtin(num_workgroups) groups: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
) {
  let c = group.x + group.y * groups.x;
  var low = HUGE;
  var high = -HUGE;
  if (c < params.chunkCount) {
    let chunk = chunks[c];
    for (var i = chunk.y + lid; i < chunk.z; i += WORKGROUP) {
      let x = data[i];
      if (is_finite(x)) {
        low = min(low, x);
        high = max(high, x);
      }
    }
  }
  lows[lid] = low;
  highs[lid] = high;
  reduce(lid);
  if (lid == 0u && c < params.chunkCount) {
    partials[c] = vec2<f32>(lows[0], highs[0]);
  }
}

@compute @workgroup_size(WORKGROUP)
fn range_total(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let t = group.x;
  let info = tensors[t];
  var low = HUGE;
  var high = -HUGE;
  for (var i = lid; i < info.y; i += WORKGROUP) {
    let p = partials[info.x + i];
    low = min(low, p.x);
    high = max(high, p.y);
  }
  lows[lid] = low;
  highs[lid] = high;
  reduce(lid);
  if (lid == 0u) {
    ranges[t] = vec2<f32>(lows[0], highs[0]);
  }
}

@compute @workgroup_size(WORKGROUP)
fn bin(
  @builtin(workgroup_id) group: vec3<u32>,
  @builtin(num_workgroups) groups: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
) {
  let c = group.x + group.y * groups.x;
  if (lid < BINS) {
    atomicStore(&local[lid], 0u);
  }
  workgroupBarrier();
  var t = 0u;
  if (c < params.chunkCount) {
    let chunk = chunks[c];
    t = chunk.x;
    let range = ranges[t];
    let width = range.y - range.x;
    for (var i = chunk.y + lid; i < chunk.z; i += WORKGROUP) {
      let x = data[i];
      if (is_finite(x)) {
        var b = 0u;
        if (width > 0.0) {
          b = min(u32(floor((x - range.x) / width * f32(BINS))), BINS - 1u);
        }
        atomicAdd(&local[b], 1u);
      }
    }
  }
  workgroupBarrier();
  if (lid < BINS && c < params.chunkCount) {
    let n = atomicLoad(&local[lid]);
    if (n > 0u) {
      atomicAdd(&counts[t * BINS + lid], n);
    }
  }
}
