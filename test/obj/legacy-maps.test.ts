// Legacy `struct bpf_map_def SEC("maps")` maps come out as BTF-defined maps in
// ".maps" (src/codegen/legacy-maps.ts), with note E6020. The kernel test
// test/kernel/debug-info.test.ts loads samples/legacy_maps.c with libbpf 1.1.
import { describe, expect, it } from 'vitest';
import type { BtfType } from '../../src/bpf/btf.js';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';

describe('legacy maps', () => {
  const out = compileFile(`${REPO_DIR}samples/legacy_maps.c`);

  it('compiles with one E6020 note per map and nothing else', () => {
    expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['note', 'E6020'], ['note', 'E6020']]);
    expect(out.ctx.diags.list[0]!.message).toBe(
      `legacy map 'proto_count' in SEC("maps") is emitted as a BTF-defined map in SEC(".maps") ` +
        '(type 2, key_size 4, value_size 16, max_entries 256), because libbpf 1.x refuses the legacy "maps" section',
    );
  });

  it('places both maps in .maps, one pointer per member, and no "maps" section', () => {
    const obj = out.object!;
    expect(obj.data.map((d) => d.name)).toEqual(['.maps', 'license']);
    expect(obj.data[0]!.symbols).toEqual([
      { name: 'proto_count', offset: 0, sizeBytes: 32, global: true },
      { name: 'blocked', offset: 32, sizeBytes: 32, global: true },
    ]);
  });

  it('types each map as a struct of int (*name)[N] members', () => {
    const btf = out.object!.btf;
    const at = (id: number): BtfType => btf[id - 1]!;
    const v = btf.find((t) => t.kind === 'var' && t.name === 'blocked') as Extract<BtfType, { kind: 'var' }>;
    const s = at(v.type) as { kind: 'struct'; name: string; sizeBytes: number; members: { name: string; type: number; bitOffset: number }[] };
    expect(s).toMatchObject({ kind: 'struct', name: '', sizeBytes: 32 });
    const decoded = s.members.map((m) => {
      const ptr = at(m.type) as Extract<BtfType, { kind: 'ptr' }>;
      const arr = at(ptr.type) as Extract<BtfType, { kind: 'array' }>;
      return [m.name, m.bitOffset, arr.nelems, (at(arr.elem) as { name: string }).name];
    });
    expect(decoded).toEqual([
      ['type', 0, 1, 'int'], // BPF_MAP_TYPE_HASH
      ['key_size', 64, 4, 'int'],
      ['value_size', 128, 4, 'int'],
      ['max_entries', 192, 16, 'int'],
    ]);
  });
});

/** The members of a modernised map's BTF struct: [name, array length] for __uint-style ones, [name, type name] for typed ones. */
function mapMembers(src: string, map: string): (string | number)[][] {
  const out = compileString(src);
  expect(out.ctx.diags.list.filter((d) => d.severity !== 'note')).toEqual([]);
  const btf = out.object!.btf;
  const at = (id: number): BtfType => btf[id - 1]!;
  const v = btf.find((t) => t.kind === 'var' && t.name === map) as Extract<BtfType, { kind: 'var' }>;
  const s = at(v.type) as { kind: 'struct'; members: { name: string; type: number }[] };
  return s.members.map((m) => {
    const ptr = at(m.type) as Extract<BtfType, { kind: 'ptr' }>;
    const to = at(ptr.type);
    return to.kind === 'array' ? [m.name, to.nelems] : [m.name, (to as { name: string }).name];
  });
}

const LEGACY_DEF = `#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
struct bpf_map_def { unsigned int type, key_size, value_size, max_entries, map_flags; };
`;

describe('legacy map fields', () => {
  it('evaluates constant expressions in the initializer', () => {
    const src = `${LEGACY_DEF}#define SLOTS 12
struct bpf_map_def SEC("maps") rings = { .type = BPF_MAP_TYPE_ARRAY, .key_size = sizeof(__u32),
  .value_size = sizeof(__u64) * 2, .max_entries = (SLOTS * 2) };
SEC("xdp") int p(struct xdp_md *ctx) { return 2; }`;
    expect(mapMembers(src, 'rings')).toEqual([['type', 2], ['key_size', 4], ['value_size', 16], ['max_entries', 24]]);
  });

  it("reads iproute2's struct bpf_elf_map field names", () => {
    const src = `#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
struct bpf_elf_map { __u32 type, size_key, size_value, max_elem, flags, id, pinning, inner_id, inner_idx; };
struct bpf_elf_map SEC("maps") counters = { .type = BPF_MAP_TYPE_HASH, .size_key = 4, .size_value = 8,
  .max_elem = 64, .flags = BPF_F_NO_PREALLOC, .pinning = 2 };
SEC("tc") int p(struct __sk_buff *skb) { return 0; }`;
    expect(mapMembers(src, 'counters')).toEqual([['type', 1], ['key_size', 4], ['value_size', 8], ['max_entries', 64], ['map_flags', 1]]);
  });

  it('uses BPF_ANNOTATE_KV_PAIR types as the key and value of the map', () => {
    const src = `${LEGACY_DEF}struct flow { __u32 saddr, daddr; };
struct counters { __u64 packets, bytes; };
struct bpf_map_def SEC("maps") flows = { .type = BPF_MAP_TYPE_HASH, .key_size = sizeof(struct flow),
  .value_size = sizeof(struct counters), .max_entries = 128 };
struct ____btf_map_flows { struct flow key; struct counters value; };
struct ____btf_map_flows __attribute__((section(".maps.flows"), used)) ____btf_map_flows = {};
SEC("xdp") int p(struct xdp_md *ctx) { return 2; }`;
    const out = compileString(src);
    expect(mapMembers(src, 'flows')).toEqual([['type', 1], ['key', 'flow'], ['value', 'counters'], ['max_entries', 128]]);
    // The annotation itself has no storage and no section.
    expect(out.object!.data.map((d) => d.name)).toEqual(['.maps']);
    expect(out.object!.btf.some((t) => t.kind === 'var' && t.name === '____btf_map_flows')).toBe(false);
  });

  it('keeps the sizes when the annotation does not fit the map (E6021)', () => {
    const src = `${LEGACY_DEF}struct bpf_map_def SEC("maps") m = { .type = BPF_MAP_TYPE_HASH, .key_size = 4, .value_size = 8, .max_entries = 4 };
struct ____btf_map_m { __u64 key; __u64 value; };
struct ____btf_map_m __attribute__((section(".maps.m"), used)) ____btf_map_m = {};
SEC("xdp") int p(struct xdp_md *ctx) { return 2; }`;
    const out = compileString(src);
    expect(out.ctx.diags.list.filter((d) => d.severity === 'warning').map((d) => d.code)).toEqual(['E6021']);
    expect(out.ctx.diags.list.find((d) => d.code === 'E6021')!.message).toContain('key 8 bytes, value 8 bytes');
  });
});
