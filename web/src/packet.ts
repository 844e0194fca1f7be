// The Run pane's packet builder: Ethernet (optionally one 802.1Q tag), IPv4 or IPv6, and TCP,
// UDP or ICMP, with correct lengths and checksums, from the fields a user fills in. No DOM here,
// so the tests call it directly.
import { readCapture } from '../../src/run/pcap.js';

export type L3 = 'ipv4' | 'ipv6' | 'none';
export type L4 = 'tcp' | 'udp' | 'icmp' | 'none';

export interface PacketSpec {
  ethDst: string;
  ethSrc: string;
  /** An 802.1Q tag's VLAN id, or undefined for none. */
  vlan?: number;
  l3: L3;
  /** The EtherType when l3 is 'none' (e.g. 0x0806 for ARP). */
  etherType?: number;
  ipSrc: string;
  ipDst: string;
  /** IPv4 TTL or IPv6 hop limit. */
  ttl: number;
  l4: L4;
  srcPort: number;
  dstPort: number;
  /** TCP flags by letter: any of F S R P A U. */
  tcpFlags: string;
  /** ICMP (or ICMPv6) type and code. */
  icmpType: number;
  icmpCode: number;
  /** The payload after the last header, in hex (spaces allowed). */
  payloadHex: string;
}

export const DEFAULT_PACKET: PacketSpec = {
  ethDst: '02:00:00:00:00:02', ethSrc: '02:00:00:00:00:01', l3: 'ipv4',
  ipSrc: '10.0.0.1', ipDst: '10.0.0.2', ttl: 64, l4: 'tcp', srcPort: 12345, dstPort: 80, tcpFlags: 'S',
  icmpType: 8, icmpCode: 0, payloadHex: '',
};

export type Built = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

function mac(text: string, what: string): number[] | string {
  const parts = text.trim().split(/[:-]/);
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) return `${what}: '${text}' is not a MAC address like 02:00:00:00:00:01`;
  return parts.map((p) => parseInt(p, 16));
}

function ipv4(text: string, what: string): number[] | string {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return `${what}: '${text}' is not an IPv4 address like 10.0.0.1`;
  return parts.map(Number);
}

function ipv6(text: string, what: string): number[] | string {
  const bad = `${what}: '${text}' is not an IPv6 address like fd00::1`;
  const t = text.trim();
  const halves = t.split('::');
  if (halves.length > 2) return bad;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0 || (halves.length === 2 && fill < 1)) return bad;
  const all = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return bad;
  return all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]);
}

function hexBytes(text: string): number[] | undefined {
  const t = text.replace(/\s+/g, '');
  if (t.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(t)) return undefined;
  const out: number[] = [];
  for (let i = 0; i < t.length; i += 2) out.push(parseInt(t.slice(i, i + 2), 16));
  return out;
}

const be16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];

/** The Internet checksum (RFC 1071) of `bytes`. */
export function inetChecksum(bytes: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function port(v: number, what: string): string | undefined {
  return Number.isInteger(v) && v >= 0 && v <= 0xffff ? undefined : `${what}: ${v} is not a port (0..65535)`;
}

const TCP_FLAG_BITS: Readonly<Record<string, number>> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10, U: 0x20 };

/** The L4 header and payload, with its checksum over `pseudo` (the IP pseudo-header). */
function l4Bytes(spec: PacketSpec, payload: number[], pseudo: (proto: number, len: number) => number[], v6: boolean): { proto: number; bytes: number[] } | string {
  switch (spec.l4) {
    case 'none':
      return { proto: 59, bytes: payload };
    case 'tcp':
    case 'udp': {
      const bad = port(spec.srcPort, 'source port') ?? port(spec.dstPort, 'destination port');
      if (bad) return bad;
      if (spec.l4 === 'udp') {
        const len = 8 + payload.length;
        const hdr = [...be16(spec.srcPort), ...be16(spec.dstPort), ...be16(len), 0, 0, ...payload];
        const sum = inetChecksum([...pseudo(17, len), ...hdr]) || 0xffff;
        hdr[6] = sum >> 8;
        hdr[7] = sum & 0xff;
        return { proto: 17, bytes: hdr };
      }
      let flags = 0;
      for (const c of spec.tcpFlags.toUpperCase()) {
        const bit = TCP_FLAG_BITS[c];
        if (bit === undefined) return `TCP flags: '${c}' is not one of F S R P A U`;
        flags |= bit;
      }
      const hdr = [...be16(spec.srcPort), ...be16(spec.dstPort), 0, 0, 0, 1, 0, 0, 0, 0, 5 << 4, flags, ...be16(0xffff), 0, 0, 0, 0, ...payload];
      const sum = inetChecksum([...pseudo(6, hdr.length), ...hdr]);
      hdr[16] = sum >> 8;
      hdr[17] = sum & 0xff;
      return { proto: 6, bytes: hdr };
    }
    case 'icmp': {
      if (![spec.icmpType, spec.icmpCode].every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) return 'ICMP type and code are bytes (0..255)';
      const hdr = [spec.icmpType, spec.icmpCode, 0, 0, 0, 1, 0, 1, ...payload];
      const proto = v6 ? 58 : 1;
      const sum = inetChecksum(v6 ? [...pseudo(proto, hdr.length), ...hdr] : hdr);
      hdr[2] = sum >> 8;
      hdr[3] = sum & 0xff;
      return { proto, bytes: hdr };
    }
  }
}

/** Builds the packet that `spec` describes, or says which field is wrong. */
export function buildPacket(spec: PacketSpec): Built {
  const fail = (message: string): Built => ({ ok: false, message });
  const dst = mac(spec.ethDst, 'destination MAC');
  if (typeof dst === 'string') return fail(dst);
  const src = mac(spec.ethSrc, 'source MAC');
  if (typeof src === 'string') return fail(src);
  const payload = hexBytes(spec.payloadHex);
  if (!payload) return fail(`payload: '${spec.payloadHex}' is not hex bytes`);
  if (spec.vlan !== undefined && !(Number.isInteger(spec.vlan) && spec.vlan >= 0 && spec.vlan < 4096)) return fail(`VLAN id: ${spec.vlan} is not in 0..4095`);
  if (!(Number.isInteger(spec.ttl) && spec.ttl >= 0 && spec.ttl <= 255)) return fail(`TTL: ${spec.ttl} is not in 0..255`);

  let etherType: number;
  let l3: number[];
  if (spec.l3 === 'none') {
    etherType = spec.etherType ?? 0x0806;
    l3 = payload;
  } else if (spec.l3 === 'ipv4') {
    const s = ipv4(spec.ipSrc, 'source address');
    if (typeof s === 'string') return fail(s);
    const d = ipv4(spec.ipDst, 'destination address');
    if (typeof d === 'string') return fail(d);
    const l4 = l4Bytes(spec, payload, (proto, len) => [...s, ...d, 0, proto, ...be16(len)], false);
    if (typeof l4 === 'string') return fail(l4);
    const total = 20 + l4.bytes.length;
    if (total > 0xffff) return fail('the packet is longer than an IPv4 packet can be');
    const hdr = [0x45, 0, ...be16(total), 0, 1, 0x40, 0, spec.ttl, l4.proto, 0, 0, ...s, ...d];
    const sum = inetChecksum(hdr);
    hdr[10] = sum >> 8;
    hdr[11] = sum & 0xff;
    etherType = 0x0800;
    l3 = [...hdr, ...l4.bytes];
  } else {
    const s = ipv6(spec.ipSrc, 'source address');
    if (typeof s === 'string') return fail(s);
    const d = ipv6(spec.ipDst, 'destination address');
    if (typeof d === 'string') return fail(d);
    const l4 = l4Bytes(spec, payload, (proto, len) => [...s, ...d, 0, 0, ...be16(len), 0, 0, 0, proto], true);
    if (typeof l4 === 'string') return fail(l4);
    if (l4.bytes.length > 0xffff) return fail('the payload is longer than an IPv6 packet can carry');
    etherType = 0x86dd;
    l3 = [0x60, 0, 0, 0, ...be16(l4.bytes.length), l4.proto, spec.ttl, ...s, ...d, ...l4.bytes];
  }
  const tag = spec.vlan === undefined ? [] : [0x81, 0x00, ...be16(spec.vlan)];
  return { ok: true, bytes: Uint8Array.from([...dst, ...src, ...tag, ...be16(etherType), ...l3]) };
}

/** The packets of a pcap or pcapng file, or why it cannot be read. */
export function packetsOfCapture(bytes: Uint8Array): Uint8Array[] | string {
  const r = readCapture(bytes);
  return r.ok ? r.packets.map((p) => p.bytes) : r.message;
}
