// Which lesson step shows each setting: the help popover of a setup field
// ends with a link to it ("See it in a lesson: …, step n"). Keyed by the
// field's help text (its tip), so a new field with a tip must say here which
// step shows it, or null when no step does (on purpose: the type and
// test/ui-lessons/setting-lessons.test.ts keep the table complete).

import type { MessageId } from '../app/i18n/translator.ts';
import type { LessonPosition } from '../app/store/lessons-slice.ts';

/** The help texts of the setup's fields: tip.* and the learning-rate schedule's. */
export type SettingTip = Extract<MessageId, `tip.${string}` | 'schedule.tip' | `schedule.${string}.tip`>;

export const settingLessons: Record<SettingTip, LessonPosition | null> = {
  // "The data, the network and the loss before training": the blobs drawn before any training.
  'tip.dataset': { lessonId: 'blobs', step: 1 },
  // The first step of all: one click sets the tutorial's preset.
  'tip.preset': { lessonId: 'mnist-linear', step: 1 },
  'tip.units': { lessonId: 'mnist-mlp', step: 1 },
  'tip.activation': { lessonId: 'mnist-mlp', step: 2 },
  'tip.dropout': { lessonId: 'fashion', step: 3 },
  'tip.flip': { lessonId: 'fashion', step: 3 },
  'tip.optimizer': { lessonId: 'optimization', step: 4 },
  // No step changes momentum.
  'tip.momentum': null,
  // "A learning rate too large": the loss explodes.
  'tip.lr': { lessonId: 'optimization', step: 2 },
  'tip.batchSize': { lessonId: 'mnist-linear', step: 2 },
  // "See overfitting": 30 epochs, and the test loss turns up after about 10.
  'tip.epochs': { lessonId: 'fashion', step: 2 },
  // The same step trains on 1,000 images only, which is what makes it overfit.
  'tip.trainLimit': { lessonId: 'fashion', step: 2 },
  // No step changes the seed.
  'tip.seed': null,
  'tip.convChannels': { lessonId: 'cnn', step: 1 },
  'tip.convKernel': { lessonId: 'cnn', step: 1 },
  'tip.convPadding': { lessonId: 'cnn', step: 1 },
  'tip.convPool': { lessonId: 'cnn', step: 1 },
  // No lesson uses a learning-rate schedule yet.
  'schedule.tip': null,
  'schedule.stepSize.tip': null,
  'schedule.gamma.tip': null,
  'schedule.tMax.tip': null,
  'schedule.etaMin.tip': null,
};
