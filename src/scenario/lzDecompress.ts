/**
 * lz-string's `decompressFromEncodedURIComponent`, with a cap on the output.
 *
 * Why not call the library: LZ decompression can expand quadratically — a
 * hostile 100 KB link payload can decode to more than a gigabyte and freeze the
 * tab before any size check could run on the result. lz-string (1.5) has no
 * output limit, so this is its algorithm (WTFPL, © Pieroxy) read code by code,
 * stopping as soon as the output would exceed `maxOutputChars`. Compression
 * still uses the library, and a test checks this decoder agrees with the
 * library's on random inputs.
 */

const URI_SAFE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const CHAR_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < URI_SAFE_ALPHABET.length; i++) CHAR_VALUE[URI_SAFE_ALPHABET.charCodeAt(i)] = i;

export type LzResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'empty' | 'corrupt' | 'tooLarge' };

/** Decompresses an lz-string "EncodedURIComponent" payload, refusing outputs above `maxOutputChars`. */
export function decompressFromEncodedURIComponent(payload: string, maxOutputChars: number): LzResult {
  if (payload === '') return { ok: false, reason: 'empty' };
  const input = payload.replace(/ /g, '+');
  const length = input.length;
  const valueAt = (index: number): number => {
    const code = input.charCodeAt(index);
    // Characters outside the alphabet read as 0, as in the library.
    return code < 128 && CHAR_VALUE[code] >= 0 ? CHAR_VALUE[code] : 0;
  };

  const RESET = 32;
  let val = valueAt(0);
  let position = RESET;
  let index = 1;
  const readBits = (n: number): number => {
    let bits = 0;
    for (let power = 1, i = 0; i < n; i++, power *= 2) {
      const resb = val & position;
      position >>= 1;
      if (position === 0) {
        position = RESET;
        val = valueAt(index++);
      }
      if (resb > 0) bits += power;
    }
    return bits;
  };

  const dictionary: string[] = ['', '', ''];
  let enlargeIn = 4;
  let dictSize = 4;
  let numBits = 3;
  const result: string[] = [];
  let outputChars = 0;

  let c: string;
  switch (readBits(2)) {
    case 0:
      c = String.fromCharCode(readBits(8));
      break;
    case 1:
      c = String.fromCharCode(readBits(16));
      break;
    default:
      // An empty string was compressed (or the payload is junk): nothing to decode.
      return { ok: false, reason: 'empty' };
  }
  dictionary[3] = c;
  let w = c;
  result.push(c);
  outputChars = 1;

  for (;;) {
    if (index > length) return { ok: false, reason: 'corrupt' };
    let code = readBits(numBits);
    if (code === 0 || code === 1) {
      dictionary[dictSize++] = String.fromCharCode(readBits(code === 0 ? 8 : 16));
      code = dictSize - 1;
      enlargeIn--;
    } else if (code === 2) {
      return { ok: true, text: result.join('') };
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    if (code < dictSize && dictionary[code] !== undefined && dictionary[code] !== '') {
      entry = dictionary[code];
    } else if (code === dictSize) {
      entry = w + w.charAt(0);
    } else {
      return { ok: false, reason: 'corrupt' };
    }
    outputChars += entry.length;
    if (outputChars > maxOutputChars) return { ok: false, reason: 'tooLarge' };
    result.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
