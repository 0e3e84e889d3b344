/**
 * A scenario that hangs the simulation must not become the autosave that
 * hangs it again on every reload. When the watchdog gives up on a worker, or
 * the page goes away while its worker is silent (a reload before the watchdog
 * fired), local storage keeps a fingerprint of the scenario it was running;
 * the next start opens that scenario paused, with a word why. Playing it
 * again clears the mark (a new hang marks it again). Nothing is written while
 * runs are healthy: other open tabs must not read a healthy run as a hang.
 */
export const RUN_MARKER_KEY = 'fanout-lab:run-in-progress';

export interface RunMarker {
  /** Fingerprint of the scenario as the simulation sees it (see fingerprint). */
  key: string;
  /** 'running': it was playing when the page went away; 'hung': the watchdog stopped its worker. */
  state: 'running' | 'hung';
}

/**
 * A short fingerprint of a scenario's simulation key (FNV-1a, 2 × 32 bits): storing the key itself
 * would double the space a large scenario takes in storage, and equality is all that is asked.
 */
export function fingerprint(simulationKey: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ simulationKey.length;
  for (let i = 0; i < simulationKey.length; i++) {
    const c = simulationKey.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return `${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}:${simulationKey.length}`;
}

export function readRunMarker(storage: Storage | undefined): RunMarker | null {
  try {
    const text = storage?.getItem(RUN_MARKER_KEY);
    if (!text) return null;
    const v = JSON.parse(text) as Partial<RunMarker>;
    return typeof v.key === 'string' && (v.state === 'running' || v.state === 'hung') ? { key: v.key, state: v.state } : null;
  } catch {
    return null;
  }
}

export function writeRunMarker(storage: Storage | undefined, marker: RunMarker | null): void {
  try {
    if (marker) storage?.setItem(RUN_MARKER_KEY, JSON.stringify(marker));
    else storage?.removeItem(RUN_MARKER_KEY);
  } catch {
    // Storage full or unavailable: the watchdog still protects this session.
  }
}
