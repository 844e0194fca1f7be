// The case-file format of the verifier corpus, without a kernel.
import { describe, expect, it } from 'vitest';
import { formatVerdict, kernelErrorLine, loadCases, missingFromKernel, parseCaseFile, parseVerdict, stableMessage } from './cases.js';

describe('verifier case files', () => {
  it('split into cases that keep the prelude and their own lines, blanking the others', () => {
    const text = '.license "GPL"\n@case a accept\n.prog p xdp\n r0 = 2\n exit\n; @case b log=4 reject EACCES "R0 !read_ok"\n.prog q socket\n exit\n';
    const [a, b] = parseCaseFile('x.s', text);
    expect(a!.source).toBe('.license "GPL"\n\n.prog p xdp\n r0 = 2\n exit\n\n\n\n');
    expect(b!.source).toBe('.license "GPL"\n\n\n\n\n\n.prog q socket\n exit\n');
    expect([a!.id, a!.line, a!.logLevel, a!.expect]).toEqual(['x.s:a', 2, 1, { verdict: 'accept' }]);
    expect([b!.line, b!.logLevel, b!.expect]).toEqual([6, 4, { verdict: 'reject', errno: 'EACCES', message: 'R0 !read_ok' }]);
  });

  it('reject malformed markers, unknown options and duplicate names', () => {
    expect(() => parseCaseFile('x.s', '@case a maybe\n')).toThrow(/x.s:1: expected accept/);
    expect(() => parseCaseFile('x.s', '@case a accept\n@case a accept\n')).toThrow(/defined twice/);
    expect(() => parseCaseFile('x.s', '@case a speed=9 accept\n')).toThrow(/unknown case option/);
    expect(() => parseCaseFile('x.s', '@case\n')).toThrow(/malformed/);
  });

  it('write verdicts back the way they are read', () => {
    const v = { verdict: 'reject' as const, errno: 'EINVAL', message: 'say "hi" \\ there' };
    expect(parseVerdict(formatVerdict(v).replace(/^/, ''))).toEqual(v);
    expect(parseVerdict('?')).toBeUndefined();
  });

  it('read errnos that kernels of one version give differently as alternatives', () => {
    expect(parseVerdict('reject EFAULT|E2BIG "too complex"')).toEqual({ verdict: 'reject', errno: 'EFAULT|E2BIG', message: 'too complex' });
    expect(parseVerdict('reject EFAULT| "too complex"')).toBeInstanceOf(Error);
  });

  it('tell a kernel build that lacks a helper or refuses a kfunc from a verdict that moved', () => {
    const helper = '0: R1=ctx() R10=fp0\n3: (85) call bpf_lwt_seg6_store_bytes#74\nprogram of this type cannot use helper bpf_lwt_seg6_store_bytes#74\nprocessed 4 insns (limit 1000000)\n';
    const kfunc = '10: (85) call bpf_dynptr_slice_rdwr#63324\nbpf_dynptr_slice_rdwr() is not allowed\nprocessed 11 insns (limit 1000000)\n';
    const moved = "1: (71) r0 = *(u8 *)(r7 +0)\nR7 invalid mem access 'scalar'\nprocessed 2 insns (limit 1000000)\n";
    const storeBytes = { verdict: 'reject' as const, errno: 'EACCES', message: "R7 invalid mem access 'scalar'" };
    expect(missingFromKernel(storeBytes, 'EINVAL', helper)).toBe('program of this type cannot use helper bpf_lwt_seg6_store_bytes#74');
    expect(missingFromKernel({ verdict: 'accept' }, 'EPERM', kfunc)).toBe('bpf_dynptr_slice_rdwr() is not allowed');
    // The refusal is only a kernel build's with EPERM; recorded as the verdict, it is compared.
    expect(missingFromKernel({ verdict: 'accept' }, 'EACCES', kfunc)).toBeUndefined();
    expect(missingFromKernel({ verdict: 'reject', errno: 'EINVAL', message: 'cannot use helper' }, 'EINVAL', helper)).toBeUndefined();
    expect(missingFromKernel({ verdict: 'accept' }, 'EACCES', moved)).toBeUndefined();
  });

  it('find the error line of a verifier log', () => {
    const log = '0: R1=ctx() R10=fp0\n; r0 = *(u8 *)(r2 +0) @ x.s:3\n1: (71) r0 = *(u8 *)(r2 +0)\n' +
      'invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)\nR2 offset is outside of the packet\n' +
      'processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n';
    expect(kernelErrorLine(log)).toBe('invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)');
    expect(kernelErrorLine('unreachable insn 2\nprocessed 0 insns (limit 1000000)\n')).toBe('unreachable insn 2');
    expect(kernelErrorLine('3: (85) call bpf_tail_call#12\nexpected prog array map for tail callprocessed 5 insns (limit 1000000) x\n'))
      .toBe('expected prog array map for tail call');
  });

  it('keep the part of an error line that does not depend on the generated code', () => {
    expect(stableMessage('invalid access to packet, off=12 size=2, R0(id=0,off=12,r=0)')).toBe('invalid access to packet');
    expect(stableMessage("R0 invalid mem access 'map_value_or_null'")).toBe("invalid mem access 'map_value_or_null'");
    expect(stableMessage('invalid bpf_context access off=16 size=4')).toBe('invalid bpf_context access');
    expect(stableMessage('program of this type cannot use helper bpf_redirect#23')).toBe('program of this type cannot use helper bpf_redirect#23');
  });

  it('make a corpus whose case ids are unique', () => {
    const ids = loadCases().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
