// What a lesson is: data. A lesson follows one tutorial in a few steps; a
// step says what to do and what to watch for (catalogue keys), how it sets
// the playground up (StepSetup, applied through the store's own actions), the
// goal the panel watches for, the PyTorch code it mirrors and the PyTorch
// figure it is compared with.

import type { MessageArgs, MessageId } from '../app/i18n/translator.ts';
import type { Goal } from './goals.ts';
import type { Reference } from './reference.ts';
import type { StepSetup } from './setup.ts';

/** A lesson's message that takes no values (titles and texts are read as they are). */
export type LessonKey = { [K in Extract<MessageId, `lessons.${string}`>]: [MessageArgs<K>] extends [never] ? K : never }[Extract<MessageId, `lessons.${string}`>];

export interface LessonStep {
  /** Stable within its lesson: progress is kept by it. */
  id: string;
  title: LessonKey;
  /** What to do, then what to watch for: paragraphs, rich text (<b>, <code>, <em>). */
  texts: readonly LessonKey[];
  setup: StepSetup | null;
  goal: Goal;
  /** The tutorial's PyTorch lines this step mirrors, as code (the same in both languages). */
  code?: string;
  reference?: Reference;
}

export interface Lesson {
  /** The ?lesson= value. */
  id: string;
  title: LessonKey;
  /** One line for the list of lessons: which tutorial, what it builds. */
  summary: LessonKey;
  steps: readonly LessonStep[];
}
