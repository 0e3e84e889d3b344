/** The presets gallery: `public/scenarios/index.json` and its files, fetched relative to the app. */
import { decodeScenarioJson, fail, type DecodeResult } from '../scenario/decode';
import type { PresetEntry } from '../scenario/presets';

let indexPromise: Promise<PresetEntry[]> | null = null;

/** The gallery's entries (fetched once). */
export function fetchPresetIndex(): Promise<PresetEntry[]> {
  indexPromise ??= fetch('./scenarios/index.json')
    .then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json() as Promise<{ presets?: unknown }>;
    })
    .then((body) =>
      (Array.isArray(body.presets) ? body.presets : []).filter(
        (p): p is PresetEntry =>
          typeof p === 'object' &&
          p !== null &&
          typeof (p as PresetEntry).name === 'string' &&
          /^[a-z0-9-]+$/.test((p as PresetEntry).name) &&
          typeof (p as PresetEntry).title === 'string' &&
          typeof (p as PresetEntry).description === 'string',
      ),
    )
    .catch((err: unknown) => {
      indexPromise = null;
      throw err;
    });
  return indexPromise;
}

/** One preset, through the decoder like any other scenario. */
export async function fetchPreset(name: string): Promise<DecodeResult> {
  if (!/^[a-z0-9-]+$/.test(name)) return fail('link', `there is no preset called "${name}"`);
  try {
    const r = await fetch(`./scenarios/${name}.json`);
    if (!r.ok) return fail('link', `the preset "${name}" could not be loaded (HTTP ${r.status})`);
    return decodeScenarioJson(await r.text());
  } catch (err) {
    return fail('link', `the preset "${name}" could not be loaded (${err instanceof Error ? err.message : String(err)})`);
  }
}
