// Learning-rate schedules as torch.optim.lr_scheduler has them: StepLR and
// CosineAnnealingLR, stepped once per epoch (the tutorials call
// scheduler.step() after each epoch's training loop). Everything about a
// schedule lives here: its spec, its check, the rate it gives an epoch, its
// PyTorch name and constructor, and how the CLI writes it. A new kind is one
// entry in `kinds`.
//
// PyTorch 1.13 updates the rate recursively (StepLR multiplies the previous
// rate by gamma; CosineAnnealingLR scales the previous rate by a ratio of
// cosines). We use the closed forms, which are the same numbers in exact
// arithmetic and let any epoch's rate be computed on its own (a resumed run
// needs no history); in float64 the two agree to about 1e-15 relative
// (test/train/lr-schedule.test.ts, against PyTorch's own values).

export interface StepSchedule {
  type: 'step';
  /** Epochs between decays (PyTorch's step_size). */
  stepSize: number;
  /** Factor of each decay (PyTorch's gamma); 0.1 when absent, as in torch. */
  gamma?: number;
}

export interface CosineSchedule {
  type: 'cosine';
  /** Epochs from the full rate down to etaMin (PyTorch's T_max). */
  tMax: number;
  /** The lowest rate (PyTorch's eta_min); 0 when absent, as in torch. */
  etaMin?: number;
}

/** A run's schedule; a run without one keeps its learning rate. */
export type LrScheduleSpec = StepSchedule | CosineSchedule;
export type LrScheduleType = LrScheduleSpec['type'];

/** What a spec leaves out, as torch.optim.lr_scheduler's defaults. */
export const scheduleDefaults = { step: { gamma: 0.1 }, cosine: { etaMin: 0 } } as const;

/** A spec's first problem: the field (as TrainConfig names it) and what to do. */
export interface ScheduleProblem {
  field: string;
  message: string;
}

interface ScheduleKind<S extends LrScheduleSpec> {
  /** torch.optim.lr_scheduler's class. */
  pytorchName: string;
  /** The rate of 0-based epoch `epoch` for a run whose optimizer starts at `lr`. */
  lrAt(spec: S, lr: number, epoch: number): number;
  /** Every problem of the spec, one per field at most. */
  check(spec: S, lr: number): ScheduleProblem[];
  /** The constructor's keyword arguments, every one written out. */
  pytorchArguments(spec: S): string;
  /** The spec from the numbers after "<type>:" in --lr-schedule's text, or null when there are too many or too few. */
  fromText(numbers: number[], epochs: number): S | null;
  /** --lr-schedule's text after the type, for the usage line. */
  usage: string;
}

const wholeAtLeast1 = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 1;
const pyFloat = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : String(value));

const step: ScheduleKind<StepSchedule> = {
  pytorchName: 'StepLR',
  // PyTorch: lr · gamma^(epoch // step_size).
  lrAt: (spec, lr, epoch) => lr * (spec.gamma ?? scheduleDefaults.step.gamma) ** Math.floor(epoch / spec.stepSize),
  check(spec) {
    const problems: ScheduleProblem[] = [];
    if (!wholeAtLeast1(spec.stepSize)) {
      problems.push({ field: 'lrSchedule.stepSize', message: `StepLR's step size must be a whole number of epochs, at least 1, got ${String(spec.stepSize)}` });
    }
    const gamma = spec.gamma ?? scheduleDefaults.step.gamma;
    if (typeof gamma !== 'number' || !(Number.isFinite(gamma) && gamma > 0 && gamma <= 1)) {
      problems.push({ field: 'lrSchedule.gamma', message: `StepLR's gamma (the factor of each decay) must be in (0, 1], such as 0.1 or 0.5, got ${String(gamma)}` });
    }
    return problems;
  },
  pytorchArguments: (spec) => `step_size=${spec.stepSize}, gamma=${pyFloat(spec.gamma ?? scheduleDefaults.step.gamma)}`,
  fromText([stepSize, gamma, ...more]) {
    if (stepSize === undefined || more.length > 0) return null;
    return gamma === undefined ? { type: 'step', stepSize } : { type: 'step', stepSize, gamma };
  },
  usage: ':STEP_SIZE[:GAMMA]',
};

const cosine: ScheduleKind<CosineSchedule> = {
  pytorchName: 'CosineAnnealingLR',
  // PyTorch's closed form, eta_min + (lr − eta_min)(1 + cos(π·epoch/T_max))/2. Past T_max it
  // rises again, with period 2·T_max, as PyTorch's recursive update does.
  lrAt(spec, lr, epoch) {
    const etaMin = spec.etaMin ?? scheduleDefaults.cosine.etaMin;
    return etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * epoch) / spec.tMax))) / 2;
  },
  check(spec, lr) {
    const problems: ScheduleProblem[] = [];
    if (!wholeAtLeast1(spec.tMax)) {
      problems.push({ field: 'lrSchedule.tMax', message: `CosineAnnealingLR's T_max must be a whole number of epochs, at least 1 (usually the run's epochs), got ${String(spec.tMax)}` });
    }
    const etaMin = spec.etaMin ?? scheduleDefaults.cosine.etaMin;
    if (typeof etaMin !== 'number' || !(Number.isFinite(etaMin) && etaMin >= 0 && etaMin < lr)) {
      problems.push({ field: 'lrSchedule.etaMin', message: `CosineAnnealingLR's eta_min (the lowest rate) must be ≥ 0 and below the learning rate ${lr}, such as 0, got ${String(etaMin)}` });
    }
    return problems;
  },
  pytorchArguments: (spec) => `T_max=${spec.tMax}, eta_min=${pyFloat(spec.etaMin ?? scheduleDefaults.cosine.etaMin)}`,
  // T_MAX defaults to the run's epochs, the usual choice (annealed once over the run).
  fromText(numbers, epochs) {
    const [tMax = Math.max(1, epochs), etaMin, ...more] = numbers;
    if (more.length > 0) return null;
    return etaMin === undefined ? { type: 'cosine', tMax } : { type: 'cosine', tMax, etaMin };
  },
  usage: '[:T_MAX[:ETA_MIN]]',
};

const kinds: { [T in LrScheduleType]: ScheduleKind<Extract<LrScheduleSpec, { type: T }>> } = { step, cosine };
const kindOf = <S extends LrScheduleSpec>(spec: S) => kinds[spec.type] as unknown as ScheduleKind<S>;

export const scheduleTypes = Object.keys(kinds) as LrScheduleType[];

export function isScheduleType(value: unknown): value is LrScheduleType {
  return typeof value === 'string' && Object.hasOwn(kinds, value);
}

/** The learning rate of 0-based epoch `epoch` (the first epoch is 0); `lr` without a schedule. */
export function learningRateAt(schedule: LrScheduleSpec | undefined, lr: number, epoch: number): number {
  return schedule ? kindOf(schedule).lrAt(schedule, lr, epoch) : lr;
}

/** Every problem of the spec for a run whose optimizer starts at `lr` (none: an empty list). */
export function scheduleProblems(schedule: unknown, lr: number): ScheduleProblem[] {
  if (!schedule || typeof schedule !== 'object' || !isScheduleType((schedule as { type?: unknown }).type)) {
    const type = schedule && typeof schedule === 'object' ? (schedule as { type?: unknown }).type : schedule;
    return [{ field: 'lrSchedule', message: `unknown learning-rate schedule ${JSON.stringify(type) ?? String(type)} (choose ${scheduleTypes.join(' or ')}, or none)` }];
  }
  const spec = schedule as LrScheduleSpec;
  return kindOf(spec).check(spec, lr);
}

/** The spec's first problem, or null. */
export function scheduleProblem(schedule: unknown, lr: number): ScheduleProblem | null {
  return scheduleProblems(schedule, lr)[0] ?? null;
}

/** The scheduler as a PyTorch script builds it: `torch.optim.lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.1)`. */
export function pytorchScheduleCode(schedule: LrScheduleSpec, optimizer = 'optimizer'): string {
  const kind = kindOf(schedule);
  return `torch.optim.lr_scheduler.${kind.pytorchName}(${optimizer}, ${kind.pytorchArguments(schedule)})`;
}

/** A short text for people: "StepLR(step_size=3, gamma=0.1)". */
export function describeSchedule(schedule: LrScheduleSpec): string {
  const kind = kindOf(schedule);
  return `${kind.pytorchName}(${kind.pytorchArguments(schedule)})`;
}

export const scheduleUsage = `${scheduleTypes.map((type) => type + kinds[type].usage).join(', ')} or none`;

/**
 * Reads --lr-schedule's text: `step:STEP_SIZE[:GAMMA]`, `cosine[:T_MAX[:ETA_MIN]]`
 * (T_MAX defaults to `epochs`, the run's length) or `none`. Throws an Error
 * saying what is wrong; the spec's values are checked by scheduleProblem.
 */
export function parseLrSchedule(text: string, epochs: number): LrScheduleSpec | undefined {
  const [type, ...values] = text.trim().split(':');
  const numbers = values.map((value) => {
    const number = value.trim() === '' ? NaN : Number(value);
    if (Number.isNaN(number)) throw new Error(`"${value}" in "${text}" is not a number (use ${scheduleUsage})`);
    return number;
  });
  if (type === 'none' && numbers.length === 0) return undefined;
  const spec = isScheduleType(type) ? kinds[type].fromText(numbers, epochs) : null;
  if (spec) return spec;
  throw new Error(`"${text}" is not a schedule (use ${scheduleUsage})`);
}
