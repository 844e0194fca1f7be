// The source mutator of the mutant tests, without a kernel.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMutants } from './mutants.js';

describe('check mutants', () => {
  it('remove each bounds check and each NULL check in turn, one operand at a time', () => {
    const src = [
      'int f(struct xdp_md *ctx) {',
      '  void *data_end = (void *)(long)ctx->data_end;',
      '  struct ethhdr *eth = data;',
      '  __u64 *v = bpf_map_lookup_elem(&m, &k);',
      '  if ((void *)(eth + 1) > data_end || !v)',
      '    return 1;',
      '  if (v) *v += 1;',
      '  if (data + 4 <= data_end && v != NULL) return 2;',
      '  if (x > 3) return 0;',
      '}',
    ].join('\n');
    const ms = checkMutants(src);
    expect(ms.map((m) => [m.kind, m.line, m.check, m.replacement])).toEqual([
      ['bounds', 5, '(void *)(eth + 1) > data_end', '0'],
      ['null', 5, '!v', '0'],
      ['null', 7, 'v', '1'],
      ['bounds', 8, 'data + 4 <= data_end', '1'],
      ['null', 8, 'v != NULL', '1'],
    ]);
    expect(ms[0]!.source.split('\n')[4]).toBe('  if (0 || !v)');
    expect(ms[4]!.source.split('\n')[7]).toBe('  if (data + 4 <= data_end && 1) return 2;');
    expect(ms.every((m) => m.source.split('\n').length === 10)).toBe(true);
  });

  it('find checks in every sample', () => {
    for (const name of ['l4lb', 'xdp_count', 'xdp_firewall', 'tc_classifier', 'legacy_maps']) {
      const ms = checkMutants(readFileSync(new URL(`../../samples/${name}.c`, import.meta.url), 'utf8'));
      expect(ms.length, name).toBeGreaterThan(0);
    }
  });
});
