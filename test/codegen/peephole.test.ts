// Redundant stack reloads and copies (codegen/peephole.ts): a fill of bytes the register already
// holds goes, so does a copy between registers that already hold the same value,
// and the jumps, relocations and line table around it are renumbered.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/bpf/assemble.js';
import { disasm } from '../../src/bpf/disasm.js';
import { dropRedundantFillsAndCopies } from '../../src/codegen/peephole.js';
import { NO_SPAN } from '../../src/diag/source.js';

function run(text: string, lines: number[] = []): { code: string[]; lines: number[] } {
  const out = assemble(text);
  expect(out.errors).toEqual([]);
  const res = dropRedundantFillsAndCopies({ insns: out.insns, relocs: [], lines: lines.map((insnIndex) => ({ insnIndex, span: NO_SPAN })), typeIds: [] });
  return { code: disasm(res.insns), lines: res.lines.map((l) => l.insnIndex) };
}

describe('redundant fills', () => {
  it('drops a reload right after the spill and a second reload of the same bytes, and renumbers the jumps over them', () => {
    const { code, lines } = run(`
        if r1 == 0 goto out
        *(u64 *)(r10 -8) = r0
        r0 = *(u64 *)(r10 -8)
        r2 = *(u64 *)(r0 +0)
        r3 = *(u64 *)(r10 -16)
        r4 = *(u64 *)(r3 +0)
        r3 = *(u64 *)(r10 -16)
        r5 = *(u64 *)(r3 +8)
out:    r0 = 0
        exit`, [0, 2, 3, 6, 8]);
    expect(code).toEqual([
      'if r1 == 0x0 goto pc+5',
      '*(u64 *)(r10 -8) = r0',
      'r2 = *(u64 *)(r0 +0)',
      'r3 = *(u64 *)(r10 -16)',
      'r4 = *(u64 *)(r3 +0)',
      'r5 = *(u64 *)(r3 +8)',
      'r0 = 0',
      'exit',
    ]);
    // The entries of the dropped reloads (2 and 6) move to the next instruction, which has its own.
    expect(lines).toEqual([0, 2, 5, 6]);
  });

  it('keeps a reload after the register or the bytes changed, after a call, at a jump target, and after a store through another pointer', () => {
    const text = `
        *(u64 *)(r10 -8) = r6
        r6 += 1
        r6 = *(u64 *)(r10 -8)
        *(u32 *)(r10 -4) = 0
        r6 = *(u64 *)(r10 -8)
        call 5
        r6 = *(u64 *)(r10 -8)
        if r6 == 0 goto next
next:   r6 = *(u64 *)(r10 -8)
        *(u64 *)(r7 +0) = r1
        r6 = *(u64 *)(r10 -8)
        r0 = 0
        exit`;
    const { code } = run(text);
    expect(code.filter((l) => l === 'r6 = *(u64 *)(r10 -8)')).toHaveLength(5);
  });

  it('drops a copy back into a register that still holds the value, also across a call for r6-r9, and a fill of bytes a copy holds', () => {
    const { code } = run(`
        r6 = r1
        r2 = 1
        r1 = r6
        call 12
        r1 = r6
        r7 = r6
        r8 = r7
        r8 = r6
        r9 = r0
        call 5
        r9 = r0
        *(u64 *)(r10 -8) = r7
        r3 = r7
        r3 = *(u64 *)(r10 -8)
        r0 = 0
        exit`);
    expect(code).toEqual([
      'r6 = r1',
      'r2 = 1',
      'call bpf_tail_call#12',
      'r1 = r6',
      'r7 = r6',
      'r8 = r7',
      'r9 = r0',
      'call bpf_ktime_get_ns#5',
      'r9 = r0',
      '*(u64 *)(r10 -8) = r7',
      'r3 = r7',
      'r0 = 0',
      'exit',
    ]);
  });

  it('keeps a copy after either register changed, a 32-bit copy, and a copy at a jump target', () => {
    const text = `
        r6 = r1
        r1 += 1
        r1 = r6
        r7 = r1
        r7 = *(u64 *)(r7 +0)
        r7 = r1
        w2 = w1
        w2 = w1
        r3 = r1
        if r3 == 0 goto next
next:   r3 = r1
        r0 = 0
        exit`;
    const { code } = run(text);
    expect(code).toHaveLength(13);
  });
});
