// samples/xdp_firewall.c in the kernel and in ebcc run (test/run/dual.ts): blocked source prefixes are put in the LPM trie from the
// test, then a table of packets gives the verdicts, the per-rule hit counters and the per-verdict
// counters that the C source says. Expected values are written from the C, not from ebcc's output.
import { beforeEach, expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../../util/compile.js';
import { describeDual } from '../../run/dual.js';
import { readU64LE, u32LE, u64LE } from '../harness.js';
import { concat, eth, hex, ipv4, ipv6, parseIpv4, tcp, udp, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6 } from '../packets.js';

const XDP_DROP = 1;
const XDP_PASS = 2;

const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };

/** struct ipv4_lpm_key: prefix length (host order), then the address in network order. */
const lpmKey = (prefix: string, prefixLen: number): Uint8Array => concat(u32LE(prefixLen), parseIpv4(prefix));

const RULES: Array<[string, number]> = [['10.1.0.0', 16], ['10.1.2.3', 32], ['192.0.2.128', 25]];

describeDual('samples/xdp_firewall.c', () => compileFile(`${REPO_DIR}/samples/xdp_firewall.c`), (obj) => {
  beforeEach(() => {
    for (const [prefix, len] of RULES) obj().update('blocked_sources', lpmKey(prefix, len), u64LE(0));
    for (let action = 0; action <= 4; action++) obj().update('verdicts', u32LE(action), u64LE(0));
  });

  const run = (pkt: Uint8Array) => obj().run('xdp_firewall', pkt).retval;
  const fromSrc = (src: string) => eth({ ...mac, type: ETH_P_IP,
    payload: ipv4({ src, dst: '10.9.9.9', payload: udp({ sport: 1000, dport: 2000 }) }) });
  /** rule hits by "prefix/len", read from a dump of the trie */
  const hits = (): Record<string, bigint> => Object.fromEntries(obj().dump('blocked_sources').map((e) =>
    [`${[...e.key.subarray(4)].join('.')}/${new DataView(e.key.buffer, e.key.byteOffset).getUint32(0, true)}`, readU64LE(e.value)]));
  const verdict = (action: number): bigint => readU64LE(obj().lookup('verdicts', u32LE(action))!.value);

  it('declares an LPM trie (the kernel creates one only with BPF_F_NO_PREALLOC) and 5 verdict counters', () => {
    const trie = obj().mapInfo('blocked_sources');
    expect([trie.type, trie.keySizeBytes, trie.valueSizeBytes, trie.maxEntries]).toEqual(['lpm_trie', 8, 8, 1024]);
    const counters = obj().mapInfo('verdicts');
    expect([counters.type, counters.keySizeBytes, counters.valueSizeBytes, counters.maxEntries]).toEqual(['array', 4, 8, 5]);
  });

  it('a source inside a blocked prefix is dropped and counted on the longest matching rule', () => {
    expect(run(fromSrc('10.1.200.9'))).toBe(XDP_DROP);
    expect(run(fromSrc('10.1.2.3'))).toBe(XDP_DROP); // matches /16 and /32: the /32 wins
    expect(run(fromSrc('10.1.2.3'))).toBe(XDP_DROP);
    expect(run(fromSrc('192.0.2.200'))).toBe(XDP_DROP);
    expect(hits()).toEqual({ '10.1.0.0/16': 1n, '10.1.2.3/32': 2n, '192.0.2.128/25': 1n });
    expect(verdict(XDP_DROP)).toBe(4n);
    expect(verdict(XDP_PASS)).toBe(0n);
  });

  it('a source outside every prefix passes', () => {
    expect(run(fromSrc('10.2.0.1'))).toBe(XDP_PASS);
    expect(run(fromSrc('10.0.255.255'))).toBe(XDP_PASS);
    expect(run(fromSrc('192.0.2.127'))).toBe(XDP_PASS); // just below 192.0.2.128/25
    expect(run(eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '8.8.8.8', dst: '10.1.2.3', payload: tcp({ sport: 1, dport: 2 }) }) })))
      .toBe(XDP_PASS); // only the source address is matched
    expect(hits()).toEqual({ '10.1.0.0/16': 0n, '10.1.2.3/32': 0n, '192.0.2.128/25': 0n });
    expect(verdict(XDP_PASS)).toBe(4n);
    expect(verdict(XDP_DROP)).toBe(0n);
  });

  it('non-IPv4 passes; a truncated IPv4 header is dropped', () => {
    expect(run(eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', payload: udp({ sport: 1, dport: 2 }) }) })))
      .toBe(XDP_PASS);
    expect(run(eth({ ...mac, type: ETH_P_ARP, payload: new Uint8Array(28) }))).toBe(XDP_PASS);
    const pkt = fromSrc('10.1.2.3');
    expect(hex(pkt.subarray(26, 30))).toBe('0a010203'); // the source address sits at 14 + 12
    expect(run(pkt.subarray(0, 14 + 19))).toBe(XDP_DROP);
    expect(verdict(XDP_PASS)).toBe(2n);
    expect(verdict(XDP_DROP)).toBe(1n);
    expect(hits()['10.1.2.3/32']).toBe(0n);
  });
});
