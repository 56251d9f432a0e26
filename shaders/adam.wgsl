// torch.optim.Adam (amsgrad off), over all parameters of a model in one
// dispatch, four elements per invocation. The bias corrections, and 1 − β1
// and 1 − β2, are computed on the CPU in float64 and passed in, as PyTorch
// computes them in Python floats (1 − f32(0.999) on the GPU would be off by
// 1e-5 relative):
//   g = grad + weight_decay · p
//   m = lerp(m, g, 1 − β1);  v = β2 · v + (1 − β2) · g²
//   p = p − stepSize · m / (√v / √(1 − β2^t) + ε),  stepSize = lr / (1 − β1^t)
// As in sgd.wgsl: nothing moves once `status` is set, and KEEP_BACKUP copies
// each weight aside before updating it.

struct Params {
  // In vec4s: the flat buffers hold a multiple of 64 floats.
  count: u32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  eps: f32,
  weightDecay: f32,
  stepSize: f32,
  biasCorrection2Sqrt: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> status: array<u32>;
@group(0) @binding(2) var<storage, read> grad: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> param: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> backup: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> expAvg: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read_write> expAvgSq: array<vec4<f32>>;

override KEEP_BACKUP: bool = false;

// PyTorch's lerp switches formula at weight 0.5 to stay exact at both ends.
fn lerp(start: vec4<f32>, end: vec4<f32>, weight: f32) -> vec4<f32> {
  if (weight < 0.5) {
    return start + weight * (end - start);
  }
  return end - (end - start) * (1.0 - weight);
}

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
  let m = lerp(expAvg[i], g, params.oneMinusBeta1);
  let v = params.beta2 * expAvgSq[i] + params.oneMinusBeta2 * g * g;
  expAvg[i] = m;
  expAvgSq[i] = v;
  let denom = sqrt(v) / params.biasCorrection2Sqrt + params.eps;
  param[i] = p - params.stepSize * (m / denom);
}
