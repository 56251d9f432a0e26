// Losses on probabilities and regression targets, mean over all elements,
// with their gradients written in the same pass (upstream gradient 1):
//   bce: torch.nn.BCELoss: −(y·log p + (1−y)·log(1−p)), each log clamped at
//        −100 as PyTorch does; gradient (p − y) / max(p(1 − p), 1e-12) / n,
//        PyTorch's binary_cross_entropy_backward.
//   mse: torch.nn.MSELoss: (x − y)², gradient 2(x − y) / n.
// [loss sum, correct count] are added into `stats` (a BCE prediction is correct when
// p > 0.5 matches y > 0.5).

struct Params {
  count: u32,
  statsSlot: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> prediction: array<f32>;
@group(0) @binding(2) var<storage, read> targets: array<f32>;
@group(0) @binding(3) var<storage, read_write> loss: array<f32>;
@group(0) @binding(4) var<storage, read_write> gradPrediction: array<f32>;
@group(0) @binding(5) var<storage, read_write> stats: array<f32>;

override COMPUTE_GRAD: bool = true;
const THREADS: u32 = 256u;

var<workgroup> lossSums: array<f32, THREADS>;
var<workgroup> correctCounts: array<f32, THREADS>;

fn reduce_and_store(tid: u32, lossSum: f32, correct: f32) {
  lossSums[tid] = lossSum;
  correctCounts[tid] = correct;
  workgroupBarrier();
  for (var stride = THREADS / 2u; stride > 0u; stride /= 2u) {
    if (tid < stride) {
      lossSums[tid] += lossSums[tid + stride];
      correctCounts[tid] += correctCounts[tid + stride];
    }
    workgroupBarrier();
  }
  if (tid == 0u) {
    loss[0] = lossSums[0] / f32(params.count);
    stats[params.statsSlot * 2u] += lossSums[0];
    stats[params.statsSlot * 2u + 1u] += correctCounts[0];
  }
}

// PyTorch clamps each log at −100. log(0) is undefined in WGSL (SwiftShader
// returns a finite value, not −inf), so zero is handled before taking it.
fn clamped_log(x: f32) -> f32 {
  if (x <= 0.0) {
    return -100.0;
  }
  return max(log(x), -100.0);
}

@compute @workgroup_size(THREADS)
fn bce(@builtin(local_invocation_index) tid: u32) {
  let n = params.count;
  var lossSum = 0.0;
  var correct = 0.0;
  for (var i = tid; i < n; i += THREADS) {
    let p = prediction[i];
    let y = targets[i];
    let logP = clamped_log(p);
    let logOneMinusP = clamped_log(1.0 - p);
    lossSum -= y * logP + (1.0 - y) * logOneMinusP;
    if ((p > 0.5) == (y > 0.5)) {
      correct += 1.0;
    }
    if (COMPUTE_GRAD) {
      gradPrediction[i] = (p - y) / max((1.0 - p) * p, 1e-12) / f32(n);
    }
  }
  reduce_and_store(tid, lossSum, correct);
}

@compute @workgroup_size(THREADS)
fn mse(@builtin(local_invocation_index) tid: u32) {
  let n = params.count;
  var lossSum = 0.0;
  for (var i = tid; i < n; i += THREADS) {
    let d = prediction[i] - targets[i];
    lossSum += d * d;
    if (COMPUTE_GRAD) {
      gradPrediction[i] = 2.0 * d / f32(n);
    }
  }
  reduce_and_store(tid, lossSum, 0.0);
}
