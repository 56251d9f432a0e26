import type { StateCreator } from 'zustand';
import type { Msg } from '../i18n/translator.ts';
import type { AppState } from './store.ts';

/** A lesson step: the lesson's id and the step's number, counted from 1 as in the link (?lesson=…&step=…). */
export interface LessonPosition {
  lessonId: string;
  step: number;
}

export interface LessonsSlice {
  /** Whether the Lessons panel is open. */
  lessonsOpen: boolean;
  /** The step the learner is on; null before any lesson is chosen (the panel then lists the lessons). */
  lessonPosition: LessonPosition | null;
  /** Each lesson's reached steps, by step id (ids stay valid if steps are added). */
  lessonReached: Record<string, string[]>;
  /** Why a link's lesson or step was not opened. */
  lessonNotice: Msg | null;
  /**
   * What was on screen when the step was opened: only a run started after it,
   * and a save made after it, count towards the step's goal.
   */
  lessonBaseline: { runId: number; modelNotice: Msg | null };
  setLessonsOpen: (open: boolean) => void;
  /** Opens the panel at a step (null: the list of lessons). */
  goToLessonStep: (position: LessonPosition | null) => void;
  markLessonStepReached: (lessonId: string, stepId: string) => void;
  setLessonNotice: (notice: Msg | null) => void;
}

export const createLessonsSlice: StateCreator<AppState, [], [], LessonsSlice> = (set, get) => ({
  lessonsOpen: false,
  lessonPosition: null,
  lessonReached: {},
  lessonNotice: null,
  lessonBaseline: { runId: 0, modelNotice: null },
  setLessonsOpen: (lessonsOpen) => set({ lessonsOpen }),
  goToLessonStep: (lessonPosition) => set({ lessonsOpen: true, lessonPosition, lessonBaseline: { runId: get().run.id, modelNotice: get().modelNotice } }),
  markLessonStepReached: (lessonId, stepId) => {
    const reached = get().lessonReached[lessonId] ?? [];
    if (reached.includes(stepId)) return;
    set({ lessonReached: { ...get().lessonReached, [lessonId]: [...reached, stepId] } });
  },
  setLessonNotice: (lessonNotice) => set({ lessonNotice }),
});
