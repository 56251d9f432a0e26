// The adapter's arithmetic peak: every invocation runs a loop of fused
// multiply-adds on values held in registers and touches memory once, at the
// end. The multiplier comes from a uniform, so the compiler cannot fold the
// loop, and the result is stored, so it cannot delete it.
//
// Four independent vec4 chains, as the columns of a mat4x4, advance together
// one FMA per round, so consecutive FMAs never wait on each other. Each trip
// of the loop runs 32 rounds: SwiftShader stores every loop-carried value to
// memory and reloads it on each trip, so a loop of one FMA per chain measures
// that traffic (about a fifth of this figure there), not the FMA units.
//
// FLOPs per invocation: iterations × 32 rounds × 4 chains × 4 lanes × 2.

struct Params {
  iterations: u32,
  multiplier: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> sink: array<vec4<f32>>;

override WORKGROUP_SIZE: u32 = 64u;

fn round(chains: mat4x4<f32>, m: vec4<f32>) -> mat4x4<f32> {
  return mat4x4<f32>(fma(chains[0], m, m), fma(chains[1], m, m), fma(chains[2], m, m), fma(chains[3], m, m));
}

fn eightRounds(chains: mat4x4<f32>, m: vec4<f32>) -> mat4x4<f32> {
  return round(round(round(round(round(round(round(round(chains, m), m), m), m), m), m), m), m);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let index = id.x + id.y * groups.x * WORKGROUP_SIZE;
  let m = vec4<f32>(params.multiplier);
  let start = vec4<f32>(f32(index) * 1e-7, 0.1, 0.2, 0.3);
  var chains = mat4x4<f32>(start, start + 1.0, start + 2.0, start + 3.0);
  for (var i = 0u; i < params.iterations; i++) {
    chains = eightRounds(eightRounds(eightRounds(eightRounds(chains, m), m), m), m);
  }
  sink[index] = (chains[0] + chains[1]) + (chains[2] + chains[3]);
}
