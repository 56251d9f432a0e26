// Start-up of the lessons: the progress kept from the last visit, then the
// step the address asks for (?lesson=&step=, which wins), and from then on
// progress kept in storage and each step's goal watched as training goes,
// whether the panel is open or not.

import { useAppStore } from '../app/store/store.ts';
import { goalReached, goalView } from './goals.ts';
import { readLessonLink } from './lesson-link.ts';
import { findLesson, lessons, stepAt } from './lessons.ts';
import { loadProgress, saveProgress } from './progress.ts';

type Store = Pick<typeof useAppStore, 'getState' | 'setState' | 'subscribe'>;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Marks the current step reached when the training state shows its goal. */
export function checkGoal(store: Store): void {
  const state = store.getState();
  const position = state.lessonPosition;
  if (!position) return;
  const lesson = findLesson(position.lessonId);
  const step = lesson && stepAt(lesson, position.step);
  if (!lesson || !step || state.lessonReached[lesson.id]?.includes(step.id)) return;
  if (goalReached(step.goal, goalView(state))) state.markLessonStepReached(lesson.id, step.id);
}

export function startLessons(search: string, store: Store = useAppStore): () => void {
  const saved = loadProgress(storage(), lessons);
  const link = readLessonLink(new URLSearchParams(search));
  store.setState({ lessonReached: saved.reached, lessonNotice: link.notice });
  const position = link.position ?? saved.position;
  // A link opens the panel; the step kept from last time waits behind the button.
  if (position) store.getState().goToLessonStep(position);
  if (!link.position && !link.notice) store.getState().setLessonsOpen(false);
  if (link.notice) store.getState().setLessonsOpen(true);
  return store.subscribe((state, previous) => {
    if (state.lessonPosition !== previous.lessonPosition || state.lessonReached !== previous.lessonReached) {
      saveProgress(storage(), { position: state.lessonPosition, reached: state.lessonReached });
    }
    if (
      state.run !== previous.run ||
      state.epochResults !== previous.epochResults ||
      state.modelNotice !== previous.modelNotice ||
      state.probabilities !== previous.probabilities ||
      state.drawingModel !== previous.drawingModel ||
      state.lessonPosition !== previous.lessonPosition
    ) {
      checkGoal(store);
    }
  });
}
