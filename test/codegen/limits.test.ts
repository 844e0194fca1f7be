// The three restricted-C limits the back end enforces, each at its C line.
import { describe, expect, it } from 'vitest';
import { compileString } from '../util/compile.js';

function errorsAt(src: string): [string, number][] {
  const out = compileString(`#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n${src}`);
  return out.ctx.diags.list
    .filter((d) => d.severity === 'error')
    .map((d) => [d.code, out.ctx.sources.lineCol(d.span!.file, d.span!.start).line]);
}

describe('restricted-C limits at their lines', () => {
  it('a loop that never ends: E5011 at its body', () => {
    expect(errorsAt(`SEC("xdp") int p(struct xdp_md *ctx)
{
	__u32 s = ctx->data;
	while (1)
		s += 3;
	return s;
}`)).toEqual([['E5011', 7]]);
  });

  it('a 600-byte local array: E5010 at the function, with the array named in a note', () => {
    const out = compileString(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("xdp") int p(struct xdp_md *ctx)
{
	volatile char buf[600];
	buf[ctx->data & 255] = 1;
	return buf[7];
}`);
    const d = out.ctx.diags.list.filter((x) => x.severity === 'error');
    expect(d.map((x) => [x.code, out.ctx.sources.lineCol(x.span!.file, x.span!.start).line])).toEqual([['E5010', 3]]);
    const note = d[0]!.notes[0]!;
    expect(note.message).toBe("'buf' takes 600 bytes");
    expect(out.ctx.sources.lineCol(note.span!.file, note.span!.start).line).toBe(5);
  });

  it('recursion through __noinline functions: E3102 at the recursive call', () => {
    expect(errorsAt(`static __noinline int down(int n);
static __noinline int up(int n) { return n > 0 ? down(n - 1) : 0; }
static __noinline int down(int n) { return n > 0 ? up(n - 1) : 1; }
SEC("xdp") int p(struct xdp_md *ctx)
{
	return up(ctx->data & 7);
}`)).toEqual([['E3102', 5]]);
  });
});
