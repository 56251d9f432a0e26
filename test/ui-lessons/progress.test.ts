// Progress kept in storage: read back as written, and anything else that
// storage may hold (broken JSON, other shapes, lessons or steps that no
// longer exist, storage that throws) read as nothing, item by item.
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/ui/lessons/lessons.ts';
import { loadProgress, parseProgress, PROGRESS_KEY, saveProgress, serializeProgress } from '../../src/ui/lessons/progress.ts';

const none = { position: null, reached: {} };

describe('lesson progress storage', () => {
  it('reads back what it wrote', () => {
    const progress = { position: { lessonId: 'blobs', step: 2 }, reached: { blobs: ['first-epochs'], cnn: ['mnist', 'fashion'] } };
    expect(parseProgress(serializeProgress(progress), lessons)).toEqual(progress);
  });

  it('ignores what is not progress', () => {
    for (const text of [null, '', '{', 'null', '42', '"blobs"', '[]', '{"position": 3}', '{"reached": []}']) expect(parseProgress(text, lessons), String(text)).toEqual(none);
  });

  it('keeps what is valid and drops the rest, field by field', () => {
    const text = JSON.stringify({
      position: { lessonId: 'blobs', step: 9 },
      reached: { blobs: ['train', 'no-such-step', 7], 'no-such-lesson': ['x'], cnn: 'mnist', fashion: [] },
    });
    expect(parseProgress(text, lessons)).toEqual({ position: null, reached: { blobs: ['train'] } });
    for (const position of [{ lessonId: 'nope', step: 1 }, { lessonId: 'blobs', step: 0 }, { lessonId: 'blobs', step: 1.5 }, { lessonId: 'blobs', step: '1' }, { lessonId: 1, step: 1 }]) {
      expect(parseProgress(JSON.stringify({ position }), lessons).position, JSON.stringify(position)).toBeNull();
    }
    expect(parseProgress(JSON.stringify({ position: { lessonId: 'cnn', step: 3, extra: true } }), lessons).position).toEqual({ lessonId: 'cnn', step: 3 });
  });

  it('survives storage that throws or is missing', () => {
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(loadProgress(throwing, lessons)).toEqual(none);
    expect(() => saveProgress(throwing, none)).not.toThrow();
    expect(loadProgress(null, lessons)).toEqual(none);
  });

  it('stores under its own key', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
    saveProgress(storage, { position: { lessonId: 'mnist-linear', step: 1 }, reached: {} });
    expect([...items.keys()]).toEqual([PROGRESS_KEY]);
    expect(loadProgress(storage, lessons).position).toEqual({ lessonId: 'mnist-linear', step: 1 });
  });
});
