// Packet builders for kernel tests, written from the RFCs: Ethernet II and IEEE 802.1Q tags,
// IPv4 (RFC 791), IPv6 (RFC 8200), UDP (RFC 768), TCP (RFC 9293), ICMP (RFC 792),
// ICMPv6 (RFC 4443), the Internet checksum (RFC 1071) and IPv6 text addresses (RFC 4291 2.2).
// All multi-byte header fields are big-endian (network order).
//
//   const pkt = eth({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: ETH_P_IP,
//     payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2',
//       payload: udp({ sport: 1234, dport: 53, payload: text('hi') }) }) });
//
// Transport builders (udp, tcp, icmp, icmpv6) return a Transport, not bytes: their checksum covers
// the IP pseudo-header, so the enclosing ipv4()/ipv6() encodes them, and fills in the protocol.

export const ETH_HLEN = 14;
export const ETH_P_IP = 0x0800;
export const ETH_P_ARP = 0x0806;
export const ETH_P_8021Q = 0x8100;
export const ETH_P_8021AD = 0x88a8;
export const ETH_P_IPV6 = 0x86dd;

export const IPPROTO_ICMP = 1;
export const IPPROTO_IPIP = 4;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_IPV6 = 41;
export const IPPROTO_GRE = 47;
export const IPPROTO_ICMPV6 = 58;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;
export const TCP_URG = 0x20;
export const TCP_ECE = 0x40;
export const TCP_CWR = 0x80;

/** A MAC, IPv4 or IPv6 address as text or as its bytes. */
export type Address = string | Uint8Array;

// ---- bytes ----

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Lowercase hex, e.g. hex([0x45, 0]) === '4500'; `sep` goes between bytes. */
export function hex(bytes: Uint8Array, sep = ''): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(sep);
}

/** Parses hex text, ignoring whitespace: fromHex('45 00 00 1c'). */
export function fromHex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(digits)) throw new Error(`fromHex: not an even run of hex digits: '${text}'`);
  return Uint8Array.from(digits.match(/../g) ?? [], (b) => parseInt(b, 16));
}

/** UTF-8 bytes of a string (for payloads). */
export function text(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

export function be16(n: number): Uint8Array {
  return Uint8Array.of((n >>> 8) & 0xff, n & 0xff);
}

export function be32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

export function readBe16(bytes: Uint8Array, offsetBytes: number): number {
  return (bytes[offsetBytes]! << 8) | bytes[offsetBytes + 1]!;
}

export function readBe32(bytes: Uint8Array, offsetBytes: number): number {
  return ((readBe16(bytes, offsetBytes) << 16) >>> 0) + readBe16(bytes, offsetBytes + 2);
}

// ---- addresses ----

/** 'aa:bb:cc:dd:ee:ff' (or with '-') to 6 bytes. */
export function parseMac(s: string): Uint8Array {
  const parts = s.split(/[:-]/);
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-fA-F]{2}$/.test(p))) {
    throw new Error(`parseMac: expected six hex octets like 02:00:00:00:00:01, saw '${s}'`);
  }
  return Uint8Array.from(parts, (p) => parseInt(p, 16));
}

/** Dotted-quad '10.0.0.1' to 4 bytes. */
export function parseIpv4(s: string): Uint8Array {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
    throw new Error(`parseIpv4: expected a dotted quad like 10.0.0.1, saw '${s}'`);
  }
  return Uint8Array.from(parts, Number);
}

/** RFC 4291 text form ('fc00::1', '::ffff:192.0.2.1', full form) to 16 bytes. */
export function parseIpv6(s: string): Uint8Array {
  const fail = (): never => {
    throw new Error(`parseIpv6: expected an IPv6 address like fc00::1, saw '${s}'`);
  };
  const halves = s.split('::');
  if (halves.length > 2) fail();
  const groupsOf = (part: string): number[] => {
    if (part === '') return [];
    const fields = part.split(':');
    const out: number[] = [];
    fields.forEach((f, i) => {
      if (i === fields.length - 1 && f.includes('.')) {
        const v4 = parseIpv4(f);
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(f)) {
        out.push(parseInt(f, 16));
      } else {
        fail();
      }
    });
    return out;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) fail();
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return concat(...groups.map(be16));
}

function macBytes(a: Address): Uint8Array {
  return typeof a === 'string' ? parseMac(a) : checkLength(a, 6, 'MAC address');
}

function ipBytes(a: Address): Uint8Array {
  if (typeof a !== 'string') {
    if (a.length !== 4 && a.length !== 16) throw new Error(`IP address must be 4 or 16 bytes, saw ${a.length}`);
    return a;
  }
  return a.includes(':') ? parseIpv6(a) : parseIpv4(a);
}

function checkLength(a: Uint8Array, lengthBytes: number, what: string): Uint8Array {
  if (a.length !== lengthBytes) throw new Error(`${what} must be ${lengthBytes} bytes, saw ${a.length}`);
  return a;
}

// ---- checksum (RFC 1071) ----

/** The 16-bit one's-complement sum of the concatenated bytes (an odd tail is padded with zero). */
export function onesComplementSum(...parts: readonly Uint8Array[]): number {
  const bytes = concat(...parts);
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The Internet checksum: the one's complement of the one's-complement sum. */
export function internetChecksum(...parts: readonly Uint8Array[]): number {
  return ~onesComplementSum(...parts) & 0xffff;
}

/** The pseudo-header covered by UDP, TCP and ICMPv6 checksums (RFC 768/9293 for v4, RFC 8200 8.1 for v6). */
export function pseudoHeader(src: Uint8Array, dst: Uint8Array, protocol: number, lengthBytes: number): Uint8Array {
  if (src.length === 4) return concat(src, dst, Uint8Array.of(0, protocol), be16(lengthBytes));
  return concat(src, dst, be32(lengthBytes), Uint8Array.of(0, 0, 0, protocol));
}

// ---- link layer ----

export interface EthOptions { dst: Address; src: Address; type: number; payload?: Uint8Array }

/** Ethernet II: dst(6) src(6) type(2) payload. */
export function eth(o: EthOptions): Uint8Array {
  return concat(macBytes(o.dst), macBytes(o.src), be16(o.type), o.payload ?? new Uint8Array(0));
}

export interface VlanOptions { vid: number; pcp?: number; dei?: boolean; type: number; payload?: Uint8Array }

/**
 * The part of an 802.1Q-tagged frame after the outer type: TCI(2) inner-type(2) payload.
 * Use as `eth({ …, type: ETH_P_8021Q, payload: vlan({ vid: 10, type: ETH_P_IP, payload }) })`.
 */
export function vlan(o: VlanOptions): Uint8Array {
  const tci = ((o.pcp ?? 0) << 13) | (o.dei === true ? 0x1000 : 0) | (o.vid & 0xfff);
  return concat(be16(tci), be16(o.type), o.payload ?? new Uint8Array(0));
}

// ---- network layer ----

/** A transport header + payload whose checksum the enclosing IP header completes. */
export interface Transport {
  /** the IP protocol / IPv6 next-header number */
  readonly protocol: number;
  /** the segment's bytes, with the checksum computed over the pseudo-header of src and dst */
  encode(src: Uint8Array, dst: Uint8Array): Uint8Array;
}

export interface Ipv4Options {
  src: Address;
  dst: Address;
  /** defaults to the Transport's protocol; required for raw payloads */
  proto?: number;
  ttl?: number;
  id?: number;
  tos?: number;
  df?: boolean;
  mf?: boolean;
  /** the fragment offset in bytes; a multiple of 8 (the header stores it in 8-byte units) */
  fragOffsetBytes?: number;
  /** raw option bytes, padded with zeros (End of Option List) to a multiple of 4 */
  options?: Uint8Array;
  payload?: Uint8Array | Transport;
  /** overrides for malformed packets */
  totalLength?: number;
  ihlWords?: number;
  checksum?: number;
}

/** IPv4 header (RFC 791 3.1) with a correct header checksum, followed by the payload. */
export function ipv4(o: Ipv4Options): Uint8Array {
  const src = ipBytes(o.src);
  const dst = ipBytes(o.dst);
  checkLength(src, 4, 'IPv4 source');
  checkLength(dst, 4, 'IPv4 destination');
  const { bytes: payload, protocol } = encodePayload(o.payload, src, dst, o.proto, 'ipv4');
  const options = padTo4(o.options ?? new Uint8Array(0));
  if (options.length > 40) throw new Error(`IPv4 options are at most 40 bytes, saw ${options.length}`);
  const fragOffsetBytes = o.fragOffsetBytes ?? 0;
  if (fragOffsetBytes % 8 !== 0) throw new Error(`fragOffsetBytes must be a multiple of 8, saw ${fragOffsetBytes}`);
  const headerBytes = 20 + options.length;
  const flagsFrag = (o.df === true ? 0x4000 : 0) | (o.mf === true ? 0x2000 : 0) | (fragOffsetBytes / 8);
  const header = concat(
    Uint8Array.of(0x40 | (o.ihlWords ?? headerBytes / 4), o.tos ?? 0),
    be16(o.totalLength ?? headerBytes + payload.length),
    be16(o.id ?? 0),
    be16(flagsFrag),
    Uint8Array.of(o.ttl ?? 64, protocol),
    be16(0),
    src, dst, options,
  );
  header.set(be16(o.checksum ?? internetChecksum(header)), 10);
  return concat(header, payload);
}

export interface Ipv6Options {
  src: Address;
  dst: Address;
  /** defaults to the Transport's protocol; required for raw payloads */
  nextHeader?: number;
  hopLimit?: number;
  trafficClass?: number;
  flowLabel?: number;
  payload?: Uint8Array | Transport;
  /** override for malformed packets */
  payloadLength?: number;
}

/** IPv6 fixed header (RFC 8200 3) followed by the payload. */
export function ipv6(o: Ipv6Options): Uint8Array {
  const src = checkLength(ipBytes(o.src), 16, 'IPv6 source');
  const dst = checkLength(ipBytes(o.dst), 16, 'IPv6 destination');
  const { bytes: payload, protocol } = encodePayload(o.payload, src, dst, o.nextHeader, 'ipv6');
  const first = ((6 << 28) | ((o.trafficClass ?? 0) << 20) | ((o.flowLabel ?? 0) & 0xfffff)) >>> 0;
  return concat(be32(first), be16(o.payloadLength ?? payload.length),
    Uint8Array.of(protocol, o.hopLimit ?? 64), src, dst, payload);
}

function encodePayload(payload: Uint8Array | Transport | undefined, src: Uint8Array, dst: Uint8Array,
  protocol: number | undefined, who: string): { bytes: Uint8Array; protocol: number } {
  if (payload === undefined || payload instanceof Uint8Array) {
    if (protocol === undefined) throw new Error(`${who}: give the protocol for a raw payload`);
    return { bytes: payload ?? new Uint8Array(0), protocol };
  }
  return { bytes: payload.encode(src, dst), protocol: protocol ?? payload.protocol };
}

function padTo4(bytes: Uint8Array): Uint8Array {
  return concat(bytes, new Uint8Array((4 - (bytes.length % 4)) % 4));
}

// ---- transport layer ----

export interface UdpOptions {
  sport: number;
  dport: number;
  payload?: Uint8Array;
  /** overrides; checksum 0 means "no checksum" over IPv4 */
  length?: number;
  checksum?: number;
}

/** UDP (RFC 768). A computed checksum of 0 is sent as 0xffff. */
export function udp(o: UdpOptions): Transport {
  return {
    protocol: IPPROTO_UDP,
    encode(src, dst) {
      const payload = o.payload ?? new Uint8Array(0);
      const lengthBytes = 8 + payload.length;
      const seg = concat(be16(o.sport), be16(o.dport), be16(o.length ?? lengthBytes), be16(0), payload);
      const sum = internetChecksum(pseudoHeader(src, dst, IPPROTO_UDP, lengthBytes), seg);
      seg.set(be16(o.checksum ?? (sum === 0 ? 0xffff : sum)), 6);
      return seg;
    },
  };
}

export interface TcpOptions {
  sport: number;
  dport: number;
  seq?: number;
  ack?: number;
  /** a number (TCP_SYN | TCP_ACK) or letters from 'FSRPAUEC' ('SA' = SYN+ACK) */
  flags?: number | string;
  window?: number;
  urgent?: number;
  /** raw option bytes, padded with zeros (End of Option List) to a multiple of 4 */
  options?: Uint8Array;
  payload?: Uint8Array;
  /** overrides for malformed segments */
  dataOffsetWords?: number;
  checksum?: number;
}

/** TCP (RFC 9293 3.1). */
export function tcp(o: TcpOptions): Transport {
  return {
    protocol: IPPROTO_TCP,
    encode(src, dst) {
      const options = padTo4(o.options ?? new Uint8Array(0));
      if (options.length > 40) throw new Error(`TCP options are at most 40 bytes, saw ${options.length}`);
      const payload = o.payload ?? new Uint8Array(0);
      const dataOffsetWords = o.dataOffsetWords ?? (20 + options.length) / 4;
      const seg = concat(be16(o.sport), be16(o.dport), be32(o.seq ?? 0), be32(o.ack ?? 0),
        Uint8Array.of(dataOffsetWords << 4, tcpFlags(o.flags ?? 0)), be16(o.window ?? 65535),
        be16(0), be16(o.urgent ?? 0), options, payload);
      seg.set(be16(o.checksum ?? internetChecksum(pseudoHeader(src, dst, IPPROTO_TCP, seg.length), seg)), 16);
      return seg;
    },
  };
}

const TCP_FLAG_LETTERS = 'FSRPAUEC';

function tcpFlags(flags: number | string): number {
  if (typeof flags === 'number') return flags & 0xff;
  let out = 0;
  for (const c of flags.toUpperCase()) {
    const bit = TCP_FLAG_LETTERS.indexOf(c);
    if (bit < 0) throw new Error(`tcp: unknown flag letter '${c}' (expected some of ${TCP_FLAG_LETTERS})`);
    out |= 1 << bit;
  }
  return out;
}

export interface IcmpOptions {
  type: number;
  code?: number;
  /** the 4 "rest of header" bytes as a number; or give id and seq for echo messages */
  rest?: number;
  id?: number;
  seq?: number;
  payload?: Uint8Array;
  checksum?: number;
}

/** ICMP for IPv4 (RFC 792); its checksum covers the ICMP message only. */
export function icmp(o: IcmpOptions): Transport {
  return {
    protocol: IPPROTO_ICMP,
    encode() {
      const msg = icmpMessage(o);
      msg.set(be16(o.checksum ?? internetChecksum(msg)), 2);
      return msg;
    },
  };
}

/** ICMPv6 (RFC 4443 2.1); its checksum covers the IPv6 pseudo-header too. */
export function icmpv6(o: IcmpOptions): Transport {
  return {
    protocol: IPPROTO_ICMPV6,
    encode(src, dst) {
      if (src.length !== 16) throw new Error('icmpv6 must be carried in ipv6()');
      const msg = icmpMessage(o);
      msg.set(be16(o.checksum ?? internetChecksum(pseudoHeader(src, dst, IPPROTO_ICMPV6, msg.length), msg)), 2);
      return msg;
    },
  };
}

function icmpMessage(o: IcmpOptions): Uint8Array {
  const rest = o.rest ?? ((((o.id ?? 0) & 0xffff) << 16) | ((o.seq ?? 0) & 0xffff)) >>> 0;
  return concat(Uint8Array.of(o.type, o.code ?? 0), be16(0), be32(rest), o.payload ?? new Uint8Array(0));
}

/** A Transport's bytes outside an IP header, e.g. to check offsets: encodeTransport(udp(…), src, dst). */
export function encodeTransport(t: Transport, src: Address, dst: Address): Uint8Array {
  return t.encode(ipBytes(src), ipBytes(dst));
}
