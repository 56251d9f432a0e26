// Elementwise activations and their gradients. The backward passes use the
// forward's output, which is all they need: ReLU's mask is output > 0 (PyTorch
// also gives 0 gradient at exactly 0), and σ'(x) = σ(x)(1 − σ(x)).

struct Params {
  count: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> input: array<f32>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;

fn flat_index(id: vec3<u32>, groups: vec3<u32>) -> u32 {
  return id.x + id.y * groups.x * 64u;
}

@compute @workgroup_size(64)
fn relu(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = flat_index(id, groups);
  if (i < params.count) {
    output[i] = max(input[i], 0.0);
  }
}

@compute @workgroup_size(64)
fn sigmoid(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = flat_index(id, groups);
  if (i < params.count) {
    // Both branches keep exp()'s argument non-positive, so neither overflows.
    let x = input[i];
    let e = exp(-abs(x));
    output[i] = select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);
  }
}
