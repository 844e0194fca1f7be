// A context field written, then read again after a branch: the optimiser may sink the address
// computation (ctx + 48) into the later block, and the access must still be ctx + constant
// offset, since the verifier refuses a modified context pointer. In the kernel and in ebcc run.
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { eth, ipv4, udp, ETH_P_IP } from './packets.js';

const SRC = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("tc")
int keep_cb(struct __sk_buff *skb)
{
	skb->cb[0] = skb->len + 4;
	if (skb->protocol != bpf_htons(0x0800))
		return 0;
	return skb->cb[0];
}
char _license[] SEC("license") = "GPL";`;
const compiled = () => compileString(`#include <bpf/bpf_endian.h>\n${SRC}`);

it('reads skb->cb[0] as ctx + 48 after the branch', () => {
  const insns = compiled().object!.functions[0]!.insns;
  const loads = insns.filter((i) => i.code === 0x61 && i.off === 48); // r = *(u32 *)(rX +48)
  expect(loads.length).toBe(1);
  expect(insns.some((i) => i.code === 0x07 && i.imm === 48)).toBe(false); // no rX += 48
});

// The same with the read in a switch case reached from two places (the address is not sunk):
// both registers have one definition, so the access folds to ctx + 48 in any block.
const SWITCHED = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("socket")
int switched(struct __sk_buff *skb)
{
	__u32 proto = skb->protocol;

	skb->cb[0] = skb->len;
	if (skb->mark == 7)
		proto = 0x0800;
	switch (proto) {
	case 0x0008:
	case 0x0800:
		return skb->cb[0] + 1;
	}
	return 0;
}
char _license[] SEC("license") = "GPL";`;

it('folds ctx + 48 into the access in another block than the add', () => {
  const insns = compileString(SWITCHED).object!.functions[0]!.insns;
  expect(insns.some((i) => i.code === 0x07 && i.imm === 48)).toBe(false); // no rX += 48
  expect(insns.filter((i) => i.code === 0x61 && i.off === 48).length).toBe(1);
});

describeDual('a context field read after a branch', compiled, (obj) => {
  it('returns the value stored in cb[0] for IPv4, 0 otherwise', () => {
    const pkt = eth({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 1, dport: 2 }) }) });
    expect(obj().run('keep_cb', pkt, { ctxIn: new Uint8Array(192) }).retval).toBe(pkt.length + 4);
  });
});
