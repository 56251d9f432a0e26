// Inverted dropout: each element is kept with probability 1 − p and scaled by
// 1 / (1 − p), so evaluation is the identity. The mask is a hash of (seed,
// index), recomputed in the backward pass instead of stored.

struct Params {
  count: u32,
  probability: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
// In a storage buffer, not the uniform block, so that it can change every step
// without a new uniform buffer: the layer rewrites it before each submit.
@group(0) @binding(1) var<storage, read> seed: array<u32>;
@group(0) @binding(2) var<storage, read> input: array<f32>;
@group(0) @binding(3) var<storage, read_write> output: array<f32>;

// PCG-style integer hash (O'Neill's permuted congruential output step).
fn hash(value: u32) -> u32 {
  let state = value * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

fn keep(index: u32) -> bool {
  let bits = hash(index ^ hash(seed[0]));
  // The top 24 bits give a uniform float in [0, 1).
  let u = f32(bits >> 8u) * (1.0 / 16777216.0);
  return u >= params.probability;
}

// Used for both directions: the forward pass masks x, the backward pass masks dy.
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.x + id.y * groups.x * 64u;
  if (i < params.count) {
    output[i] = select(0.0, input[i] / (1.0 - params.probability), keep(i));
  }
}
