/** Export and import of scenario files; imports go through the same decoder as links. */
import { decodeScenarioJson, fail, type DecodeResult } from '../scenario/decode';
import { LIMITS } from '../scenario/kinds';
import { minimalScenario } from '../scenario/minimal';
import type { Scenario } from '../scenario/schema';
import { decodeShareLink, looksLikeShareLink } from '../scenario/url';

/** A file name from the scenario's name: `cache-aside-reads-hit-the-cache.json`. */
export function scenarioFileName(scenario: Scenario): string {
  const slug = scenario.name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'scenario'}.json`;
}

/**
 * The text of an exported scenario: stable, indented JSON — unless indenting, or the defaults
 * written out, would take it past the 1,000,000 characters an import reads; then compact JSON,
 * then the minimal form (defaults left out), whichever first fits.
 */
export function scenarioFileText(scenario: Scenario): string {
  const fits = (text: string) => text.length <= LIMITS.maxJsonChars;
  const indented = `${JSON.stringify(scenario, null, 2)}\n`;
  if (fits(indented)) return indented;
  const compact = JSON.stringify(scenario);
  if (fits(compact)) return compact;
  const minimal = minimalScenario(scenario);
  const minimalIndented = `${JSON.stringify(minimal, null, 2)}\n`;
  return fits(minimalIndented) ? minimalIndented : JSON.stringify(minimal);
}

/** Downloads the scenario as a JSON file. */
export function downloadScenario(scenario: Scenario): void {
  const blob = new Blob([scenarioFileText(scenario)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = scenarioFileName(scenario);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Reads a scenario file (JSON, or a text file holding a share link). A file
 * far above the size limit is refused before it is read, so a huge file
 * cannot freeze the page. Never throws.
 */
export async function readScenarioFile(file: Blob & { name?: string }): Promise<DecodeResult> {
  // JSON text is at most 4 bytes per character; anything bigger cannot fit the limit.
  if (file.size > LIMITS.maxJsonChars * 4) {
    return fail(
      'size',
      `the file is ${(file.size / 1_000_000).toFixed(1)} MB; a scenario is at most ${LIMITS.maxJsonChars.toLocaleString('en-US')} characters of JSON`,
    );
  }
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    return fail('json', `the file could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
  const trimmed = text.trim();
  if (trimmed.length < 100_000 && looksLikeShareLink(trimmed) && !trimmed.includes('\n')) return decodeShareLink(trimmed);
  return decodeScenarioJson(text);
}
