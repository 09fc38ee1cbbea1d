// Test tokens, built at run time so that no file holds a checksum-valid token.
// The layout is GitHub's (docs/token-formats.md); the random part comes from a seeded generator so
// every run is repeatable without storing a token.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(value, width) {
  let out = '';
  let rest = BigInt(value);
  while (rest > 0n) {
    out = ALPHABET[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  return out.padStart(width, '0');
}

/** A deterministic pseudo-random body of `length` base62 characters. */
export function body(seed, length) {
  let state = (seed * 2654435761) >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    out += ALPHABET[state % 62];
  }
  return out;
}

/** A checksum-valid classic-format token: prefix + 30 random + 6 CRC32/base62 check chars. */
export function classicToken(prefix = 'ghp', seed = 1) {
  const random = body(seed, prefix === 'ghr' ? 70 : 30);
  return `${prefix}_${random}${base62(crc32(random), 6)}`;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes) {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** A fine-grained token whose (undocumented) SHA-256/base32 check value is right. */
export function fineGrainedToken(seed = 1) {
  const head = `github_pat_${body(seed, 22)}_${body(seed + 1, 43)}`;
  const digest = createHash('sha256').update(head).digest();
  return `${head}${base32(digest.subarray(0, 5))}${body(seed + 2, 8)}`;
}

/** The same token with one character changed (so its check value no longer matches). */
export function mistype(token, index = 12) {
  const swap = token[index] === 'a' ? 'b' : 'a';
  return token.slice(0, index) + swap + token.slice(index + 1);
}
