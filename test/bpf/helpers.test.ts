import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderFuncIdHeader, renderHelperDefsHeader } from '../../src/bpf/helper-defs-header.js';
import { helperById, helperByName, helperKeepsArg, helpersWithExactKinds, helperTable } from '../../src/bpf/helpers.js';

describe('helper table', () => {
  it('has ids 1..211 (Linux 6.6), unique and contiguous', () => {
    const ids = helperTable().map((h) => h.id);
    expect(ids.length).toBe(211);
    ids.forEach((id, i) => expect(id).toBe(i + 1));
    expect(new Set(helperTable().map((h) => h.name)).size).toBe(211);
  });

  it('maps well-known ids to names', () => {
    const known: [number, string][] = [
      [1, 'bpf_map_lookup_elem'], [2, 'bpf_map_update_elem'], [3, 'bpf_map_delete_elem'],
      [5, 'bpf_ktime_get_ns'], [6, 'bpf_trace_printk'], [7, 'bpf_get_prandom_u32'], [12, 'bpf_tail_call'],
      [23, 'bpf_redirect'], [28, 'bpf_csum_diff'], [44, 'bpf_xdp_adjust_head'], [51, 'bpf_redirect_map'],
      [69, 'bpf_fib_lookup'], [130, 'bpf_ringbuf_output'], [181, 'bpf_loop'], [211, 'bpf_cgrp_storage_delete'],
    ];
    for (const [id, name] of known) expect([id, helperById(id)?.name]).toEqual([id, name]);
  });

  it('gives the verifier kinds of the common helpers', () => {
    expect(helperByName('bpf_map_lookup_elem')).toMatchObject({
      ret: 'map_value_or_null',
      args: ['const_map_ptr', 'ptr_to_map_key'],
      proto: 'void *bpf_map_lookup_elem(void *map, const void *key)',
    });
    expect(helperByName('bpf_tail_call')).toMatchObject({ ret: 'void', args: ['ptr_to_ctx', 'const_map_ptr', 'anything'] });
    expect(helperByName('bpf_ringbuf_reserve')?.ret).toBe('alloc_mem_or_null');
    expect(helperByName('bpf_sk_lookup_tcp')?.ret).toBe('socket_or_null');
    expect(helperByName('bpf_trace_printk')?.gplOnly).toBe(true);
    expect(helperByName('bpf_redirect')?.gplOnly).toBeUndefined();
    expect(helperByName('bpf_ktime_get_ns')).toMatchObject({ ret: 'integer', args: [] });
  });

  it('has exact kinds for names that exist, and sizes after their buffers', () => {
    for (const name of helpersWithExactKinds()) expect(helperByName(name), name).toBeDefined();
    const needsSize = ['ptr_to_mem', 'ptr_to_mem_rdonly', 'ptr_to_mem_rdonly_or_null', 'ptr_to_uninit_mem'];
    for (const h of helperTable()) {
      h.args.forEach((k, i) => {
        if (needsSize.includes(k)) expect(h.args[i + 1], `${h.name} arg ${i + 1}`).toMatch(/^const_(alloc_)?size/);
      });
      expect(h.args.length).toBeLessThanOrEqual(5);
    }
  });

  it('derives generic kinds from the prototype elsewhere', () => {
    expect(helperByName('bpf_sock_from_file')).toMatchObject({ ret: 'ptr_or_null', args: ['anything'] });
    expect(helperByName('bpf_user_ringbuf_drain')?.args).toEqual(['anything', 'anything', 'anything', 'anything']);
  });
});

describe('pointers a helper keeps after it returns', () => {
  const keeps = (name: string) => [0, 1, 2, 3, 4].map((k) => helperKeepsArg(helperByName(name)!.id, k));
  it('is the dynptr, and the buffer bpf_dynptr_from_mem records; not the memory read or written during the call', () => {
    expect(keeps('bpf_dynptr_read')).toEqual([false, false, true, false, false]);
    expect(keeps('bpf_dynptr_write')).toEqual([true, false, false, false, false]);
    expect(keeps('bpf_dynptr_from_mem')).toEqual([true, false, false, true, false]);
    expect(keeps('bpf_map_update_elem')).toEqual([false, false, false, false, false]);
    expect(helperKeepsArg(100000, 0)).toBe(true);
  });
});

describe('stdlib bpf_helper_defs.h', () => {
  it('equals what the generator produces (run `npm run gen:helpers`)', () => {
    const path = fileURLToPath(new URL('../../stdlib/include/bpf/bpf_helper_defs.h', import.meta.url));
    expect(readFileSync(path, 'utf8')).toBe(renderHelperDefsHeader());
  });

  it('stdlib ebcc/bpf-func-id.h equals what the generator produces', () => {
    const path = fileURLToPath(new URL('../../stdlib/include/ebcc/bpf-func-id.h', import.meta.url));
    expect(readFileSync(path, 'utf8')).toBe(renderFuncIdHeader());
  });

  it('numbers enum bpf_func_id as the UAPI does', () => {
    const text = renderFuncIdHeader();
    // Values from the kernel's enum bpf_func_id (Linux 6.6).
    expect(text).toContain('\tBPF_FUNC_unspec = 0,\n\tBPF_FUNC_map_lookup_elem = 1,\n');
    expect(text).toContain('\tBPF_FUNC_tail_call = 12,\n');
    expect(text).toContain('\tBPF_FUNC_redirect_map = 51,\n');
    expect(text).toContain('\tBPF_FUNC_fib_lookup = 69,\n');
    expect(text).toContain('\tBPF_FUNC_loop = 181,\n');
    expect(text).toContain('\t__BPF_FUNC_MAX_ID = 212,\n');
  });

  it('declares helpers libbpf-style', () => {
    const text = renderHelperDefsHeader();
    expect(text).toContain('static void *(* const bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;\n');
    expect(text).toContain('static long (* const bpf_redirect)(__u32 ifindex, __u64 flags) = (void *) 23;\n');
    expect(text).toContain('struct xdp_md;\n');
    expect(text.indexOf('struct bpf_fib_lookup;')).toBeLessThan(text.indexOf('bpf_fib_lookup)('));
  });
});
