// The playground's analysis without a browser: diagnostics carry editor offsets and explanations,
// and instructions are grouped under the C line they came from.
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../web/src/analyze.js';
import { stdlib } from './stdlib.js';

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';

describe('analyzeSource', () => {
  it('gives each diagnostic its offsets in the source, its line and its explanation', () => {
    const src = `${HEAD}SEC("xdp")\nint p(struct xdp_md *ctx)\n{\n\treturn nope;\n}\n`;
    const r = analyzeSource(src, stdlib());
    expect(r.ok).toBe(false);
    const d = r.diagnostics[0]!;
    expect([d.code, d.line, d.col, d.inSource]).toEqual(['E3001', 6, 9, true]);
    expect(src.slice(d.from, d.to)).toBe('nope');
    expect(d.explanation.length).toBeGreaterThan(40);
    expect(r.rendered).toContain("prog.c:6:9: error: use of undeclared identifier 'nope'");
  });

  it('groups instructions under their C lines', () => {
    const src = `${HEAD}SEC("xdp")\nint p(struct xdp_md *ctx)\n{\n\tif (ctx->ingress_ifindex == 7)\n\t\treturn XDP_DROP;\n\treturn XDP_PASS;\n}\nchar _license[] SEC("license") = "GPL";\n`;
    const r = analyzeSource(src, stdlib());
    expect(r.ok).toBe(true);
    const [p] = r.programs;
    expect(p!.name).toBe('p');
    expect(p!.section).toBe('xdp');
    const lines = p!.groups.map((g) => g.line);
    expect(lines).toContain(6);
    expect(lines).toContain(7);
    const check = p!.groups.find((g) => g.line === 6)!;
    expect(check.source).toBe('if (ctx->ingress_ifindex == 7)');
    expect(check.insns.some((i) => /^r\d = \*\(u32 \*\)\(r1 \+12\)$/.test(i.text))).toBe(true);
    expect(p!.slots).toBe(p!.groups.reduce((n, g) => n + g.insns.length, 0));
  });

  it('verifies each program: a missing NULL check is rejected at its line, with the path and a kernel-format log', () => {
    // A hash map: Linux 6.18 knows a lookup in an array map with a constant key in range cannot fail.
    const map = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n\nstruct {\n\t__uint(type, BPF_MAP_TYPE_HASH);\n\t__uint(max_entries, 4);\n\t__type(key, __u32);\n\t__type(value, __u64);\n} hits SEC(".maps");\n\n';
    const body = (check: string): string => `${map}SEC("xdp")\nint count(struct xdp_md *ctx)\n{\n\t__u32 k = 0;\n\t__u64 *v = bpf_map_lookup_elem(&hits, &k);\n${check}\t*v += 1;\n\treturn XDP_PASS;\n}\nchar _license[] SEC("license") = "GPL";\n`;
    const broken = analyzeSource(body(''), stdlib());
    expect([broken.built, broken.ok]).toEqual([true, false]);
    const [v] = broken.verifier;
    expect([v!.name, v!.accepted, v!.progType]).toEqual(['count', false, 'xdp']);
    const d = v!.diagnostics[0]!;
    expect([d.severity, d.line, d.inSource]).toEqual(['error', 16, true]);
    expect(d.code).toMatch(/^V1\d{3}$/);
    expect(d.message).toContain("map_value_or_null");
    expect(d.notes.map((n) => n.line)).toContain(15);
    // The rejection is also among the page's diagnostics, so the editor marks the line.
    expect(broken.diagnostics.some((x) => x.code === d.code && x.line === 16)).toBe(true);
    const last = v!.path.at(-1)!;
    expect(last.line).toBe(16);
    expect(last.insns.at(-1)).toMatch(/^\d+: \(79\) r\d = \*\(u64 \*\)\(r0 \+0\)$/);
    // The state at the rejection shows why: R0 may still be NULL.
    expect(last.atRejection).toContainEqual({ name: 'R0', value: 'map_value_or_null(id=1,map=hits,ks=4,vs=8)' });
    // The lookup's line leaves the result in R0, and the key's line the zero in the stack slot.
    expect(v!.path.find((g) => g.line === 15)!.touched).toContainEqual({ name: 'R0', value: 'map_value_or_null(id=1,map=hits,ks=4,vs=8)' });
    expect(v!.path.find((g) => g.line === 14)!.touched).toContainEqual({ name: 'fp-8', value: '????0' });

    expect(v!.logText).toMatch(/^; program count\n0: R1=ctx\(\) R10=fp0\n; __u32 k = 0; @ prog.c:14\n/);
    expect(v!.logText).toMatch(/\n\d+: \(85\) call bpf_map_lookup_elem#1 +; R0=map_value_or_null\(id=1,map=hits,ks=4,vs=8\)\n/);
    expect(v!.logText).toContain("invalid mem access 'map_value_or_null'");
    expect(v!.logText).toMatch(/\nprocessed \d+ insns \(limit 1000000\)/);

    const fixed = analyzeSource(body('\tif (!v)\n\t\treturn XDP_PASS;\n'), stdlib());
    expect(fixed.ok).toBe(true);
    expect(fixed.verifier.map((x) => [x.name, x.accepted, x.diagnostics.length])).toEqual([['count', true, 0]]);
    expect(fixed.verifier[0]!.processedInsns).toBeGreaterThan(5);
  });
});
