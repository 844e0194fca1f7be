// Legacy `struct bpf_map_def SEC("maps")` maps come out as BTF-defined maps in
// ".maps" (src/codegen/legacy-maps.ts), with note E6020. The kernel test
// test/kernel/debug-info.test.ts loads samples/legacy_maps.c with libbpf 1.1.
import { describe, expect, it } from 'vitest';
import type { BtfType } from '../../src/bpf/btf.js';
import { compileFile, REPO_DIR } from '../util/compile.js';

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
