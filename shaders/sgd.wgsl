// torch.optim.SGD over all parameters of a model at once (they live in one
// flat buffer), four elements per invocation:
//   g = grad + weight_decay · p
//   buf = g on the first step, else momentum · buf + (1 − dampening) · g
//   g = nesterov ? g + momentum · buf : buf        (when momentum ≠ 0)
//   p = p − lr · g
// Nothing moves once `status` reports a non-finite loss, so the weights stay
// the last good ones; until then KEEP_BACKUP copies each weight aside before
// updating it, which keeps the last weights that gave a finite loss without
// a pass of its own.

struct Params {
  // In vec4s: the flat buffers hold a multiple of 64 floats.
  count: u32,
  lr: f32,
  momentum: f32,
  dampening: f32,
  weightDecay: f32,
  nesterov: u32,
  firstStep: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> status: array<u32>;
@group(0) @binding(2) var<storage, read> grad: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> param: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> backup: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> momentumBuffer: array<vec4<f32>>;

override KEEP_BACKUP: bool = false;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.x + id.y * groups.x * 64u;
  if (i >= params.count || status[0] != 0u) {
    return;
  }
  let p = param[i];
  if (KEEP_BACKUP) {
    backup[i] = p;
  }
  var g = grad[i];
  if (params.weightDecay != 0.0) {
    g += params.weightDecay * p;
  }
  if (params.momentum != 0.0) {
    var buf = g;
    if (params.firstStep == 0u) {
      buf = params.momentum * momentumBuffer[i] + (1.0 - params.dampening) * g;
    }
    momentumBuffer[i] = buf;
    g = select(buf, g + params.momentum * buf, params.nesterov != 0u);
  }
  param[i] = p - params.lr * g;
}
