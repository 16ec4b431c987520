import type { ValueOperator } from '../registry.js';

/**
 * `BinaryEquals` compares bytes; the policy value is base-64 (IAM User Guide, "Condition operators",
 * Binary condition operators). Request values reach the core as text, so they are base-64 too; both
 * sides are decoded and compared byte for byte. Invalid base-64 matches nothing. No policy variables.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes standard base-64 (padding optional) to a string of byte values; undefined when invalid. */
export function decodeBase64(text: string): string | undefined {
  let end = text.length;
  while (end > 0 && text.length - end < 2 && text[end - 1] === '=') end--;
  if (end < text.length && text.length % 4 !== 0) return undefined;
  if (end % 4 === 1) return undefined;
  let bytes = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const sextet = ALPHABET.indexOf(text[i]!);
    if (sextet < 0) return undefined;
    acc = ((acc << 6) | sextet) & 0x3fff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return bytes;
}

/** `BinaryEquals`. */
export const BINARY_EQUALS: ValueOperator<string> = {
  variables: false,
  request: decodeBase64,
  policy: (t) => {
    const want = decodeBase64(t.source);
    return want === undefined ? () => false : (request) => request === want;
  },
};
