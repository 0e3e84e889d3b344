/**
 * Built-in scenarios. The files live in public/scenarios/ (served as is, so
 * the gallery can fetch any of them and the CLI can run them); the default
 * one is also bundled so the first screen needs no request.
 */
import defaultPresetJson from '../../public/scenarios/twitter-hybrid.json';
import { decodeScenario } from './decode';
import type { Scenario } from './schema';

export interface PresetEntry {
  name: string;
  title: string;
  description: string;
}

/** The preset loaded on first open. */
export const DEFAULT_PRESET = 'twitter-hybrid';

/** The default scenario's name, read without decoding it again (the welcome names what is open by it). */
export const DEFAULT_SCENARIO_NAME: string = defaultPresetJson.name;

/** The default scenario, decoded (it is validated by a test, so this cannot fail at run time). */
export function defaultScenario(): Scenario {
  const r = decodeScenario(defaultPresetJson);
  if (!r.ok) throw new Error(`the bundled default scenario is invalid: ${r.error.message}`);
  return r.scenario;
}
