// Members of kernel structs declared with preserve_access_index (one by one, or all at once
// with vmlinux.h's `#pragma clang attribute push`), read through a pointer the kernel hands out:
// each read carries a CO-RE FIELD_BYTE_OFFSET relocation (root struct, access string), on the
// load itself as clang puts it, so that libbpf writes the running kernel's offset. The programs'
// structs are cut down to the members they read, at other offsets than the kernel's: without the
// relocation the kernel refuses nf_conn's (an 8-byte read at offset 0 crosses struct nf_conntrack)
// and the others read the wrong bytes. The runs compare each member with the same value read
// from the context.
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { coreReloKind } from '../../src/bpf/core-relo.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram } from './harness.js';

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
struct nf_conn { unsigned long status; };
struct net_device___cut { int unused; int ifindex; };
struct xdp_rxq_info___cut { unsigned int unused; struct net_device___cut *dev; };
struct xdp_buff___cut { void *data; void *data_end; long unused; struct xdp_rxq_info___cut *rxq; };
#pragma clang attribute pop

struct sk_buff___cut { char unused[3]; unsigned int len; } __attribute__((preserve_access_index));

/* The kernel's struct bpf_ct_opts, 12 bytes. */
struct ct_opts { int netns_id; int error; unsigned char l4proto, dir, reserved[2]; };

extern struct nf_conn *bpf_xdp_ct_lookup(struct xdp_md *ctx, struct bpf_sock_tuple *tuple, __u32 tuple__sz,
					 struct ct_opts *opts, __u32 opts__sz) __ksym;
extern void bpf_ct_release(struct nf_conn *ct) __ksym;
extern void *bpf_cast_to_kern_ctx(void *ctx) __ksym;

SEC("xdp")
int ct_status(struct xdp_md *ctx)
{
	struct bpf_sock_tuple tup = {};
	struct ct_opts opts = { .netns_id = -1, .l4proto = 6 };
	struct nf_conn *ct;

	tup.ipv4.saddr = 0x0100007f;
	tup.ipv4.daddr = 0x0200007f;
	tup.ipv4.sport = 0x3412;
	tup.ipv4.dport = 0x5000;
	ct = bpf_xdp_ct_lookup(ctx, &tup, sizeof(tup.ipv4), &opts, sizeof(opts));
	if (ct) {
		unsigned long status = ct->status;

		bpf_ct_release(ct);
		return status & 8 ? 3 : 4;
	}
	return opts.error == -2 ? 7 : 1; /* -ENOENT: no such connection */
}

SEC("xdp")
int xdp_dev(struct xdp_md *ctx)
{
	struct xdp_buff___cut *xdp = bpf_cast_to_kern_ctx(ctx);
	long len = xdp->data_end - xdp->data;

	if (xdp->rxq->dev->ifindex != ctx->ingress_ifindex)
		return 1;
	return len == ctx->data_end - ctx->data ? 7 : 2;
}

SEC("tc")
int skb_len(struct __sk_buff *skb)
{
	struct sk_buff___cut *kskb = bpf_cast_to_kern_ctx(skb);

	return kskb->len == skb->len ? 7 : 2;
}

char _license[] SEC("license") = "GPL";
`;

/** Each CO-RE relocation of a program: kind, root struct, access string, and the instruction's text. */
function relocations(optLevel: 0 | 2): Record<string, string[]> {
  const out = compileString(SOURCE, { optLevel });
  expect(out.text).toBe('');
  const btf = out.object!.btf;
  const result: Record<string, string[]> = {};
  for (const fn of out.object!.functions) {
    result[fn.name] = (fn.coreRelos ?? []).map((c) => {
      const t = btf[c.typeId - 1]!;
      const insn = fn.insns[c.insnIndex]!;
      const form = insn.code === 0xb7 ? `mov ${insn.imm}` : (insn.code & 7) === 1 ? `ldx +${insn.off}` : `op ${insn.code}`;
      return `${coreReloKind(c.kind)!.short} ${'name' in t ? t.name : '?'} ${c.access} ${form}`;
    });
  }
  return result;
}

it('reads members of preserve_access_index structs with a CO-RE relocation on each load', () => {
  expect(relocations(2)).toEqual({
    ct_status: ['byte_off nf_conn 0:0 ldx +0'],
    xdp_dev: [
      'byte_off xdp_buff___cut 0:3 ldx +24',
      'byte_off xdp_rxq_info___cut 0:1 ldx +8',
      'byte_off net_device___cut 0:1 ldx +4',
      'byte_off xdp_buff___cut 0:1 ldx +8',
      'byte_off xdp_buff___cut 0:0 ldx +0',
    ],
    skb_len: ['byte_off sk_buff___cut 0:1 ldx +4'],
  });
});

it('keeps the relocations at -O0', () => {
  const r = relocations(0);
  expect(r.ct_status).toEqual(['byte_off nf_conn 0:0 ldx +0']);
  expect(r.skb_len).toEqual(['byte_off sk_buff___cut 0:1 ldx +4']);
  expect(r.xdp_dev).toHaveLength(5);
});

it('a struct without the attribute, or after the pragma is popped, gets no relocation', () => {
  const out = compileString(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#pragma clang attribute pop
struct sk_buff___plain { char unused[3]; unsigned int len; };
extern void *bpf_cast_to_kern_ctx(void *ctx) __ksym;
SEC("tc")
int plain(struct __sk_buff *skb)
{
	struct sk_buff___plain *kskb = bpf_cast_to_kern_ctx(skb);
	return kskb->len;
}
char _license[] SEC("license") = "GPL";
`, { verify: false });
  expect(out.text).toBe('');
  expect(out.object!.functions[0]!.coreRelos).toBeUndefined();
});

describeKernel('CO-RE member reads through kernel pointers', () => {
  for (const optLevel of [2, 0] as const) {
    kernelIt(`the kernel loads them and they read the kernel's members (-O${optLevel})`, () => {
      const out = compileString(SOURCE, { optLevel });
      const obj = loadObjectBytes(out.elf!);
      try {
        expect(obj.ok, obj.log).toBe(true);
        const packet = new Uint8Array(64);
        expect(runProgram(obj.prog('ct_status').pinPath, packet).retval).toBe(7);
        expect(runProgram(obj.prog('xdp_dev').pinPath, packet).retval).toBe(7);
        expect(runProgram(obj.prog('skb_len').pinPath, packet).retval).toBe(7);
      } finally {
        obj.cleanup();
      }
    });
  }
});

const TRACEPOINT = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* The syscall tracepoints' context, cut down: args at 8 here, at 16 in the kernel. */
struct trace_event_raw_sys_enter___cut {
	long id;
	unsigned long args[6];
} __attribute__((preserve_access_index));

SEC("tracepoint/syscalls/sys_enter_kill")
int kill_args(struct trace_event_raw_sys_enter___cut *ctx)
{
	return (int)(ctx->args[0] + ctx->args[1] * 2 + ctx->args[5]);
}

char _license[] SEC("license") = "GPL";
`;

it('reads an element at a constant index of an array member as one CO-RE access to the element', () => {
  // `ctx->args[1]` as the member's address plus 8 would modify the context pointer, which the
  // kernel refuses in a tracepoint program; clang relocates the load of the element itself.
  const out = compileString(TRACEPOINT);
  expect(out.text).toBe('');
  const fn = out.object!.functions[0]!;
  const btf = out.object!.btf;
  const relos = (fn.coreRelos ?? []).map((c) => {
    const t = btf[c.typeId - 1]!;
    const insn = fn.insns[c.insnIndex]!;
    return `${coreReloKind(c.kind)!.short} ${'name' in t ? t.name : '?'} ${c.access} ${(insn.code & 7) === 1 && insn.src === 1 ? `ldx r1 +${insn.off}` : `op ${insn.code}`}`;
  });
  expect(relos.sort()).toEqual([
    'byte_off trace_event_raw_sys_enter___cut 0:1:0 ldx r1 +8',
    'byte_off trace_event_raw_sys_enter___cut 0:1:1 ldx r1 +16',
    'byte_off trace_event_raw_sys_enter___cut 0:1:5 ldx r1 +48',
  ]);
});

describeKernel('CO-RE reads of a tracepoint\'s context', () => {
  kernelIt('the kernel loads a program that reads ctx->args[1]: its context pointer stays unmodified', () => {
    const obj = loadObjectBytes(compileString(TRACEPOINT).elf!);
    try {
      expect(obj.ok, obj.log).toBe(true);
    } finally {
      obj.cleanup();
    }
  });
});
