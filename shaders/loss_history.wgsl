// Appends each training step's loss to a ring buffer on the GPU and raises a
// flag the first time a loss is not finite, so that the optimizers stop
// updating at once and the CPU, reading the ring every few steps, learns what
// happened without a readback per step.
//
// `state` holds [non-finite flag, step of the first non-finite loss, steps
// recorded]. The flag comes first so that optimizers can bind it at offset 0.
// Finiteness is tested on the bit pattern: WGSL lets compilers assume floats
// are finite, so `x != x` could be folded away.

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
  let step = state[2];
  let value = loss[0];
  history[step % params.capacity] = value;
  state[2] = step + 1u;
  if (!is_finite(value) && state[0] == 0u) {
    state[0] = 1u;
    state[1] = step + 1u;
  }
}
