// Float64 CPU references for every kernel, written as plain loops straight
// from PyTorch's definitions and sharing no code with the engine. Inputs are
// the f32 values the GPU sees, widened to float64, so that the only difference
// between a kernel and its reference is the kernel's own f32 rounding.

export type Vec = ArrayLike<number>;

// ---- matrices --------------------------------------------------------------

export interface MatmulRefOptions {
  /** A is stored [K, M]. */
  transposeA?: boolean;
  /** B is stored [N, K]. */
  transposeB?: boolean;
  bias?: Vec | null;
  relu?: boolean;
}

/**
 * C[M,N] = op(A)·op(B) (+ bias, ReLU) in float64, with, for each element, the
 * sum of the absolute values of its terms (|a·b| over k, plus |bias|): the
 * scale that bounds f32 accumulation error.
 */
export function matmulRef(a: Vec, b: Vec, M: number, N: number, K: number, options: MatmulRefOptions = {}) {
  const out = new Float64Array(M * N);
  const absSum = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let sum = 0;
      let abs = 0;
      for (let k = 0; k < K; k++) {
        const av = options.transposeA ? a[k * M + i]! : a[i * K + k]!;
        const bv = options.transposeB ? b[j * K + k]! : b[k * N + j]!;
        sum += av * bv;
        abs += Math.abs(av * bv);
      }
      if (options.bias) {
        sum += options.bias[j]!;
        abs += Math.abs(options.bias[j]!);
      }
      out[i * N + j] = options.relu ? Math.max(sum, 0) : sum;
      absSum[i * N + j] = abs;
    }
  }
  return { out, absSum };
}

/** Sums of each column of a [rows, cols] matrix, with the sums of absolute values. */
export function columnSumsRef(x: Vec, rows: number, cols: number) {
  const sums = new Float64Array(cols);
  const absSums = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      sums[c] += x[r * cols + c]!;
      absSums[c] += Math.abs(x[r * cols + c]!);
    }
  }
  return { sums, absSums };
}

// ---- activations -----------------------------------------------------------

export function reluRef(x: Vec): Float64Array {
  return Float64Array.from(x, (v) => Math.max(v, 0));
}

/** PyTorch's threshold_backward: the gradient passes where the output is > 0 (so 0 at x = 0). */
export function reluBackwardRef(y: Vec, dy: Vec): Float64Array {
  return Float64Array.from(dy, (g, i) => (y[i]! > 0 ? g : 0));
}

/** σ(x) without overflow for either sign of x. */
export function sigmoid64(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function sigmoidRef(x: Vec): Float64Array {
  return Float64Array.from(x, sigmoid64);
}

/** PyTorch's sigmoid_backward, which takes the forward output y: dy·y·(1 − y). */
export function sigmoidBackwardRef(y: Vec, dy: Vec): Float64Array {
  return Float64Array.from(dy, (g, i) => g * y[i]! * (1 - y[i]!));
}

// ---- losses ----------------------------------------------------------------

export interface LossRef {
  /** The mean loss. */
  loss: number;
  /** Its gradient with respect to the input. */
  grad: Float64Array;
  /** What the kernel adds into `stats`: the loss summed (not averaged) and the count of correct predictions. */
  lossSum: number;
  correct: number;
}

/** torch.nn.CrossEntropyLoss (mean) on logits [B, C] and class labels; correct = argmax (first maximum) equals the label. */
export function crossEntropyRef(logits: Vec, labels: Vec, B: number, C: number): LossRef {
  const grad = new Float64Array(B * C);
  let lossSum = 0;
  let correct = 0;
  for (let r = 0; r < B; r++) {
    let max = -Infinity;
    let argmax = 0;
    for (let j = 0; j < C; j++) {
      if (logits[r * C + j]! > max) {
        max = logits[r * C + j]!;
        argmax = j;
      }
    }
    let sumExp = 0;
    for (let j = 0; j < C; j++) sumExp += Math.exp(logits[r * C + j]! - max);
    const logSumExp = max + Math.log(sumExp);
    const label = labels[r]!;
    lossSum += logSumExp - logits[r * C + label]!;
    if (argmax === label) correct++;
    for (let j = 0; j < C; j++) {
      grad[r * C + j] = (Math.exp(logits[r * C + j]! - logSumExp) - (j === label ? 1 : 0)) / B;
    }
  }
  return { loss: lossSum / B, grad, lossSum, correct };
}

/**
 * torch.nn.BCELoss (mean): each log clamped at −100, and the gradient of
 * binary_cross_entropy_backward, (p − y) / max(p(1 − p), 1e-12) / n. A
 * prediction is correct when p > 0.5 matches y > 0.5.
 */
export function bceRef(p: Vec, y: Vec): LossRef {
  const n = p.length;
  const grad = new Float64Array(n);
  let lossSum = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const logP = Math.max(Math.log(p[i]!), -100);
    const logOneMinusP = Math.max(Math.log(1 - p[i]!), -100);
    lossSum -= y[i]! * logP + (1 - y[i]!) * logOneMinusP;
    if (p[i]! > 0.5 === y[i]! > 0.5) correct++;
    grad[i] = (p[i]! - y[i]!) / Math.max(p[i]! * (1 - p[i]!), 1e-12) / n;
  }
  return { loss: lossSum / n, grad, lossSum, correct };
}

/** torch.nn.MSELoss (mean); it counts nothing as correct. */
export function mseRef(x: Vec, y: Vec): LossRef {
  const n = x.length;
  const grad = new Float64Array(n);
  let lossSum = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - y[i]!;
    lossSum += d * d;
    grad[i] = (2 * d) / n;
  }
  return { loss: lossSum / n, grad, lossSum, correct: 0 };
}

// ---- whole networks --------------------------------------------------------

export type RefLayer =
  | { type: 'linear'; in: number; out: number; bias?: boolean }
  | { type: 'relu' }
  | { type: 'sigmoid' }
  | { type: 'dropout'; p: number }
  | { type: 'flatten' };

export type RefLoss = 'cross-entropy' | 'bce' | 'mse';

/**
 * The loss of a torch.nn.Sequential in evaluation mode, in float64, from
 * weights named as in its state_dict ("0.weight", "0.bias", ...). Also returns
 * the smallest |pre-activation| seen by a ReLU, so a finite-difference check
 * can make sure its step does not cross a kink.
 */
export function sequentialLossRef(
  layers: readonly RefLayer[],
  weights: ReadonlyMap<string, Vec>,
  x: Vec,
  batch: number,
  loss: RefLoss,
  target: Vec,
): { loss: number; closestToKink: number } {
  let h: Float64Array = Float64Array.from(x);
  let width = x.length / batch;
  let closestToKink = Infinity;
  layers.forEach((spec, index) => {
    switch (spec.type) {
      case 'linear': {
        const w = weights.get(`${index}.weight`)!;
        const b = spec.bias === false ? null : weights.get(`${index}.bias`)!;
        h = matmulRef(h, w, batch, spec.out, spec.in, { transposeB: true, bias: b }).out;
        width = spec.out;
        break;
      }
      case 'relu':
        for (const v of h) closestToKink = Math.min(closestToKink, Math.abs(v));
        h = reluRef(h);
        break;
      case 'sigmoid':
        h = sigmoidRef(h);
        break;
      case 'dropout':
      case 'flatten':
        break;
    }
  });
  const value =
    loss === 'cross-entropy' ? crossEntropyRef(h, target, batch, width).loss : loss === 'bce' ? bceRef(h, target).loss : mseRef(h, target).loss;
  return { loss: value, closestToKink };
}

/**
 * Central finite differences of `f` at `x` (perturbed in place and restored),
 * in float64: error O(h²·f''') + O(ε·|f|/h), about 1e-10 for h = 1e-5 on these
 * smooth, O(1) losses.
 */
export function finiteDifferences(x: Float64Array, f: () => number, h = 1e-5): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const saved = x[i]!;
    x[i] = saved + h;
    const plus = f();
    x[i] = saved - h;
    const minus = f();
    x[i] = saved;
    grad[i] = (plus - minus) / (2 * h);
  }
  return grad;
}

// ---- optimizers (torch.optim, single-tensor code path) ---------------------

export interface SgdRefOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

/** torch.optim.SGD: one step on `p` in place. */
export class SgdRef {
  private buf: Float64Array | null = null;
  constructor(private readonly o: SgdRefOptions) {}

  step(p: Float64Array, grad: Vec): void {
    const { lr, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = this.o;
    const g = Float64Array.from(grad, (v, i) => v + weightDecay * p[i]!);
    if (momentum !== 0) {
      if (this.buf === null) this.buf = Float64Array.from(g);
      else for (let i = 0; i < g.length; i++) this.buf[i] = momentum * this.buf[i]! + (1 - dampening) * g[i]!;
      for (let i = 0; i < g.length; i++) g[i] = nesterov ? g[i]! + momentum * this.buf[i]! : this.buf[i]!;
    }
    for (let i = 0; i < p.length; i++) p[i] = p[i]! - lr * g[i]!;
  }
}

export interface AdamRefOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
}

/** torch.optim.Adam (amsgrad off), with its bias corrections. */
export class AdamRef {
  private step_ = 0;
  private m: Float64Array | null = null;
  private v: Float64Array | null = null;
  constructor(private readonly o: AdamRefOptions) {}

  step(p: Float64Array, grad: Vec): void {
    const { lr, betas: [beta1, beta2], eps, weightDecay } = this.o;
    this.step_++;
    this.m ??= new Float64Array(p.length);
    this.v ??= new Float64Array(p.length);
    const biasCorrection1 = 1 - beta1 ** this.step_;
    const biasCorrection2 = 1 - beta2 ** this.step_;
    for (let i = 0; i < p.length; i++) {
      const g = grad[i]! + weightDecay * p[i]!;
      this.m[i] = beta1 * this.m[i]! + (1 - beta1) * g;
      this.v[i] = beta2 * this.v[i]! + (1 - beta2) * g * g;
      const denom = Math.sqrt(this.v[i]!) / Math.sqrt(biasCorrection2) + eps;
      p[i] = p[i]! - (lr / biasCorrection1) * (this.m[i]! / denom);
    }
  }
}

export interface RmspropRefOptions {
  lr: number;
  alpha: number;
  eps: number;
  momentum: number;
  weightDecay: number;
}

/** torch.optim.RMSprop (centered off). */
export class RmspropRef {
  private squareAvg: Float64Array | null = null;
  private buf: Float64Array | null = null;
  constructor(private readonly o: RmspropRefOptions) {}

  step(p: Float64Array, grad: Vec): void {
    const { lr, alpha, eps, momentum, weightDecay } = this.o;
    this.squareAvg ??= new Float64Array(p.length);
    this.buf ??= new Float64Array(p.length);
    for (let i = 0; i < p.length; i++) {
      const g = grad[i]! + weightDecay * p[i]!;
      this.squareAvg[i] = alpha * this.squareAvg[i]! + (1 - alpha) * g * g;
      const avg = Math.sqrt(this.squareAvg[i]!) + eps;
      if (momentum > 0) {
        this.buf[i] = momentum * this.buf[i]! + g / avg;
        p[i] = p[i]! - lr * this.buf[i]!;
      } else {
        p[i] = p[i]! - (lr * g) / avg;
      }
    }
  }
}

// ---- convolution and pooling (NCHW, row-major) -----------------------------

export interface Conv2dRefShape {
  N: number;
  C: number;
  H: number;
  W: number;
  O: number;
  KH: number;
  KW: number;
  stride: [number, number];
  padding: [number, number];
}

/** torch.nn.Conv2d's output size: floor((H + 2·p − K)/s) + 1 along each side. */
export function conv2dOutputRef(s: Conv2dRefShape): [number, number] {
  return [
    Math.floor((s.H + 2 * s.padding[0] - s.KH) / s.stride[0]) + 1,
    Math.floor((s.W + 2 * s.padding[1] - s.KW) / s.stride[1]) + 1,
  ];
}

/**
 * torch.nn.functional.conv2d (cross-correlation with zero padding) in
 * float64, optionally with ReLU, and for each output the sum of the absolute
 * values of its terms (|w·x| over the taps inside the image, plus |bias|).
 */
export function conv2dRef(x: Vec, w: Vec, bias: Vec | null, s: Conv2dRefShape, relu = false) {
  const [OH, OW] = conv2dOutputRef(s);
  const out = new Float64Array(s.N * s.O * OH * OW);
  const absSum = new Float64Array(out.length);
  for (let n = 0; n < s.N; n++) {
    for (let o = 0; o < s.O; o++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          let sum = bias ? bias[o]! : 0;
          let abs = bias ? Math.abs(bias[o]!) : 0;
          for (let c = 0; c < s.C; c++) {
            for (let kh = 0; kh < s.KH; kh++) {
              const ih = oh * s.stride[0] - s.padding[0] + kh;
              if (ih < 0 || ih >= s.H) continue;
              for (let kw = 0; kw < s.KW; kw++) {
                const iw = ow * s.stride[1] - s.padding[1] + kw;
                if (iw < 0 || iw >= s.W) continue;
                const term = w[((o * s.C + c) * s.KH + kh) * s.KW + kw]! * x[((n * s.C + c) * s.H + ih) * s.W + iw]!;
                sum += term;
                abs += Math.abs(term);
              }
            }
          }
          const i = ((n * s.O + o) * OH + oh) * OW + ow;
          out[i] = relu ? Math.max(sum, 0) : sum;
          absSum[i] = abs;
        }
      }
    }
  }
  return { out, absSum };
}

/**
 * The three gradients of conv2d for an incoming gradient dy [N, O, OH, OW],
 * each with the sums of the absolute values of its terms: dx by scattering
 * every output's gradient back over its receptive field (the definition, not
 * the kernel's gather), dw and db by summing over every output pixel.
 */
export function conv2dBackwardRef(x: Vec, w: Vec, dy: Vec, s: Conv2dRefShape) {
  const [OH, OW] = conv2dOutputRef(s);
  const dx = new Float64Array(s.N * s.C * s.H * s.W);
  const dxAbs = new Float64Array(dx.length);
  const dw = new Float64Array(s.O * s.C * s.KH * s.KW);
  const dwAbs = new Float64Array(dw.length);
  const db = new Float64Array(s.O);
  const dbAbs = new Float64Array(s.O);
  for (let n = 0; n < s.N; n++) {
    for (let o = 0; o < s.O; o++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          const g = dy[((n * s.O + o) * OH + oh) * OW + ow]!;
          db[o] += g;
          dbAbs[o] += Math.abs(g);
          for (let c = 0; c < s.C; c++) {
            for (let kh = 0; kh < s.KH; kh++) {
              const ih = oh * s.stride[0] - s.padding[0] + kh;
              if (ih < 0 || ih >= s.H) continue;
              for (let kw = 0; kw < s.KW; kw++) {
                const iw = ow * s.stride[1] - s.padding[1] + kw;
                if (iw < 0 || iw >= s.W) continue;
                const xi = ((n * s.C + c) * s.H + ih) * s.W + iw;
                const wi = ((o * s.C + c) * s.KH + kh) * s.KW + kw;
                dx[xi] += g * w[wi]!;
                dxAbs[xi] += Math.abs(g * w[wi]!);
                dw[wi] += g * x[xi]!;
                dwAbs[wi] += Math.abs(g * x[xi]!);
              }
            }
          }
        }
      }
    }
  }
  return { dx, dxAbs, dw, dwAbs, db, dbAbs };
}

export interface MaxPool2dRefShape {
  N: number;
  C: number;
  H: number;
  W: number;
  kernel: [number, number];
  stride: [number, number];
}

/**
 * torch.nn.functional.max_pool2d with return_indices: each window's maximum
 * and its index in the plane (ih·W + iw), the first in row-major order on ties.
 */
export function maxPool2dRef(x: Vec, s: MaxPool2dRefShape) {
  const OH = Math.floor((s.H - s.kernel[0]) / s.stride[0]) + 1;
  const OW = Math.floor((s.W - s.kernel[1]) / s.stride[1]) + 1;
  const out = new Float64Array(s.N * s.C * OH * OW);
  const indices = new Uint32Array(out.length);
  for (let plane = 0; plane < s.N * s.C; plane++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        let best = -Infinity;
        let index = -1;
        for (let kh = 0; kh < s.kernel[0]; kh++) {
          for (let kw = 0; kw < s.kernel[1]; kw++) {
            const at = (oh * s.stride[0] + kh) * s.W + ow * s.stride[1] + kw;
            const v = x[plane * s.H * s.W + at]!;
            if (v > best) {
              best = v;
              index = at;
            }
          }
        }
        const i = (plane * OH + oh) * OW + ow;
        out[i] = best;
        indices[i] = index;
      }
    }
  }
  return { out, indices, OH, OW };
}

/** max_pool2d's backward: each output's gradient added to the input its index names. */
export function maxPool2dBackwardRef(dy: Vec, indices: ArrayLike<number>, s: MaxPool2dRefShape, OH: number, OW: number): Float64Array {
  const dx = new Float64Array(s.N * s.C * s.H * s.W);
  for (let plane = 0; plane < s.N * s.C; plane++) {
    for (let p = 0; p < OH * OW; p++) {
      dx[plane * s.H * s.W + indices[plane * OH * OW + p]!] += dy[plane * OH * OW + p]!;
    }
  }
  return dx;
}

// ---- tensor statistics (the Gradient flow and Weight histograms views) ----

/** Σ x² in float64. */
export function sumOfSquaresRef(x: Vec): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]! * x[i]!;
  return sum;
}

/**
 * TensorBoard-style histogram of the finite values of `x`, `bins` equal bins
 * from min to max (the maximum in the last; a constant tensor all in bin 0),
 * in float64. `slack[b]` counts the values so close to one of bin b's edges
 * (within 1e-6 of a bin width) that the GPU's f32 arithmetic may put them in
 * the neighbouring bin: a kernel's count may differ from ours by that much.
 */
export function histogramRef(x: Vec, bins: number) {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const counts = new Array<number>(bins).fill(0);
  const slack = new Array<number>(bins).fill(0);
  const width = max - min;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) continue;
    if (!(width > 0)) {
      counts[0]!++;
      continue;
    }
    const t = ((v - min) / width) * bins;
    const bin = Math.min(Math.floor(t), bins - 1);
    counts[bin]!++;
    const edge = Math.round(t);
    if (edge > 0 && edge < bins && Math.abs(t - edge) < 1e-6) {
      slack[edge - 1]!++;
      slack[edge]!++;
    }
  }
  return { min, max, counts, slack };
}
