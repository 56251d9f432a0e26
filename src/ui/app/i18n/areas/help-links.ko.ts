import type { helpLinksEn } from './help-links.en.ts';

export const helpLinksKo: Record<keyof typeof helpLinksEn, string> = {
  'helpLinks.seeInLesson': '학습 과정에서 보기: “{lesson}” {n}단계',
};
