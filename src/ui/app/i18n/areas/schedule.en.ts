// The learning-rate schedule (src/train/lr-schedule.ts): its setup fields, their help and problems, the progress line and the PyTorch script's comment.
import { englishScriptComments } from '../../../../train/pytorch-script.ts';

export const scheduleEn = {
  'schedule.label': 'Learning-rate schedule',
  'gloss.lrSchedule': 'learning-rate scheduler',
  'schedule.tip':
    'How the learning rate changes from epoch to epoch, as PyTorch’s schedulers set it. A large rate at first moves fast; a smaller one later settles into the minimum instead of jumping around it. StepLR multiplies the rate by gamma every few epochs (often 0.1, or 0.5 for gentler steps); CosineAnnealingLR lowers it along a cosine curve to eta_min over T_max epochs (usually the whole run, and eta_min 0).',
  'schedule.none': 'None (the same rate every epoch)',
  'schedule.step': 'StepLR: lower it every few epochs',
  'schedule.cosine': 'CosineAnnealingLR: lower it along a cosine',
  'schedule.stepSize': 'Every (epochs)',
  'schedule.stepSize.tip': 'StepLR’s step_size: after this many epochs the rate is multiplied by gamma, and again after as many more.',
  'schedule.gamma': 'Multiply by (gamma)',
  'schedule.gamma.tip': 'StepLR’s gamma: the factor of each decrease. 0.1 (PyTorch’s default) divides the rate by ten; 0.5 halves it.',
  'schedule.tMax': 'Over (epochs, T_max)',
  'schedule.tMax.tip': 'CosineAnnealingLR’s T_max: the epochs from the full rate down to eta_min, usually the run’s epochs. Past them the rate rises again.',
  'schedule.etaMin': 'Lowest rate (eta_min)',
  'schedule.etaMin.tip': 'CosineAnnealingLR’s eta_min: the rate at the end of T_max epochs. 0 is PyTorch’s default.',
  'schedule.error.stepSize': 'Every how many epochs: a whole number of at least 1, got {value}',
  'schedule.error.gamma': 'Gamma must be above 0 and at most 1, such as 0.1 or 0.5, got {value}',
  'schedule.error.tMax': 'T_max must be a whole number of epochs, at least 1, got {value}',
  'schedule.error.etaMin': 'The lowest rate must be at least 0 and below the learning rate, got {value}',
  'schedule.error.empty': 'Enter a number',
  'schedule.progress': 'learning rate {lr}',
  'schedule.script': englishScriptComments.schedule,
} as const;
