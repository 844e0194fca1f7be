import { describe, expect, it } from 'vitest';
import {
  ETH_P_8021Q, ETH_P_IP, ETH_P_IPV6, IPPROTO_TCP, IPPROTO_UDP, TCP_ACK, TCP_SYN, concat, encodeTransport,
  eth, fromHex, hex, icmp, icmpv6, internetChecksum, ipv4, ipv6, onesComplementSum, parseIpv4, parseIpv6,
  parseMac, pseudoHeader, readBe16, readBe32, tcp, text, udp, vlan,
} from './packets.js';

const MAC_A = '02:00:00:00:00:0a';
const MAC_B = '02:00:00:00:00:0b';

describe('Internet checksum (RFC 1071)', () => {
  it('matches the worked example of RFC 1071 section 3', () => {
    // 0001 + f203 + f4f5 + f6f7 = 2ddf0; end-around carry: ddf0 + 2 = ddf2; complement: 220d.
    const bytes = fromHex('00 01 f2 03 f4 f5 f6 f7');
    expect(onesComplementSum(bytes)).toBe(0xddf2);
    expect(internetChecksum(bytes)).toBe(0x220d);
  });

  it('pads an odd final byte with zero', () => {
    expect(onesComplementSum(fromHex('01 02 03'))).toBe(0x0102 + 0x0300);
  });
});

describe('ipv4', () => {
  it('computes the header checksum of a classic example header', () => {
    // 4500+0073+0000+4000+4011+c0a8+0001+c0a8+00c7 = 2479c; 479c + 2 = 479e; ~479e = b861.
    const pkt = ipv4({ src: '192.168.0.1', dst: '192.168.0.199', proto: IPPROTO_UDP, ttl: 64, id: 0,
      df: true, payload: new Uint8Array(0x73 - 20) });
    expect(hex(pkt.slice(0, 20), ' ')).toBe('45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7');
  });

  it('places options, fragment fields and lengths', () => {
    const pkt = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: 253, id: 0x1234, mf: true,
      fragOffsetBytes: 1480, tos: 0x10, options: Uint8Array.of(1, 1, 1), payload: text('abc') });
    expect(pkt.length).toBe(24 + 3);
    expect(pkt[0]).toBe(0x46); // version 4, IHL 6 words
    expect(pkt[1]).toBe(0x10);
    expect(readBe16(pkt, 2)).toBe(27);
    expect(readBe16(pkt, 4)).toBe(0x1234);
    expect(readBe16(pkt, 6)).toBe(0x2000 | 185); // MF, offset 1480 / 8
    expect(hex(pkt.slice(20, 24))).toBe('01010100'); // options padded with EOL
    expect(internetChecksum(pkt.slice(0, 24))).toBe(0); // a correct header sums to 0xffff
    expect(() => ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: 1, fragOffsetBytes: 3 })).toThrow(/multiple of 8/);
    expect(() => ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: text('x') })).toThrow(/protocol/);
  });

  it('keeps explicit overrides for malformed packets', () => {
    const pkt = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: 6, ihlWords: 4, totalLength: 9, checksum: 0xbeef });
    expect(pkt[0]).toBe(0x44);
    expect(readBe16(pkt, 2)).toBe(9);
    expect(readBe16(pkt, 10)).toBe(0xbeef);
  });
});

describe('udp', () => {
  it('computes the checksum over the IPv4 pseudo-header', () => {
    // pseudo 0a00+0001+0a00+0002+0011+000a, header 04d2+0035+000a, data 6869: sum 8198, ~ = 7e67.
    const seg = encodeTransport(udp({ sport: 1234, dport: 53, payload: text('hi') }), '10.0.0.1', '10.0.0.2');
    expect(hex(seg, ' ')).toBe('04 d2 00 35 00 0a 7e 67 68 69');
  });

  it('sends a computed checksum of 0 as 0xffff', () => {
    // Same header as above with data e6d0: the sum is 192f + e6d0 = ffff, whose complement is 0.
    const seg = encodeTransport(udp({ sport: 1234, dport: 53, payload: fromHex('e6d0') }), '10.0.0.1', '10.0.0.2');
    expect(readBe16(seg, 6)).toBe(0xffff);
  });

  it('computes the checksum over the IPv6 pseudo-header', () => {
    // fc00+0001+fc00+0002 + length 0008 + next header 0011, header 0001+0002+0008:
    // 1f827; f827 + 1 = f828; ~ = 07d7.
    const seg = encodeTransport(udp({ sport: 1, dport: 2 }), 'fc00::1', 'fc00::2');
    expect(hex(seg, ' ')).toBe('00 01 00 02 00 08 07 d7');
  });

  it('checks out with an odd-length payload', () => {
    const src = parseIpv4('192.0.2.1');
    const dst = parseIpv4('198.51.100.7');
    const seg = udp({ sport: 40000, dport: 4789, payload: text('odd') }).encode(src, dst);
    expect(internetChecksum(pseudoHeader(src, dst, IPPROTO_UDP, seg.length), seg)).toBe(0);
  });
});

describe('tcp', () => {
  it('computes the checksum of a SYN by hand', () => {
    // pseudo 0a00+0001+0a00+0002+0006+0014 = 141d; header 04d2+0050+0000+0001+0000+0000+5002+ffff
    // = 15524; total 16941; 6941 + 1 = 6942; ~ = 96bd.
    const seg = encodeTransport(tcp({ sport: 1234, dport: 80, seq: 1, flags: 'S' }), '10.0.0.1', '10.0.0.2');
    expect(hex(seg, ' ')).toBe('04 d2 00 50 00 00 00 01 00 00 00 00 50 02 ff ff 96 bd 00 00');
  });

  it('places options and flags', () => {
    const mss = Uint8Array.of(2, 4, 0x05, 0xb4);
    const seg = encodeTransport(tcp({ sport: 1, dport: 2, seq: 0xfffffffe, ack: 7, flags: TCP_SYN | TCP_ACK,
      options: concat(mss, Uint8Array.of(1)), payload: text('x') }), 'fc00::1', 'fc00::2');
    expect(seg.length).toBe(28 + 1);
    expect(readBe32(seg, 4)).toBe(0xfffffffe);
    expect(readBe32(seg, 8)).toBe(7);
    expect(seg[12]).toBe(0x70); // data offset 7 words
    expect(seg[13]).toBe(0x12);
    expect(hex(seg.slice(20, 28))).toBe('020405b401000000');
    expect(encodeTransport(tcp({ sport: 1, dport: 2, flags: 'FSRPAUEC' }), '::1', '::1')[13]).toBe(0xff);
    expect(() => encodeTransport(tcp({ sport: 1, dport: 2, flags: 'X' }), '::1', '::1')).toThrow(/flag letter 'X'/);
  });
});

describe('icmp and icmpv6', () => {
  it('computes an echo request checksum without a pseudo-header', () => {
    // 0800 + 0001 + 0001 = 0802; ~ = f7fd.
    const msg = encodeTransport(icmp({ type: 8, id: 1, seq: 1 }), '10.0.0.1', '10.0.0.2');
    expect(hex(msg, ' ')).toBe('08 00 f7 fd 00 01 00 01');
  });

  it('covers the IPv6 pseudo-header in the ICMPv6 checksum', () => {
    // pseudo ::1 ::1 length 8 next header 58: 0001+0001+0008+003a = 0044; + 8000 = 8044; ~ = 7fbb.
    const msg = encodeTransport(icmpv6({ type: 128 }), '::1', '::1');
    expect(hex(msg, ' ')).toBe('80 00 7f bb 00 00 00 00');
    expect(() => encodeTransport(icmpv6({ type: 128 }), '10.0.0.1', '10.0.0.2')).toThrow(/ipv6/);
  });
});

describe('whole frames', () => {
  it('puts Ethernet, IPv4 and UDP fields at their offsets', () => {
    const pkt = eth({ dst: MAC_B, src: MAC_A, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2',
      ttl: 7, payload: udp({ sport: 1000, dport: 2000, payload: text('hello') }) }) });
    expect(pkt.length).toBe(14 + 20 + 8 + 5);
    expect(hex(pkt.slice(0, 6))).toBe('02000000000b');
    expect(hex(pkt.slice(6, 12))).toBe('02000000000a');
    expect(readBe16(pkt, 12)).toBe(ETH_P_IP);
    expect(pkt[14 + 8]).toBe(7); // ttl
    expect(pkt[14 + 9]).toBe(IPPROTO_UDP); // protocol taken from the transport
    expect(readBe16(pkt, 14 + 2)).toBe(33);
    expect(hex(pkt.slice(14 + 12, 14 + 20))).toBe('0a0000010a000002');
    expect(readBe16(pkt, 34)).toBe(1000);
    expect(readBe16(pkt, 36)).toBe(2000);
    expect(readBe16(pkt, 38)).toBe(13);
    expect(new TextDecoder().decode(pkt.slice(42))).toBe('hello');
  });

  it('puts an 802.1Q tag between the MACs and the inner type', () => {
    const pkt = eth({ dst: MAC_B, src: MAC_A, type: ETH_P_8021Q,
      payload: vlan({ vid: 100, pcp: 5, dei: true, type: ETH_P_IPV6,
        payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', hopLimit: 3, flowLabel: 0x12345, trafficClass: 0xab,
          payload: tcp({ sport: 1, dport: 2 }) }) }) });
    expect(readBe16(pkt, 12)).toBe(ETH_P_8021Q);
    expect(readBe16(pkt, 14)).toBe((5 << 13) | 0x1000 | 100);
    expect(readBe16(pkt, 16)).toBe(ETH_P_IPV6);
    const ip = pkt.slice(18);
    expect(readBe32(ip, 0)).toBe(((6 << 28) | (0xab << 20) | 0x12345) >>> 0);
    expect(readBe16(ip, 4)).toBe(20); // payload length
    expect(ip[6]).toBe(IPPROTO_TCP);
    expect(ip[7]).toBe(3);
    expect(hex(ip.slice(8, 24))).toBe('fc000000000000000000000000000001');
    expect(ip.length).toBe(40 + 20);
  });
});

describe('address parsers', () => {
  it('parses MAC and IPv4 text', () => {
    expect(hex(parseMac('AA-bb-cc-dd-ee-01'))).toBe('aabbccddee01');
    expect(hex(parseIpv4('192.0.2.255'))).toBe('c00002ff');
    expect(() => parseMac('aa:bb:cc:dd:ee')).toThrow(/six hex octets/);
    expect(() => parseIpv4('1.2.3.256')).toThrow(/dotted quad/);
    expect(() => parseIpv4('1.2.3')).toThrow(/dotted quad/);
  });

  it('parses IPv6 text forms (RFC 4291 2.2)', () => {
    expect(hex(parseIpv6('::'))).toBe('0'.repeat(32));
    expect(hex(parseIpv6('::1'))).toBe('0'.repeat(31) + '1');
    expect(hex(parseIpv6('2001:db8::ff00:42:8329'))).toBe('20010db8000000000000ff0000428329');
    expect(hex(parseIpv6('2001:DB8:0:0:1:0:0:1'))).toBe('20010db8000000000001000000000001');
    expect(hex(parseIpv6('fe80::'))).toBe('fe80' + '0'.repeat(28));
    expect(hex(parseIpv6('::ffff:192.0.2.1'))).toBe('00000000000000000000ffffc0000201');
    for (const bad of [':::', '1::2::3', 'g::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1:2:3:4::5:6:7:8', '12345::']) {
      expect(() => parseIpv6(bad), bad).toThrow(/parseIpv6/);
    }
  });
});
