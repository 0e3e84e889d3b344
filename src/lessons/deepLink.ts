/**
 * Lesson deep links: `#lesson=<id>` in the address, alone or next to other
 * hash parameters (`#s=…&lesson=…`). Parsing never throws and never trusts
 * the id: it is looked up among the known lessons.
 */
import { hashParam } from '../scenario/url';
import { lessonById } from './lessons';
import type { Lesson } from './types';

export type LessonLink =
  | { kind: 'none' }
  | { kind: 'lesson'; lesson: Lesson }
  /** A `lesson=` parameter naming no lesson (kept short and printable, to be quoted in a message). */
  | { kind: 'unknown'; id: string };

/** The longest id quoted back in a message: a hostile link must not fill the screen. */
const MAX_QUOTED_CHARS = 60;

/** Reads the `lesson=` parameter of a location hash. */
export function parseLessonLink(hash: string): LessonLink {
  const raw = hashParam(hash, 'lesson');
  if (raw === undefined) return { kind: 'none' };
  let id = raw;
  try {
    id = decodeURIComponent(raw);
  } catch {
    // A broken %-escape: quote it as it came.
  }
  id = id.trim();
  const lesson = lessonById(id.toLowerCase());
  if (lesson) return { kind: 'lesson', lesson };
  const printable = id.replace(/[^\x20-\x7e]/g, '?');
  return { kind: 'unknown', id: printable.length > MAX_QUOTED_CHARS ? `${printable.slice(0, MAX_QUOTED_CHARS)}…` : printable };
}

/** `hash` with `lesson=<id>` set (or removed when `id` is null); other parameters are kept in order. */
export function hashWithLesson(hash: string, id: string | null): string {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const kept = body.split('&').filter((part) => part !== '' && !part.startsWith('lesson='));
  if (id !== null) kept.push(`lesson=${encodeURIComponent(id)}`);
  return kept.length > 0 ? `#${kept.join('&')}` : '';
}

/** The deep link to a lesson, on top of `baseUrl` (its own hash is replaced). */
export function lessonUrl(id: string, baseUrl: string): string {
  const hashAt = baseUrl.indexOf('#');
  return `${hashAt >= 0 ? baseUrl.slice(0, hashAt) : baseUrl}#lesson=${encodeURIComponent(id)}`;
}
