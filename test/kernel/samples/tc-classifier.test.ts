// samples/tc_classifier.c in the kernel and in ebcc run (test/run/dual.ts): verdicts, the mark and class the program writes into the
// __sk_buff (read back through BPF_PROG_TEST_RUN's ctx_out), and the bytes counted per class.
// Expected values are written from the C, not from ebcc's output.
//
// BPF_PROG_TEST_RUN copies mark and priority back into ctx_out but not tc_classid, so the class is
// checked through skb->priority, which the sample sets to the same value.
import { beforeEach, expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../../util/compile.js';
import { describeDual } from '../../run/dual.js';
import { readU32LE, readU64LE, u32LE, u64LE } from '../harness.js';
import { eth, ipv4, ipv6, tcp, udp, ETH_P_IP, ETH_P_IPV6 } from '../packets.js';

const TC_ACT_OK = 0;
const TC_ACT_SHOT = 2;

// struct __sk_buff offsets (linux/bpf.h) and its size.
const SKB_MARK = 8;
const SKB_PRIORITY = 32;
const SKB_IFINDEX = 40;
const SKB_SIZE_BYTES = 192;

// From samples/tc_classifier.c.
const BLOCK_MARK = 0xdead;
const MARK_DNS = 0x53;
const MARK_SSH = 0x22;
const CLASS_NONE = 0;
const CLASS_DNS = 1;
const CLASS_SSH = 2;
const CLASS_BULK = 3;

const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
const v4 = (payload: Parameters<typeof ipv4>[0]['payload'], options?: Uint8Array) =>
  eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', options, payload }) });

function skbIn(mark: number, ifindex = 1): Uint8Array {
  const ctx = new Uint8Array(SKB_SIZE_BYTES);
  const dv = new DataView(ctx.buffer);
  dv.setUint32(SKB_MARK, mark, true);
  dv.setUint32(SKB_IFINDEX, ifindex, true); // 1 is the loopback device
  return ctx;
}

describeDual('samples/tc_classifier.c', () => compileFile(`${REPO_DIR}/samples/tc_classifier.c`), (obj) => {
  beforeEach(() => {
    for (let c = 0; c < 4; c++) obj().update('class_bytes', u32LE(c), u64LE(0));
  });

  /** runs with the given incoming mark; returns the verdict and the mark and priority afterwards */
  const run = (pkt: Uint8Array, mark = 0) => {
    const res = obj().run('classify', pkt, { ctxIn: skbIn(mark) });
    return { verdict: res.retval, mark: readU32LE(res.ctxOut!, SKB_MARK), priority: readU32LE(res.ctxOut!, SKB_PRIORITY) };
  };
  const classBytes = (c: number): bigint => readU64LE(obj().lookup('class_bytes', u32LE(c))!.value);

  it('is a sched_cls program', () => {
    expect([obj().session.programNames(), obj().session.progType]).toEqual([['classify'], 'sched_cls']);
    if (obj().kernel) expect(obj().kernel!.progs.map((p) => [p.name, p.type])).toEqual([['classify', 'sched_cls']]);
  });

  it('UDP to port 53 gets class 1:10 and mark 0x53', () => {
    const pkt = v4(udp({ sport: 4000, dport: 53 }));
    expect(run(pkt, 7)).toEqual({ verdict: TC_ACT_OK, mark: MARK_DNS, priority: 0x10010 });
    expect(classBytes(CLASS_DNS)).toBe(BigInt(pkt.length)); // skb->len includes the Ethernet header here
  });

  it('the UDP header is found after IPv4 options (ihl 6)', () => {
    const pkt = v4(udp({ sport: 4000, dport: 53 }), Uint8Array.of(1, 1, 1, 1));
    expect(run(pkt)).toEqual({ verdict: TC_ACT_OK, mark: MARK_DNS, priority: 0x10010 });
  });

  it('TCP to port 22 gets class 1:20 and mark 0x22 | ifindex << 8', () => {
    const pkt = v4(tcp({ sport: 50000, dport: 22, flags: 'S' }));
    expect(run(pkt)).toEqual({ verdict: TC_ACT_OK, mark: MARK_SSH | (1 << 8), priority: 0x10020 });
    expect(classBytes(CLASS_SSH)).toBe(BigInt(pkt.length));
  });

  it('other IPv4 over 1000 bytes is bulk (1:30), the mark is kept; short IPv4 is unclassified', () => {
    const big = v4(udp({ sport: 1, dport: 9999, payload: new Uint8Array(1000) }));
    expect(big.length).toBe(14 + 20 + 8 + 1000);
    expect(run(big, 7)).toEqual({ verdict: TC_ACT_OK, mark: 7, priority: 0x10030 });
    const small = v4(tcp({ sport: 1, dport: 80 }));
    expect(run(small, 7)).toEqual({ verdict: TC_ACT_OK, mark: 7, priority: 0 });
    expect(classBytes(CLASS_BULK)).toBe(BigInt(big.length));
    expect(classBytes(CLASS_NONE)).toBe(BigInt(small.length));
  });

  it('a packet already marked 0xdead is dropped before anything else', () => {
    expect(run(v4(udp({ sport: 4000, dport: 53 })), BLOCK_MARK)).toEqual({ verdict: TC_ACT_SHOT, mark: BLOCK_MARK, priority: 0 });
    expect(classBytes(CLASS_DNS)).toBe(0n);
  });

  it('non-IPv4 passes unclassified and is counted as class 0', () => {
    const pkt = eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', payload: udp({ sport: 1, dport: 53 }) }) });
    expect(run(pkt, 5)).toEqual({ verdict: TC_ACT_OK, mark: 5, priority: 0 });
    expect(classBytes(CLASS_NONE)).toBe(BigInt(pkt.length));
    expect(classBytes(CLASS_DNS)).toBe(0n);
  });

  it('truncated UDP and TCP headers are dropped and not counted', () => {
    const dns = v4(udp({ sport: 4000, dport: 53 }));
    // A cut IPv4 header cannot reach the program: BPF_PROG_TEST_RUN refuses an skb whose
    // EtherType is IPv4 but which has no room for the IPv4 header.
    expect(() => run(dns.subarray(0, 14 + 19))).toThrow(/Invalid argument/);
    expect(run(dns.subarray(0, 14 + 20 + 7)).verdict).toBe(TC_ACT_SHOT);
    expect(run(v4(tcp({ sport: 1, dport: 22 })).subarray(0, 14 + 20 + 19)).verdict).toBe(TC_ACT_SHOT);
    for (let c = 0; c < 4; c++) expect(classBytes(c)).toBe(0n);
  });
});
