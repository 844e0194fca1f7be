// A load without BTF (VerifyOptions.noBtf, `ebcc verify --no-btf`): what a loader that passes no
// BTF gets from the kernel, as a raw bpf() load or an old loader of legacy `maps` sections does.
// Maps are created without key and value types and programs without func_info, so the kernel
// refuses a bpf_spin_lock in a map value, a callback, and LD_ABS or a tail call in a subprogram,
// and it follows every subprogram as a static one (a global function returning void is no longer
// refused). Each expected verdict was given by the Linux 6.18 kernel on a raw load of the program
// (no BTF) and on a libbpf load (with BTF); the kernel part loads the programs raw again and
// checks the recorded verdicts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ObjectProgram } from '../../src/bpf/object.js';
import { encodeInsns } from '../../src/bpf/encode.js';
import { findProgType } from '../../src/bpf/prog-types.js';
import { mapDefinitions } from '../../src/obj/map-defs.js';
import { linkProgram, programFunctions } from '../../src/run/link.js';
import { verifyObject } from '../../src/verify/index.js';
import { describeLoader, runLoader, type LoaderCase } from '../kernel/loader/bpfload.js';
import { compileString } from '../util/compile.js';
import { kernelErrorLine } from './cases.js';

const SOURCE = `
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct locked {
	struct bpf_spin_lock lock;
	int count;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct locked);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, int);
	__type(value, int);
} jumps SEC(".maps");

static int add_one(__u32 index, void *data)
{
	*(int *)data += 1;
	return 0;
}

SEC("xdp")
int loop_callback(struct xdp_md *ctx)
{
	int n = 0;
	bpf_loop(4, add_one, &n, 0);
	return n == 4 ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
int locked_count(struct xdp_md *ctx)
{
	int key = 0;
	struct locked *v = bpf_map_lookup_elem(&counts, &key);
	if (!v)
		return XDP_PASS;
	bpf_spin_lock(&v->lock);
	v->count++;
	bpf_spin_unlock(&v->lock);
	return XDP_PASS;
}

__attribute__((noinline)) void clear_mark(struct __sk_buff *skb)
{
	skb->mark = 0;
}

SEC("tc")
int void_global(struct __sk_buff *skb)
{
	clear_mark(skb);
	return 0;
}

static __attribute__((noinline)) int jump(struct xdp_md *ctx, int slot)
{
	bpf_tail_call(ctx, &jumps, slot);
	return XDP_PASS;
}

SEC("xdp")
int tail_call_in_subprog(struct xdp_md *ctx)
{
	return jump(ctx, 1);
}

SEC("xdp")
int plain_count(struct xdp_md *ctx)
{
	int key = 0;
	struct locked *v = bpf_map_lookup_elem(&counts, &key);
	if (v)
		v->count = 1;
	return XDP_PASS;
}
`;

type Want = 'accept' | { reject: string };

/** Recorded from the Linux 6.18 kernel: a libbpf load (BTF) and a raw load (no BTF). */
const WANT: Record<string, { btf: Want; noBtf: Want }> = {
  loop_callback: { btf: 'accept', noBtf: { reject: 'missing btf func_info' } },
  locked_count: { btf: 'accept', noBtf: { reject: "map 'counts' has to have BTF in order to use bpf_spin_lock" } },
  void_global: { btf: { reject: "Global function clear_mark() doesn't return scalar. Only those are supported." }, noBtf: 'accept' },
  tail_call_in_subprog: { btf: 'accept', noBtf: { reject: 'tail_call is not allowed in subprogs without BTF' } },
  plain_count: { btf: 'accept', noBtf: 'accept' },
};

const show = (w: Want): string => (w === 'accept' ? 'accept' : `reject: ${w.reject}`);

let obj: ObjectProgram;
let elf: Uint8Array;
beforeAll(() => {
  const c = compileString(SOURCE, {}, 'obj', 'no-btf.c');
  if (c.object === undefined || c.elf === undefined) throw new Error(`does not compile:\n${c.text}`);
  obj = c.object;
  elf = c.elf;
});

const verdictOf = (r: ReturnType<typeof runLoader>[number]): Want | string => {
  const p = r.progs[0];
  return p === undefined ? `not loaded: ${r.errors?.join('; ')}` : p.accepted ? 'accept' : { reject: kernelErrorLine(p.log) };
};

describe('ebcc verify, with and without BTF', () => {
  for (const [name, want] of Object.entries(WANT)) {
    it(`${name}: with BTF ${show(want.btf)}; without ${show(want.noBtf)}`, () => {
      for (const [noBtf, w] of [[false, want.btf], [true, want.noBtf]] as const) {
        const p = verifyObject(obj, { program: name, noBtf }).programs[0]!;
        // ebcc's message may add the kernel's next line (the global function's "Caller passes ...").
        expect(p.accepted ? 'accept' : { reject: p.kernelMessage?.split('\n')[0] }).toEqual(w);
      }
    });
  }
});

describeLoader('the kernel, on a raw load without BTF', () => {
  it('gives the recorded verdict to every program', () => {
    const defs = mapDefinitions(obj);
    const loads: LoaderCase[] = programFunctions(obj).map((fn) => {
      const linked = linkProgram(obj, fn, defs);
      if (!linked.ok) throw new Error(linked.message);
      const type = findProgType(fn.section)!;
      return {
        id: fn.name,
        maps: defs.map((m) => ({ type: m.type, keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, flags: m.flags, name: m.name })),
        progs: [{ type: type.progType!.value, logLevel: 1, name: fn.name.slice(0, 15), insns: encodeInsns(linked.program.insns) }],
      };
    });
    const got = Object.fromEntries(runLoader(loads).map((r, i) => [loads[i]!.id, verdictOf(r)]));
    expect(got).toEqual(Object.fromEntries(Object.entries(WANT).map(([n, w]) => [n, w.noBtf])));
  });
});

describeLoader('the kernel, on a libbpf load with BTF', () => {
  it('gives the recorded verdict to every program', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebcc-no-btf-'));
    try {
      const path = join(dir, 'no-btf.o');
      writeFileSync(path, elf);
      const names = Object.keys(WANT);
      const got = Object.fromEntries(runLoader(names.map((prog) => ({ id: prog, object: { path, prog, logLevel: 1 } })))
        .map((r, i) => [names[i]!, verdictOf(r)]));
      expect(got).toEqual(Object.fromEntries(Object.entries(WANT).map(([n, w]) => [n, w.btf])));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
