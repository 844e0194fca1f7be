// The Run pane's packet builder: field placement, lengths and checksums, checked against bytes
// worked out by hand and against the checksum property (a correct header sums to 0xffff).
import { describe, expect, it } from 'vitest';
import { buildPacket, DEFAULT_PACKET, inetChecksum, packetsOfCapture, type PacketSpec } from '../../web/src/packet.js';

function build(over: Partial<PacketSpec>): Uint8Array {
  const r = buildPacket({ ...DEFAULT_PACKET, ...over });
  if (!r.ok) throw new Error(r.message);
  return r.bytes;
}

const hex = (b: Uint8Array | number[]): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** The one's-complement sum of a span, folded: 0xffff when its checksum field is right. */
function folded(bytes: readonly number[]): number {
  return ~inetChecksum(bytes) & 0xffff;
}

describe('buildPacket', () => {
  it('lays out Ethernet, IPv4 and TCP with the RFC 1071 checksums', () => {
    const p = build({ payloadHex: 'de ad' });
    expect(p.length).toBe(14 + 20 + 20 + 2);
    expect(hex(p.subarray(0, 14))).toBe('020000000002' + '020000000001' + '0800');
    // IPv4: version/IHL, total length 42, DF, TTL 64, protocol 6, addresses.
    expect(hex(p.subarray(14, 34))).toBe('4500002a00014000' + '4006' + hex(p.subarray(24, 26)) + '0a000001' + '0a000002');
    // Worked by hand: 4500+002a+0001+4000+4006+0a00+0001+0a00+0002 = 0xd934, no carry; ~ = 0x26cb.
    expect(hex(p.subarray(24, 26))).toBe('26cb');
    // TCP: ports 12345 -> 80, data offset 5, SYN.
    expect(hex(p.subarray(34, 38))).toBe('30390050');
    expect(p[46]).toBe(0x50);
    expect(p[47]).toBe(0x02);
    const pseudo = [10, 0, 0, 1, 10, 0, 0, 2, 0, 6, 0, 22];
    expect(folded([...pseudo, ...p.subarray(34)])).toBe(0xffff);
  });

  it('builds UDP over IPv6 with the pseudo-header checksum, and an 802.1Q tag', () => {
    const p = build({ l3: 'ipv6', ipSrc: 'fd00::1', ipDst: 'fd00::2', l4: 'udp', srcPort: 53, dstPort: 5353, vlan: 100, payloadHex: '01020304' });
    expect(hex(p.subarray(12, 18))).toBe('8100' + '0064' + '86dd');
    const ip6 = p.subarray(18);
    expect(ip6[0]).toBe(0x60);
    expect((ip6[4]! << 8) | ip6[5]!).toBe(12);
    expect([ip6[6], ip6[7]]).toEqual([17, 64]);
    expect(hex(ip6.subarray(8, 24))).toBe('fd000000000000000000000000000001');
    const udp = Array.from(ip6.subarray(40));
    expect(udp.slice(0, 6)).toEqual([0, 53, 0x14, 0xe9, 0, 12]);
    const pseudo = [...ip6.subarray(8, 40), 0, 0, 0, 12, 0, 0, 0, 17];
    expect(folded([...pseudo, ...udp])).toBe(0xffff);
  });

  it('builds ICMP echo over IPv4 and ICMPv6 with its pseudo-header', () => {
    const v4 = build({ l4: 'icmp', icmpType: 8, payloadHex: 'aa' });
    expect(v4[23]).toBe(1);
    expect(folded(Array.from(v4.subarray(34)))).toBe(0xffff);
    const v6 = build({ l3: 'ipv6', ipSrc: '::1', ipDst: '::1', l4: 'icmp', icmpType: 128 });
    expect(v6[20]).toBe(58);
    const body = Array.from(v6.subarray(54));
    expect(body[0]).toBe(128);
    expect(folded([...v6.subarray(22, 54), 0, 0, 0, body.length, 0, 0, 0, 58, ...body])).toBe(0xffff);
  });

  it('writes another EtherType with the payload straight after the header', () => {
    const p = build({ l3: 'none', etherType: 0x0806, payloadHex: '0001' });
    expect(hex(p)).toBe('020000000002020000000001' + '0806' + '0001');
  });

  it('names the field that is wrong', () => {
    const bad = (over: Partial<PacketSpec>): string => {
      const r = buildPacket({ ...DEFAULT_PACKET, ...over });
      return r.ok ? 'built' : r.message;
    };
    expect(bad({ ethDst: '02:00:00' })).toMatch(/^destination MAC/);
    expect(bad({ ipSrc: '10.0.0.300' })).toMatch(/^source address/);
    expect(bad({ l3: 'ipv6', ipSrc: 'fd00::1', ipDst: 'fd00::1::2' })).toMatch(/^destination address/);
    expect(bad({ dstPort: 70000 })).toMatch(/^destination port/);
    expect(bad({ tcpFlags: 'SX' })).toMatch(/^TCP flags/);
    expect(bad({ payloadHex: 'abc' })).toMatch(/^payload/);
    expect(bad({ vlan: 4096 })).toMatch(/^VLAN/);
    expect(bad({ ttl: 256 })).toMatch(/^TTL/);
  });
});

describe('packetsOfCapture', () => {
  it('reads the packets of a classic pcap file and reports a damaged one', () => {
    const pkt = build({});
    const header = new Uint8Array(24);
    const dv = new DataView(header.buffer);
    dv.setUint32(0, 0xa1b2c3d4, true);
    dv.setUint16(4, 2, true);
    dv.setUint16(6, 4, true);
    dv.setUint32(16, 65535, true);
    dv.setUint32(20, 1, true);
    const rec = new Uint8Array(16);
    const rv = new DataView(rec.buffer);
    rv.setUint32(8, pkt.length, true);
    rv.setUint32(12, pkt.length, true);
    const file = Uint8Array.from([...header, ...rec, ...pkt, ...rec, ...pkt]);
    const r = packetsOfCapture(file);
    expect(typeof r).not.toBe('string');
    expect((r as Uint8Array[]).map(hex)).toEqual([hex(pkt), hex(pkt)]);
    expect(typeof packetsOfCapture(new Uint8Array(5))).toBe('string');
  });
});
