// Appends each training step's loss to a ring buffer on the GPU and raises a
// flag the first time training diverges, so that the optimizers stop updating
// at once and the CPU, reading the ring every few steps, learns what happened
// without a readback per step.
//
// Diverged means: the loss is not finite, or it has grown past `explodeFactor`
// times the first loss recorded (a learning rate far too large sends the loss
// up by orders of magnitude long before it overflows; cross-entropy stays
// finite for any finite logits).
//
// `state` holds [flag (0 fine, 1 not finite, 2 exploded), step of the first
// bad loss, steps recorded, first loss]. The flag comes first so that
// optimizers can bind it at offset 0. Finiteness is tested on the bit pattern:
// WGSL lets compilers assume floats are finite, so `x != x` could be folded.

struct Params {
  capacity: u32,
  explodeFactor: f32,
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
  if (step == 0u) {
    state[3] = bitcast<u32>(value);
  }
  if (state[0] != 0u) {
    return;
  }
  if (!is_finite(value)) {
    state[0] = 1u;
    state[1] = step + 1u;
  } else if (params.explodeFactor > 0.0 && abs(value) > params.explodeFactor * abs(bitcast<f32>(state[3]))) {
    state[0] = 2u;
    state[1] = step + 1u;
  }
}
