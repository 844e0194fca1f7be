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
