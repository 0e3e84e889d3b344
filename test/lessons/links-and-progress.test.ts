/**
 * The lesson deep link is parsed without trusting it, and saved progress is
 * read field by field: whatever is in the address bar or in local storage,
 * the app gets a known lesson, a clear "unknown", or a fresh start.
 */
import { describe, expect, it } from 'vitest';
import { hashWithLesson, lessonUrl, parseLessonLink } from '../../src/lessons/deepLink';
import { highlightCss, targetSelectors } from '../../src/lessons/highlight';
import { LESSONS } from '../../src/lessons/lessons';
import { EMPTY_LESSONS, parseSavedLessons } from '../../src/persistence/lessons';

describe('the #lesson= deep link', () => {
  it('finds every lesson by its id, alone or next to a share link', () => {
    for (const l of LESSONS) {
      const link = parseLessonLink(`#lesson=${l.id}`);
      expect(link.kind === 'lesson' && link.lesson.id).toBe(l.id);
    }
    const both = parseLessonLink('#s=N4Ig+abc&lesson=percentiles');
    expect(both.kind === 'lesson' && both.lesson.id).toBe('percentiles');
    const shouted = parseLessonLink('#lesson=Fan-Out');
    expect(shouted.kind === 'lesson' && shouted.lesson.id).toBe('fan-out');
  });

  it('says "none" when there is no lesson parameter, and "unknown" (quoted safely) for any other id', () => {
    expect(parseLessonLink('')).toEqual({ kind: 'none' });
    expect(parseLessonLink('#s=abc')).toEqual({ kind: 'none' });
    expect(parseLessonLink('#lesson=')).toEqual({ kind: 'unknown', id: '' });
    expect(parseLessonLink('#lesson=__proto__')).toEqual({ kind: 'unknown', id: '__proto__' });
    expect(parseLessonLink('#lesson=%E2%9C%93%0A')).toEqual({ kind: 'unknown', id: '?' });
    expect(parseLessonLink('#lesson=%E0%A4%A')).toEqual({ kind: 'unknown', id: '%E0%A4%A' });
    const long = parseLessonLink(`#lesson=${'x'.repeat(500)}`);
    expect(long.kind === 'unknown' && long.id.length).toBeLessThanOrEqual(61);
  });

  it('is added to and removed from a hash without touching its other parameters', () => {
    expect(hashWithLesson('', 'queues')).toBe('#lesson=queues');
    expect(hashWithLesson('#s=abc', 'queues')).toBe('#s=abc&lesson=queues');
    expect(hashWithLesson('#s=abc&lesson=caching', 'queues')).toBe('#s=abc&lesson=queues');
    expect(hashWithLesson('#lesson=caching&s=abc', null)).toBe('#s=abc');
    expect(hashWithLesson('#lesson=caching', null)).toBe('');
    expect(lessonUrl('scaling', 'https://example.org/lab/#s=abc')).toBe('https://example.org/lab/#lesson=scaling');
  });
});

describe('saved lesson progress', () => {
  const shape = new Map(LESSONS.map((l) => [l.id, l.steps.length]));

  it('reads back what was saved', () => {
    const saved = { open: { id: 'caching', step: 1, done: [0] }, progress: { caching: { doneSteps: [0], completed: false } }, introSeen: true };
    expect(parseSavedLessons(JSON.stringify(saved), shape)).toEqual(saved);
  });

  it('reads back the predictions picked, and drops picks for steps or choices that cannot be', () => {
    const saved = { open: { id: 'caching', step: 1, done: [0], picks: { 1: 1 } }, progress: { caching: { doneSteps: [0], completed: false, picks: { 1: 1 } } }, introSeen: true };
    expect(parseSavedLessons(JSON.stringify(saved), shape)).toEqual(saved);
    const odd = { ...saved, open: { ...saved.open, picks: { 1: -1, 9: 0, x: 1, 2: 'a', 0: 1.5 } }, progress: { caching: { doneSteps: [0], completed: false, picks: [1] } } };
    expect(parseSavedLessons(JSON.stringify(odd), shape)).toEqual({ ...saved, open: { id: 'caching', step: 1, done: [0] }, progress: { caching: { doneSteps: [0], completed: false } } });
  });

  it('drops what it cannot trust, field by field', () => {
    const text = JSON.stringify({
      open: { id: 'caching', step: 7, done: [0] },
      progress: {
        caching: { doneSteps: [2, 0, 0, 9, -1, 1.5, '1'], completed: 'yes' },
        'no-such-lesson': { doneSteps: [0], completed: true },
        ['__proto__']: { doneSteps: [0], completed: true },
        percentiles: null,
      },
      introSeen: 1,
    });
    expect(parseSavedLessons(text, shape)).toEqual({ open: null, progress: { caching: { doneSteps: [0, 2], completed: false } }, introSeen: false });
  });

  it('keeps the "lesson complete" page as a step, and starts fresh from anything unreadable', () => {
    const complete = parseSavedLessons(JSON.stringify({ open: { id: 'queues', step: 4 } }), shape);
    expect(complete.open).toEqual({ id: 'queues', step: 4, done: [] });
    for (const text of [null, '', 'not json', '[]', 'null', '42', '{"open": "caching"}']) {
      const r = parseSavedLessons(text, shape);
      expect(r.open).toBeNull();
      expect(r.progress).toEqual({});
    }
    expect(parseSavedLessons('{', shape)).toBe(EMPTY_LESSONS);
  });
});

describe('step highlights', () => {
  it('ring marked elements, canvas nodes and edge labels, and thicken edge paths', () => {
    expect(targetSelectors('run.play').ring).toEqual(['[data-lesson-target="run.play"]']);
    expect(targetSelectors('node:db').ring).toEqual(['.react-flow__node[data-id="db"]']);
    expect(targetSelectors('edge:api-jobs')).toMatchObject({ ring: ['.edge-label[data-edge-id="api-jobs"]'], edgePaths: ['.react-flow__edge[data-id="api-jobs"] .react-flow__edge-path'] });
    expect(targetSelectors('followers').ring).toContain('[data-side-panel-toggle="followers"]');
    expect(targetSelectors('inspector').inset).toBe(true);
  });

  it('quote ids so that no id can break out of its selector', () => {
    expect(targetSelectors('node:a"] , body { x').ring[0]).toBe('.react-flow__node[data-id="a\\"] , body { x"]');
    expect(highlightCss([])).toBe('');
  });
});
