// torch.optim.Adam (amsgrad off), over all parameters of a model in one
// dispatch. The bias corrections, and 1 − β1 and 1 − β2, are computed on the
// CPU in float64 and passed in, as PyTorch computes them in Python floats
// (1 − f32(0.999) on the GPU would be off by 1e-5 relative):
//   g = grad + weight_decay · p
//   m = lerp(m, g, 1 − β1);  v = β2 · v + (1 − β2) · g²
//   p = p − stepSize · m / (√v / √(1 − β2^t) + ε),  stepSize = lr / (1 − β1^t)

struct Params {
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
@group(0) @binding(2) var<storage, read> grad: array<f32>;
@group(0) @binding(3) var<storage, read_write> param: array<f32>;
@group(0) @binding(4) var<storage, read_write> expAvg: array<f32>;
@group(0) @binding(5) var<storage, read_write> expAvgSq: array<f32>;

// PyTorch's lerp switches formula at weight 0.5 to stay exact at both ends.
fn lerp(start: f32, end: f32, weight: f32) -> f32 {
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
  var g = grad[i];
  if (params.weightDecay != 0.0) {
    g += params.weightDecay * param[i];
  }
  let m = lerp(expAvg[i], g, params.oneMinusBeta1);
  let v = params.beta2 * expAvgSq[i] + params.oneMinusBeta2 * g * g;
  expAvg[i] = m;
  expAvgSq[i] = v;
  let denom = sqrt(v) / params.biasCorrection2Sqrt + params.eps;
  param[i] -= params.stepSize * (m / denom);
}
