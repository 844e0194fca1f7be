// samples/xdp_count.c in the kernel and in ebcc run: both programs load, and a table of packets
// gives the verdicts and map counters the C source says (test/run/dual.ts runs the table on both
// back ends and compares them). Expected values are written from the C semantics, not from
// ebcc's output.
import { expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { readU64LE, u32LE } from './harness.js';
import { eth, ipv4, ipv6, udp, concat, ETH_P_IP, ETH_P_IPV6, ETH_P_ARP } from './packets.js';

const XDP_DROP = 1;
const XDP_PASS = 2;

describeDual('samples/xdp_count.c', () => compileFile(`${REPO_DIR}/samples/xdp_count.c`), (obj) => {
  const count = (map: string, key: number): bigint => {
    const e = obj().lookup(map, u32LE(key));
    return e ? readU64LE(e.value) : 0n;
  };
  const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
  const run = (pkt: Uint8Array, ctxIn?: Uint8Array) => obj().run('xdp_count', pkt, { ctxIn }).retval;

  it('loads both programs', () => {
    expect(obj().session.programNames().sort()).toEqual(['xdp_count', 'xdp_count_all']);
    if (obj().kernel) {
      expect(obj().kernel!.progs.map((p) => p.name).sort()).toEqual(['xdp_count', 'xdp_count_all']);
      expect(obj().kernel!.progs.every((p) => p.type === 'xdp')).toBe(true);
    }
  });

  it('drops IPv4 with TTL 1 and counts it', () => {
    const pkt = concat(eth({ ...mac, type: ETH_P_IP }), ipv4({ src: '10.0.0.1', dst: '10.0.0.2', ttl: 1, payload: udp({ sport: 1, dport: 2 }) }));
    expect(run(pkt)).toBe(XDP_DROP);
    expect(count('drop_stats', 1)).toBe(1n);
    expect(count('ethertype_count', ETH_P_IP)).toBe(1n);
  });

  it('passes IPv4 with TTL 64', () => {
    const pkt = concat(eth({ ...mac, type: ETH_P_IP }), ipv4({ src: '10.0.0.1', dst: '10.0.0.2', ttl: 64, payload: udp({ sport: 1, dport: 2 }) }));
    expect(run(pkt)).toBe(XDP_PASS);
    expect(run(pkt)).toBe(XDP_PASS);
    expect(count('drop_stats', 1)).toBe(1n);
    expect(count('ethertype_count', ETH_P_IP)).toBe(3n);
  });

  it('passes IPv6 and ARP and counts them by EtherType', () => {
    const v6 = concat(eth({ ...mac, type: ETH_P_IPV6 }), ipv6({ src: 'fc00::1', dst: 'fc00::2', hopLimit: 1, payload: udp({ sport: 1, dport: 2 }) }));
    expect(run(v6)).toBe(XDP_PASS);
    const arp = concat(eth({ ...mac, type: ETH_P_ARP }), new Uint8Array(28));
    expect(run(arp)).toBe(XDP_PASS);
    expect(run(arp)).toBe(XDP_PASS);
    expect(count('ethertype_count', ETH_P_IPV6)).toBe(1n);
    expect(count('ethertype_count', ETH_P_ARP)).toBe(2n);
  });

  it('a packet shorter than an Ethernet header cannot reach the program in a test run; a bare header passes', () => {
    // BPF_PROG_TEST_RUN refuses XDP input whose packet part is under 14 bytes (here: 14 bytes
    // with xdp_md.data = 4, so 4 bytes of metadata and a 10-byte packet), and ebcc run says it
    // would. test/run/samples-short.test.ts runs the short-packet branch in ebcc run.
    const ctx = new Uint8Array(24);
    new DataView(ctx.buffer).setUint32(0, 4, true);
    new DataView(ctx.buffer).setUint32(4, 14, true);
    expect(() => run(new Uint8Array(14), ctx)).toThrow(/Invalid argument/);
    expect(count('drop_stats', 0)).toBe(0n);
    // Exactly an Ethernet header (EtherType 0x88cc, LLDP): passes and is counted.
    const header = eth({ ...mac, type: 0x88cc });
    expect(header.length).toBe(14);
    expect(run(header)).toBe(XDP_PASS);
    expect(count('ethertype_count', 0x88cc)).toBe(1n);
  });

  it('the second program counts every packet under 0xffff', () => {
    const pkt = concat(eth({ ...mac, type: ETH_P_IP }), new Uint8Array(20));
    expect(obj().run('xdp_count_all', pkt).retval).toBe(XDP_PASS);
    expect(obj().run('xdp_count_all', new Uint8Array(60)).retval).toBe(XDP_PASS);
    expect(count('ethertype_count', 0xffff)).toBe(2n);
  });
});
