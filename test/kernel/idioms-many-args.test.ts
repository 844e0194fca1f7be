// A static BPF-to-BPF function declared with six parameters (test/kernel/idioms/many_args.c): the
// constant header offset and the unused parameter are dropped, the rest pass in R1-R5. The
// expected verdicts are worked out from the C.
import { expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { eth, ipv4, ipv6, tcp, udp, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6 } from './packets.js';

const XDP_ABORTED = 0;
const XDP_DROP = 1;
const XDP_PASS = 2;
const XDP_TX = 3;
const FILE = `${REPO_DIR}test/kernel/idioms/many_args.c`;
const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
const v4 = (ttl: number, payload: ReturnType<typeof udp>) => eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', ttl, payload }) });

it('compiles, with the function taking the four arguments it needs', () => {
  const out = compileFile(FILE);
  expect(out.ctx.diags.list).toEqual([]);
  const calls = out.ir!.functions.flatMap((f) => f.blocks.flatMap((b) => b.insts)).filter((i) => i.op === 'callfn');
  // The two calls differ only in constant arguments: they become one call, each arm moving its
  // flags value into place (opt/merge-blocks.ts).
  expect(calls.map((c) => c.op === 'callfn' && c.args.length)).toEqual([4]);
});

describeDual('a static function with six parameters', () => compileFile(FILE), (obj) => {
  it('classifies IPv4 by protocol and TTL with the constant offset folded in', () => {
    expect(obj().run('many_args', v4(64, udp({ sport: 1, dport: 53 }))).retval).toBe(XDP_TX);
    expect(obj().run('many_args', v4(64, tcp({ sport: 1, dport: 80 }))).retval).toBe(XDP_PASS); // flags 0
    expect(obj().run('many_args', v4(1, tcp({ sport: 1, dport: 80 }))).retval).toBe(XDP_DROP);
    expect(obj().run('many_args', v4(64, udp({ sport: 1, dport: 53 })).subarray(0, 30)).retval).toBe(XDP_ABORTED);
  });

  it('passes the other flags value on the non-IPv4 path', () => {
    // IPv6 read as IPv4: "ttl" is the first source byte (0xfc), "protocol" the second (0): flags 1.
    const six = eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', payload: udp({ sport: 1, dport: 2 }) }) });
    expect(obj().run('many_args', six).retval).toBe(XDP_TX);
    // ARP of zeros: "ttl" 0.
    expect(obj().run('many_args', eth({ ...mac, type: ETH_P_ARP, payload: new Uint8Array(28) })).retval).toBe(XDP_DROP);
  });
});
