// samples/l4lb.c in the kernel and in ebcc run (test/run/dual.ts): the maps are filled from the test, then a table of packets gives
// the verdicts, the encapsulated output bytes and the per-VIP counters that the C source says.
// The expected real for a flow comes from a TypeScript model of the sample's flow key and hash
// (flowKey / hashWords below), written from the C, never from ebcc's output.
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../../util/compile.js';
import { describeDual } from '../../run/dual.js';
import { readU64LE, u32LE } from '../harness.js';
import {
  concat, eth, icmp, icmpv6, internetChecksum, ipv4, ipv6, parseIpv4, parseIpv6, parseMac, tcp, text, udp,
  readBe16, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6, IPPROTO_GRE, IPPROTO_IPIP, IPPROTO_IPV6, IPPROTO_TCP, IPPROTO_UDP,
} from '../packets.js';

const XDP_DROP = 1;
const XDP_PASS = 2;
const XDP_TX = 3;

// From samples/l4lb.c.
const RING_SIZE = 16;
const MAX_VIPS = 16;
const F_HASH_NO_SRC_PORT = 1;
const F_REAL_IPV6 = 1;
const TUNNEL_TTL = 64;

const LB_MAC = '02:00:00:00:0b:01';
const ROUTER_MAC = '02:00:00:00:00:01';
const GW_MAC = '02:00:00:00:00:99';
const TUNNEL_SRC_V4 = '172.16.0.1';
const TUNNEL_SRC_V6 = 'fc00:1::1';
const CLIENT_V4 = '198.51.100.7';
const CLIENT_V6 = 'fc00:3::5';

interface VipDef { addr: string; port: number; proto: number; flags: number; vipNum: number; firstReal: number; realCount: number }
const VIP_TCP80: VipDef = { addr: '10.0.0.10', port: 80, proto: IPPROTO_TCP, flags: 0, vipNum: 0, firstReal: 0, realCount: 8 };
const VIP_UDP53: VipDef = { addr: '10.0.0.10', port: 53, proto: IPPROTO_UDP, flags: F_HASH_NO_SRC_PORT, vipNum: 1, firstReal: 0, realCount: 8 };
const VIP_V6_TCP80: VipDef = { addr: 'fc00::10', port: 80, proto: IPPROTO_TCP, flags: 0, vipNum: 2, firstReal: 8, realCount: 4 };
/** every TCP port of 10.0.0.20; its reals are reached over IPv6 */
const VIP_ANY_PORT: VipDef = { addr: '10.0.0.20', port: 0, proto: IPPROTO_TCP, flags: 0, vipNum: 3, firstReal: 8, realCount: 4 };
const VIPS = [VIP_TCP80, VIP_UDP53, VIP_V6_TCP80, VIP_ANY_PORT];

/** reals 0..7 are IPv4 192.168.1.(i+1); reals 8..11 are IPv6 fc00:2::(i) */
function realAddress(index: number): string {
  return index < 8 ? `192.168.1.${index + 1}` : `fc00:2::${index.toString(16)}`;
}

/** The ring slot `slot` of a VIP names real firstReal + slot % realCount. */
function ringReal(vip: VipDef, slot: number): number {
  return vip.firstReal + (slot % vip.realCount);
}

// ---- model of the sample's flow key and hash ----

function addr16(a: string): Uint8Array {
  const out = new Uint8Array(16);
  out.set(a.includes(':') ? parseIpv6(a) : parseIpv4(a));
  return out;
}

/** struct flow_key: src[16] dst[16] sport(be16) dport(be16) proto pad[3]. */
function flowKey(src: string, dst: string, sport: number, dport: number, proto: number): Uint8Array {
  const key = new Uint8Array(40);
  key.set(addr16(src), 0);
  key.set(addr16(dst), 16);
  key.set([sport >> 8, sport & 0xff, dport >> 8, dport & 0xff, proto], 32);
  return key;
}

const rotl32 = (w: number, s: number): number => ((w << s) | (w >>> (32 - s))) >>> 0;

function hashRound(v: [number, number, number]): void {
  let [a, b, c] = v;
  a = (a + b) >>> 0; c = rotl32((c ^ a) >>> 0, 16);
  b = (b + c) >>> 0; a = rotl32((a ^ b) >>> 0, 12);
  c = (c + a) >>> 0; b = rotl32((b ^ c) >>> 0, 8);
  a = (a + b) >>> 0; c = rotl32((c ^ a) >>> 0, 7);
  v[0] = a; v[1] = b; v[2] = c;
}

/** hash_words(key, length, initval): words are host-order (little-endian) loads. */
function hashWords(key: Uint8Array, initval: number): number {
  const dv = new DataView(key.buffer, key.byteOffset, key.byteLength);
  const word = (i: number): number => dv.getUint32(i * 4, true);
  let length = key.length;
  const start = (0x9e3779b9 + length + initval) >>> 0;
  const v: [number, number, number] = [start, start, start];
  let k = 0;
  while (length > 12) {
    v[0] = (v[0] + word(k)) >>> 0;
    v[1] = (v[1] + word(k + 1)) >>> 0;
    v[2] = (v[2] + word(k + 2)) >>> 0;
    hashRound(v);
    length -= 12;
    k += 3;
  }
  const left = length >> 2;
  if (left >= 3) v[2] = (v[2] + word(k + 2)) >>> 0;
  if (left >= 2) v[1] = (v[1] + word(k + 1)) >>> 0;
  if (left >= 1) {
    v[0] = (v[0] + word(k)) >>> 0;
    hashRound(v);
    hashRound(v);
  }
  return (v[2] ^ v[0]) >>> 0;
}

/** The real the sample picks for a client flow to `vip` (sport already zeroed by the caller if needed). */
function expectedReal(vip: VipDef, client: string, sport: number, dport: number): number {
  const key = flowKey(client, vip.addr, sport, dport, vip.proto);
  return ringReal(vip, hashWords(key, MAX_VIPS) % RING_SIZE);
}

// ---- map encodings ----

function vipKey(addr: string, port: number, proto: number): Uint8Array {
  const key = new Uint8Array(20);
  key.set(addr16(addr), 0);
  key.set([port >> 8, port & 0xff, proto], 16);
  return key;
}

function realValue(index: number): Uint8Array {
  return concat(addr16(realAddress(index)), u32LE(index >= 8 ? F_REAL_IPV6 : 0));
}

const STATS_ZERO = new Uint8Array(16);

describeDual('samples/l4lb.c', () => compileFile(`${REPO_DIR}/samples/l4lb.c`), (obj) => {
  beforeAll(() => {
    for (const vip of VIPS) {
      obj().update('vip_map', vipKey(vip.addr, vip.port, vip.proto), concat(u32LE(vip.flags), u32LE(vip.vipNum)));
      for (let slot = 0; slot < RING_SIZE; slot++) {
        obj().update('ch_rings', u32LE(vip.vipNum * RING_SIZE + slot), u32LE(ringReal(vip, slot)));
      }
    }
    for (let i = 0; i < 12; i++) obj().update('reals', u32LE(i), realValue(i));
    obj().update('lb_config', u32LE(0),
      concat(parseMac(GW_MAC), new Uint8Array(2), parseIpv4(TUNNEL_SRC_V4), parseIpv6(TUNNEL_SRC_V6)));
  }, 120_000);
  beforeEach(() => {
    for (const vip of VIPS) obj().update('vip_stats', u32LE(vip.vipNum), STATS_ZERO);
  });

  const run = (pkt: Uint8Array) => obj().run('balancer_ingress', pkt);
  /** packets and bytes of a VIP, summed over CPUs */
  const stats = (vip: VipDef): { packets: bigint; bytes: bigint } => {
    const e = obj().lookup('vip_stats', u32LE(vip.vipNum))!;
    const values = e.perCpu ?? [e.value];
    return {
      packets: values.reduce((s, v) => s + readU64LE(v, 0), 0n),
      bytes: values.reduce((s, v) => s + readU64LE(v, 8), 0n),
    };
  };
  const v4 = (payload: Uint8Array) => eth({ dst: LB_MAC, src: ROUTER_MAC, type: ETH_P_IP, payload });
  const v6 = (payload: Uint8Array) => eth({ dst: LB_MAC, src: ROUTER_MAC, type: ETH_P_IPV6, payload });
  const tcpTo = (vip: VipDef, sport: number, dport = vip.port) =>
    v4(ipv4({ src: CLIENT_V4, dst: vip.addr, payload: tcp({ sport, dport, flags: 'S', payload: text('hello') }) }));

  /** The outer Ethernet header the sample writes: to the gateway, from the LB's own MAC. */
  const expectOuterEth = (out: Uint8Array, type: number) => {
    expect(out.subarray(0, 6)).toEqual(parseMac(GW_MAC));
    expect(out.subarray(6, 12)).toEqual(parseMac(LB_MAC));
    expect(readBe16(out, 12)).toBe(type);
  };
  /** Checks an IPv4-in-IPv4 (or 6in4) packet and returns the outer destination. */
  const expectOuterV4 = (out: Uint8Array, input: Uint8Array, protocol: number): string => {
    expect(out.length).toBe(input.length + 20);
    expectOuterEth(out, ETH_P_IP);
    const outer = out.subarray(14, 34);
    expect(outer[0]).toBe(0x45); // version 4, ihl 5
    expect(outer[1]).toBe(0); // tos
    expect(readBe16(outer, 2)).toBe(input.length - 14 + 20); // tot_len
    expect(readBe16(outer, 4)).toBe(0); // id
    expect(readBe16(outer, 6)).toBe(0); // no fragment bits
    expect(outer[8]).toBe(TUNNEL_TTL);
    expect(outer[9]).toBe(protocol);
    expect(internetChecksum(outer)).toBe(0); // the header checksum is valid
    expect(outer.subarray(12, 16)).toEqual(parseIpv4(TUNNEL_SRC_V4));
    expect(out.subarray(34)).toEqual(input.subarray(14)); // the inner packet is untouched
    return [...outer.subarray(16, 20)].join('.');
  };
  /** Checks an IPv6-in-IPv6 (or 4in6) packet and returns the outer destination's 16 bytes. */
  const expectOuterV6 = (out: Uint8Array, input: Uint8Array, nextHeader: number): Uint8Array => {
    expect(out.length).toBe(input.length + 40);
    expectOuterEth(out, ETH_P_IPV6);
    const outer = out.subarray(14, 54);
    expect([...outer.subarray(0, 4)]).toEqual([0x60, 0, 0, 0]); // version 6, no class, no label
    expect(readBe16(outer, 4)).toBe(input.length - 14); // payload_len
    expect(outer[6]).toBe(nextHeader);
    expect(outer[7]).toBe(TUNNEL_TTL);
    expect(outer.subarray(8, 24)).toEqual(parseIpv6(TUNNEL_SRC_V6));
    expect(out.subarray(54)).toEqual(input.subarray(14));
    return outer.subarray(24, 40);
  };

  it('loads one XDP program and five maps', () => {
    expect(obj().session.programNames()).toEqual(['balancer_ingress']);
    expect(obj().session.progType).toBe('xdp');
    if (obj().kernel) expect(obj().kernel!.progs.map((p) => [p.name, p.type])).toEqual([['balancer_ingress', 'xdp']]);
    const maps = [
      ['ch_rings', 'array'], ['lb_config', 'array'], ['reals', 'array'], ['vip_map', 'hash'], ['vip_stats', 'percpu_array'],
    ];
    expect(obj().session.maps.map((m) => [m.name, m.typeName]).sort()).toEqual(maps);
    if (obj().kernel) expect(obj().kernel!.maps.map((m) => [m.name, m.type]).sort()).toEqual(maps);
  });

  it('IPv4 TCP to a VIP: IPIP to the hashed real, XDP_TX, counted', () => {
    const pkt = tcpTo(VIP_TCP80, 31337);
    const res = run(pkt);
    expect(res.retval).toBe(XDP_TX);
    const real = expectedReal(VIP_TCP80, CLIENT_V4, 31337, 80);
    expect(expectOuterV4(res.dataOut, pkt, IPPROTO_IPIP)).toBe(realAddress(real));
    expect(stats(VIP_TCP80)).toEqual({ packets: 1n, bytes: BigInt(pkt.length) });
    expect(stats(VIP_UDP53)).toEqual({ packets: 0n, bytes: 0n });
  });

  it('TCP hashes the source port: two ports that the model spreads go to different reals', () => {
    const ports = [1000, 1001, 1002, 1003, 1004, 1005];
    const reals = ports.map((p) => expectedReal(VIP_TCP80, CLIENT_V4, p, 80));
    expect(new Set(reals).size).toBeGreaterThan(1); // the model itself spreads these flows
    for (const [i, sport] of ports.entries()) {
      const pkt = tcpTo(VIP_TCP80, sport);
      const res = run(pkt);
      expect(res.retval).toBe(XDP_TX);
      expect(expectOuterV4(res.dataOut, pkt, IPPROTO_IPIP)).toBe(realAddress(reals[i]!));
    }
    expect(stats(VIP_TCP80).packets).toBe(BigInt(ports.length));
  });

  it('UDP to a VIP flagged F_HASH_NO_SRC_PORT: every source port goes to the same real', () => {
    const ports = [1000, 2000, 3000, 4000];
    // With the source port hashed these flows would be spread; the flag hashes them with port 0.
    expect(new Set(ports.map((p) => expectedReal(VIP_UDP53, CLIENT_V4, p, 53))).size).toBeGreaterThan(1);
    const real = expectedReal(VIP_UDP53, CLIENT_V4, 0, 53);
    let bytes = 0;
    for (const sport of ports) {
      const pkt = v4(ipv4({ src: CLIENT_V4, dst: VIP_UDP53.addr, payload: udp({ sport, dport: 53, payload: text('query') }) }));
      bytes += pkt.length;
      const res = run(pkt);
      expect(res.retval).toBe(XDP_TX);
      expect(expectOuterV4(res.dataOut, pkt, IPPROTO_IPIP)).toBe(realAddress(real));
    }
    expect(stats(VIP_UDP53)).toEqual({ packets: BigInt(ports.length), bytes: BigInt(bytes) });
  });

  it('IPv6 TCP to a v6 VIP: IPv6-in-IPv6 (next header 41) to a v6 real', () => {
    const pkt = v6(ipv6({ src: CLIENT_V6, dst: VIP_V6_TCP80.addr, payload: tcp({ sport: 40000, dport: 80, flags: 'S' }) }));
    const res = run(pkt);
    expect(res.retval).toBe(XDP_TX);
    const real = expectedReal(VIP_V6_TCP80, CLIENT_V6, 40000, 80);
    expect(expectOuterV6(res.dataOut, pkt, IPPROTO_IPV6)).toEqual(parseIpv6(realAddress(real)));
    expect(stats(VIP_V6_TCP80)).toEqual({ packets: 1n, bytes: BigInt(pkt.length) });
  });

  it('a wildcard-port VIP with v6 reals: IPv4 in IPv6 (next header 4)', () => {
    const pkt = tcpTo(VIP_ANY_PORT, 5555, 8443);
    const res = run(pkt);
    expect(res.retval).toBe(XDP_TX);
    const real = expectedReal(VIP_ANY_PORT, CLIENT_V4, 5555, 8443);
    expect(expectOuterV6(res.dataOut, pkt, IPPROTO_IPIP)).toEqual(parseIpv6(realAddress(real)));
    expect(stats(VIP_ANY_PORT).packets).toBe(1n);
  });

  it('ICMP fragmentation-needed quoting a VIP flow goes to that flow\'s real', () => {
    const sport = 31337;
    const tcpReal = run(tcpTo(VIP_TCP80, sport));
    // The quoted packet went from the VIP to the client: IPv4 header + the first 8 bytes (RFC 792).
    const quoted = ipv4({ src: VIP_TCP80.addr, dst: CLIENT_V4, payload: tcp({ sport: 80, dport: sport }) }).subarray(0, 28);
    const pkt = v4(ipv4({ src: '203.0.113.1', dst: VIP_TCP80.addr,
      payload: icmp({ type: 3, code: 4, rest: 1400, payload: quoted }) }));
    const res = run(pkt);
    expect(res.retval).toBe(XDP_TX);
    const dst = expectOuterV4(res.dataOut, pkt, IPPROTO_IPIP);
    expect(dst).toBe(realAddress(expectedReal(VIP_TCP80, CLIENT_V4, sport, 80)));
    expect(dst).toBe([...tcpReal.dataOut.subarray(30, 34)].join('.'));
    expect(stats(VIP_TCP80)).toEqual({ packets: 2n, bytes: BigInt(pkt.length + tcpTo(VIP_TCP80, sport).length) });
  });

  it('ICMPv6 packet-too-big quoting a v6 VIP flow goes to that flow\'s real', () => {
    const quoted = ipv6({ src: VIP_V6_TCP80.addr, dst: CLIENT_V6, payload: tcp({ sport: 80, dport: 40000 }) }).subarray(0, 48);
    const pkt = v6(ipv6({ src: 'fc00:9::1', dst: VIP_V6_TCP80.addr, payload: icmpv6({ type: 2, code: 0, rest: 1280, payload: quoted }) }));
    const res = run(pkt);
    expect(res.retval).toBe(XDP_TX);
    const real = expectedReal(VIP_V6_TCP80, CLIENT_V6, 40000, 80);
    expect(expectOuterV6(res.dataOut, pkt, IPPROTO_IPV6)).toEqual(parseIpv6(realAddress(real)));
  });

  it('other ICMP (echo request, v4 and v6) passes to the stack', () => {
    expect(run(v4(ipv4({ src: CLIENT_V4, dst: VIP_TCP80.addr, payload: icmp({ type: 8, id: 1, seq: 1 }) }))).retval).toBe(XDP_PASS);
    expect(run(v6(ipv6({ src: CLIENT_V6, dst: VIP_V6_TCP80.addr, payload: icmpv6({ type: 128, id: 1, seq: 1 }) }))).retval).toBe(XDP_PASS);
  });

  it('IPv4 fragments, IPv6 fragment headers and IPv4 options are dropped', () => {
    const seg = tcp({ sport: 1234, dport: 80 });
    expect(run(v4(ipv4({ src: CLIENT_V4, dst: VIP_TCP80.addr, mf: true, payload: seg }))).retval).toBe(XDP_DROP);
    expect(run(v4(ipv4({ src: CLIENT_V4, dst: VIP_TCP80.addr, fragOffsetBytes: 1480, proto: IPPROTO_TCP,
      payload: new Uint8Array(24) }))).retval).toBe(XDP_DROP);
    // DF alone is not a fragment.
    expect(run(v4(ipv4({ src: CLIENT_V4, dst: VIP_TCP80.addr, df: true, payload: seg }))).retval).toBe(XDP_TX);
    expect(run(v4(ipv4({ src: CLIENT_V4, dst: VIP_TCP80.addr, options: Uint8Array.of(1, 1, 1, 0), payload: seg }))).retval)
      .toBe(XDP_DROP);
    expect(run(v6(ipv6({ src: CLIENT_V6, dst: VIP_V6_TCP80.addr, nextHeader: 44, payload: new Uint8Array(32) }))).retval)
      .toBe(XDP_DROP);
    expect(stats(VIP_TCP80).packets).toBe(1n);
  });

  it('unknown protocols, non-IP frames and non-VIP destinations pass', () => {
    expect(run(v4(ipv4({ src: CLIENT_V4, dst: VIP_TCP80.addr, proto: IPPROTO_GRE, payload: new Uint8Array(8) }))).retval)
      .toBe(XDP_PASS);
    expect(run(eth({ dst: 'ff:ff:ff:ff:ff:ff', src: ROUTER_MAC, type: ETH_P_ARP, payload: new Uint8Array(28) })).retval)
      .toBe(XDP_PASS);
    // Not a VIP address; a VIP address with another port; a VIP address and port with UDP.
    expect(run(v4(ipv4({ src: CLIENT_V4, dst: '10.0.0.11', payload: tcp({ sport: 1, dport: 80 }) }))).retval).toBe(XDP_PASS);
    expect(run(tcpTo(VIP_TCP80, 1, 443)).retval).toBe(XDP_PASS);
    expect(run(v4(ipv4({ src: CLIENT_V4, dst: VIP_TCP80.addr, payload: udp({ sport: 1, dport: 80 }) }))).retval).toBe(XDP_PASS);
    expect(run(v6(ipv6({ src: CLIENT_V6, dst: 'fc00::11', payload: tcp({ sport: 1, dport: 80 }) }))).retval).toBe(XDP_PASS);
    expect(stats(VIP_TCP80).packets).toBe(0n);
  });

  it('truncated headers are dropped', () => {
    const full = tcpTo(VIP_TCP80, 4321);
    expect(run(full.subarray(0, 14 + 10)).retval).toBe(XDP_DROP); // half an IPv4 header
    expect(run(full.subarray(0, 14 + 20 + 10)).retval).toBe(XDP_DROP); // half a TCP header
    const udpPkt = v4(ipv4({ src: CLIENT_V4, dst: VIP_UDP53.addr, payload: udp({ sport: 9, dport: 53 }) }));
    expect(run(udpPkt.subarray(0, 14 + 20 + 4)).retval).toBe(XDP_DROP); // half a UDP header
    const v6Pkt = v6(ipv6({ src: CLIENT_V6, dst: VIP_V6_TCP80.addr, payload: tcp({ sport: 1, dport: 80 }) }));
    expect(run(v6Pkt.subarray(0, 14 + 30)).retval).toBe(XDP_DROP); // part of an IPv6 header
    const quotedShort = ipv4({ src: VIP_TCP80.addr, dst: CLIENT_V4, payload: tcp({ sport: 80, dport: 4321 }) }).subarray(0, 22);
    expect(run(v4(ipv4({ src: '203.0.113.1', dst: VIP_TCP80.addr, payload: icmp({ type: 3, code: 4, payload: quotedShort }) })))
      .retval).toBe(XDP_DROP); // the quoted ports are cut off
    expect(stats(VIP_TCP80).packets).toBe(0n);
  });
});
