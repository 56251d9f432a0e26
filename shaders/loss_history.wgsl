// Appends each training step's loss to a ring buffer on the GPU and raises a
// flag the first time a loss is not finite, so that the optimizers stop
// updating and the CPU, reading the ring every few steps, learns what happened
// without a readback per step.
//
// `state` holds [steps recorded, non-finite flag, step of the first non-finite loss].
// Finiteness is tested on the bit pattern: WGSL lets compilers assume floats are
// finite, so `x != x` could be folded away.

struct Params {
  capacity: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> loss: array<f32>;
@group(0) @binding(2) var<storage, read_write> state: array<u32>;
@group(0) @binding(3) var<storage, read_write> history: array<f32>;

fn is_finite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u;
}

@compute @workgroup_size(1)
fn main() {
  let step = state[0];
  let value = loss[0];
  history[step % params.capacity] = value;
  state[0] = step + 1u;
  if (!is_finite(value) && state[1] == 0u) {
    state[1] = 1u;
    state[2] = step + 1u;
  }
}
