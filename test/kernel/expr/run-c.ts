// Runs C expression tests in the kernel (and the same programs in ebcc run, which must agree), in
// the style of chibicc's test/*.c.
//
// A test program is an XDP program written between BEGIN and END. Each `ASSERT(expected, expr)`
// compares `expr` with `expected` after converting both to __u64 (so the sign and width of
// `expr`'s type matter: ASSERT(-1, (int)x) and ASSERT(4294967295, (unsigned)x) are different
// claims), counts itself, and on a mismatch returns its own source line. END writes the count
// into the first 4 bytes of the packet and returns 0.
//
// Inputs come from the packet so that the compiler cannot fold the expressions: the test passes
// up to 16 u64 values, and the program reads them with IN(i) (a __u64) or at byte level with
// IN_PTR (the address of input 0). The prelude is placed before a `#line 1`, so __LINE__ counts
// lines of the test's own source (rendered diagnostics still show physical line numbers).
import { expect } from 'vitest';
import type { CompileOptions } from '../../../src/context.js';
import { compileString } from '../../util/compile.js';
import { Shadow } from '../../run/dual.js';
import { loadObjectBytes, runProgram } from '../harness.js';

const INPUT_COUNT = 16;
/** Byte offset of input 0 in the packet; bytes 0..3 receive the assertion count. */
const INPUT_OFFSET = 8;
/** What BEGIN returns when the packet is too short (never a line number of a small test). */
const SHORT_PACKET = 99999;

export const PRELUDE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include <stddef.h>
#define IN_PTR ((unsigned char *)data + ${INPUT_OFFSET})
#define IN(i) (((__u64 *)IN_PTR)[(i)])
#define ASSERT(expected, expr) do { ebcc_asserts++; \\
    if ((__u64)(expr) != (__u64)(expected)) return __LINE__; } while (0)
#define BEGIN(name) SEC("xdp") int name(struct xdp_md *ctx) { \\
    void *data = (void *)(long)ctx->data; \\
    void *data_end = (void *)(long)ctx->data_end; \\
    __u32 ebcc_asserts = 0; \\
    if ((char *)data + ${INPUT_OFFSET + 8 * INPUT_COUNT} > (char *)data_end) return ${SHORT_PACKET};
#define END *(__u32 *)data = ebcc_asserts; return 0; }
char LICENSE[] SEC("license") = "GPL";
`;

export interface ExprResult {
  /** 0 when every assertion held, else the source line of the first one that failed */
  retval: number;
  /** how many assertions ran (written by END; meaningful when retval is 0) */
  count: number;
}

/** The packet for `inputs`: 4 bytes of count, 4 of padding, then 16 little-endian u64 values. */
export function inputPacket(inputs: readonly bigint[]): Uint8Array {
  if (inputs.length > INPUT_COUNT) throw new Error(`at most ${INPUT_COUNT} inputs, got ${inputs.length}`);
  const bytes = new Uint8Array(INPUT_OFFSET + 8 * INPUT_COUNT);
  const view = new DataView(bytes.buffer);
  inputs.forEach((v, i) => view.setBigUint64(INPUT_OFFSET + 8 * i, BigInt.asUintN(64, v), true));
  return bytes;
}

/** Compiles `source` (after the prelude), loads it, and runs program `name` once on `inputs`. */
export function runExprProgram(source: string, inputs: readonly bigint[], name = 'prog',
  options: Partial<CompileOptions> = {}): ExprResult {
  const out = compileString(`${PRELUDE}#line 1 "test.c"\n${source}`, options);
  expect(out.text, 'the test program compiles without diagnostics').toBe('');
  const obj = loadObjectBytes(out.elf!, { verbose: false });
  try {
    if (!obj.ok) expect.fail(`the verifier rejects the program:\n${verifierLogTail(out.elf!)}`);
    const res = runProgram(obj.prog(name).pinPath, inputPacket(inputs));
    new Shadow(out.object!).check(name, inputPacket(inputs), res); // ebcc run agrees with the kernel
    const count = new DataView(res.dataOut.buffer, res.dataOut.byteOffset).getUint32(0, true);
    return { retval: res.retval, count };
  } finally {
    obj.cleanup();
  }
}

/** The end of the verifier log of a rejected object (loaded again, verbosely, to get it). */
function verifierLogTail(elf: Uint8Array): string {
  const again = loadObjectBytes(elf);
  again.cleanup();
  const lines = again.log.split('\n').filter((l) => !l.startsWith('mark_precise') && !l.startsWith('libbpf: '));
  return lines.slice(-40).join('\n');
}

/**
 * Runs the program and expects every assertion to hold and exactly `count` of them to have run.
 * A failure names the source line of the first failing assertion.
 */
export function expectAllPass(source: string, inputs: readonly bigint[], count: number,
  options: Partial<CompileOptions> = {}, name = 'prog'): void {
  const res = runExprProgram(source, inputs, name, options);
  const line = res.retval === 0 ? '' : (source.split('\n')[res.retval - 1] ?? '<no such line>').trim();
  expect(res.retval === 0 ? 'all assertions hold' : `line ${res.retval} fails: ${line}`).toBe('all assertions hold');
  expect(res.count, 'assertions run').toBe(count);
  expect(countAsserts(source), 'ASSERT( occurrences in the source').toBe(count);
}

/** The number of ASSERT( uses in `source`, so that a test states its count once, checked twice. */
export function countAsserts(source: string): number {
  return source.match(/\bASSERT\(/g)?.length ?? 0;
}
