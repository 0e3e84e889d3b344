/** The scenario a lesson loads: one of its own (decoded at once) or a preset (fetched like the gallery's). */
import { fetchPreset } from '../persistence/presets';
import { decodeScenario, type DecodeResult } from '../scenario/decode';
import type { Lesson } from './types';

export function lessonScenario(lesson: Lesson): DecodeResult | Promise<DecodeResult> {
  return 'preset' in lesson.scenario ? fetchPreset(lesson.scenario.preset) : decodeScenario(lesson.scenario.inline);
}
