// Call graphs are walked with explicit stacks: a chain of thousands of BPF-to-BPF calls is
// checked for recursion (sema) and measured for stack over the chain (codegen) without
// overflowing the compiler's own stack. (Both walks recursed before, and failed near 6,000.)
import { describe, expect, it } from 'vitest';
import { compileString } from '../util/compile.js';

const DEPTH = 6000;

/** p calls f1, f1 calls f2, ... f(n-1) returns; with `backTo`, f(n-1) calls f(backTo) instead. */
function chain(n: number, backTo?: number): string {
  let src = '#include <linux/bpf.h>\n';
  for (let i = 1; i < n; i++) src += `static __attribute__((noinline)) int f${i}(int x);\n`;
  src += '__attribute__((section("xdp"))) int p(struct xdp_md *ctx) { return f1(ctx->ingress_ifindex); }\n';
  for (let i = 1; i < n; i++) {
    const callee = i + 1 < n ? i + 1 : backTo;
    src += `static __attribute__((noinline)) int f${i}(int x) { return ${callee === undefined ? 'x' : `f${callee}(x) + 1`}; }\n`;
  }
  return src;
}

describe('a chain of thousands of calls', () => {
  it(`finds the one cycle at the end of a chain of ${DEPTH} functions`, { timeout: 120_000 }, () => {
    const out = compileString(chain(DEPTH, DEPTH - 3), {}, 'sema');
    expect(out.ctx.diags.list.map((d) => d.code)).toEqual(['E3102']);
    const d = out.ctx.diags.list[0]!;
    expect(d.message).toMatch(new RegExp(`^recursive call to 'f${DEPTH - 3}'`));
    expect(d.notes.map((n) => n.message)).toEqual([`'f${DEPTH - 2}' is called here`, `'f${DEPTH - 1}' is called here`]);
  });

  it(`compiles a chain of ${DEPTH} functions through code generation`, () => {
    const out = compileString(chain(DEPTH), { verify: false }, 'codegen');
    expect(out.text).toBe('');
    expect(out.object!.functions).toHaveLength(DEPTH);
  }, 120_000);
});
