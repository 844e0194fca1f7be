// The packet every benchmark run feeds its program: Ethernet + IPv4 + TCP
// (SYN, 10.0.0.1:40000 -> 10.0.0.2:80) with a small payload and correct
// checksums. One representative packet for all program types: XDP gets the
// frame as is; for socket filters and tc the kernel's test-run builds an skb
// from the same bytes.

const ETH_P_IP = 0x0800;
const IPPROTO_TCP = 6;
const TCP_SYN = 0x02;

/** The ones' complement sum of 16-bit big-endian words, folded (RFC 1071). */
function onesComplementSum(bytes, initial = 0) {
  let sum = initial;
  for (let i = 0; i + 1 < bytes.length; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (bytes.length % 2 === 1) sum += bytes[bytes.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

function checksum(bytes, initial = 0) {
  return ~onesComplementSum(bytes, initial) & 0xffff;
}

/** An IPv4/TCP frame; fields are parameters so a caller can vary them. */
export function ipv4TcpPacket({
  srcMac = [0x02, 0, 0, 0, 0, 0x01],
  dstMac = [0x02, 0, 0, 0, 0, 0x02],
  srcIp = [10, 0, 0, 1],
  dstIp = [10, 0, 0, 2],
  srcPort = 40000,
  dstPort = 80,
  payloadBytes = 32,
} = {}) {
  const ethBytes = 14;
  const ipBytes = 20;
  const tcpBytes = 20;
  const total = ethBytes + ipBytes + tcpBytes + payloadBytes;
  const p = new Uint8Array(total);
  const v = new DataView(p.buffer);
  p.set(dstMac, 0);
  p.set(srcMac, 6);
  v.setUint16(12, ETH_P_IP);

  const ip = ethBytes;
  p[ip] = 0x45; // version 4, 5 words of header
  v.setUint16(ip + 2, ipBytes + tcpBytes + payloadBytes);
  v.setUint16(ip + 4, 0x1234); // identification
  v.setUint16(ip + 6, 0x4000); // don't fragment
  p[ip + 8] = 64; // ttl
  p[ip + 9] = IPPROTO_TCP;
  p.set(srcIp, ip + 12);
  p.set(dstIp, ip + 16);
  v.setUint16(ip + 10, checksum(p.subarray(ip, ip + ipBytes)));

  const tcp = ip + ipBytes;
  v.setUint16(tcp, srcPort);
  v.setUint16(tcp + 2, dstPort);
  v.setUint32(tcp + 4, 1); // sequence number
  p[tcp + 12] = (tcpBytes / 4) << 4;
  p[tcp + 13] = TCP_SYN;
  v.setUint16(tcp + 14, 65535); // window
  for (let i = 0; i < payloadBytes; i++) p[tcp + tcpBytes + i] = i & 0xff;
  const segmentBytes = tcpBytes + payloadBytes;
  const pseudo = new Uint8Array(12);
  pseudo.set(srcIp, 0);
  pseudo.set(dstIp, 4);
  pseudo[9] = IPPROTO_TCP;
  new DataView(pseudo.buffer).setUint16(10, segmentBytes);
  v.setUint16(tcp + 16, checksum(p.subarray(tcp, tcp + segmentBytes), onesComplementSum(pseudo)));
  return p;
}

// ---- the packet-result check: a few frames of different shapes ----
// Every program runs each of them once, built by ebcc and by clang; the return
// values and the bytes that come out must agree.

const ETH_P_IPV6 = 0x86dd;
const ETH_P_8021Q = 0x8100;
const IPPROTO_ICMP = 1;
const IPPROTO_UDP = 17;
const IPPROTO_ICMPV6 = 58;

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function ethernet(etherType, vlanId) {
  const tag = vlanId === undefined ? 0 : 4;
  const e = new Uint8Array(14 + tag);
  const v = new DataView(e.buffer);
  e.set([0x02, 0, 0, 0, 0, 0x02], 0);
  e.set([0x02, 0, 0, 0, 0, 0x01], 6);
  if (vlanId !== undefined) {
    v.setUint16(12, ETH_P_8021Q);
    v.setUint16(14, vlanId);
  }
  v.setUint16(12 + tag, etherType);
  return e;
}

/** An IPv4 header (no options) with its checksum, before `l4`. */
function ipv4(proto, src, dst, l4) {
  const h = new Uint8Array(20);
  const v = new DataView(h.buffer);
  h[0] = 0x45;
  v.setUint16(2, 20 + l4.length);
  v.setUint16(4, 0x0101);
  v.setUint16(6, 0x4000);
  h[8] = 64;
  h[9] = proto;
  h.set(src, 12);
  h.set(dst, 16);
  v.setUint16(10, checksum(h));
  return h;
}

function ipv6(nextHeader, src, dst, l4) {
  const h = new Uint8Array(40);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x60000000);
  v.setUint16(4, l4.length);
  h[6] = nextHeader;
  h[7] = 64;
  h.set(src, 8);
  h.set(dst, 24);
  return h;
}

/** Fills the transport checksum at `at` over the IPv4 or IPv6 pseudo-header. */
function setL4Checksum(l4, at, proto, src, dst) {
  const pseudo = new Uint8Array(src.length * 2 + 8);
  const v = new DataView(pseudo.buffer);
  pseudo.set(src, 0);
  pseudo.set(dst, src.length);
  v.setUint32(src.length * 2, l4.length);
  pseudo[src.length * 2 + 7] = proto;
  new DataView(l4.buffer).setUint16(at, checksum(l4, onesComplementSum(pseudo)));
  return l4;
}

function tcp(sport, dport, flags, options = []) {
  const hdr = 20 + options.length;
  const t = new Uint8Array(hdr + 16);
  const v = new DataView(t.buffer);
  v.setUint16(0, sport);
  v.setUint16(2, dport);
  v.setUint32(4, 7);
  t[12] = (hdr / 4) << 4;
  t[13] = flags;
  v.setUint16(14, 64240);
  t.set(options, 20);
  for (let i = hdr; i < t.length; i++) t[i] = i & 0xff;
  return t;
}

function udp(sport, dport, payload) {
  const u = new Uint8Array(8 + payload.length);
  const v = new DataView(u.buffer);
  v.setUint16(0, sport);
  v.setUint16(2, dport);
  v.setUint16(4, u.length);
  u.set(payload, 8);
  return u;
}

/** An echo request; its checksum covers the message alone (ICMPv6 callers add the pseudo-header). */
function icmpEcho(type, withChecksum = true) {
  const m = new Uint8Array(8 + 24);
  const v = new DataView(m.buffer);
  m[0] = type;
  v.setUint16(4, 0x4242);
  v.setUint16(6, 1);
  for (let i = 8; i < m.length; i++) m[i] = i;
  if (withChecksum) v.setUint16(2, checksum(m));
  return m;
}

const V4_CLIENT = [10, 0, 0, 1];
const V4_VIP = [10, 0, 0, 2];
const V6_CLIENT = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const V6_VIP = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
const TCP_SYN_ONLY = 0x02;
const TCP_ACK = 0x10;
// MSS 1460, NOP, NOP, SACK permitted, then window scale 7 and a NOP to pad.
const SYN_OPTIONS = [2, 4, 0x05, 0xb4, 1, 1, 4, 2, 3, 3, 7, 1];
// A DNS query for "blockedexample.com" (12-byte header, then the name's labels).
const DNS_QUERY = [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 14, ...'blockedexample'.split('').map((c) => c.charCodeAt(0)), 3, 0x63, 0x6f, 0x6d, 0, 0, 1, 0, 1];

function v4(proto, l4, vlanId) {
  return concat([ethernet(ETH_P_IP, vlanId), ipv4(proto, V4_CLIENT, V4_VIP, l4), l4]);
}

function v6(proto, l4) {
  return concat([ethernet(ETH_P_IPV6), ipv6(proto, V6_CLIENT, V6_VIP, l4), l4]);
}

/** The frames of the packet-result check, by name. */
export function checkPackets() {
  return [
    ['ipv4-tcp-syn', ipv4TcpPacket()],
    ['ipv4-tcp-syn-mss', v4(IPPROTO_TCP, setL4Checksum(tcp(40001, 80, TCP_SYN_ONLY, SYN_OPTIONS), 16, IPPROTO_TCP, V4_CLIENT, V4_VIP))],
    ['ipv4-tcp-ack', v4(IPPROTO_TCP, setL4Checksum(tcp(40001, 80, TCP_ACK), 16, IPPROTO_TCP, V4_CLIENT, V4_VIP))],
    ['ipv4-udp-dns', v4(IPPROTO_UDP, setL4Checksum(udp(5353, 53, DNS_QUERY), 6, IPPROTO_UDP, V4_CLIENT, V4_VIP))],
    ['ipv4-icmp-echo', v4(IPPROTO_ICMP, icmpEcho(8))],
    ['vlan-ipv4-tcp-syn', v4(IPPROTO_TCP, setL4Checksum(tcp(40002, 443, TCP_SYN_ONLY, SYN_OPTIONS), 16, IPPROTO_TCP, V4_CLIENT, V4_VIP), 100)],
    ['ipv6-tcp-syn-mss', v6(IPPROTO_TCP, setL4Checksum(tcp(40003, 80, TCP_SYN_ONLY, SYN_OPTIONS), 16, IPPROTO_TCP, V6_CLIENT, V6_VIP))],
    ['ipv6-udp-dns', v6(IPPROTO_UDP, setL4Checksum(udp(5353, 53, DNS_QUERY), 6, IPPROTO_UDP, V6_CLIENT, V6_VIP))],
    ['ipv6-icmp-echo', v6(IPPROTO_ICMPV6, setL4Checksum(icmpEcho(128, false), 2, IPPROTO_ICMPV6, V6_CLIENT, V6_VIP))],
  ];
}
