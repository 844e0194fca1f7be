// Loops whose trip count is not a compile-time constant (test/kernel/idioms/bounded_loops.c) stay
// loops with a back edge: the kernel loads them, and each program returns what the C computes on
// packets built here. The expected values are worked out from the C (many_live by the same steps
// in 32-bit arithmetic below).
import { expect, it } from 'vitest';
import { findLoops } from '../../src/opt/loops.js';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const FILE = `${REPO_DIR}test/kernel/idioms/bounded_loops.c`;

/** A packet of at least 14 bytes (the test runner's minimum), starting with `head`. */
function packet(head: number[], length = Math.max(14, head.length)): Uint8Array {
  const p = new Uint8Array(length);
  p.set(head);
  return p;
}

const u32 = (v: number) => new Uint8Array(new Uint32Array([v]).buffer);

/** Ethernet + IPv6 header (next header `nh`) + extension headers, each [next, length in 8-byte units - 1] padded. */
function ipv6WithExtensions(nh: number, exts: { next: number; units: number }[], tail = 8): Uint8Array {
  const bytes: number[] = new Array(54).fill(0);
  bytes[12] = 0x86;
  bytes[13] = 0xdd;
  bytes[14] = 0x60;
  bytes[20] = nh;
  for (const e of exts) {
    const h = new Array((e.units + 1) * 8).fill(0);
    h[0] = e.next;
    h[1] = e.units;
    bytes.push(...h);
  }
  bytes.push(...new Array(tail).fill(0));
  return Uint8Array.from(bytes);
}

function manyLive(data: Uint8Array): number {
  let [a, b, c, d, e, f, g, h, p, q, r, s] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const n = data[0]! & 15;
  for (let i = 0; i < n; i++) {
    if (2 + i > data.length) break;
    const x = data[1 + i]!;
    a = (a + x) >>> 0;
    b = (b ^ (x << 1)) >>> 0;
    c = (c + x * 3) >>> 0;
    d = (Math.imul(d, 5) + x) >>> 0;
    e = (e + a) >>> 0;
    f = (f ^ b) >>> 0;
    g = (g + ((c ^ i) >>> 0)) >>> 0;
    h = (h + d + 1) >>> 0;
    p = (p + (e >>> 1)) >>> 0;
    q = (q ^ ((f + i) >>> 0)) >>> 0;
    r = (r + (g & 0xff)) >>> 0;
    s = ((s << 1) ^ h) >>> 0;
  }
  return (a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ p ^ q ^ r ^ s) >>> 0;
}

it('keeps the loops as loops, and the built-in verifier accepts them', () => {
  const out = compileFile(FILE);
  expect(out.ctx.diags.list).toEqual([]);
  const loops = out.ir!.functions.map((f) => [f.name, findLoops(f).length]);
  expect(loops).toEqual([['sum_bytes', 1], ['ipv6_ext', 1], ['long_sum', 1], ['nested_sum', 2], ['many_live', 1]]);
  // A back edge: a jump to an earlier instruction, in each program.
  for (const fn of out.object!.functions) expect(fn.insns.some((i) => (i.code & 0x07) === 0x05 || (i.code & 0x07) === 0x06 ? i.off < 0 : false)).toBe(true);
});

describeDual('loops bounded by packet data', () => compileFile(FILE), (obj) => {
  it('sums as many bytes as the first byte says, or up to the end of the packet', () => {
    expect(obj().run('sum_bytes', packet([3, 10, 20, 30, 40])).retval).toBe(60);
    expect(obj().run('sum_bytes', packet([0, 10, 20])).retval).toBe(0);
    // 31 bytes asked for, 19 there after the first: 19 * 7.
    expect(obj().run('sum_bytes', packet([0xff, ...new Array(19).fill(7)])).retval).toBe(19 * 7);
    // 0x25 & 31 = 5 bytes: 1 + 2 + 3 + 4 + 5.
    expect(obj().run('sum_bytes', packet([0x25, 1, 2, 3, 4, 5, 6, 7])).retval).toBe(15);
  });

  it('walks IPv6 extension headers up to the limit in the map', () => {
    obj().update('ext_limit', u32(0), u32(4));
    // Hop-by-hop (8 bytes) -> routing (24 bytes) -> UDP: offset 54 + 8 + 24 = 86, next header 17.
    const three = ipv6WithExtensions(0, [{ next: 43, units: 0 }, { next: 17, units: 2 }]);
    expect(obj().run('ipv6_ext', three).retval).toBe((86 << 8) | 17);
    // No extension header: TCP right after the IPv6 header.
    expect(obj().run('ipv6_ext', ipv6WithExtensions(6, [])).retval).toBe((54 << 8) | 6);
    // Five destination-options headers, but the limit is 4: stops at the fifth, offset 54 + 4 * 16.
    const five = ipv6WithExtensions(60, [1, 2, 3, 4, 5].map(() => ({ next: 60, units: 1 })));
    expect(obj().run('ipv6_ext', five).retval).toBe(((54 + 64) << 8) | 60);
    obj().update('ext_limit', u32(0), u32(0x12)); // & 15: 2
    expect(obj().run('ipv6_ext', five).retval).toBe(((54 + 32) << 8) | 60);
    // A header that runs past the end of the packet.
    obj().update('ext_limit', u32(0), u32(15));
    const cut = ipv6WithExtensions(0, [{ next: 0, units: 0 }], 0);
    expect(obj().run('ipv6_ext', cut).retval).toBe(2);
  });

  it('runs a constant loop of 20,000 iterations that is not unrolled', () => {
    // data[0] + (0 + 1 + ... + 19999) = data[0] + 199990000.
    expect(obj().run('long_sum', packet([5])).retval).toBe(199990005);
  });

  it('runs a loop bounded by packet data inside a constant loop of 100 iterations', () => {
    // The sum over j < 100 and i < n of i + j is 100 * n(n - 1) / 2 + n * (0 + 1 + ... + 99).
    const expected = (n: number) => 50 * n * (n - 1) + 4950 * n;
    expect(obj().run('nested_sum', packet([3])).retval).toBe(expected(3)); // 15150
    expect(obj().run('nested_sum', packet([0xff])).retval).toBe(expected(7)); // 36750
    expect(obj().run('nested_sum', packet([8])).retval).toBe(0);
  });

  it('keeps twelve values across the back edge, spilled where registers run out', () => {
    for (const p of [packet([4, 1, 2, 3, 4]), packet([15, 200, 100, 50, 25, 12, 6, 3, 1, 255, 128, 64, 32]), packet([0x0b, 9, 8, 7]), packet([0])]) {
      expect(obj().run('many_live', p).retval).toBe(manyLive(p));
    }
  });
});
