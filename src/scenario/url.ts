/**
 * The share-link codec (SCENARIO.md, "Share URL"):
 * `<app URL>#s=<LZString.compressToEncodedURIComponent(JSON.stringify(scenario))>`.
 * The scenario rides in the hash, which never reaches a server.
 */
import LZString from 'lz-string';
import { fail, decodeScenarioJson, type DecodeResult } from './decode';
import { LIMITS } from './kinds';
import { decompressFromEncodedURIComponent } from './lzDecompress';
import { minimalScenario } from './minimal';
import type { Scenario } from './schema';

/**
 * The `s=` payload of a scenario, in its minimal form (defaults left out): defaults are part of the
 * format's contract, and `minimalScenario` returns the full scenario unless the minimal one decodes
 * to the very same scenario, so a link opens to exactly what was shared and is about a third shorter
 * (short enough for chat apps, which cut links past about 2,000 characters). A payload still past the
 * 100,000 characters a link may carry is returned as is, and `shareLinkProblem` says why it cannot
 * be shared.
 */
export function encodeScenarioPayload(scenario: Scenario): string {
  const full = LZString.compressToEncodedURIComponent(JSON.stringify(scenario));
  const minimal = LZString.compressToEncodedURIComponent(JSON.stringify(minimalScenario(scenario)));
  return minimal.length < full.length ? minimal : full;
}

/** Why a share link would not open in the app (its payload is too long), or null when it would. */
export function shareLinkProblem(url: string): string | null {
  const payload = hashParam(url.slice(Math.max(0, url.indexOf('#'))), 's') ?? '';
  if (payload.length <= LIMITS.maxPayloadChars) return null;
  return `its link would be ${payload.length.toLocaleString('en-US')} characters long, and a link opens up to ${LIMITS.maxPayloadChars.toLocaleString('en-US')}`;
}

/** The full share link for a scenario, on top of `baseUrl` (its own hash is replaced). */
export function shareUrl(scenario: Scenario, baseUrl: string): string {
  const hashAt = baseUrl.indexOf('#');
  const base = hashAt >= 0 ? baseUrl.slice(0, hashAt) : baseUrl;
  return `${base}#s=${encodeScenarioPayload(scenario)}`;
}

/**
 * Reads one `key=value` parameter from a location hash (`#s=…&lesson=…`).
 * Not URLSearchParams: it would turn the payload's "+" into spaces.
 */
export function hashParam(hash: string, key: string): string | undefined {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === key) return part.slice(eq + 1);
  }
  return undefined;
}

/** Whether a string looks like a share link (or its hash) rather than JSON or a path. */
export function looksLikeShareLink(text: string): boolean {
  return /(^|[#&])s=/.test(text) && !text.trimStart().startsWith('{');
}

/**
 * Decodes a share link: a full URL, a hash (`#s=…`) or a bare payload.
 * Each failing step says what went wrong; nothing throws.
 */
export function decodeShareLink(link: string): DecodeResult {
  if (typeof link !== 'string') return fail('link', 'expected a share link');
  const hashAt = link.indexOf('#');
  let payload: string | undefined;
  if (hashAt >= 0) {
    payload = hashParam(link.slice(hashAt), 's');
    if (payload === undefined) return fail('link', 'the link has no scenario in it (expected "#s=…" after the address)');
  } else if (/^s=/.test(link)) {
    payload = link.slice(2);
  } else {
    payload = link;
  }
  payload = payload.trim();
  if (payload.length === 0) return fail('link', 'the link\'s scenario is empty ("#s=" with nothing after it)');
  if (payload.length > LIMITS.maxPayloadChars) {
    return fail(
      'size',
      `the link's scenario is ${payload.length.toLocaleString('en-US')} characters long; the limit is ${LIMITS.maxPayloadChars.toLocaleString('en-US')}`,
    );
  }
  if (/%[0-9A-Fa-f]{2}/.test(payload)) {
    // Some chat apps percent-encode links; the payload alphabet never needs it.
    try {
      payload = decodeURIComponent(payload);
    } catch {
      return fail('decompress', 'the link is damaged: it contains a broken %-escape');
    }
  }
  const out = decompressFromEncodedURIComponent(payload, LIMITS.maxJsonChars);
  if (!out.ok) {
    if (out.reason === 'tooLarge') {
      return fail('size', `the link's scenario expands to more than ${LIMITS.maxJsonChars.toLocaleString('en-US')} characters of JSON; the limit is ${LIMITS.maxJsonChars.toLocaleString('en-US')}`);
    }
    return fail('decompress', 'the link is damaged or truncated: its scenario could not be decompressed (was it copied in full?)');
  }
  const result = decodeScenarioJson(out.text);
  if (!result.ok && result.error.step === 'json') {
    return fail('json', 'the link is damaged: its scenario decompressed to text that is not JSON (was it copied in full?)');
  }
  return result;
}
