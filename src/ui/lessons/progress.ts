// The learner's progress, kept in localStorage across visits: the step they
// were on and the steps they reached. Read defensively: storage may hold
// anything (an older format, a hand edit, another page's key), so only
// lessons and steps that exist are kept and anything else is dropped.

import type { LessonPosition } from '../app/store/lessons-slice.ts';
import type { Lesson } from './lesson.ts';

export const PROGRESS_KEY = 'webgpu-playground.lessons';

export interface Progress {
  position: LessonPosition | null;
  reached: Record<string, string[]>;
}

const empty = (): Progress => ({ position: null, reached: {} });

/** What `text` (the stored string, or null) says, checked against the lessons there are. */
export function parseProgress(text: string | null, lessons: readonly Lesson[]): Progress {
  if (text === null) return empty();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return empty();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return empty();
  const saved = value as { position?: unknown; reached?: unknown };
  const progress = empty();
  const position = saved.position as Partial<LessonPosition> | null | undefined;
  if (position && typeof position === 'object' && typeof position.lessonId === 'string' && typeof position.step === 'number') {
    const lesson = lessons.find((l) => l.id === position.lessonId);
    if (lesson && Number.isInteger(position.step) && position.step >= 1 && position.step <= lesson.steps.length) {
      progress.position = { lessonId: lesson.id, step: position.step };
    }
  }
  if (saved.reached && typeof saved.reached === 'object' && !Array.isArray(saved.reached)) {
    for (const [lessonId, steps] of Object.entries(saved.reached as Record<string, unknown>)) {
      const lesson = lessons.find((l) => l.id === lessonId);
      if (!lesson || !Array.isArray(steps)) continue;
      const known = lesson.steps.map((s) => s.id).filter((id) => steps.includes(id));
      if (known.length > 0) progress.reached[lessonId] = known;
    }
  }
  return progress;
}

export function serializeProgress(progress: Progress): string {
  return JSON.stringify({ position: progress.position, reached: progress.reached });
}

/** The stored progress; storage that cannot be read (private mode, blocked) reads as none. */
export function loadProgress(storage: Pick<Storage, 'getItem'> | null, lessons: readonly Lesson[]): Progress {
  try {
    return parseProgress(storage?.getItem(PROGRESS_KEY) ?? null, lessons);
  } catch {
    return empty();
  }
}

export function saveProgress(storage: Pick<Storage, 'setItem'> | null, progress: Progress): void {
  try {
    storage?.setItem(PROGRESS_KEY, serializeProgress(progress));
  } catch {
    // Full or blocked storage: progress is kept for this visit only.
  }
}
