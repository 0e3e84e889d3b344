/**
 * Every lesson makes the learner bet before it shows: at least one step asks
 * for a prediction, each with one right answer among real alternatives, and
 * the right answer quotes only figures its notice quotes — the figures the
 * claims test measures — so a bet is never settled by a number the run does
 * not show.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons/lessons';

/** The figures in a text ("2,100/s", "p99.9", "1.5 ×"), as numbers. */
function figures(text: string): number[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, '')));
}

describe('predictions', () => {
  it('every lesson asks for at least one', () => {
    for (const lesson of LESSONS) expect(lesson.steps.some((s) => s.predict), lesson.id).toBe(true);
  });

  describe.each(LESSONS.flatMap((l) => l.steps.flatMap((s, i) => (s.predict ? [[`${l.id}, step ${i + 1}`, s] as const] : []))))('%s', (_, step) => {
    const predict = step.predict!;

    it('has exactly one correct choice among two to four different ones, and says why it is right', () => {
      expect(predict.choices.length).toBeGreaterThanOrEqual(2);
      expect(predict.choices.length).toBeLessThanOrEqual(4);
      expect(predict.choices.filter((c) => c.correct === true)).toHaveLength(1);
      expect(new Set(predict.choices.map((c) => c.label)).size).toBe(predict.choices.length);
      expect(predict.choices.find((c) => c.correct)?.because).toBeTruthy();
      expect(predict.question).toMatch(/\?|…$/);
    });

    it('has a right answer whose figures are the ones its notice quotes (and the claims test measures)', () => {
      const quoted = new Set(figures(step.notice));
      const correct = predict.choices.find((c) => c.correct)!;
      for (const n of figures(correct.label)) expect(quoted.has(n), `${n} in “${correct.label}”`).toBe(true);
    });

    it('does not give the answer away in the instruction shown after it', () => {
      const correct = predict.choices.find((c) => c.correct)!;
      expect(step.instruction).not.toContain(correct.label);
    });
  });
});
