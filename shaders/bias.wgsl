// Bias for a [rows, cols] activation: added along rows in the forward pass,
// and its gradient is the column sums of the incoming gradient.

struct Params {
  rows: u32,
  cols: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> input: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> output: array<f32>;

@compute @workgroup_size(64)
fn add(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let index = id.x + id.y * groups.x * 64u;
  if (index >= params.rows * params.cols) {
    return;
  }
  output[index] = input[index] + bias[index % params.cols];
}

@group(0) @binding(1) var<storage, read> gradOutput: array<f32>;
@group(0) @binding(2) var<storage, read_write> gradBias: array<f32>;

// One invocation per column: neighbouring invocations read neighbouring
// addresses on every row, so the loop streams memory in order.
@compute @workgroup_size(64)
fn column_sums(@builtin(global_invocation_id) id: vec3<u32>) {
  let col = id.x;
  if (col >= params.cols) {
    return;
  }
  var sum = 0.0;
  for (var row = 0u; row < params.rows; row++) {
    sum += gradOutput[row * params.cols + col];
  }
  gradBias[col] = sum;
}
