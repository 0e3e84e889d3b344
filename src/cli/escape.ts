/**
 * Text from a scenario on a terminal: names, operations and edge ids are any
 * string, and a terminal obeys the control sequences in what it prints (an
 * op named "\u001b[2J" clears the screen; U+009B is an 8-bit CSI; the bidi
 * overrides reorder a line). Each such character is printed as a visible
 * escape instead, like `\u001b`.
 */

// C0 and C1 controls, DEL, the bidi embeddings, overrides and isolates, and the line/paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every terminal control character replaced by its `\uXXXX` escape. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * JSON text with the control characters JSON.stringify leaves raw (C1, bidi) escaped: the same
 * JSON value, safe to print.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
