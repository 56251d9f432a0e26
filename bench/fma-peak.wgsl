// The adapter's arithmetic peak: every invocation runs a long loop of fused
// multiply-adds on values held in registers, and touches memory once at the
// end. Eight independent vec4 chains keep a pipelined FMA unit (or a CPU's
// SIMD lanes, on SwiftShader) busy without waiting on the previous result.
// The result is stored so the compiler cannot delete the loop, and the
// multiplier comes from a uniform so it cannot fold it.

struct Params {
  iterations: u32,
  multiplier: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> sink: array<vec4<f32>>;

override WORKGROUP_SIZE: u32 = 64u;

// FLOPs per invocation: iterations × 8 chains × 4 lanes × 2 (a multiply and an add).
@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let index = id.x + id.y * groups.x * WORKGROUP_SIZE;
  let m = vec4<f32>(params.multiplier);
  let seed = f32(index) * 1e-7;
  var c0 = vec4<f32>(seed, 0.1, 0.2, 0.3);
  var c1 = c0 + 1.0;
  var c2 = c0 + 2.0;
  var c3 = c0 + 3.0;
  var c4 = c0 + 4.0;
  var c5 = c0 + 5.0;
  var c6 = c0 + 6.0;
  var c7 = c0 + 7.0;
  for (var i = 0u; i < params.iterations; i++) {
    c0 = fma(c0, m, m);
    c1 = fma(c1, m, m);
    c2 = fma(c2, m, m);
    c3 = fma(c3, m, m);
    c4 = fma(c4, m, m);
    c5 = fma(c5, m, m);
    c6 = fma(c6, m, m);
    c7 = fma(c7, m, m);
  }
  sink[index] = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7));
}
