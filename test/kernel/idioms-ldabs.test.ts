// LD_ABS/LD_IND: a socket filter that reads the packet through load_byte/load_half/load_word
// declared with asm("llvm.bpf.load.*") (test/kernel/idioms/ldabs_filter.c), in the kernel and
// in ebcc run. The expected values are worked out by hand from the C.
import { expect, it } from 'vitest';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { eth, ipv4, tcp, udp, text, ETH_P_IP } from './packets.js';

const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
const v4 = (o: Partial<Parameters<typeof ipv4>[0]>) => eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.1.2.3', dst: '192.168.0.1', ...o }) });
const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/ldabs_filter.c`);

it('compiles each load to one BPF_LD instruction: ABS for a constant offset, IND for a computed one', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const code = out.object!.functions.find((f) => f.name === 'ldabs_filter')!.insns.map((i) => i.code);
  const count = (c: number) => code.filter((x) => x === c).length;
  // BPF_LD|BPF_ABS|B = 0x30, |H = 0x28, |W = 0x20; BPF_LD|BPF_IND|H = 0x48.
  expect(count(0x30)).toBeGreaterThanOrEqual(3);
  expect(count(0x20)).toBe(1);
  expect(count(0x48)).toBe(2);
  // `ihl + 2` and `ihl + 4`: the constants are the loads' immediates, read from one register
  const ind = out.object!.functions.find((f) => f.name === 'ldabs_filter')!.insns.filter((i) => i.code === 0x48);
  expect(ind.map((i) => i.imm)).toEqual([2, 4]);
  expect(ind[0]!.src).toBe(ind[1]!.src);
});

it('reports a packet load called with the wrong arguments (E5014)', () => {
  const out = compileString(`#include <linux/bpf.h>
unsigned long long load_half(unsigned long long off) asm("llvm.bpf.load.half");
__attribute__((section("socket"))) int f(struct __sk_buff *skb) { return load_half(12); }
char _license[] __attribute__((section("license"))) = "GPL";`);
  expect(out.ctx.diags.list.map((d) => d.code)).toEqual(['E5014']);
  expect(out.text).toContain("'load_half' (llvm.bpf.load.half) takes the socket buffer pointer and a packet offset");
});

describeDual('LD_ABS/LD_IND socket filter', compiled, (obj) => {
  const run = (pkt: Uint8Array): number => obj().run('ldabs_filter', pkt).retval >>> 0;

  it('keeps DNS from 10/8 whole (return -1)', () => {
    expect(run(v4({ payload: udp({ sport: 3333, dport: 53, payload: text('query') }) }))).toBe(0xffffffff);
  });

  it('returns the UDP length field, in host order, for ports 1000-1999 (LD_IND after a variable IHL)', () => {
    expect(run(v4({ payload: udp({ sport: 1, dport: 1000, payload: new Uint8Array(300) }) }))).toBe(308);
    const opts = Uint8Array.of(1, 1, 1, 1, 1, 1, 1, 1); // IHL 7
    expect(run(v4({ options: opts, payload: udp({ sport: 1, dport: 1999, payload: text('abc') }) }))).toBe(11);
    expect(run(v4({ payload: udp({ sport: 1, dport: 2000, payload: text('abc') }) }))).toBe(0);
  });

  it('weighs the source address bytes for port 7 (values live across the loads)', () => {
    // 10*1 + 1*2 + 2*3 + 3*4
    expect(run(v4({ payload: udp({ sport: 1, dport: 7 }) }))).toBe(30);
    expect(run(v4({ src: '10.255.0.1', payload: udp({ sport: 1, dport: 7 }) }))).toBe(10 + 255 * 2 + 0 + 4);
  });

  it('drops other sources, other protocols, and packets whose UDP header is cut (the load ends the program)', () => {
    expect(run(v4({ src: '11.1.2.3', payload: udp({ sport: 1, dport: 53 }) }))).toBe(0);
    expect(run(v4({ payload: tcp({ sport: 1, dport: 53 }) }))).toBe(0);
    const pkt = v4({ payload: udp({ sport: 1, dport: 1000 }) });
    expect(run(pkt.subarray(0, 14 + 20 + 3))).toBe(0); // dest port is bytes 2-3 of the UDP header
  });
});
