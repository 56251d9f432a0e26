// The lessons, in the order the tutorials go: the table the panel, the link
// and the stored progress read. A new lesson is one module in content/ and
// one line here.

import type { Lesson, LessonStep } from './lesson.ts';
import { blobs } from './content/blobs.ts';
import { cnn } from './content/cnn.ts';
import { fashion } from './content/fashion.ts';
import { mnistLinear } from './content/mnist-linear.ts';
import { mnistMlp } from './content/mnist-mlp.ts';
import { optimization } from './content/optimization.ts';

export const lessons: readonly Lesson[] = [mnistLinear, mnistMlp, blobs, fashion, optimization, cnn];

export function findLesson(id: string): Lesson | undefined {
  return lessons.find((lesson) => lesson.id === id);
}

/** The step at a 1-based number, or undefined. */
export function stepAt(lesson: Lesson, step: number): LessonStep | undefined {
  return Number.isInteger(step) && step >= 1 ? lesson.steps[step - 1] : undefined;
}
