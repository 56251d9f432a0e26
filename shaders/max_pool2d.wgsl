// torch.nn.MaxPool2d (no padding, dilation 1, floor rule for the output
// size) on [N, C, H, W], forward and backward.
//
// Ties: PyTorch keeps the first maximum of a window in row-major order (it
// replaces the running maximum only when a value is strictly greater), and
// its backward sends the whole gradient to that one element. The forward
// stores that element's index in its plane (ih·W + iw, as PyTorch's
// return_indices does) for the backward to compare with. A NaN is not
// propagated as PyTorch propagates it: WGSL lets implementations assume there
// are none.
//
// One invocation per output element (forward, and the backward of windows
// that do not overlap) or per input element (the backward of overlapping
// windows): x runs over a plane and y over the N·C planes, continuing along z
// past 65,535 of them.

struct Params {
  height: u32,
  width: u32,
  outHeight: u32,
  outWidth: u32,
  // N·C
  planes: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> argmax: array<u32>;

override KERNEL_H: u32 = 2u;
override KERNEL_W: u32 = 2u;
override STRIDE_H: u32 = 2u;
override STRIDE_W: u32 = 2u;
// Whether to store the argmax (only when a backward will need it).
override SAVE_ARGMAX: bool = true;

fn planeOf(group: vec3<u32>, groups: vec3<u32>) -> u32 {
  return group.y + group.z * groups.y;
}

@compute @workgroup_size(64)
fn forward(@builtin(global_invocation_id) id: vec3<u32>, @builtin(workgroup_id) group: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let plane = planeOf(group, groups);
  let p = id.x;
  if (plane >= params.planes || p >= params.outHeight * params.outWidth) {
    return;
  }
  let oh = p / params.outWidth;
  let ow = p - oh * params.outWidth;
  let top = oh * STRIDE_H;
  let left = ow * STRIDE_W;
  let base = plane * params.height * params.width;
  var best = top * params.width + left;
  var maxValue = x[base + best];
  for (var kh = 0u; kh < KERNEL_H; kh++) {
    for (var kw = 0u; kw < KERNEL_W; kw++) {
      let at = (top + kh) * params.width + left + kw;
      let v = x[base + at];
      // Strictly greater: the first maximum in row-major order wins ties.
      if (v > maxValue) {
        maxValue = v;
        best = at;
      }
    }
  }
  let out = plane * params.outHeight * params.outWidth + p;
  y[out] = maxValue;
  if (SAVE_ARGMAX) {
    argmax[out] = best;
  }
}

@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read> argmaxIn: array<u32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;

// How many windows can contain one input element along each side.
override WINDOWS_H: u32 = (KERNEL_H + STRIDE_H - 1u) / STRIDE_H;
override WINDOWS_W: u32 = (KERNEL_W + STRIDE_W - 1u) / STRIDE_W;

// With overlapping windows each input element gathers the gradients of the
// windows that chose it (up to WINDOWS_H · WINDOWS_W of them), adding them in
// the windows' row-major order, as PyTorch's backward adds them; nothing is
// scattered, so no atomics are needed. The loops have fixed counts so that
// they unroll; windows that do not exist or do not reach (ih, iw) are skipped.
@compute @workgroup_size(64)
fn backward(@builtin(global_invocation_id) id: vec3<u32>, @builtin(workgroup_id) group: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let plane = planeOf(group, groups);
  let q = id.x;
  if (plane >= params.planes || q >= params.height * params.width) {
    return;
  }
  let ih = q / params.width;
  let iw = q - ih * params.width;
  // The last windows that start at or before (ih, iw).
  let ohLast = ih / STRIDE_H;
  let owLast = iw / STRIDE_W;
  let base = plane * params.outHeight * params.outWidth;
  var sum = 0.0;
  for (var i = WINDOWS_H; i > 0u; i--) {
    // Before the first window, oh wraps to a huge u32 and fails the first test.
    let oh = ohLast - (i - 1u);
    if (oh >= params.outHeight || oh * STRIDE_H + KERNEL_H <= ih) {
      continue;
    }
    for (var j = WINDOWS_W; j > 0u; j--) {
      let ow = owLast - (j - 1u);
      if (ow >= params.outWidth || ow * STRIDE_W + KERNEL_W <= iw) {
        continue;
      }
      let at = base + oh * params.outWidth + ow;
      if (argmaxIn[at] == q) {
        sum += dy[at];
      }
    }
  }
  dx[plane * params.height * params.width + q] = sum;
}

// Without overlap (stride ≥ kernel along both sides) each input element lies
// in at most one window, so one invocation per window writes the cell of
// STRIDE_H × STRIDE_W elements where its window starts (the last row and
// column of windows also take the elements up to the image's edge that no
// window reaches): the window's gradient at its argmax, zero elsewhere. Each
// window's argmax and gradient are read once instead of once per element.
@compute @workgroup_size(64)
fn backward_windows(@builtin(global_invocation_id) id: vec3<u32>, @builtin(workgroup_id) group: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let plane = planeOf(group, groups);
  let p = id.x;
  if (plane >= params.planes || p >= params.outHeight * params.outWidth) {
    return;
  }
  let oh = p / params.outWidth;
  let ow = p - oh * params.outWidth;
  let at = plane * params.outHeight * params.outWidth + p;
  let best = argmaxIn[at];
  let gradient = dy[at];
  let rowEnd = select(min((oh + 1u) * STRIDE_H, params.height), params.height, oh + 1u == params.outHeight);
  let colEnd = select(min((ow + 1u) * STRIDE_W, params.width), params.width, ow + 1u == params.outWidth);
  let base = plane * params.height * params.width;
  for (var ih = oh * STRIDE_H; ih < rowEnd; ih++) {
    for (var iw = ow * STRIDE_W; iw < colEnd; iw++) {
      let q = ih * params.width + iw;
      dx[base + q] = select(0.0, gradient, q == best);
    }
  }
}
