// samples/socket_filter.c in the kernel and in ebcc run (test/run/dual.ts): a socket filter returns how many bytes to keep, so an
// accepted datagram gives skb->len and a rejected one 0. For socket filters BPF_PROG_TEST_RUN
// strips the Ethernet header, so skb->len is the IP packet's length. Expected values are written
// from the C, not from ebcc's output.
import { expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../../util/compile.js';
import { describeDual } from '../../run/dual.js';
import { eth, ipv4, ipv6, tcp, udp, text, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6, IPPROTO_UDP } from '../packets.js';

const FILTER_PORT = 5353; // from samples/socket_filter.c

const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
const v4 = (o: Partial<Parameters<typeof ipv4>[0]>) =>
  eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '224.0.0.251', ...o }) });

describeDual('samples/socket_filter.c', () => compileFile(`${REPO_DIR}/samples/socket_filter.c`), (obj) => {
  const run = (pkt: Uint8Array): number => obj().run('udp_port_filter', pkt).retval;

  it('is a socket filter', () => {
    expect([obj().session.programNames(), obj().session.progType]).toEqual([['udp_port_filter'], 'socket_filter']);
    if (obj().kernel) expect(obj().kernel!.progs.map((p) => [p.name, p.type])).toEqual([['udp_port_filter', 'socket_filter']]);
  });

  it('keeps the whole IPv4 UDP datagram to port 5353', () => {
    const pkt = v4({ payload: udp({ sport: 5353, dport: FILTER_PORT, payload: text('mdns query') }) });
    expect(run(pkt)).toBe(pkt.length - 14);
    const withOptions = v4({ options: Uint8Array.of(1, 1, 1, 1, 1, 1, 1, 1), payload: udp({ sport: 1, dport: FILTER_PORT }) });
    expect(run(withOptions)).toBe(20 + 8 + 8); // the UDP header is found after ihl * 4 bytes
    const firstFragment = v4({ mf: true, payload: udp({ sport: 1, dport: FILTER_PORT, payload: new Uint8Array(100) }) });
    expect(run(firstFragment)).toBe(20 + 8 + 100);
  });

  it('drops other ports, other protocols and other families', () => {
    expect(run(v4({ payload: udp({ sport: FILTER_PORT, dport: 53 }) }))).toBe(0); // only the destination counts
    expect(run(v4({ payload: tcp({ sport: 1, dport: FILTER_PORT }) }))).toBe(0);
    expect(run(eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'ff02::fb', payload: udp({ sport: 1, dport: FILTER_PORT }) }) })))
      .toBe(0);
    expect(run(eth({ ...mac, type: ETH_P_ARP, payload: new Uint8Array(28) }))).toBe(0);
  });

  it('drops later fragments and packets too short for the UDP header', () => {
    // A later fragment whose first bytes happen to look like a UDP header to port 5353.
    const looksLikeUdp = Uint8Array.of(0, 1, FILTER_PORT >> 8, FILTER_PORT & 0xff, 0, 8, 0, 0);
    expect(run(v4({ proto: IPPROTO_UDP, fragOffsetBytes: 8, payload: looksLikeUdp }))).toBe(0);
    const pkt = v4({ payload: udp({ sport: 1, dport: FILTER_PORT }) });
    expect(run(pkt.subarray(0, 14 + 20 + 7))).toBe(0); // bpf_skb_load_bytes fails on the UDP header
    // A cut IPv4 header cannot reach the program: BPF_PROG_TEST_RUN refuses an skb whose
    // EtherType is IPv4 but which has no room for the IPv4 header.
    expect(() => run(pkt.subarray(0, 14 + 19))).toThrow(/Invalid argument/);
  });
});
