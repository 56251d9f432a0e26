// A lesson step in the address: ?lesson=<lessonId>&step=<n>, n counted from 1.
// readLessonLink says which step a link opens, or why it opens none (a
// lesson that does not exist) or another (a step the lesson does not have:
// its first); writeLessonLink puts a step in (or takes it out of) the
// parameters. The "url" module (app/url-state.ts) writes the address with it.

import { msg, type Msg } from '../app/i18n/translator.ts';
import type { LessonPosition } from '../app/store/lessons-slice.ts';
import type { Lesson } from './lesson.ts';
import { lessons as allLessons } from './lessons.ts';

export const LESSON_PARAM = 'lesson';
export const STEP_PARAM = 'step';

export interface LessonLink {
  /** The step to open; null when the address names no lesson or a bad one. */
  position: LessonPosition | null;
  /** Why the address's lesson or step was not taken as it is. */
  notice: Msg | null;
}

/** Values are shown in the notice: cut, so a hostile address cannot fill the page. */
const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

export function readLessonLink(params: URLSearchParams, lessons: readonly Lesson[] = allLessons): LessonLink {
  const lessonId = params.get(LESSON_PARAM);
  const stepText = params.get(STEP_PARAM);
  if (lessonId === null) {
    return { position: null, notice: stepText !== null ? msg('lessons.link.stepWithoutLesson', { value: shown(stepText) }) : null };
  }
  const lesson = lessons.find((l) => l.id === lessonId);
  if (!lesson) return { position: null, notice: msg('lessons.link.badLesson', { value: shown(lessonId) }) };
  if (stepText === null) return { position: { lessonId, step: 1 }, notice: null };
  const step = /^\d{1,3}$/.test(stepText.trim()) ? Number(stepText.trim()) : NaN;
  if (step >= 1 && step <= lesson.steps.length) return { position: { lessonId, step }, notice: null };
  return {
    position: { lessonId, step: 1 },
    notice: msg('lessons.link.badStep', { value: shown(stepText), lesson: { id: lesson.title }, total: lesson.steps.length }),
  };
}

/** Sets (or, for null, removes) the lesson and step parameters; other parameters are left as they are. */
export function writeLessonLink(params: URLSearchParams, position: LessonPosition | null): URLSearchParams {
  if (position) {
    params.set(LESSON_PARAM, position.lessonId);
    params.set(STEP_PARAM, String(position.step));
  } else {
    params.delete(LESSON_PARAM);
    params.delete(STEP_PARAM);
  }
  return params;
}

/** The address of a step: `href` with its lesson and step set. */
export function stepAddress(href: string, position: LessonPosition): string {
  const url = new URL(href);
  writeLessonLink(url.searchParams, position);
  return url.toString();
}
