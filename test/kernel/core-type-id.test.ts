// BTF type ids (bpf_core_type_id_local/_kernel, __builtin_btf_type_id): each is an ld_imm64 of
// the type's id in the object's own BTF with a CO-RE relocation of kind TYPE_ID_LOCAL or
// TYPE_ID_TARGET (root type, access string "0"), as clang emits it. libbpf writes the final id:
// the program's own id (a new one once `bpftool gen object` has merged two objects' BTF), or the
// running kernel's id of the type with the same name, ___suffix ignored, and 0 when it has none.
// The expected ids come from bpftool's dump of the loaded program's BTF and of the kernel's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { bpftoolJson, runBpftool } from './bpftool.js';
import { describeKernel, kernelIt, loadObject, loadObjectBytes, lookupMap, readU64LE, runProgram, u32LE, type LoadedObject } from './harness.js';

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct meta_hint { unsigned int mark; unsigned long long stamp; };
struct sk_buff___mine { unsigned int len; };
struct ebcc_no_such_type___x { int a; };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} ids SEC(".maps");

static void put(__u32 k, __u64 v)
{
	__u64 *slot = bpf_map_lookup_elem(&ids, &k);
	if (slot)
		*slot = v;
}

SEC("xdp")
int type_ids(struct xdp_md *ctx)
{
	put(0, bpf_core_type_id_local(struct meta_hint));
	put(1, bpf_core_type_id_kernel(struct sk_buff___mine));
	put(2, bpf_core_type_id_kernel(struct ebcc_no_such_type___x));
	put(3, __builtin_btf_type_id(*(struct meta_hint *)0, 0) == bpf_core_type_id_local(struct meta_hint));
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
`;

/** Another object whose types come first when linked before the program, so the program's ids move. */
const OTHER = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct other_value { unsigned short a, b, c; unsigned char d[3]; };
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, unsigned long long);
	__type(value, struct other_value);
} other SEC(".maps");
`;

it('emits an ld_imm64 of the local BTF id with a TYPE_ID_LOCAL or TYPE_ID_TARGET relocation each', () => {
  const out = compileString(SOURCE, { verify: true });
  expect(out.text).toBe('');
  const btf = out.object!.btf;
  const structId = (name: string) => btf.findIndex((t) => t.kind === 'struct' && t.name === name) + 1;
  const fn = out.object!.functions.find((f) => f.name === 'type_ids')!;
  const relos = (fn.coreRelos ?? []).map((r) => ({ imm: fn.insns[r.insnIndex]!.imm, code: fn.insns[r.insnIndex]!.code, typeId: r.typeId, access: r.access, kind: r.kind }));
  const ldImm64 = 0x18;
  // put(3, ...) compares two ids of the same type: both relocated, the comparison not folded.
  expect(relos.map((r) => r.kind)).toEqual([6, 7, 7, 6, 6]);
  for (const r of relos) {
    expect(r.imm).toBe(r.typeId);
    expect(r.code).toBe(ldImm64);
    expect(r.access).toBe('0');
  }
  const [hint, mine, none] = [structId('meta_hint'), structId('sk_buff___mine'), structId('ebcc_no_such_type___x')];
  expect(Math.min(hint, mine, none)).toBeGreaterThan(0);
  expect(relos.map((r) => r.typeId)).toEqual([hint, mine, none, hint, hint]);
});

it('keeps a relocation in each copy of an unrolled loop, for a type that refers to itself', () => {
  // A loop body is copied for each iteration; the copy shares the C type (struct node refers to
  // itself through 'next', so a deep copy never ends, as it did in selftests' netif_receive_skb.c).
  const out = compileString(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
struct node { struct node *next; int v; };
__u64 sink[3];
SEC("xdp")
int ids(struct xdp_md *ctx)
{
	for (int i = 0; i < 3; i++)
		sink[i] = bpf_core_type_id_kernel(struct node) + i;
	return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
`, { verify: false });
  expect(out.text).toBe('');
  const fn = out.object!.functions.find((f) => f.name === 'ids')!;
  expect((fn.coreRelos ?? []).map((r) => r.kind)).toEqual([7, 7, 7]);
});

it('a kind other than 0 or 1 is an error', () => {
  const out = compileString('struct s { int a; };\nunsigned long f(void) { return __builtin_btf_type_id(*(struct s *)0, 2); }\n', {}, 'sema');
  expect(out.ctx.diags.list.map((d) => d.code)).toEqual(['E3004']);
});

/** The id of the STRUCT named `name` in a bpftool text dump of BTF. */
function structIdIn(dump: string, name: string): number {
  const m = new RegExp(`^\\[(\\d+)\\] STRUCT '${name}' `, 'm').exec(dump);
  return m ? Number(m[1]) : -1;
}

function idsAfterRun(obj: LoadedObject): bigint[] {
  expect(runProgram(obj.prog('type_ids').pinPath, new Uint8Array(64)).retval).toBe(2);
  return [0, 1, 2, 3].map((k) => readU64LE(lookupMap(obj.map('ids').pinPath, u32LE(k))!.value));
}

/** The id of struct meta_hint in the BTF the kernel holds for the loaded program. */
function loadedLocalId(obj: LoadedObject): number {
  const info = bpftoolJson(['prog', 'show', 'pinned', obj.prog('type_ids').pinPath]) as { btf_id: number };
  return structIdIn(runBpftool(['btf', 'dump', 'id', String(info.btf_id)]).stdout, 'meta_hint');
}

describeKernel('BTF type ids relocated by libbpf', () => {
  kernelIt("give the program's own id, the kernel's id of the type by its essential name, and 0 for a type the kernel lacks", () => {
    const out = compileString(SOURCE, { verify: true });
    const obj = loadObjectBytes(out.elf!);
    try {
      expect(obj.ok, obj.log).toBe(true);
      const kernelSkBuff = structIdIn(runBpftool(['btf', 'dump', 'file', '/sys/kernel/btf/vmlinux']).stdout, 'sk_buff');
      expect(kernelSkBuff).toBeGreaterThan(0);
      expect(idsAfterRun(obj)).toEqual([BigInt(loadedLocalId(obj)), BigInt(kernelSkBuff), 0n, 1n]);
    } finally {
      obj.cleanup();
    }
  });

  kernelIt('follow the type to its new id when bpftool gen object links the program after another object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebcc-typeid-'));
    try {
      const prog = compileString(SOURCE, { verify: true });
      const other = compileString(OTHER, { verify: true });
      expect(other.text).toBe('');
      writeFileSync(join(dir, 'prog.o'), prog.elf!);
      writeFileSync(join(dir, 'other.o'), other.elf!);
      const link = runBpftool(['gen', 'object', join(dir, 'linked.o'), join(dir, 'other.o'), join(dir, 'prog.o')]);
      expect(link.status, link.stderr).toBe(0);
      const linkedId = structIdIn(runBpftool(['btf', 'dump', 'file', join(dir, 'linked.o')]).stdout, 'meta_hint');
      const ownId = prog.object!.btf.findIndex((t) => t.kind === 'struct' && t.name === 'meta_hint') + 1;
      expect(linkedId).not.toBe(ownId);
      const obj = loadObject(join(dir, 'linked.o'));
      try {
        expect(obj.ok, obj.log).toBe(true);
        const ids = idsAfterRun(obj);
        expect(ids[0]).toBe(BigInt(loadedLocalId(obj)));
        expect(ids[0]).not.toBe(BigInt(ownId));
      } finally {
        obj.cleanup();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
