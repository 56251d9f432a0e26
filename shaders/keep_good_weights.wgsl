// Copies the parameters aside while every loss so far has been finite. Run
// after a step's loss is recorded and before its update, it leaves in
// `backup` the last weights that gave a finite loss; after a divergence the
// trainer copies them back.

struct Params {
  count: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> status: array<u32>;
@group(0) @binding(2) var<storage, read> param: array<f32>;
@group(0) @binding(3) var<storage, read_write> backup: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.x + id.y * groups.x * 64u;
  if (i < params.count && status[0] == 0u) {
    backup[i] = param[i];
  }
}
