import { utf8 } from './ports.ts';

const encoder = new TextEncoder();

/**
 * Canonical JSON (JCS) text written straight to UTF-8 bytes in a reused buffer, which is handed to
 * a sink (an incremental SHA-256) whenever it fills. The bytes are exactly UTF-8(JSON.stringify(…))
 * for the strings, booleans and nulls written, so a snapshot's hash does not depend on which writer
 * made it (tests compare both). Building a million small strings and encoding each cost more.
 *
 * The writers are plain functions over (buffer, position) returning the new position; the caller
 * makes room first (a UTF-16 code unit takes at most 6 bytes: \uXXXX).
 */
export class JsonBytes {
  readonly buffer: Uint8Array;
  used = 0;

  constructor(
    private readonly sink: (bytes: Uint8Array) => void,
    size = 1 << 20,
  ) {
    this.buffer = new Uint8Array(size);
  }

  /** Makes room for `bytes` more, flushing first if need be; false when even an empty buffer is too small. */
  private room(bytes: number): boolean {
    if (this.used + bytes <= this.buffer.length) return true;
    this.flush();
    return bytes <= this.buffer.length;
  }

  /** Bytes as they are, whatever their length. */
  write(bytes: Uint8Array): void {
    if (this.room(bytes.length)) {
      this.buffer.set(bytes, this.used);
      this.used += bytes.length;
    } else this.sink(bytes);
  }

  /**
   * Text as UTF-8. The text must be well-formed (no lone surrogates), as JSON.stringify's output
   * is: TextEncoder would write U+FFFD for one.
   */
  text(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (this.room(text.length * 3)) this.used += encoder.encodeInto(text, this.buffer.subarray(this.used)).written;
    else this.sink(utf8(text));
  }

  /** Hands what is buffered to the sink, which must use the bytes before it returns (they are reused). */
  flush(): void {
    if (this.used > 0) this.sink(this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}

const NULL = utf8('null');

/** Short byte runs (a few keys, punctuation): below ~12 bytes a loop costs less than TypedArray#set. */
export function putBytes(b: Uint8Array, p: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) b[p++] = bytes[i]!;
  return p;
}

/** A JSON string literal as JSON.stringify writes it, UTF-8 encoded; null as `null`. */
export function putString(b: Uint8Array, p: number, value: string | null): number {
  if (value === null) return putBytes(b, p, NULL);
  b[p++] = 0x22;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c) b[p++] = c;
      else p = escape(b, p, c);
    } else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        b[p++] = 0xf0 | (cp >> 18);
        b[p++] = 0x80 | ((cp >> 12) & 0x3f);
        b[p++] = 0x80 | ((cp >> 6) & 0x3f);
        b[p++] = 0x80 | (cp & 0x3f);
        i++;
      } else p = escape(b, p, c); // a lone surrogate: well-formed JSON.stringify writes \udXXX
    } else {
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 0x3f);
      b[p++] = 0x80 | (c & 0x3f);
    }
  }
  b[p++] = 0x22;
  return p;
}

const HEX = '0123456789abcdef';
// JSON.stringify's short escapes; everything else below 0x20, and lone surrogates, as \u00XX / \udXXX.
const SHORT: Readonly<Record<number, number>> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72, 0x22: 0x22, 0x5c: 0x5c };

function escape(b: Uint8Array, p: number, c: number): number {
  b[p++] = 0x5c;
  const short = SHORT[c];
  if (short !== undefined) {
    b[p++] = short;
    return p;
  }
  b[p++] = 0x75;
  b[p++] = HEX.charCodeAt((c >> 12) & 0xf);
  b[p++] = HEX.charCodeAt((c >> 8) & 0xf);
  b[p++] = HEX.charCodeAt((c >> 4) & 0xf);
  b[p++] = HEX.charCodeAt(c & 0xf);
  return p;
}
