// What ebcc run prints and reads: map bytes from the command line, routes, verdict names, the
// hex dump's change marks (also when the program moved the packet's head), map change lines.
import { describe, expect, it } from 'vitest';
import { hexDump, mapChanges, parseFibRoutes, parseHex, parseMapBytes, verdictName } from '../../src/run/format.js';
import type { MapDump } from '../../src/run/session.js';

describe('ebcc run input and output formats', () => {
  it('reads map bytes as hex of exactly the size, or as a little-endian number', () => {
    expect(parseMapBytes('0a000000', 4)).toEqual(Uint8Array.of(10, 0, 0, 0));
    expect(parseMapBytes('10', 4)).toEqual(Uint8Array.of(10, 0, 0, 0));
    expect(parseMapBytes('0x1234', 4)).toEqual(Uint8Array.of(0x34, 0x12, 0, 0));
    expect(parseMapBytes('10', 1)).toEqual(Uint8Array.of(0x10)); // 2 digits for 1 byte: hex bytes
    expect(parseMapBytes('4294967296', 4)).toBeUndefined(); // does not fit
    expect(parseMapBytes('0a0000', 4)).toBeUndefined();
    expect(parseHex('45 00:00-1c')).toEqual(Uint8Array.of(0x45, 0, 0, 0x1c));
    expect(parseHex('450')).toBeUndefined();
  });

  it('reads routes for bpf_fib_lookup, IPv4 and IPv6', () => {
    const r = parseFibRoutes([
      { dst: '10.1.0.0/16', ifindex: 2, smac: '02:00:00:00:00:01', dmac: '020000000002' },
      { dst: 'fc00::1:0/112', ifindex: 3, smac: '02:00:00:00:00:01', dmac: '02:00:00:00:00:03' },
    ]);
    expect(r).toEqual([
      { family: 4, prefix: Uint8Array.of(10, 1, 0, 0), prefixLen: 16, ifindex: 2, smac: Uint8Array.of(2, 0, 0, 0, 0, 1), dmac: Uint8Array.of(2, 0, 0, 0, 0, 2) },
      { family: 6, prefix: Uint8Array.of(0xfc, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0), prefixLen: 112, ifindex: 3,
        smac: Uint8Array.of(2, 0, 0, 0, 0, 1), dmac: Uint8Array.of(2, 0, 0, 0, 0, 3) },
    ]);
    expect(parseFibRoutes([{ dst: '10.1.0.0/33', ifindex: 2, smac: '02:00:00:00:00:01', dmac: '02:00:00:00:00:02' }])).toMatch(/^bad route/);
    expect(parseFibRoutes({})).toBe('expected a list of routes');
  });

  it('names return values by program type', () => {
    expect(verdictName('xdp', 3)).toBe('XDP_TX (3)');
    expect(verdictName('sched_cls', 0xffffffff)).toBe('TC_ACT_UNSPEC (-1)');
    expect(verdictName('socket_filter', 0)).toBe('0 (drop the packet)');
    expect(verdictName('socket_filter', 60)).toBe('60 (keep 60 bytes)');
    expect(verdictName('xdp', 9)).toBe('9');
  });

  it('marks changed bytes relative to where the input byte was, also after the head grew', () => {
    const input = Uint8Array.of(0xaa, 0xbb, 0xcc);
    // Two new bytes in front (shift -2), then the input with its last byte changed.
    const out = Uint8Array.of(1, 2, 0xaa, 0xbb, 0xcd);
    expect(hexDump(out, input, -2)).toBe(
      '    0000  01 02 aa bb cd                                    |.....|\n' +
      '          ^^ ^^       ^^',
    );
    expect(hexDump(out, input, -2, { color: true })).toBe(
      '    0000  \x1b[7m01\x1b[0m \x1b[7m02\x1b[0m aa bb \x1b[7mcd\x1b[0m                                    |.....|',
    );
  });

  it('lists added, changed and deleted map entries', () => {
    const dump = (entries: [string, string][]): MapDump[] => [{
      name: 'm', type: 'hash', keySize: 1, valueSize: 1,
      entries: entries.map(([k, v]) => ({ key: parseHex(k)!, value: parseHex(v)! })),
    }];
    expect(mapChanges(dump([['01', '0a'], ['02', '0b']]), dump([['02', '0c'], ['03', '0d']]))).toEqual([
      '    m[02]: 0b -> 0c',
      '    m[03]: added 0d',
      '    m[01]: deleted (was 0a)',
    ]);
  });
});
