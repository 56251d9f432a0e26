// torch.nn.CrossEntropyLoss on logits [B, C] with integer class labels, mean
// over the batch, forward and backward in one pass:
//   loss_r = logsumexp(x_r) − x_r[label_r]          (max-shifted: no overflow)
//   ∂mean/∂x_r = (softmax(x_r) − onehot(label_r)) / B
// It also counts rows whose argmax equals the label, so accuracy needs no
// second pass. One workgroup covers the batch; a tree reduction in workgroup
// memory sums the per-row results.

struct Params {
  batch: u32,
  classes: u32,
  // Where to add [loss sum, correct count] in `stats`: an evaluation pass
  // accumulates every batch there and reads it back once.
  statsSlot: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read_write> loss: array<f32>;
@group(0) @binding(4) var<storage, read_write> gradLogits: array<f32>;
@group(0) @binding(5) var<storage, read_write> stats: array<f32>;

override COMPUTE_GRAD: bool = true;
const THREADS: u32 = 256u;

var<workgroup> lossSums: array<f32, THREADS>;
var<workgroup> correctCounts: array<f32, THREADS>;

@compute @workgroup_size(THREADS)
fn main(@builtin(local_invocation_index) tid: u32) {
  let B = params.batch;
  let C = params.classes;
  let invBatch = 1.0 / f32(B);
  var lossSum = 0.0;
  var correct = 0.0;
  for (var r = tid; r < B; r += THREADS) {
    let base = r * C;
    var maxValue = logits[base];
    var argmax = 0u;
    for (var j = 1u; j < C; j++) {
      let v = logits[base + j];
      if (v > maxValue) {
        maxValue = v;
        argmax = j;
      }
    }
    var sumExp = 0.0;
    for (var j = 0u; j < C; j++) {
      sumExp += exp(logits[base + j] - maxValue);
    }
    let label = labels[r];
    // A label outside [0, C) has no logit: its loss is −∞ away from the target
    // (the bit pattern of −inf, built at run time because WGSL forbids a
    // non-finite constant), so the divergence check reports it.
    var targetLogit = bitcast<f32>(0xff800000u + label * 0u);
    if (label < C) {
      targetLogit = logits[base + label];
    }
    let logSumExp = maxValue + log(sumExp);
    lossSum += logSumExp - targetLogit;
    if (argmax == label) {
      correct += 1.0;
    }
    if (COMPUTE_GRAD) {
      for (var j = 0u; j < C; j++) {
        let p = exp(logits[base + j] - logSumExp);
        gradLogits[base + j] = (p - select(0.0, 1.0, j == label)) * invBatch;
      }
    }
  }
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
    loss[0] = lossSums[0] * invBatch;
    stats[params.statsSlot * 2u] += lossSums[0];
    stats[params.statsSlot * 2u + 1u] += correctCounts[0];
  }
}
