// The larger programs of `npm run bench` (bench/programs/) compile, load and do what their C
// says: a balancer with a connection table and GUE-style encapsulation, a legacy-header
// dispatcher that tail-calls its stages through a PROG_ARRAY, a tc MSS clamp written with
// inline asm, and a katran-sized balancer with its own headers (consistent-hash rings, per-CPU
// and global connection tables, IP-in-IP and GUE, ICMP errors, QUIC and TCP server ids, decap,
// ICMP "too big" answers, a tail-calling root program); a tc firewall whose helpers are plain
// static functions, kept as subprograms as clang keeps them; and the trivial program whose compile
// time the bench holds against `node -e 0`. The expected packets are worked out from the C, not
// recorded from a run: katran_lb's ring slots come from its hash, written again here in TypeScript.
import { afterAll, beforeAll, expect } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { runBpftool } from './bpftool.js';
import {
  describeKernel, dumpMap, kernelIt, loadObjectBytes, lookupMap, readU32LE, readU64LE, runProgram, sumU64, u32LE, u64LE, updateMap,
  updateMapOfMaps, updateProgArray, type LoadedObject, type LoadOptions,
} from './harness.js';
import {
  be16, be32, concat, encodeTransport, eth, icmp, icmpv6, internetChecksum, ipv4, ipv6, onesComplementSum, parseIpv4, parseIpv6, parseMac,
  pseudoHeader, readBe16, readBe32, tcp, text, udp, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6, IPPROTO_IPIP, IPPROTO_IPV6, IPPROTO_TCP, IPPROTO_UDP, TCP_ACK, TCP_SYN,
} from './packets.js';

const DIR = `${REPO_DIR}bench/programs`;
const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
const XDP_DROP = 1;
const XDP_PASS = 2;
const XDP_TX = 3;

function load(file: string, opts?: LoadOptions): LoadedObject {
  const out = compileFile(`${DIR}/${file}`);
  expect(out.ctx.diags.list.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const obj = loadObjectBytes(out.elf!, opts);
  expect(obj.ok, obj.log).toBe(true);
  return obj;
}

/** The ones' complement sum of a received segment with its pseudo-header folds to 0xffff when the checksum is right. */
function transportChecksumOk(src: Uint8Array, dst: Uint8Array, proto: number, segment: Uint8Array): boolean {
  return onesComplementSum(pseudoHeader(src, dst, proto, segment.length), segment) === 0xffff;
}

describeKernel('bench/programs/gue_lb.c: VIP balancing with a connection table and UDP encapsulation', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    obj = load('gue_lb.c');
  });
  afterAll(() => obj?.cleanup());
  const run = (pkt: Uint8Array) => runProgram(obj.prog('gue_balancer').pinPath, pkt);
  const toVip = (dport: number, flags: number) =>
    eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: tcp({ sport: 40000, dport, flags }) }) });

  kernelIt('wraps a SYN to the default VIP in IPv4 + UDP to the default real and remembers the flow', () => {
    const pkt = toVip(80, TCP_SYN);
    const r = run(pkt);
    expect(r.retval).toBe(XDP_TX);
    const out = r.dataOut;
    expect(out.length).toBe(pkt.length + 28);
    // Ethernet: the gateway MAC (zero: the gateway map is empty), from the old destination, IPv4.
    expect([...out.subarray(0, 12)]).toEqual([0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2]);
    expect(readBe16(out, 12)).toBe(ETH_P_IP);
    const outer = out.subarray(14, 34);
    expect(outer[0]).toBe(0x45);
    expect(readBe16(outer, 2)).toBe(pkt.length - 14 + 28);
    expect(outer[9]).toBe(IPPROTO_UDP);
    expect([...outer.subarray(16, 20)]).toEqual([...parseIpv4('192.168.7.9')]);
    expect(internetChecksum(outer)).toBe(0);
    // UDP: a source port in 0xc000..0xffff from the flow hash, destination 6080, length, no checksum.
    expect(readBe16(out, 34)).toBeGreaterThanOrEqual(0xc000);
    expect(readBe16(out, 36)).toBe(6080);
    expect(readBe16(out, 38)).toBe(pkt.length - 14 + 8);
    expect(readBe16(out, 40)).toBe(0);
    // The inner packet follows unchanged, from its IP header on.
    expect([...out.subarray(42)]).toEqual([...pkt.subarray(14)]);
    expect(dumpMap(obj.map('conns').pinPath).length).toBe(1);
    // The same flow again is found in the table: one LRU miss counted (counter MAX_VIPS + 0 = 64).
    expect(run(pkt).retval).toBe(XDP_TX);
    expect(sumU64(lookupMap(obj.map('counters').pinPath, u32LE(64))!)).toBe(1n);
  });

  kernelIt('keeps the source port out of the hash of an UDP VIP that asks for it', () => {
    // VIP 10.0.0.2:53/UDP, flags VIP_NO_SPORT_HASH, num 3: key = addr(16) port(2) proto family.
    const key = concat(parseIpv4('10.0.0.2'), new Uint8Array(12), Uint8Array.of(0, 53, IPPROTO_UDP, 4));
    updateMap(obj.map('vips').pinPath, key, concat(u32LE(1), u32LE(3)));
    const dns = (sport: number) =>
      eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport, dport: 53, payload: text('q') }) }) });
    const a = run(dns(1111));
    const b = run(dns(2222));
    expect([a.retval, b.retval]).toEqual([XDP_TX, XDP_TX]);
    expect(readBe16(a.dataOut, 34)).toBe(readBe16(b.dataOut, 34));
  });

  kernelIt('passes other ports and answers ICMP echo only for a configured VIP address', () => {
    expect(run(toVip(443, TCP_SYN)).retval).toBe(XDP_PASS);
    const echo = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.9', payload: icmp({ type: 8, id: 7, seq: 1, payload: text('ping') }) }) });
    expect(run(echo).retval).toBe(XDP_PASS);
    // An echo lookup uses port 0 and protocol 0.
    updateMap(obj.map('vips').pinPath, concat(parseIpv4('10.0.0.9'), new Uint8Array(12), Uint8Array.of(0, 0, 0, 4)), concat(u32LE(0), u32LE(5)));
    const r = run(echo);
    expect(r.retval).toBe(XDP_TX);
    const out = r.dataOut;
    expect([...out.subarray(0, 6)]).toEqual([2, 0, 0, 0, 0, 1]);
    expect([...out.subarray(26, 34)]).toEqual([10, 0, 0, 9, 10, 0, 0, 1]);
    expect(internetChecksum(out.subarray(14, 34))).toBe(0);
    expect(out[34]).toBe(0); // echo reply
    expect(internetChecksum(out.subarray(34))).toBe(0);
  });

  kernelIt('drops a fragment and an IPv4 header with options', () => {
    const frag = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', mf: true, payload: tcp({ sport: 1, dport: 80 }) }) });
    expect(run(frag).retval).toBe(XDP_DROP);
    const opts = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', options: Uint8Array.of(1, 1, 1, 0), payload: tcp({ sport: 1, dport: 80 }) }) });
    expect(run(opts).retval).toBe(XDP_DROP);
  });
});

describeKernel('bench/programs/legacy_tail.c: a legacy-header dispatcher and its tail-called stages', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    obj = load('legacy_tail.c');
  });
  afterAll(() => obj?.cleanup());
  const run = (pkt: Uint8Array) => runProgram(obj.prog('xdp_dispatch').pinPath, pkt).retval;
  const v4tcp = (dport: number, vid?: number) => {
    const l3 = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: tcp({ sport: 40000, dport, flags: TCP_SYN }) });
    return vid === undefined ? eth({ ...mac, type: ETH_P_IP, payload: l3 })
      : eth({ ...mac, type: 0x8100, payload: concat(Uint8Array.of(0, vid), Uint8Array.of(0x08, 0x00), l3) });
  };
  // DNS: 12 header bytes, then the first label (length, 8 bytes read).
  const dns = (name: string) =>
    eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', payload: udp({ sport: 5353, dport: 53, payload: concat(new Uint8Array(12), Uint8Array.of(name.length), text(name), Uint8Array.of(0)) }) }) });
  // struct port_rule { u8 action; u8 log; u16 pad; u32 hits; }
  const rule = (action: number) => Uint8Array.of(action, 0, 0, 0, 0, 0, 0, 0);

  const cases = (label: string) => {
    // tcp_ports is an array: every port has a rule, zero (action 0) unless set; only DROP drops.
    expect(run(v4tcp(80)), label).toBe(XDP_PASS);
    expect(run(v4tcp(22)), label).toBe(XDP_DROP);
    expect(run(v4tcp(22, 100)), `${label}, behind a VLAN tag`).toBe(XDP_DROP);
    expect(run(dns('Blockedx')), label).toBe(XDP_DROP);
    expect(run(dns('allowedx')), label).toBe(XDP_PASS);
  };

  kernelIt('filters TCP ports and DNS names in the dispatcher while the PROG_ARRAY is empty', () => {
    updateMap(obj.map('tcp_ports').pinPath, u32LE(22), rule(XDP_DROP));
    // The label's 8 bytes, lower-cased, big-endian into a u64: the key is its little-endian bytes.
    updateMap(obj.map('dns_block').pinPath, Uint8Array.from(text('blockedx')).reverse(), u32LE(1));
    cases('inline');
    // hits (offset 4 of port 22's rule): two SSH SYNs so far.
    expect(readU32LE(lookupMap(obj.map('tcp_ports').pinPath, u32LE(22))!.value, 4)).toBe(2);
  });

  kernelIt('gives the same verdicts through tail calls, and a stage run alone passes', () => {
    updateProgArray(obj.map('stages').pinPath, 0, obj.prog('xdp_tcp_stage').pinPath);
    updateProgArray(obj.map('stages').pinPath, 1, obj.prog('xdp_udp_stage').pinPath);
    cases('tail-called');
    expect(readU32LE(lookupMap(obj.map('tcp_ports').pinPath, u32LE(22))!.value, 4)).toBe(4);
    expect(runProgram(obj.prog('xdp_tcp_stage').pinPath, v4tcp(22)).retval).toBe(XDP_PASS);
  });
});

describeKernel('bench/programs/asm_mss.c: a tc MSS clamp with inline asm', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    obj = load('asm_mss.c');
  });
  afterAll(() => obj?.cleanup());
  const TC_ACT_OK = 0;
  // NOP, NOP, MSS, then window scale and NOP.
  const options = (mss: number) => Uint8Array.of(1, 1, 2, 4, mss >> 8, mss & 0xff, 3, 3, 7, 1, 0, 0);
  const mssOf = (out: Uint8Array, tcpAt: number) => readBe16(out, tcpAt + 24);

  kernelIt('lowers the MSS of an IPv4 SYN to 1400 and keeps the TCP checksum right', () => {
    const src = parseIpv4('10.0.0.1');
    const dst = parseIpv4('10.0.0.2');
    const pkt = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src, dst, payload: tcp({ sport: 40000, dport: 80, flags: TCP_SYN, options: options(1460) }) }) });
    const r = runProgram(obj.prog('mss_clamp').pinPath, pkt);
    expect(r.retval).toBe(TC_ACT_OK);
    expect(mssOf(r.dataOut, 34)).toBe(1400);
    expect(transportChecksumOk(src, dst, IPPROTO_TCP, r.dataOut.subarray(34))).toBe(true);
  });

  kernelIt('leaves a smaller MSS and non-SYN segments alone', () => {
    const small = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: tcp({ sport: 1, dport: 80, flags: TCP_SYN, options: options(1200) }) }) });
    expect([...runProgram(obj.prog('mss_clamp').pinPath, small).dataOut]).toEqual([...small]);
    const ack = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: tcp({ sport: 1, dport: 80, flags: TCP_ACK, options: options(1460) }) }) });
    expect([...runProgram(obj.prog('mss_clamp').pinPath, ack).dataOut]).toEqual([...ack]);
  });

  kernelIt('clamps an IPv6 SYN to 1380 and sets the DSCP its port asks for', () => {
    // struct dscp_rule { u8 dscp; u8 pad[3]; u64 packets; } at key 80 (network order, as th->dest).
    updateMap(obj.map('dscp_rules').pinPath, Uint8Array.of(0, 80), concat(Uint8Array.of(46, 0, 0, 0, 0, 0, 0, 0), new Uint8Array(8)));
    const pkt = eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', payload: tcp({ sport: 40000, dport: 80, flags: TCP_SYN, options: options(1440) }) }) });
    const r = runProgram(obj.prog('mss_clamp').pinPath, pkt);
    expect(mssOf(r.dataOut, 54)).toBe(1380);
    // traffic class 46 << 2 = 0xb8: version 6, then 0xb, then 0x8 in the next byte's high nibble.
    expect([r.dataOut[14], r.dataOut[15]! & 0xf0]).toEqual([0x6b, 0x80]);
    expect(transportChecksumOk(r.dataOut.subarray(22, 38), r.dataOut.subarray(38, 54), IPPROTO_TCP, r.dataOut.subarray(54))).toBe(true);
  });
});

describeKernel('bench/programs/xdp_pass.c: the trivial program the bench times against `node -e 0`', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    obj = load('xdp_pass.c');
  });
  afterAll(() => obj?.cleanup());

  kernelIt('passes a frame unchanged', () => {
    const pkt = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 53, dport: 53, payload: text('q') }) }) });
    const r = runProgram(obj.prog('xdp_pass').pinPath, pkt);
    expect(r.retval).toBe(XDP_PASS);
    expect([...r.dataOut]).toEqual([...pkt]);
  });
});

describeKernel('bench/programs/event_fw.c: a tc firewall whose decisions all call one reporting function', () => {
  const TC_ACT_OK = 0;
  const TC_ACT_SHOT = 2;
  // enum reason and the rule kinds of event_fw.c.
  const R = { NOT_IP: 0, FRAGMENT: 2, OTHER_PROTO: 3, NO_RULE: 4, RULE_DROP: 5, RULE_PASS: 6, LIMITED: 7, UNDER_LIMIT: 8, SYN_NO_RULE: 9 };
  const RULE = { DROP: 1, PASS: 2, LIMIT: 3 };
  let obj: LoadedObject;
  let subprograms: string[] = [];
  beforeAll(() => {
    const out = compileFile(`${DIR}/event_fw.c`);
    expect(out.ctx.diags.list.filter((d) => d.severity !== 'note').map((d) => d.message)).toEqual([]);
    subprograms = out.ir!.functions.filter((f) => f.section === '.text').map((f) => f.name);
    obj = loadObjectBytes(out.elf!);
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());
  const run = (pkt: Uint8Array, prog = 'event_fw') => runProgram(obj.prog(prog).pinPath, pkt).retval;
  const reason = (why: number) => readU64LE(lookupMap(obj.map('reasons').pinPath, u32LE(why))!.value, 0);
  const rule = (port: number, proto: number, kind: number) => updateMap(obj.map('rules').pinPath, concat(Uint8Array.of(port & 0xff, port >> 8), Uint8Array.of(proto, 0)), u32LE(kind));
  const toPort = (proto: 'tcp' | 'udp', dport: number, flags = TCP_ACK, sport = 40000) =>
    eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: proto === 'tcp' ? tcp({ sport, dport, flags }) : udp({ sport, dport }) }) });

  kernelIt('keeps the reporting function (and the rule check called from two places) as subprograms', () => {
    expect(subprograms).toEqual(['report', 'check_rule']);
  });

  kernelIt('passes what no rule names, drops a SYN that no rule names, and counts each reason', () => {
    expect(run(toPort('udp', 9999))).toBe(TC_ACT_OK);
    expect(reason(R.NO_RULE)).toBe(1n);
    expect(run(toPort('tcp', 9999, TCP_SYN))).toBe(TC_ACT_SHOT);
    expect(reason(R.SYN_NO_RULE)).toBe(1n);
    expect(run(eth({ ...mac, type: ETH_P_ARP, payload: new Uint8Array(28) }))).toBe(TC_ACT_OK);
    expect(reason(R.NOT_IP)).toBe(1n);
    expect(run(eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 1, dport: 2 }), fragOffsetBytes: 8 }) }))).toBe(TC_ACT_SHOT);
    expect(reason(R.FRAGMENT)).toBe(1n);
  });

  kernelIt('drops and passes by rule, and rate-limits a flow after two packets in its bucket', () => {
    rule(22, IPPROTO_TCP, RULE.DROP);
    rule(53, IPPROTO_UDP, RULE.PASS);
    rule(80, IPPROTO_TCP, RULE.LIMIT);
    expect(run(toPort('tcp', 22))).toBe(TC_ACT_SHOT);
    expect(reason(R.RULE_DROP)).toBe(1n);
    expect(run(toPort('udp', 53))).toBe(TC_ACT_OK);
    expect(reason(R.RULE_PASS)).toBe(1n);
    // A rule on TCP port 22 says nothing of UDP port 22.
    expect(run(toPort('udp', 22))).toBe(TC_ACT_OK);
    expect(run(toPort('tcp', 80, TCP_ACK, 41000))).toBe(TC_ACT_OK);
    expect(run(toPort('tcp', 80, TCP_ACK, 41000))).toBe(TC_ACT_OK);
    expect(run(toPort('tcp', 80, TCP_ACK, 41000))).toBe(TC_ACT_SHOT);
    expect(reason(R.LIMITED)).toBe(1n);
    expect(reason(R.UNDER_LIMIT)).toBe(2n);
  });

  kernelIt('the egress hook reports every IPv4 packet it passes', () => {
    const before = reason(R.UNDER_LIMIT);
    expect(run(toPort('udp', 7), 'event_fw_egress')).toBe(TC_ACT_OK);
    expect(run(toPort('tcp', 7), 'event_fw_egress')).toBe(TC_ACT_OK);
    expect(reason(R.UNDER_LIMIT)).toBe(before + 2n);
    // With events asked for, the report also goes to the ring buffer; the verdict is the same.
    updateMap(obj.map('config').pinPath, u32LE(0), u32LE(1));
    expect(run(toPort('udp', 7), 'event_fw_egress')).toBe(TC_ACT_OK);
    expect(run(toPort('tcp', 22))).toBe(TC_ACT_SHOT);
    expect(reason(R.UNDER_LIMIT)).toBe(before + 3n);
  });
});

// ---- katran_lb: its constants and layouts (bench/programs/katran_lb/consts.h, structs.h) ----

const RING_SIZE = 257;
const STATS_LRU = 64;
const STATS_LRU_MISS = 65;
const STATS_ICMP = 66;
const STATS_ICMP_TOOBIG = 67;
const STATS_FALLBACK_LRU = 68;
const STATS_QUIC = 69;
const STATS_DECAP = 70;
const STATS_SRC_ROUTING = 71;
const STATS_DROP = 73;
const STATS_ICMP_TOOBIG_SENT = 74;
const STATS_TCP_SERVER_ID = 75;
const CTL_FLAGS_POS = 2;
const CTL_MTU_POS = 4;
const CTL_F_GUE_ENCAP = 1;
const F_QUIC_VIP = 1 << 2;
const F_SRC_ROUTING = 1 << 4;
const F_TCP_SERVER_ID = 1 << 6;
const F_REAL_IPV6 = 1;
const HASH_SEED = 0x7a4b6c2d;
const HASH_SEED_V6 = 0x1e63b9f5;

const CLIENT4 = '10.0.0.1';
const CLIENT6 = '2001:db8::1';
const VIP4 = '10.0.0.10';
const VIP6 = '2001:db8::10';
const NEXT_HOP = '02:00:00:00:00:99';
const REAL_V4: Record<number, string> = { 5: '192.168.1.5', 6: '192.168.1.6', 8: '192.168.1.8', 9: '192.168.1.9', 10: '192.168.1.10', 11: '192.168.1.11' };
const REAL_V6_7 = 'fc00:1::7';
const REALS: [number, string][] = [...Object.entries(REAL_V4).map(([i, a]): [number, string] => [Number(i), a]), [7, REAL_V6_7]];

/** An address as the C's address unions hold it: IPv4 in the first word, the rest zero. */
const addr16 = (a: string) => (a.includes(':') ? parseIpv6(a) : concat(parseIpv4(a), new Uint8Array(12)));
/** struct vip_definition { addr; be16 port; u8 proto; u8 pad; } */
const vipKey = (a: string, port: number, proto: number) => concat(addr16(a), be16(port), Uint8Array.of(proto, 0));
/** struct vip_meta { u32 flags; u32 vip_num; } */
const vipMeta = (flags: number, num: number) => concat(u32LE(flags), u32LE(num));
/** struct real_definition { addr; u8 flags; u8 pad[3]; } */
const realDef = (a: string) => concat(addr16(a), Uint8Array.of(a.includes(':') ? F_REAL_IPV6 : 0, 0, 0, 0));
/** struct flow_key { src; dst; be16 port16[2]; u8 proto; u8 pad[3]; } */
const flowKey4 = (src: string, dst: string, sport: number, dport: number, proto: number) =>
  concat(addr16(src), addr16(dst), be16(sport), be16(dport), Uint8Array.of(proto, 0, 0, 0));

// lookup3 (katran_lb/jhash.h) on 32-bit words as the C loads them: little-endian.
const rol32 = (x: number, s: number) => ((x << s) | (x >>> (32 - s))) >>> 0;
function lookup3Mix(a: number, b: number, c: number): [number, number, number] {
  a = (a - c) >>> 0; a = (a ^ rol32(c, 4)) >>> 0; c = (c + b) >>> 0;
  b = (b - a) >>> 0; b = (b ^ rol32(a, 6)) >>> 0; a = (a + c) >>> 0;
  c = (c - b) >>> 0; c = (c ^ rol32(b, 8)) >>> 0; b = (b + a) >>> 0;
  a = (a - c) >>> 0; a = (a ^ rol32(c, 16)) >>> 0; c = (c + b) >>> 0;
  b = (b - a) >>> 0; b = (b ^ rol32(a, 19)) >>> 0; a = (a + c) >>> 0;
  c = (c - b) >>> 0; c = (c ^ rol32(b, 4)) >>> 0; b = (b + a) >>> 0;
  return [a, b, c];
}
function lookup3Final(a: number, b: number, c: number): number {
  c = ((c ^ b) - rol32(b, 14)) >>> 0;
  a = ((a ^ c) - rol32(c, 11)) >>> 0;
  b = ((b ^ a) - rol32(a, 25)) >>> 0;
  c = ((c ^ b) - rol32(b, 16)) >>> 0;
  a = ((a ^ c) - rol32(c, 4)) >>> 0;
  b = ((b ^ a) - rol32(a, 14)) >>> 0;
  c = ((c ^ b) - rol32(b, 24)) >>> 0;
  return c;
}
const jhash2Words = (a: number, b: number, seed: number) => {
  const start = (0xdeadbeef + 8 + seed) >>> 0;
  return lookup3Final((a + start) >>> 0, (b + start) >>> 0, start);
};
/** jhash_words(k, 4, seed): one mixed group of three, then the fourth word. */
const jhash4Words = (k: number[], seed: number) => {
  const start = (0xdeadbeef + 16 + seed) >>> 0;
  const [a, b, c] = lookup3Mix((start + k[0]!) >>> 0, (start + k[1]!) >>> 0, (start + k[2]!) >>> 0);
  return lookup3Final((a + k[3]!) >>> 0, b, c);
};
const wordsLE = (bytes: Uint8Array) => [0, 4, 8, 12].slice(0, bytes.length / 4).map((o) => readU32LE(bytes, o));
const portsWord = (sport: number, dport: number) => readU32LE(concat(be16(sport), be16(dport)));
/** flow_hash() of katran_lb.c for a VIP without hash flags. */
const flowHash4 = (src: string, sport: number, dport: number) => jhash2Words(wordsLE(parseIpv4(src))[0]!, portsWord(sport, dport), HASH_SEED);
const flowHash6 = (src: string, sport: number, dport: number) =>
  jhash2Words(jhash4Words(wordsLE(parseIpv6(src)), HASH_SEED_V6), portsWord(sport, dport), HASH_SEED);

describeKernel('bench/programs/katran_lb.c: a katran-sized balancer (rings, connection tables, IP-in-IP, QUIC ids, decap)', () => {
  let obj: LoadedObject;
  // Tens of thousands of instructions to verify: no verifier log (-d) unless the load fails.
  beforeAll(() => {
    obj = load('katran_lb.c', { verbose: false });
    // The next hop every encapsulated packet is addressed to (ctl_array[CTL_MAC_POS]).
    updateMap(obj.map('ctl_array').pinPath, u32LE(0), concat(parseMac(NEXT_HOP), new Uint8Array(2)));
    for (const [index, addr] of REALS) updateMap(obj.map('reals').pinPath, u32LE(index), realDef(addr));
    updateMap(obj.map('vip_map').pinPath, vipKey(VIP4, 80, IPPROTO_TCP), vipMeta(0, 1));
    updateMap(obj.map('vip_map').pinPath, vipKey(VIP6, 80, IPPROTO_TCP), vipMeta(0, 2));
  }, 120_000);
  afterAll(() => obj?.cleanup());
  const run = (pkt: Uint8Array, cpu?: number) => runProgram(obj.prog('balancer_ingress').pinPath, pkt, { cpu });
  const setSlot = (vipNum: number, slot: number, real: number) =>
    updateMap(obj.map('ch_rings').pinPath, u32LE(vipNum * RING_SIZE + slot), u32LE(real));
  /** The counters (v1, v2) of a stats slot, summed over the CPUs. */
  const stat = (slot: number): [bigint, bigint] => {
    const e = lookupMap(obj.map('stats').pinPath, u32LE(slot))!;
    return (e.perCpu ?? [e.value]).reduce<[bigint, bigint]>(([a, b], v) => [a + readU64LE(v, 0), b + readU64LE(v, 8)], [0n, 0n]);
  };
  const delta = (slot: number, fn: () => void): [bigint, bigint] => {
    const before = stat(slot);
    fn();
    const after = stat(slot);
    return [after[0] - before[0], after[1] - before[1]];
  };
  const syn = (sport: number, flags = TCP_SYN, dst: string = VIP4, dport = 80) =>
    eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: CLIENT4, dst, payload: tcp({ sport, dport, flags, payload: text('hello') }) }) });

  /** An IPv4 IP-in-IP frame to `real`, from the outer source the C derives from the client's port. */
  const expectIpip = (out: Uint8Array, pkt: Uint8Array, real: string, sport: number, proto = IPPROTO_IPIP) => {
    expect([...out.subarray(0, 12)]).toEqual([...parseMac(NEXT_HOP), ...parseMac(mac.dst)]);
    expect(readBe16(out, 12)).toBe(ETH_P_IP);
    const outer = out.subarray(14, 34);
    const innerLen = pkt.length - 14;
    const outerLen = proto === IPPROTO_UDP ? 28 : 20;
    expect(out.length).toBe(pkt.length + outerLen);
    // version 4, 5 words, TOS 0, total length, id 0, no fragment bits, TTL 64, the protocol
    expect([...outer.subarray(0, 2)]).toEqual([0x45, 0]);
    expect(readBe16(outer, 2)).toBe(innerLen + outerLen);
    expect([...outer.subarray(4, 10)]).toEqual([0, 0, 0, 0, 64, proto]);
    // source 172.16/16 with the client's port XORed into the low half of its address (10.0.0.1: 0x0001)
    const mix = sport ^ 0x0001;
    expect([...outer.subarray(12, 16)]).toEqual([172, 16, mix >> 8, mix & 0xff]);
    expect([...outer.subarray(16, 20)]).toEqual([...parseIpv4(real)]);
    expect(internetChecksum(outer)).toBe(0);
    expect([...out.subarray(14 + outerLen)]).toEqual([...pkt.subarray(14)]);
  };

  kernelIt('wraps a SYN to an IPv4 VIP in IP-in-IP to the real at its ring slot, and remembers the flow', () => {
    const pkt = syn(40000);
    setSlot(1, flowHash4(CLIENT4, 40000, 80) % RING_SIZE, 5);
    const [vipPackets, vipBytes] = delta(1, () => {
      const r = run(pkt);
      expect(r.retval).toBe(XDP_TX);
      expectIpip(r.dataOut, pkt, REAL_V4[5], 40000);
    });
    expect([vipPackets, vipBytes]).toEqual([1n, BigInt(pkt.length - 14)]);
    // No CPU has a table of its own yet, so the entry is in the global one: real 5.
    const entry = lookupMap(obj.map('fallback_cache').pinPath, flowKey4(CLIENT4, VIP4, 40000, 80, IPPROTO_TCP));
    expect(readU32LE(entry!.value, 0)).toBe(5);
    expect(sumU64(lookupMap(obj.map('reals_stats').pinPath, u32LE(5))!)).toBe(1n);
  });

  kernelIt('sends later packets of the flow where its entry says, while a new SYN goes by the ring again', () => {
    const slot = flowHash4(CLIENT4, 40000, 80) % RING_SIZE;
    setSlot(1, slot, 6);
    const ack = syn(40000, TCP_ACK);
    const [placed] = delta(STATS_LRU, () => {
      expectIpip(run(ack).dataOut, ack, REAL_V4[5], 40000);
    });
    expect(placed).toBe(0n);
    const [placedAgain] = delta(STATS_LRU, () => {
      expectIpip(run(syn(40000)).dataOut, syn(40000), REAL_V4[6], 40000);
    });
    expect(placedAgain).toBe(1n);
    expectIpip(run(ack).dataOut, ack, REAL_V4[6], 40000);
    // A non-SYN segment of an unknown flow misses the table and is counted as such.
    const [misses] = delta(STATS_LRU_MISS, () => {
      expect(delta(STATS_LRU, () => expect(run(syn(40002, TCP_ACK)).retval).toBe(XDP_TX))).toEqual([1n, 1n]);
    });
    expect(misses).toBe(1n);
  });

  kernelIt('wraps a packet to an IPv6 VIP, behind a hop-by-hop header, in IPv6-in-IPv6', () => {
    const seg = encodeTransport(tcp({ sport: 40000, dport: 80, flags: TCP_SYN, payload: text('v6') }), CLIENT6, VIP6);
    // hop-by-hop: next header TCP, length 0 (8 bytes), a PadN option of 4 bytes
    const hop = Uint8Array.of(IPPROTO_TCP, 0, 1, 4, 0, 0, 0, 0);
    const pkt = eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: CLIENT6, dst: VIP6, nextHeader: 0, payload: concat(hop, seg) }) });
    setSlot(2, flowHash6(CLIENT6, 40000, 80) % RING_SIZE, 7);
    const r = run(pkt);
    expect(r.retval).toBe(XDP_TX);
    expectIp6ip6(r.dataOut, pkt, 40000);
  });

  const expectIp6ip6 = (out: Uint8Array, pkt: Uint8Array, sport: number) => {
    expect(out.length).toBe(pkt.length + 40);
    expect([...out.subarray(0, 12)]).toEqual([...parseMac(NEXT_HOP), ...parseMac(mac.dst)]);
    expect(readBe16(out, 12)).toBe(ETH_P_IPV6);
    const outer = out.subarray(14, 54);
    // version 6, traffic class 0, flow label 0; payload length = the inner packet; next header IPv6; hop limit 64
    expect([...outer.subarray(0, 4)]).toEqual([0x60, 0, 0, 0]);
    expect(readBe16(outer, 4)).toBe(pkt.length - 14);
    expect([outer[6], outer[7]]).toEqual([IPPROTO_IPV6, 64]);
    // fc00:2307::/32, then the client's last word XOR its port (2001:db8::1: 0x00000001)
    const mix = sport ^ 1;
    expect([...outer.subarray(8, 24)]).toEqual([0xfc, 0, 0x23, 0x07, ...new Array<number>(10).fill(0), mix >> 8, mix & 0xff]);
    expect([...outer.subarray(24, 40)]).toEqual([...parseIpv6(REAL_V6_7)]);
    expect([...out.subarray(54)]).toEqual([...pkt.subarray(14)]);
  };

  kernelIt('balances ICMP "fragmentation needed" and ICMPv6 "packet too big" like the flow they quote', () => {
    // The VIP's reply to a new client flow (port 40001) comes back as an error from a router.
    const quoted = ipv4({ src: VIP4, dst: CLIENT4, payload: tcp({ sport: 80, dport: 40001, flags: TCP_ACK }) }).subarray(0, 28);
    const err4 = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.9.9.9', dst: VIP4, payload: icmp({ type: 3, code: 4, rest: 1400, payload: quoted }) }) });
    setSlot(1, flowHash4(CLIENT4, 40001, 80) % RING_SIZE, 8);
    const toobig = delta(STATS_ICMP_TOOBIG, () => {
      expect(delta(STATS_ICMP, () => {
        const r = run(err4);
        expect(r.retval).toBe(XDP_TX);
        expectIpip(r.dataOut, err4, REAL_V4[8], 40001);
      })).toEqual([1n, 0n]);
    });
    expect(toobig).toEqual([1n, 0n]);
    // An error leaves no connection entry.
    expect(lookupMap(obj.map('fallback_cache').pinPath, flowKey4(CLIENT4, VIP4, 40001, 80, IPPROTO_TCP))).toBeUndefined();

    // The IPv6 flow of the test before went to real 7; the error about it follows.
    const quoted6 = ipv6({ src: VIP6, dst: CLIENT6, payload: tcp({ sport: 80, dport: 40000, flags: TCP_ACK }) }).subarray(0, 48);
    const err6 = eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: '2001:db8::99', dst: VIP6, payload: icmpv6({ type: 2, rest: 1280, payload: quoted6 }) }) });
    expect(delta(STATS_ICMP_TOOBIG, () => expectIp6ip6(run(err6).dataOut, err6, 40000))).toEqual([0n, 1n]);
  });

  kernelIt('answers an echo request in place', () => {
    const echo = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: CLIENT4, dst: VIP4, ttl: 9, payload: icmp({ type: 8, id: 7, seq: 1, payload: text('ping') }) }) });
    const r = run(echo);
    expect(r.retval).toBe(XDP_TX);
    const out = r.dataOut;
    expect([...out.subarray(0, 12)]).toEqual([...parseMac(mac.src), ...parseMac(mac.dst)]);
    expect(out[22]).toBe(64);
    expect([...out.subarray(26, 34)]).toEqual([...parseIpv4(VIP4), ...parseIpv4(CLIENT4)]);
    expect(internetChecksum(out.subarray(14, 34))).toBe(0);
    expect(out[34]).toBe(0);
    expect(internetChecksum(out.subarray(34))).toBe(0);
  });

  kernelIt('passes packets to no VIP unchanged, and drops fragments', () => {
    const other = syn(40000, TCP_SYN, '10.0.0.99');
    const [, passed] = delta(STATS_DROP, () => {
      const r = run(other);
      expect(r.retval).toBe(XDP_PASS);
      expect([...r.dataOut]).toEqual([...other]);
      expect(run(syn(40000, TCP_SYN, VIP4, 81)).retval).toBe(XDP_PASS);
    });
    expect(passed).toBe(2n);
    const frag4 = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: CLIENT4, dst: VIP4, mf: true, payload: tcp({ sport: 1, dport: 80 }) }) });
    // an IPv6 fragment header (44) before TCP
    const frag6 = eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: CLIENT6, dst: VIP6, nextHeader: 44, payload: concat(Uint8Array.of(IPPROTO_TCP, 0, 0, 1, 0, 0, 0, 1), encodeTransport(tcp({ sport: 1, dport: 80 }), CLIENT6, VIP6)) }) });
    expect(delta(STATS_DROP, () => {
      expect(run(frag4).retval).toBe(XDP_DROP);
      expect(run(frag6).retval).toBe(XDP_DROP);
    })).toEqual([2n, 0n]);
  });

  kernelIt('routes QUIC by the server id in the connection id, and Initial packets by the ring', () => {
    updateMap(obj.map('vip_map').pinPath, vipKey(VIP4, 443, IPPROTO_UDP), vipMeta(F_QUIC_VIP, 3));
    updateMap(obj.map('server_id_map').pinPath, u32LE(0x1234), u32LE(9));
    updateMap(obj.map('server_id_map').pinPath, u32LE(0x1235), u32LE(10));
    const quic = (sport: number, payload: Uint8Array) =>
      eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: CLIENT4, dst: VIP4, payload: udp({ sport, dport: 443, payload }) }) });
    // short header: flags, then the connection id, version 1 (01xxxxxx), server id 0x1234
    const short = quic(50000, Uint8Array.of(0x41, 0x45, 0x12, 0x34, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 1, 2, 3));
    // long header, Handshake (type 2): version 1, an 8-byte id of version 2 (10hhhhhh): server id 0x00_12_35
    const handshake = quic(50001, Uint8Array.of(0xe0, 0, 0, 0, 1, 8, 0x80, 0x12, 0x35, 0, 0, 0, 0, 0, 8, 9));
    // long header, Initial: the client chose the id, so the ring decides
    const initial = quic(50002, Uint8Array.of(0xc0, 0, 0, 0, 1, 8, 0x45, 0x12, 0x34, 0, 0, 0, 0, 0, 8, 9));
    setSlot(3, flowHash4(CLIENT4, 50002, 443) % RING_SIZE, 8);
    expect(delta(STATS_QUIC, () => {
      expectIpip(run(short).dataOut, short, REAL_V4[9], 50000);
      expectIpip(run(handshake).dataOut, handshake, REAL_V4[10], 50001);
      expectIpip(run(initial).dataOut, initial, REAL_V4[8], 50002);
    })).toEqual([2n, 1n]);
    // Packets routed by their id leave no connection entry; the Initial one does.
    const key = (sport: number) => flowKey4(CLIENT4, VIP4, sport, 443, IPPROTO_UDP);
    expect(lookupMap(obj.map('fallback_cache').pinPath, key(50000))).toBeUndefined();
    expect(readU32LE(lookupMap(obj.map('fallback_cache').pinPath, key(50002))!.value, 0)).toBe(8);
  });

  kernelIt('wraps in GUE (outer UDP to port 6080) when the control array asks for it', () => {
    updateMap(obj.map('ctl_array').pinPath, u32LE(CTL_FLAGS_POS), u64LE(CTL_F_GUE_ENCAP));
    try {
      setSlot(1, flowHash4(CLIENT4, 40003, 80) % RING_SIZE, 5);
      const pkt = syn(40003);
      const out = run(pkt).dataOut;
      expectIpip(out, pkt, REAL_V4[5], 40003, IPPROTO_UDP);
      // UDP: source 0xc000 | 14 bits of the client mix, destination 6080, length, no checksum
      expect([readBe16(out, 34), readBe16(out, 36), readBe16(out, 38), readBe16(out, 40)])
        .toEqual([0xc000 | ((40003 ^ 1) & 0x3fff), 6080, pkt.length - 14 + 8, 0]);
    } finally {
      updateMap(obj.map('ctl_array').pinPath, u32LE(CTL_FLAGS_POS), u64LE(0));
    }
  });

  kernelIt('unwraps IP-in-IP and GUE packets to its own addresses and passes them up', () => {
    updateMap(obj.map('decap_dst').pinPath, concat(parseIpv4('10.0.0.250'), new Uint8Array(12)), u32LE(1));
    updateMap(obj.map('decap_dst').pinPath, parseIpv6('fc00::250'), u32LE(1));
    const inner4 = ipv4({ src: CLIENT4, dst: '10.0.0.2', payload: tcp({ sport: 1, dport: 22 }) });
    const inner6 = ipv6({ src: CLIENT6, dst: '2001:db8::2', payload: udp({ sport: 1, dport: 53, payload: text('q') }) });
    const ipip = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.9.0.1', dst: '10.0.0.250', proto: IPPROTO_IPIP, payload: inner4 }) });
    const gue6 = eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::250', payload: udp({ sport: 0xc123, dport: 6080, payload: inner6 }) }) });
    expect(delta(STATS_DECAP, () => {
      const a = run(ipip);
      expect(a.retval).toBe(XDP_PASS);
      expect([...a.dataOut]).toEqual([...eth({ ...mac, type: ETH_P_IP, payload: inner4 })]);
      const b = run(gue6);
      expect(b.retval).toBe(XDP_PASS);
      expect([...b.dataOut]).toEqual([...eth({ ...mac, type: ETH_P_IPV6, payload: inner6 })]);
    })).toEqual([1n, 1n]);
    // To any other address the tunnel is not ours: passed as it is.
    const elsewhere = eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.9.0.1', dst: '10.0.0.251', proto: IPPROTO_IPIP, payload: inner4 }) });
    expect([...run(elsewhere).dataOut]).toEqual([...elsewhere]);
  });

  kernelIt('picks the real of the longest source prefix for a source-routed VIP', () => {
    updateMap(obj.map('vip_map').pinPath, vipKey(VIP4, 8080, IPPROTO_TCP), vipMeta(F_SRC_ROUTING, 4));
    // struct v4_lpm_key { u32 prefixlen; be32 addr; }: 10.0.0.0/24 -> real 11
    updateMap(obj.map('lpm_src_v4').pinPath, concat(u32LE(24), parseIpv4('10.0.0.0')), u32LE(11));
    const pkt = syn(40000, TCP_SYN, VIP4, 8080);
    expect(delta(STATS_SRC_ROUTING, () => expectIpip(run(pkt).dataOut, pkt, REAL_V4[11], 40000))).toEqual([1n, 0n]);
  });

  kernelIt('routes TCP by the server id option, after the options before it', () => {
    updateMap(obj.map('vip_map').pinPath, vipKey(VIP4, 9000, IPPROTO_TCP), vipMeta(F_TCP_SERVER_ID, 5));
    updateMap(obj.map('server_id_map').pinPath, u32LE(0x777), u32LE(10));
    // NOP, NOP, timestamps (kind 8, 10 bytes), then the server id option (kind 0xb7, 6 bytes, a 32-bit id)
    const withId = (id: number) => concat(Uint8Array.of(1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 0xb7, 6), be32(id));
    const seg = (sport: number, id: number) =>
      eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: CLIENT4, dst: VIP4, payload: tcp({ sport, dport: 9000, flags: TCP_ACK, options: withId(id) }) }) });
    setSlot(5, flowHash4(CLIENT4, 41001, 9000) % RING_SIZE, 8);
    expect(delta(STATS_TCP_SERVER_ID, () => {
      expectIpip(run(seg(41000, 0x777)).dataOut, seg(41000, 0x777), REAL_V4[10], 41000);
      // an id that names no server: the ring decides
      expectIpip(run(seg(41001, 0x778)).dataOut, seg(41001, 0x778), REAL_V4[8], 41001);
    })).toEqual([1n, 1n]);
  });

  kernelIt('answers a packet too big to tunnel with "fragmentation needed" or "packet too big"', () => {
    updateMap(obj.map('ctl_array').pinPath, u32LE(CTL_MTU_POS), u64LE(1500));
    try {
      // IPv4: 1490 bytes with DF; with a 20-byte outer header 1510 > 1500, so the MTU to announce is 1480.
      const big4 = (df: boolean) => eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: CLIENT4, dst: VIP4, df, payload: tcp({ sport: 40000, dport: 80, flags: TCP_ACK, payload: new Uint8Array(1450).fill(7) }) }) });
      const [sent4] = delta(STATS_ICMP_TOOBIG_SENT, () => {
        const r = run(big4(true));
        expect(r.retval).toBe(XDP_TX);
        const out = r.dataOut;
        expect(out.length).toBe(14 + 20 + 8 + 28);
        expect([...out.subarray(0, 12)]).toEqual([...parseMac(mac.src), ...parseMac(mac.dst)]);
        expect(readBe16(out, 12)).toBe(ETH_P_IP);
        const iph = out.subarray(14, 34);
        expect([...iph.subarray(0, 10)]).toEqual([0x45, 0, 0, 56, 0, 0, 0, 0, 64, 1]);
        expect([...iph.subarray(12, 20)]).toEqual([...parseIpv4(VIP4), ...parseIpv4(CLIENT4)]);
        expect(internetChecksum(iph)).toBe(0);
        // type 3 code 4, unused, next-hop MTU 1480, then the packet's IP header and 8 bytes
        expect([out[34], out[35], readBe16(out, 38), readBe16(out, 40)]).toEqual([3, 4, 0, 1480]);
        expect(internetChecksum(out.subarray(34))).toBe(0);
        expect([...out.subarray(42)]).toEqual([...big4(true).subarray(14, 42)]);
      });
      expect(sent4).toBe(1n);
      // Without DF it may be fragmented on the way: tunnelled as usual.
      expect(run(big4(false)).dataOut.length).toBe(big4(false).length + 20);

      // IPv6 to an IPv6 real: 1480 + 40 > 1500, so 1460; IPv6 always gets the error.
      const big6 = eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: CLIENT6, dst: VIP6, payload: tcp({ sport: 40000, dport: 80, flags: TCP_ACK, payload: new Uint8Array(1420).fill(6) }) }) });
      const [, sent6] = delta(STATS_ICMP_TOOBIG_SENT, () => {
        const out = run(big6).dataOut;
        expect(out.length).toBe(14 + 40 + 8 + 48);
        expect(readBe16(out, 12)).toBe(ETH_P_IPV6);
        expect([...out.subarray(14, 22)]).toEqual([0x60, 0, 0, 0, 0, 56, 58, 64]);
        expect([...out.subarray(22, 54)]).toEqual([...parseIpv6(VIP6), ...parseIpv6(CLIENT6)]);
        expect([out[54], out[55], readBe32(out, 58)]).toEqual([2, 0, 1460]);
        expect(onesComplementSum(pseudoHeader(parseIpv6(VIP6), parseIpv6(CLIENT6), 58, 56), out.subarray(54))).toBe(0xffff);
        expect([...out.subarray(62)]).toEqual([...big6.subarray(14, 62)]);
      });
      expect(sent6).toBe(1n);
    } finally {
      updateMap(obj.map('ctl_array').pinPath, u32LE(CTL_MTU_POS), u64LE(0));
    }
  });

  kernelIt('passes everything from xdp_root until the balancer is installed in root_array', () => {
    const pkt = syn(40000, TCP_ACK);
    expect(runProgram(obj.prog('xdp_root').pinPath, pkt).retval).toBe(XDP_PASS);
    updateProgArray(obj.map('root_array').pinPath, 0, obj.prog('balancer_ingress').pinPath);
    const r = runProgram(obj.prog('xdp_root').pinPath, pkt);
    expect(r.retval).toBe(XDP_TX);
    expect([...r.dataOut]).toEqual([...run(pkt).dataOut]);
  });

  kernelIt("keeps flows in the CPU's own table once the control plane gives it one", () => {
    // An inner table like struct lru_inner (LRU hash, no common LRU) for CPU 1.
    const inner = `${obj.pinDir}/lru_cpu1`;
    const res = runBpftool(['map', 'create', inner, 'type', 'lru_hash', 'key', '40', 'value', '16', 'entries', '8192', 'name', 'lru_cpu1', 'flags', '2']);
    expect(res.status, res.stderr).toBe(0);
    updateMapOfMaps(obj.map('lru_mapping').pinPath, u32LE(1), inner);
    setSlot(1, flowHash4(CLIENT4, 40004, 80) % RING_SIZE, 6);
    expect(delta(STATS_FALLBACK_LRU, () => expectIpip(run(syn(40004), 1).dataOut, syn(40004), REAL_V4[6], 40004))).toEqual([0n, 0n]);
    const key = flowKey4(CLIENT4, VIP4, 40004, 80, IPPROTO_TCP);
    expect(readU32LE(lookupMap(inner, key)!.value, 0)).toBe(6);
    expect(lookupMap(obj.map('fallback_cache').pinPath, key)).toBeUndefined();
    // CPU 0 has none: the global table.
    expect(delta(STATS_FALLBACK_LRU, () => run(syn(40005), 0))).toEqual([1n, 0n]);
  });
});
