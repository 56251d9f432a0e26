// torch.optim.RMSprop (centered off), over all parameters in one dispatch,
// four elements per invocation:
//   g = grad + weight_decay · p
//   v = α · v + (1 − α) · g²;  avg = √v + ε
//   momentum > 0: buf = momentum · buf + g / avg;  p = p − lr · buf
//   otherwise:    p = p − lr · g / avg
// As in sgd.wgsl: nothing moves once `status` is set, and KEEP_BACKUP copies
// each weight aside before updating it.

struct Params {
  // In vec4s: the flat buffers hold a multiple of 64 floats.
  count: u32,
  lr: f32,
  alpha: f32,
  // 1 − α, computed in float64 on the CPU as PyTorch does.
  oneMinusAlpha: f32,
  eps: f32,
  weightDecay: f32,
  momentum: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> status: array<u32>;
@group(0) @binding(2) var<storage, read> grad: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> param: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> backup: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> squareAvg: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read_write> momentumBuffer: array<vec4<f32>>;

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
  let v = params.alpha * squareAvg[i] + params.oneMinusAlpha * g * g;
  squareAvg[i] = v;
  let avg = sqrt(v) + params.eps;
  if (params.momentum > 0.0) {
    let buf = params.momentum * momentumBuffer[i] + g / avg;
    momentumBuffer[i] = buf;
    param[i] = p - params.lr * buf;
  } else {
    param[i] = p - params.lr * g / avg;
  }
}
