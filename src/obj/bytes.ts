// Little-endian byte buffers for the ELF and BTF writers and readers.
// ByteWriter grows as it is written; ByteReader checks every access against
// the bounds it was given and throws MalformedInput, which the readers catch
// at their entry point and turn into a diagnostic.

/** Thrown by ByteReader on an out-of-bounds read; never escapes src/obj. */
export class MalformedInput extends Error {}

export class ByteWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private length = 0;

  get sizeBytes(): number {
    return this.length;
  }

  private reserve(n: number): number {
    const at = this.length;
    const need = at + n;
    if (need > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < need) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.length = need;
    return at;
  }

  u8(v: number): void {
    const at = this.reserve(1);
    this.view.setUint8(at, v);
  }
  u16(v: number): void {
    const at = this.reserve(2);
    this.view.setUint16(at, v, true);
  }
  u32(v: number): void {
    const at = this.reserve(4);
    this.view.setUint32(at, v >>> 0, true);
  }
  i32(v: number): void {
    const at = this.reserve(4);
    this.view.setInt32(at, v, true);
  }
  /** A 64-bit unsigned value; numbers must be below 2^53. */
  u64(v: number | bigint): void {
    const at = this.reserve(8);
    this.view.setBigUint64(at, BigInt(v), true);
  }
  bytes(b: Uint8Array): void {
    const at = this.reserve(b.length);
    this.buf.set(b, at);
  }
  /** Pads with zero bytes up to a multiple of `alignBytes`. */
  align(alignBytes: number): void {
    while (alignBytes > 1 && this.length % alignBytes !== 0) this.u8(0);
  }
  patchU16(at: number, v: number): void {
    this.view.setUint16(at, v, true);
  }
  patchU32(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0, true);
  }
  patchU64(at: number, v: number): void {
    this.view.setBigUint64(at, BigInt(v), true);
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export class ByteReader {
  private readonly view: DataView;

  /** Reads `bytes`; `what` names the region in error messages (e.g. ".BTF"). */
  constructor(
    readonly bytes: Uint8Array,
    readonly what: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get sizeBytes(): number {
    return this.bytes.length;
  }

  private check(at: number, n: number): void {
    if (!Number.isInteger(at) || at < 0 || at + n > this.bytes.length) {
      throw new MalformedInput(
        `${this.what}: reading ${n} bytes at offset ${at} runs past its end (${this.bytes.length} bytes)`,
      );
    }
  }

  u8(at: number): number {
    this.check(at, 1);
    return this.view.getUint8(at);
  }
  u16(at: number): number {
    this.check(at, 2);
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    this.check(at, 4);
    return this.view.getUint32(at, true);
  }
  i32(at: number): number {
    this.check(at, 4);
    return this.view.getInt32(at, true);
  }
  /** A 64-bit value as a number; values above 2^53 are malformed here. */
  u64(at: number): number {
    this.check(at, 8);
    const v = this.view.getBigUint64(at, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new MalformedInput(`${this.what}: 64-bit value ${v} at offset ${at} is too large`);
    }
    return Number(v);
  }
  u64Big(at: number): bigint {
    this.check(at, 8);
    return this.view.getBigUint64(at, true);
  }
  slice(at: number, n: number): Uint8Array {
    this.check(at, n);
    return this.bytes.subarray(at, at + n);
  }
  /** A reader over [at, at + n), for a section inside the file. */
  sub(at: number, n: number, what: string): ByteReader {
    return new ByteReader(this.slice(at, n), what);
  }
  /** The NUL-terminated string at `at`, decoded as UTF-8. */
  cstring(at: number): string {
    this.check(at, 1);
    let end = at;
    while (end < this.bytes.length && this.bytes[end] !== 0) end++;
    if (end >= this.bytes.length) {
      throw new MalformedInput(`${this.what}: string at offset ${at} is not NUL-terminated`);
    }
    return new TextDecoder().decode(this.bytes.subarray(at, end));
  }
}

/**
 * A string table: NUL-terminated strings with "" at offset 0, each string
 * stored once (ELF .strtab/.shstrtab and the BTF string section share this shape).
 */
export class StringTable {
  private readonly offsets = new Map<string, number>();
  private readonly writer = new ByteWriter();

  constructor() {
    this.add('');
  }

  add(s: string): number {
    const found = this.offsets.get(s);
    if (found !== undefined) return found;
    const at = this.writer.sizeBytes;
    this.writer.bytes(new TextEncoder().encode(s));
    this.writer.u8(0);
    this.offsets.set(s, at);
    return at;
  }

  get sizeBytes(): number {
    return this.writer.sizeBytes;
  }

  finish(): Uint8Array {
    return this.writer.finish();
  }
}
