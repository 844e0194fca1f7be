// Pruning with static precision (src/verify/precision.ts): scalars that no later check reads are
// compared as "any scalar", as the kernel compares imprecise scalars. The verdicts of the cases in
// test/verify/cases/pruning.s are checked against the kernel by kernel-verdicts.test.ts and
// against ebcc by agreement.test.ts; here, the processed counts on the PROG_ARRAY dispatcher
// of bench/programs/legacy_tail.c stay near the kernel's (Linux 6.18: xdp_dispatch 1153,
// xdp_udp_stage 222 insns; ebcc without precision: 287381 and 18014).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyObject } from '../../src/verify/index.js';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';

const KERNEL_6_18 = { xdp_dispatch: 1153, xdp_tcp_stage: 144, xdp_udp_stage: 222 } as const;

describe('pruning ignores scalars no check reads', () => {
  it('legacy_tail.c: every program within 5x the kernel\'s processed count', () => {
    const out = compileFile(join(REPO_DIR, 'bench', 'programs', 'legacy_tail.c'));
    expect(out.object).toBeDefined();
    const res = verifyObject(out.object!);
    const got = Object.fromEntries(res.programs.map((p) => [p.name, p.stats.processedInsns]));
    expect(Object.keys(got).sort()).toEqual(Object.keys(KERNEL_6_18).sort());
    for (const p of res.programs) {
      expect(p.accepted, p.name).toBe(true);
      expect(p.stats.processedInsns, p.name).toBeLessThanOrEqual(5 * KERNEL_6_18[p.name as keyof typeof KERNEL_6_18]);
    }
  });
});

// The kernel makes every jump target a prune point, a conditional jump's target included
// (push_insn of a BRANCH edge), not only the conditional jump itself. Where states are compared
// and stored decides what is pruned: here the kernel (Linux 6.18, log level 2) processes 39
// instructions; ebcc processed 49 while conditional-jump targets were not prune points.
const JOIN_PROGRAM = `.license "GPL"
.prog p socket
        call bpf_get_prandom_u32
        r6 = r0
        r7 = 0
        if r6 > 1000 goto skip
        r7 = 3
skip:
        r8 = r7
        r8 += 1
        r8 += 1
        r8 += 1
        r8 += 1
        if r6 > 100 goto join
        r7 = 1
        r8 = 2
join:
        r0 = r6
        r0 += 1
        r0 += 1
        r0 += 1
        r0 += 1
        r0 += 1
        r0 += 1
        r0 += 1
        r0 = 0
        exit
`;

describe('prune points are where the kernel has them', () => {
  it('a conditional jump\'s target is one: the processed count stays at the kernel\'s', () => {
    const out = compileString(JOIN_PROGRAM, {}, 'obj', 'join.s');
    expect(out.object).toBeDefined();
    const p = verifyObject(out.object!).programs[0]!;
    expect(p.accepted).toBe(true);
    expect(Math.abs(p.stats.processedInsns - 39)).toBeLessThanOrEqual(2);
  });
});
