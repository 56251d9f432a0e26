// Builds a batch on the GPU from a dataset that lives there: rows picked by an
// index list (the epoch's shuffled order), pixels stored as bytes (four to a
// u32 word: 60,000 MNIST images as f32 would not fit one binding) and scaled
// to [0, 1], or features stored as f32. Optionally flips images horizontally
// at random, as torchvision's RandomHorizontalFlip(p = 0.5).
//
// Where the batch starts in `order` is read from `cursor`, which `advance`
// moves on by one batch on the GPU. So a whole evaluation pass, batch after
// batch, records into one submit with no per-batch uniforms, and a training
// step needs nothing written from the CPU.

struct Params {
  batch: u32,
  features: u32,
  // Image width for flips; 0 disables flipping.
  flipWidth: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
// [start of the batch in `order`, flip seed for this epoch]
@group(0) @binding(1) var<storage, read_write> cursor: array<u32>;
@group(0) @binding(2) var<storage, read> order: array<u32>;
@group(0) @binding(3) var<storage, read> data: array<u32>;
@group(0) @binding(4) var<storage, read> labelsIn: array<u32>;
@group(0) @binding(5) var<storage, read_write> x: array<f32>;
@group(0) @binding(6) var<storage, read_write> labelsOut: array<u32>;

// Inputs as bytes (true) or as f32 bit patterns (false).
override BYTE_INPUTS: bool = true;
// Labels as bytes (class indices) or as f32 bit patterns (BCE targets), copied as they are.
override BYTE_LABELS: bool = true;
// Four features per invocation: byte inputs whose rows (and flip width) hold a
// multiple of four, so every group of four neighbours is one u32 word, read
// once instead of four times (a row of MNIST is 196 words).
override WORDS: bool = false;

fn hash(value: u32) -> u32 {
  let state = value * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

fn byte_of(word: u32, index: u32) -> u32 {
  return (word >> ((index & 3u) * 8u)) & 0xffu;
}

// One invocation per element (or per word, with WORDS): workgroup x spans a
// row's features, y (and z past 65,535 rows) the batch rows, so no index needs
// dividing by the row width (integer division is slow where it is emulated,
// as on SwiftShader).
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let F = params.features;
  let row = group.y + group.z * 65535u;
  let column = (group.x * 64u + lane) * select(1u, 4u, WORDS);
  if (row >= params.batch || column >= F) {
    return;
  }
  let i = row * F + column;
  let sample = order[cursor[0] + row];
  if (column == 0u) {
    if (BYTE_LABELS) {
      labelsOut[row] = byte_of(labelsIn[sample >> 2u], sample);
    } else {
      labelsOut[row] = labelsIn[sample];
    }
  }
  let flip = params.flipWidth > 0u && (hash(sample ^ hash(cursor[1])) & 1u) == 1u;
  if (WORDS) {
    // Flipped, the four columns from x0 come from the word holding columns
    // W - 4 - x0 to W - 1 - x0 of the same image row, read backwards.
    var sourceColumn = column;
    if (flip) {
      let x0 = column % params.flipWidth;
      sourceColumn = column - x0 + (params.flipWidth - 4u - x0);
    }
    let word = data[(sample * F + sourceColumn) >> 2u];
    var pixels = vec4<f32>(vec4<u32>(word, word >> 8u, word >> 16u, word >> 24u) & vec4<u32>(0xffu)) / 255.0;
    if (flip) {
      pixels = pixels.wzyx;
    }
    x[i] = pixels.x;
    x[i + 1u] = pixels.y;
    x[i + 2u] = pixels.z;
    x[i + 3u] = pixels.w;
    return;
  }
  var sourceColumn = column;
  if (flip) {
    let x0 = column % params.flipWidth;
    sourceColumn = column - x0 + (params.flipWidth - 1u - x0);
  }
  let source = sample * F + sourceColumn;
  if (BYTE_INPUTS) {
    x[i] = f32(byte_of(data[source >> 2u], source)) / 255.0;
  } else {
    x[i] = bitcast<f32>(data[source]);
  }
}

// Moves the cursor to the next batch, after `main` has read it.
@compute @workgroup_size(1)
fn advance() {
  cursor[0] += params.batch;
}
