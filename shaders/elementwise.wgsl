// Small elementwise helpers the autograd needs: accumulating a gradient that
// arrives from a second path, and scaling by a scalar that lives on the GPU.

struct Params {
  count: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> source: array<f32>;
@group(0) @binding(2) var<storage, read_write> destination: array<f32>;

fn flat_index(id: vec3<u32>, groups: vec3<u32>) -> u32 {
  return id.x + id.y * groups.x * 64u;
}

// destination += source
@compute @workgroup_size(64)
fn add_into(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = flat_index(id, groups);
  if (i < params.count) {
    destination[i] += source[i];
  }
}

// destination *= source[0]
@compute @workgroup_size(64)
fn scale_by_scalar(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = flat_index(id, groups);
  if (i < params.count) {
    destination[i] *= source[0];
  }
}
