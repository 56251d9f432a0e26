// The link at the end of a setting's help: the lesson step that shows it (src/ui/lessons/SettingLessonLink.tsx).
export const helpLinksEn = {
  'helpLinks.seeInLesson': 'See it in a lesson: {lesson}, step {n}',
} as const;
