// ?lesson=&step= read and written: good links open their step, bad values are
// ignored with a notice (never thrown), and writing leaves other parameters alone.
import { describe, expect, it } from 'vitest';
import { english, translatorFor } from '../../src/ui/app/i18n/translator.ts';
import { readLessonLink, stepAddress, writeLessonLink } from '../../src/ui/lessons/lesson-link.ts';

const read = (search: string) => readLessonLink(new URLSearchParams(search));

describe('lesson links', () => {
  it('open the step they name, counted from 1', () => {
    expect(read('?lesson=blobs&step=3')).toEqual({ position: { lessonId: 'blobs', step: 3 }, notice: null });
    expect(read('?lesson=blobs')).toEqual({ position: { lessonId: 'blobs', step: 1 }, notice: null });
    expect(read('?lang=ko')).toEqual({ position: null, notice: null });
  });

  it('ignore a lesson that does not exist, with a notice', () => {
    const link = read('?lesson=%3Cscript%3E&step=2');
    expect(link.position).toBeNull();
    expect(english.msg(link.notice!)).toBe('The link asks for the lesson “<script>”, which does not exist. Choose one from the list.');
  });

  it('open step 1 for a step the lesson does not have, with a notice', () => {
    for (const step of ['0', '4', '-1', '1.5', 'two', '', '1e1', '99999999']) {
      const link = read(`?lesson=blobs&step=${encodeURIComponent(step)}`);
      expect(link.position, step).toEqual({ lessonId: 'blobs', step: 1 });
      expect(link.notice, step).not.toBeNull();
    }
    expect(translatorFor('ko').msg(read('?lesson=blobs&step=7').notice!)).toBe('링크가 “3. 점 데이터로 배우는 인공 신경망”의 “7”단계를 가리키지만 이 과정은 3단계까지 있어서 1단계를 엽니다.');
  });

  it('cut a long value in the notice', () => {
    const text = english.msg(read(`?lesson=${'x'.repeat(5000)}`).notice!);
    expect(text.length).toBeLessThan(200);
  });

  it('write the step and keep the other parameters', () => {
    const params = new URLSearchParams('lang=ko&lr=0.1');
    writeLessonLink(params, { lessonId: 'cnn', step: 2 });
    expect(params.toString()).toBe('lang=ko&lr=0.1&lesson=cnn&step=2');
    writeLessonLink(params, null);
    expect(params.toString()).toBe('lang=ko&lr=0.1');
    expect(stepAddress('http://127.0.0.1:4321/?lang=ko#train', { lessonId: 'blobs', step: 1 })).toBe('http://127.0.0.1:4321/?lang=ko&lesson=blobs&step=1#train');
  });

  it('round-trip: what is written reads back', () => {
    const params = writeLessonLink(new URLSearchParams(), { lessonId: 'optimization', step: 5 });
    expect(readLessonLink(params)).toEqual({ position: { lessonId: 'optimization', step: 5 }, notice: null });
  });
});
