// The larger programs of `npm run bench` (bench/programs/) compile, load and do what their C
// says: a balancer with a connection table and GUE-style encapsulation, a legacy-header
// dispatcher that tail-calls its stages through a PROG_ARRAY, and a tc MSS clamp written with
// inline asm; and the trivial program whose compile time the bench holds against `node -e 0`.
// The expected packets are worked out from the C, not recorded from a run.
import { afterAll, beforeAll, expect } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import {
  describeKernel, dumpMap, kernelIt, loadObjectBytes, lookupMap, readU32LE, runProgram, sumU64, u32LE, updateMap, updateProgArray,
  type LoadedObject,
} from './harness.js';
import {
  concat, eth, icmp, internetChecksum, ipv4, ipv6, onesComplementSum, parseIpv4, pseudoHeader, readBe16, tcp, text, udp,
  ETH_P_IP, ETH_P_IPV6, IPPROTO_TCP, IPPROTO_UDP, TCP_ACK, TCP_SYN,
} from './packets.js';

const DIR = `${REPO_DIR}bench/programs`;
const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
const XDP_DROP = 1;
const XDP_PASS = 2;
const XDP_TX = 3;

function load(file: string): LoadedObject {
  const out = compileFile(`${DIR}/${file}`);
  expect(out.ctx.diags.list.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const obj = loadObjectBytes(out.elf!);
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
