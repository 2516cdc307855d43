/**
 * Text carried inside a link: deflated and base64url-encoded (decks, notebooks). Decoding never
 * throws and stops at a size cap, so a tampered link cannot inflate into gigabytes.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

const toBase64Url = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (text: string): Uint8Array => {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};

/** `text` in the compact form a link carries (deflate, then base64url). */
export function packText(text: string): string {
  return toBase64Url(deflateSync(strToU8(text), { level: 9 }));
}

/** The text of `packText`'s output, or null when it is damaged or inflates past `maxBytes`. */
export function unpackText(data: string, maxBytes: number): string | null {
  try {
    const out = inflateSync(fromBase64Url(data), { out: new Uint8Array(maxBytes) });
    return strFromU8(out);
  } catch {
    return null;
  }
}
