// The eight mistakes every BPF C programmer makes, each reported by `ebcc verify` at the right
// C line with what was proven, what was needed and the kernel's own message; the rendered text
// is asserted whole. Each program's verdict and message were recorded from Linux 6.18 by hand
// (bpftool prog loadall, as root); with the kernel loader present, the test loads every program
// again and checks that the kernel still says the same.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDiagnostics } from '../../src/diag/render.js';
import { verifyObject } from '../../src/verify/index.js';
import { compileString } from '../util/compile.js';
import { describeLoader, runLoader } from '../kernel/loader/bpfload.js';

const HDR = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';
const LICENSE = '\nchar LICENSE[] SEC("license") = "GPL";\n';

interface Mistake {
  name: string;
  file: string;
  source: string;
  /** The last line of the kernel's log (Linux 6.18, recorded by hand). */
  kernel: string;
  /** ebcc's whole rendered diagnostic. */
  rendered: string;
}

const MISTAKES: Mistake[] = [];
MISTAKES.push({
  name: 'missing packet bounds check',
  file: 'no_bounds.c',
  source: `#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("xdp")
int no_bounds(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	if (eth->h_proto == bpf_htons(ETH_P_IP))
		return XDP_DROP;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
`,
  kernel: 'R0 offset is outside of the packet',
  rendered:
    'no_bounds.c:11:6: error: the kernel would reject program \'no_bounds\': R0 offset is outside of the packet [V1003]\n' +
    '   11 |  if (eth->h_proto == bpf_htons(ETH_P_IP))\n' +
    '      |      ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n' +
    'ebcc: note: instruction 1: (71) r1 = *(u8 *)(r0 +12)\n' +
    'ebcc: note: proven: R0 = data + 0; no comparison with data_end covers it; the access reaches bytes 12..13 from data\n' +
    'ebcc: note: needed: a comparison like `if (ptr + 13 > data_end)` on a pointer with the same base before the access\n' +
    'no_bounds.c:9:8: note: the packet pointer is loaded here (instruction 0: (61) r0 = *(u32 *)(r1 +0))\n' +
    '    9 |  void *data = (void *)(long)ctx->data;\n' +
    '      |        ^~~~\n' +
    'ebcc: note: the kernel\'s verifier says: invalid access to packet, off=12 size=1, R0(id=0,off=12,r=0) / R0 offset is outside of the packet\n',
});
MISTAKES.push({
  name: 'missing NULL check after a map lookup',
  file: 'no_null.c',
  source: `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("xdp")
int no_null_check(struct xdp_md *ctx)
{
	__u32 key = ctx->ingress_ifindex;
	__u64 *v = bpf_map_lookup_elem(&counts, &key);
	*v += 1;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
`,
  kernel: 'R0 invalid mem access \'map_value_or_null\'',
  rendered:
    'no_null.c:16:2: error: the kernel would reject program \'no_null_check\': R0 invalid mem access \'map_value_or_null\' [V1002]\n' +
    '   16 |  *v += 1;\n' +
    '      |  ^~~~~~~~\n' +
    'ebcc: note: instruction 7: (79) r1 = *(u64 *)(r0 +0)\n' +
    'ebcc: note: proven: R0 is map_value_or_null(id=2,map=counts,ks=4,vs=8): on this path it was not compared with NULL\n' +
    'ebcc: note: needed: a NULL check (if (!p) return ...;) between the call and the access\n' +
    'no_null.c:15:9: note: the pointer that may be NULL comes from here (instruction 6: (85) call bpf_map_lookup_elem#1)\n' +
    '   15 |  __u64 *v = bpf_map_lookup_elem(&counts, &key);\n' +
    '      |         ^\n' +
    'ebcc: note: the kernel\'s verifier says: R0 invalid mem access \'map_value_or_null\'\n',
});
MISTAKES.push({
  name: 'variable index into a map value without a bound',
  file: 'var_index.c',
  source: `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct stats { __u64 slot[16]; };
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct stats);
} st SEC(".maps");

SEC("xdp")
int var_index(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u32 idx = ctx->rx_queue_index;
	struct stats *s = bpf_map_lookup_elem(&st, &key);
	if (!s)
		return XDP_PASS;
	s->slot[idx] += 1;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
`,
  kernel: 'R0 unbounded memory access, make sure to bounds check any such access',
  rendered:
    'var_index.c:20:2: error: the kernel would reject program \'var_index\': R0 unbounded memory access, make sure to bounds check any such access [V1004]\n' +
    '   20 |  s->slot[idx] += 1;\n' +
    '      |  ^~~~~~~~~~~~~~~~~~\n' +
    'ebcc: note: instruction 10: (79) r1 = *(u64 *)(r0 +0)\n' +
    'ebcc: note: proven: the variable offset of R0 has no upper bound: scalar(smin=0,smax=umax=0x7fffffff8,smax32=0x7ffffff8,umax32=0xfffffff8,var_off=(0x0; 0x7fffffff8))\n' +
    'ebcc: note: needed: an offset of at most 120 (so that offset + 8 <= 128): compare the index with the number of elements before using it\n' +
    'ebcc: note: the kernel\'s verifier says: R0 unbounded memory access, make sure to bounds check any such access\n',
});
MISTAKES.push({
  name: 'variable packet offset without a bound',
  file: 'var_pkt.c',
  source: `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int var_pkt_off(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u32 off = ctx->rx_queue_index;
	__u8 *p = (__u8 *)data + off;
	if ((void *)(p + 1) > data_end)
		return XDP_PASS;
	return *p == 0x45 ? XDP_DROP : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
`,
  kernel: 'R0 offset is outside of the packet',
  rendered:
    'var_pkt.c:13:2: error: the kernel would reject program \'var_pkt_off\': R0 offset is outside of the packet [V1023]\n' +
    '   13 |  return *p == 0x45 ? XDP_DROP : XDP_PASS;\n' +
    '      |  ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n' +
    'ebcc: note: instruction 7: (71) r0 = *(u8 *)(r0 +0)\n' +
    'ebcc: note: proven: R0 = data + 0 + a variable offset in scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff)); no comparison with data_end covers it; the access reaches bytes 0..1 from that base\n' +
    'ebcc: note: needed: the variable offset bounded (at most 0xffff) before it is added, then the pointer compared with data_end\n' +
    'var_pkt.c:7:8: note: the packet pointer is loaded here (instruction 0: (61) r0 = *(u32 *)(r1 +0))\n' +
    '    7 |  void *data = (void *)(long)ctx->data;\n' +
    '      |        ^~~~\n' +
    'ebcc: note: the kernel\'s verifier says: invalid access to packet, off=0 size=1, R0(id=1,off=0,r=0) / R0 offset is outside of the packet\n',
});
MISTAKES.push({
  name: 'write to an XDP context field',
  file: 'ctx_write.c',
  source: `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int write_ctx(struct xdp_md *ctx)
{
	ctx->rx_queue_index = 0;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
`,
  kernel: 'invalid bpf_context access off=16 size=4',
  rendered:
    'ctx_write.c:7:2: error: the kernel would reject program \'write_ctx\': invalid bpf_context access off=16 size=4 [V1008]\n' +
    '    7 |  ctx->rx_queue_index = 0;\n' +
    '      |  ^~~~~~~~~~~~~~~~~~~~~~~~\n' +
    'ebcc: note: instruction 0: (62) *(u32 *)(r1 +16) = 0\n' +
    'ebcc: note: proven: a 4-byte write at offset 16 of the xdp_md context (rx_queue_index), which programs of type xdp may not write\n' +
    'ebcc: note: needed: only the fields a program of type xdp may write\n' +
    'ebcc: note: the kernel\'s verifier says: invalid bpf_context access off=16 size=4\n',
});
MISTAKES.push({
  name: 'helper the program type may not call',
  file: 'helper.c',
  source: `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int wrong_helper(struct xdp_md *ctx)
{
	char b[4] = {1, 2, 3, 4};
	bpf_skb_store_bytes(ctx, 0, b, sizeof(b), 0);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
`,
  kernel: 'program of this type cannot use helper bpf_skb_store_bytes#9',
  rendered:
    'helper.c:8:2: error: the kernel would reject program \'wrong_helper\': program of this type cannot use helper bpf_skb_store_bytes#9 [V1009]\n' +
    '    8 |  bpf_skb_store_bytes(ctx, 0, b, sizeof(b), 0);\n' +
    '      |  ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n' +
    'ebcc: note: instruction 6: (85) call bpf_skb_store_bytes#9\n' +
    'ebcc: note: proven: bpf_skb_store_bytes is called from a program of type xdp\n' +
    'ebcc: note: needed: a helper that programs of type xdp may call\n' +
    'ebcc: note: the kernel\'s verifier says: program of this type cannot use helper bpf_skb_store_bytes#9\n',
});

MISTAKES.push({
  name: 'a path where R0 is never set',
  file: 'no_r0.s',
  source: `.license "GPL"
.prog no_r0 xdp
	r2 = *(u32 *)(r1 +12)
	if r2 == 0 goto out
	r0 = 2
out:
	exit
`,
  kernel: 'R0 !read_ok',
  rendered:
    'no_r0.s:7:2: error: the kernel would reject program \'no_r0\': R0 !read_ok [V1006]\n' +
    '    7 |  exit\n' +
    '      |  ^~~~\n' +
    'ebcc: note: instruction 3: (95) exit\n' +
    'ebcc: note: proven: R0 was never written on this path\n' +
    'ebcc: note: needed: R0 set to the return value before exit\n' +
    'ebcc: note: the kernel\'s verifier says: R0 !read_ok\n',
});

describe('the eight mistakes', () => {
  it.each(MISTAKES.map((m) => [m.name, m] as const))('%s', (_name, m) => {
    const out = compileString(m.source, {}, 'obj', m.file);
    expect(out.ctx.diags.hasErrors()).toBe(false);
    const res = verifyObject(out.object!);
    expect(res.programs).toHaveLength(1);
    const p = res.programs[0]!;
    expect(p.accepted).toBe(false);
    expect(p.kernelMessage!.split('\n').at(-1)).toBe(m.kernel);
    expect(renderDiagnostics(p.diagnostics, out.ctx.sources)).toBe(m.rendered);
  });
});

// An uninitialised buffer passed to a helper: Linux 6.18 accepts it from root (CAP_PERFMON allows
// reading uninitialised stack), so ebcc accepts it too, with a warning at the call; modelling a
// load without CAP_PERFMON makes it the kernel's error.
const UNINIT_KEY = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct key { __u32 addr; __u16 port; __u16 pad; };
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, struct key);
	__type(value, __u64);
} seen SEC(".maps");

SEC("xdp")
int uninit_key(struct xdp_md *ctx)
{
	struct key k;
	k.addr = ctx->ingress_ifindex;
	__u64 *v = bpf_map_lookup_elem(&seen, &k);
	if (v)
		return XDP_DROP;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
`;

describe('an uninitialised stack buffer passed to a helper', () => {
  it('is accepted with a warning at the call (root load)', () => {
    const out = compileString(UNINIT_KEY, {}, 'obj', 'uninit_key.c');
    const p = verifyObject(out.object!).programs[0]!;
    expect(p.accepted).toBe(true);
    expect(renderDiagnostics(p.diagnostics, out.ctx.sources)).toBe(
    'uninit_key.c:17:9: warning: program \'uninit_key\' passes uninitialised stack memory to a helper (accepted as root; the kernel refuses it without CAP_PERFMON) [V1026]\n' +
    '   17 |  __u64 *v = bpf_map_lookup_elem(&seen, &k);\n' +
    '      |         ^\n' +
    'ebcc: note: instruction 6: (85) call bpf_map_lookup_elem#1\n' +
    'ebcc: note: proven: stack byte -4 (from the frame pointer) is passed to the helper but was never written on this path\n' +
    'ebcc: note: needed: every byte of the buffer written before the call (e.g. `struct key k = {};`)\n');
  });
  it('is rejected without CAP_PERFMON', () => {
    const out = compileString(UNINIT_KEY, {}, 'obj', 'uninit_key.c');
    const p = verifyObject(out.object!, { noPerfmon: true }).programs[0]!;
    expect(p.accepted).toBe(false);
    expect(p.kernelMessage).toBe('invalid indirect read from stack R2 off -8+4 size 8');
  });
});

describeLoader('the eight mistakes in the kernel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-verify-mistakes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('are rejected by Linux with the messages recorded above; the uninitialised key is accepted', () => {
    const all = [...MISTAKES, { name: 'uninit', file: 'uninit_key.c', source: UNINIT_KEY, kernel: '', rendered: '' }];
    const cases = all.map((m, i) => {
      const out = compileString(m.source, {}, 'obj', m.file);
      const path = join(dir, `m${i}.o`);
      writeFileSync(path, out.elf!);
      const prog = verifyObject(out.object!).programs[0]!.name;
      return { id: `m${i}`, object: { path, prog } };
    });
    const results = runLoader(cases);
    all.forEach((m, i) => {
      const p = results[i]!.progs[0]!;
      if (m.kernel === '') {
        expect(p.accepted, m.name).toBe(true);
      } else {
        expect(p.accepted, m.name).toBe(false);
        expect(p.log.split('\n'), m.name).toContain(m.kernel);
      }
    });
  });
});
