// Programs whose packet accesses are in bounds only once the optimiser has done what clang's
// does (test/kernel/idioms/packet_checks.c): a read written before its bounds check sinks below
// it, `skb->data` read for the check and again for the access is read once, a header offset
// kept in a local struct stays a constant, and a pointer computed for the check and again for
// the access is computed once. Without that, the verifier refuses each of them ("invalid access
// to packet"). The expected verdicts and bytes are worked out from the C.
import { expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { concat, eth, ipv4, ipv6, tcp, udp, vlan, ETH_P_8021Q, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6 } from './packets.js';

const XDP_ABORTED = 0;
const XDP_DROP = 1;
const XDP_PASS = 2;
const XDP_TX = 3;
const TC_ACT_OK = 0;
const TC_ACT_SHOT = 2;

const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
const addrs = { src: '10.0.0.1', dst: '10.0.0.2' };
const udpFrame = () => eth({ ...mac, type: ETH_P_IP, payload: ipv4({ ...addrs, ttl: 64, payload: udp({ sport: 1000, dport: 53 }) }) });
const tcpFrame = () => eth({ ...mac, type: ETH_P_IP, payload: ipv4({ ...addrs, ttl: 9, payload: tcp({ sport: 1000, dport: 80 }) }) });
const arpFrame = () => eth({ ...mac, type: ETH_P_ARP, payload: new Uint8Array(28) });
const v6Frame = () => eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', payload: udp({ sport: 1, dport: 2 }) }) });

it('the four programs compile without diagnostics', () => {
  expect(compileFile(`${REPO_DIR}test/kernel/idioms/packet_checks.c`).ctx.diags.list).toEqual([]);
});

describeDual('packet checks that need clang-like optimisation', () => compileFile(`${REPO_DIR}test/kernel/idioms/packet_checks.c`), (obj) => {
  it('read_before_check: the EtherType and IP protocol read before their checks', () => {
    expect(obj().run('read_before_check', udpFrame()).retval).toBe(XDP_DROP);
    expect(obj().run('read_before_check', tcpFrame()).retval).toBe(XDP_TX);
    expect(obj().run('read_before_check', arpFrame()).retval).toBe(XDP_PASS);
    expect(obj().run('read_before_check', v6Frame()).retval).toBe(XDP_PASS);
    // An IPv4 EtherType with 10 bytes of IP header: the second check fails.
    expect(obj().run('read_before_check', udpFrame().subarray(0, 24)).retval).toBe(XDP_ABORTED);
  });

  it('data_read_twice: skb->data read for each check and again for each access', () => {
    const u = eth({ dst: '00:11:22:33:44:55', src: mac.src, type: ETH_P_IP, payload: ipv4({ ...addrs, ttl: 64, payload: udp({ sport: 1000, dport: 53 }) }) });
    const r = obj().run('data_read_twice', u);
    expect(r.retval).toBe(TC_ACT_SHOT);
    const want = Uint8Array.from(u);
    want[0] = 0x02; // destination MAC 00:.. marked locally administered
    want[14 + 8] = 63; // TTL 64 - 1
    expect(Array.from(r.dataOut)).toEqual(Array.from(want));
    const t = tcpFrame();
    const r2 = obj().run('data_read_twice', t);
    expect(r2.retval).toBe(TC_ACT_OK);
    expect(r2.dataOut[14 + 8]).toBe(8); // TTL 9 - 1
    expect(Array.from(r2.dataOut.subarray(23))).toEqual(Array.from(t.subarray(23)));
    const arp = eth({ dst: '00:11:22:33:44:55', src: mac.src, type: ETH_P_ARP, payload: new Uint8Array(28) });
    const r3 = obj().run('data_read_twice', arp);
    expect(r3.retval).toBe(TC_ACT_OK);
    expect(Array.from(r3.dataOut)).toEqual(Array.from(arp));
  });

  it('offset_in_struct: the VLAN tag found through the offset kept in a struct', () => {
    const tagged = eth({ ...mac, type: ETH_P_8021Q, payload: vlan({ vid: 10, pcp: 5, type: ETH_P_IP, payload: ipv4({ ...addrs, payload: udp({ sport: 1, dport: 2 }) }) }) });
    const r = obj().run('offset_in_struct', tagged);
    expect(r.retval).toBe(XDP_TX);
    const want = Uint8Array.from(tagged);
    // TCI = pcp 5 (0xa000) | vid 11
    want[14] = 0xa0;
    want[15] = 0x0b;
    expect(Array.from(r.dataOut)).toEqual(Array.from(want));
    // vid 4095 wraps to 0 (the priority bits stay).
    const top = eth({ ...mac, type: ETH_P_8021Q, payload: vlan({ vid: 4095, type: ETH_P_IP, payload: new Uint8Array(30) }) });
    expect(Array.from(obj().run('offset_in_struct', top).dataOut.subarray(14, 16))).toEqual([0x00, 0x00]);
    expect(obj().run('offset_in_struct', udpFrame()).retval).toBe(XDP_PASS);
    // A VLAN EtherType with only 2 bytes of tag: parsing fails.
    expect(obj().run('offset_in_struct', concat(tagged.subarray(0, 16))).retval).toBe(XDP_ABORTED);
    // vid 0 (priority tag only): passes.
    const prio = eth({ ...mac, type: ETH_P_8021Q, payload: vlan({ vid: 0, pcp: 3, type: ETH_P_IP, payload: new Uint8Array(30) }) });
    expect(obj().run('offset_in_struct', prio).retval).toBe(XDP_PASS);
  });

  it('recomputed_pointer: a stamp written after the datagram, at the pointer that was checked', () => {
    const frame = udpFrame(); // 14 + 20 + 8 bytes: tot_len 28
    const padded = concat(frame, new Uint8Array(6).fill(0xee));
    const r = obj().run('recomputed_pointer', padded);
    expect(r.retval).toBe(XDP_TX);
    // At 14 + 28: "ST", then htonl(28).
    expect(Array.from(r.dataOut)).toEqual([...frame, 0x53, 0x54, 0, 0, 0, 28]);
    // 5 bytes after the datagram are not enough for the stamp.
    const short = concat(frame, new Uint8Array(5));
    const r2 = obj().run('recomputed_pointer', short);
    expect(r2.retval).toBe(XDP_PASS);
    expect(Array.from(r2.dataOut)).toEqual(Array.from(short));
    expect(obj().run('recomputed_pointer', arpFrame()).retval).toBe(XDP_PASS);
    expect(obj().run('recomputed_pointer', frame.subarray(0, 30)).retval).toBe(XDP_ABORTED);
  });
});
