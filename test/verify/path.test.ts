// The failing path with its states: the branch decisions and, per instruction, the registers and
// stack slots it touched, as `ebcc verify --log-level` and the playground show them. The expected
// state text after each instruction was recorded from Linux 6.18's level-1 log of the same
// objects (a libbpf loader, as root); with the kernel loader present, the test loads them again
// and checks that the kernel still prints those states.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyObject, type ProgramResult } from '../../src/verify/index.js';
import { kernelLogText } from '../../src/verify/log-text.js';
import { MAX_PATH_STEPS } from '../../src/verify/path.js';
import { compileString, type Compiled } from '../util/compile.js';
import { describeLoader, runLoader } from '../kernel/loader/bpfload.js';

const BOUNDS = `#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int ttl(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *iph = data + sizeof(struct ethhdr);

	if (data + sizeof(struct ethhdr) > data_end)
		return XDP_ABORTED;
	if (iph->ttl <= 1)
		return XDP_DROP;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
`;

/** Spills, partial stores, scalars with bounds, a helper call; rejected at the read of R9. */
const STACK = `.license "GPL"
.map m hash key=4 value=16 entries=4
.prog p xdp
        r6 = r1
        *(u64 *)(r10 -8) = r1
        r2 = 5
        *(u64 *)(r10 -16) = r2
        *(u32 *)(r10 -20) = 7
        *(u32 *)(r10 -28) = 0
        r3 = *(u32 *)(r1 +12)
        r3 &= 1023
        r3 -= 600
        r4 = 70000
        r5 = -40000
        *(u32 *)(r10 -4) = 0
        r2 = r10
        r2 += -4
        r1 = map[m]
        call 1
        r7 = r0
        r0 = r9
        exit
`;

/** A jump the state decides, then one it does not. */
const JUMPS = `.license "GPL"
.prog p xdp
        r2 = 1
        if r2 == 1 goto one
        r0 = 0
        exit
one:    r3 = *(u32 *)(r1 +12)
        if r3 > 5 goto big
        r0 = 1
        exit
big:    r0 = r9
        exit
`;

/** A call into a function that reads past the packet's proven bytes. */
const CALLS = `.license "GPL"
.prog caller xdp
        r0 = *(u32 *)(r1 +16)
        if w0 s<= 3 goto near
        r0 = 1
        exit
near:   r2 = 2
        call get
        exit
.func get args=2
        r0 = *(u32 *)(r1 +0)
        r0 += r2
        r0 = *(u8 *)(r0 +0)
        exit
`;

/** The kernel's level-1 log of each program, Linux 6.18 (the map's address left out of the ld_imm64). */
const KERNEL_BOUNDS = `0: R1=ctx() R10=fp0
; void *data = (void *)(long)ctx->data; @ bounds.c:9
0: (61) r0 = *(u32 *)(r1 +0)          ; R0=pkt(r=0) R1=ctx()
; void *data_end = (void *)(long)ctx->data_end; @ bounds.c:10
1: (61) r1 = *(u32 *)(r1 +4)          ; R1=pkt_end()
; struct iphdr *iph = data + sizeof(struct ethhdr); @ bounds.c:11
2: (bf) r2 = r0                       ; R0=pkt(r=0) R2=pkt(r=0)
3: (07) r2 += 14                      ; R2=pkt(off=14,r=0)
; if (data + sizeof(struct ethhdr) > data_end) @ bounds.c:13
4: (bd) if r2 <= r1 goto pc+2 7: R0=pkt(r=14) R1=pkt_end() R2=pkt(off=14,r=14) R10=fp0
; if (iph->ttl <= 1) @ bounds.c:15
7: (71) r0 = *(u8 *)(r0 +22)
invalid access to packet, off=22 size=1, R0(id=0,off=22,r=14)
R0 offset is outside of the packet`;

const KERNEL_STACK = `0: R1=ctx() R10=fp0
; r6 = r1 @ stack.s:4
0: (bf) r6 = r1                       ; R1=ctx() R6=ctx()
; *(u64 *)(r10 -8) = r1 @ stack.s:5
1: (7b) *(u64 *)(r10 -8) = r1         ; R1=ctx() R10=fp0 fp-8=ctx()
; r2 = 5 @ stack.s:6
2: (b7) r2 = 5                        ; R2=5
; *(u64 *)(r10 -16) = r2 @ stack.s:7
3: (7b) *(u64 *)(r10 -16) = r2        ; R2=5 R10=fp0 fp-16=5
; *(u32 *)(r10 -20) = 7 @ stack.s:8
4: (62) *(u32 *)(r10 -20) = 7         ; R10=fp0 fp-24=mmmm????
; *(u32 *)(r10 -28) = 0 @ stack.s:9
5: (62) *(u32 *)(r10 -28) = 0         ; R10=fp0 fp-32=0000????
; r3 = *(u32 *)(r1 +12) @ stack.s:10
6: (61) r3 = *(u32 *)(r1 +12)         ; R1=ctx() R3=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))
; r3 &= 1023 @ stack.s:11
7: (57) r3 &= 1023                    ; R3=scalar(smin=smin32=0,smax=umax=smax32=umax32=1023,var_off=(0x0; 0x3ff))
; r3 -= 600 @ stack.s:12
8: (17) r3 -= 600                     ; R3=scalar(smin=smin32=-600,smax=smax32=423)
; r4 = 70000 @ stack.s:13
9: (b7) r4 = 70000                    ; R4=0x11170
; r5 = -40000 @ stack.s:14
10: (b7) r5 = -40000                  ; R5=0xffffffffffff63c0
; *(u32 *)(r10 -4) = 0 @ stack.s:15
11: (62) *(u32 *)(r10 -4) = 0         ; R10=fp0 fp-8=0000mmmm
; r2 = r10 @ stack.s:16
12: (bf) r2 = r10                     ; R2=fp0 R10=fp0
; r2 += -4 @ stack.s:17
13: (07) r2 += -4                     ; R2=fp-4
; r1 = map[m] @ stack.s:18
14: (18) r1 = MAP                     ; R1=map_ptr(map=m,ks=4,vs=16)
; call 1 @ stack.s:19
16: (85) call bpf_map_lookup_elem#1   ; R0=map_value_or_null(id=1,map=m,ks=4,vs=16)
; r7 = r0 @ stack.s:20
17: (bf) r7 = r0                      ; R0=map_value_or_null(id=1,map=m,ks=4,vs=16) R7=map_value_or_null(id=1,map=m,ks=4,vs=16)
; r0 = r9 @ stack.s:21
18: (bf) r0 = r9
R9 !read_ok`;

const KERNEL_JUMPS = `0: R1=ctx() R10=fp0
; r2 = 1 @ jumps.s:3
0: (b7) r2 = 1                        ; R2=1
; if r2 == 1 goto one @ jumps.s:4
1: (15) if r2 == 0x1 goto pc+2        ; R2=1
; one:    r3 = *(u32 *)(r1 +12) @ jumps.s:7
4: (61) r3 = *(u32 *)(r1 +12)         ; R1=ctx() R3=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))
; if r3 > 5 goto big @ jumps.s:8
5: (25) if r3 > 0x5 goto pc+2 8: R1=ctx() R2=1 R3=scalar(smin=umin=umin32=6,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff)) R10=fp0
; big:    r0 = r9 @ jumps.s:11
8: (bf) r0 = r9
R9 !read_ok`;

const KERNEL_CALLS = `0: R1=ctx() R10=fp0
; r0 = *(u32 *)(r1 +16) @ calls.s:3
0: (61) r0 = *(u32 *)(r1 +16)         ; R0=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff)) R1=ctx()
; if w0 s<= 3 goto near @ calls.s:4
1: (d6) if w0 s<= 0x3 goto pc+2 4: R0=scalar(smin=0,smax=umax=0xffffffff,smax32=3,var_off=(0x0; 0xffffffff)) R1=ctx() R10=fp0
; near:   r2 = 2 @ calls.s:7
4: (b7) r2 = 2                        ; R2=2
; call get @ calls.s:8
5: (85) call pc+1
R1 is not a scalar
caller:
 R10=fp0
callee:
 frame1: R1=ctx() R2=2 R10=fp0
7: frame1: R1=ctx() R2=2 R10=fp0
; r0 = *(u32 *)(r1 +0) @ calls.s:11
7: (61) r0 = *(u32 *)(r1 +0)          ; frame1: R0=pkt(r=0) R1=ctx()
; r0 += r2 @ calls.s:12
8: (0f) r0 += r2                      ; frame1: R0=pkt(off=2,r=0) R2=2
; r0 = *(u8 *)(r0 +0) @ calls.s:13
9: (71) r0 = *(u8 *)(r0 +0)
invalid access to packet, off=2 size=1, R0(id=0,off=2,r=0)
R0 offset is outside of the packet`;

/**
 * The states of a log: `N: STATE` after each instruction that has one, and the whole state at
 * the start, in a called function and after a jump (the kernel's level 1 glues that one to the
 * jump's line, ebcc writes `from A to B: STATE`).
 */
function statesOf(log: string): string[] {
  const out: string[] = [];
  for (const line of log.split('\n')) {
    let m = /^(\d+): \([0-9a-f]{2}\) .*?\s+; (.*)$/.exec(line);
    if (m) out.push(`after ${m[1]}: ${m[2]}`);
    m = /goto pc[+-]\d+ (\d+): (R.*)$/.exec(line) ?? /^from \d+ to (\d+): (.*)$/.exec(line) ?? /^(\d+): ((?:frame\d+: )?R\d+=.*)$/.exec(line);
    if (m) out.push(`at ${m[1]}: ${m[2]}`);
  }
  return out;
}

/** The source lines of a log, in order. */
const sourceLines = (log: string): string[] => log.split('\n').filter((l) => /^; .* @ [\w.-]+:\d+$/.test(l));

function build(source: string, file: string): Compiled {
  const out = compileString(source, {}, 'obj', file);
  expect(out.text).toBe('');
  return out;
}

function rejected(out: Compiled): ProgramResult {
  const p = verifyObject(out.object!).programs[0]!;
  expect(p.accepted).toBe(false);
  return p;
}

describe('the failing path', () => {
  it('records the branch decision and the packet pointers at each instruction of a missing bounds check', () => {
    const out = build(BOUNDS, 'bounds.c');
    const p = rejected(out);
    const steps = p.path!.steps;
    expect(steps.map((s) => s.insn)).toEqual([0, 1, 2, 3, 4, 7]);
    expect([p.path!.omitted, p.path!.incomplete]).toEqual([0, false]);
    // Both sides of `if r2 <= r1` were possible; the path that fails took the jump.
    expect(steps[4]!.branch).toEqual({ taken: true, decided: false, target: 7 });
    expect(steps.filter((s) => s.branch).length).toBe(1);
    expect(steps[3]!.after).toEqual([{ name: 'R2', value: 'pkt(off=14,r=0)' }]);
    // The rejected instruction has no state after it, and the whole state before it.
    expect(steps[5]!.after).toBeUndefined();
    expect(steps[5]!.before).toEqual([
      { name: 'R0', value: 'pkt(r=14)' }, { name: 'R1', value: 'pkt_end()' }, { name: 'R2', value: 'pkt(off=14,r=14)' }, { name: 'R10', value: 'fp0' },
    ]);
  });

  it('prints the states in the kernel log format, as Linux 6.18 prints them', () => {
    for (const [source, file, kernel] of [[BOUNDS, 'bounds.c', KERNEL_BOUNDS], [STACK, 'stack.s', KERNEL_STACK], [JUMPS, 'jumps.s', KERNEL_JUMPS], [CALLS, 'calls.s', KERNEL_CALLS]] as const) {
      const out = build(source, file);
      const log = kernelLogText(rejected(out), { level: 1, sources: out.ctx.sources });
      expect(statesOf(log), file).toEqual(statesOf(kernel));
      expect(sourceLines(log), file).toEqual(sourceLines(kernel));
      expect(log.split('\n').at(-3), file).toBe(kernel.split('\n').at(-1));
    }
  });

  it('prints the whole state where each C line begins at level 2', () => {
    const out = build(BOUNDS, 'bounds.c');
    const p = rejected(out);
    const one = kernelLogText(p, { level: 1, sources: out.ctx.sources }).split('\n');
    const two = kernelLogText(p, { level: 2, sources: out.ctx.sources }).split('\n');
    expect(two.filter((l) => !one.includes(l))).toEqual([
      '1: R0=pkt(r=0) R1=ctx() R10=fp0',
      '2: R0=pkt(r=0) R1=pkt_end() R10=fp0',
      '4: R0=pkt(r=0) R1=pkt_end() R2=pkt(off=14,r=0) R10=fp0',
    ]);
    expect(one[0]).toBe('; program ttl');
    expect(one.at(-2)).toMatch(/^processed 8 insns \(limit 1000000\)/);
  });

  it('tells a jump the state decided from one it forked', () => {
    const steps = rejected(build(JUMPS, 'jumps.s')).path!.steps;
    expect(steps.map((s) => s.insn)).toEqual([0, 1, 4, 5, 8]);
    expect(steps[1]!.branch).toEqual({ taken: true, decided: true, target: 4 });
    expect(steps[3]!.branch).toEqual({ taken: true, decided: false, target: 8 });
    expect(steps[3]!.after).toEqual([{ name: 'R3', value: 'scalar(smin=umin=umin32=6,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))' }]);
  });

  it('keeps only the last instructions of a long path', () => {
    const src = `.license "GPL"
.prog p xdp
        r2 = 0
loop:   r2 += 1
        if r2 < 3000 goto loop
        r0 = r9
        exit
`;
    const path = rejected(build(src, 'loop.s')).path!;
    // 1 + 3000 * 2 instructions, then the rejected one.
    expect(path.omitted + path.steps.length).toBe(6002);
    expect(path.steps.length).toBe(MAX_PATH_STEPS);
    expect(path.steps.at(-1)!.insn).toBe(3);
    expect(path.steps[0]!.before).toBeDefined();
    expect(path.steps.at(-2)!.after).toEqual([{ name: 'R2', value: '3000' }]);
    // The first step kept shows the whole state there: R2 counted one per two instructions.
    expect(path.steps[0]!.before).toContainEqual({ name: 'R2', value: String(path.omitted / 2) });
  });
});

describeLoader('the failing path in the kernel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-verify-path-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('gets the states recorded above from Linux', () => {
    const all = [[BOUNDS, 'bounds.c', KERNEL_BOUNDS], [STACK, 'stack.s', KERNEL_STACK], [JUMPS, 'jumps.s', KERNEL_JUMPS], [CALLS, 'calls.s', KERNEL_CALLS]] as const;
    const cases = all.map(([source, file], i) => {
      const path = join(dir, `p${i}.o`);
      writeFileSync(path, build(source, file).elf!);
      return { id: `p${i}`, object: { path, prog: file === 'bounds.c' ? 'ttl' : file === 'calls.s' ? 'caller' : 'p', logLevel: 1 } };
    });
    const results = runLoader(cases);
    all.forEach(([, file, kernel], i) => {
      const log = results[i]!.progs[0]!.log.replace(/r1 = 0x[0-9a-f]+ +/, 'r1 = MAP                     ');
      expect(statesOf(log), file).toEqual(statesOf(kernel));
      expect(log, file).toContain(kernel);
    });
  });
});
