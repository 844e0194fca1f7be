// OUT.o.map: the source map v3 of an object (src/obj/source-map.ts), read back
// with the source-map package's consumer. Convention: generated line = program
// section (1-based, in section order), generated column = instruction slot.
import { SourceMapConsumer } from 'source-map';
import { describe, expect, it } from 'vitest';
import { buildSourceMap } from '../../src/obj/source-map.js';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';

const SAMPLE = `${REPO_DIR}/samples/xdp_count.c`;

async function consume<T>(json: string, f: (c: SourceMapConsumer) => T): Promise<T> {
  const c = await new SourceMapConsumer(json);
  try {
    return f(c);
  } finally {
    (c as { destroy?: () => void }).destroy?.();
  }
}

describe('source map', () => {
  it('maps instruction slots of the xdp section to C lines and columns', async () => {
    const out = compileFile(SAMPLE);
    const json = buildSourceMap(out.object!, 'xdp_count.o', out.ctx);
    const raw = JSON.parse(json);
    expect(raw.version).toBe(3);
    expect(raw.file).toBe('xdp_count.o');
    expect(raw.sources).toEqual([SAMPLE]);
    expect(raw.sourcesContent[0]).toBe(out.ctx.sources.get(0).text);
    await consume(json, (c) => {
      expect(c.originalPositionFor({ line: 1, column: 0 })).toEqual({ source: SAMPLE, line: 40, column: 7, name: null });
      // Every line-table entry maps back to its statement (columns are 0-based in source maps).
      const [main, all] = out.object!.functions;
      for (const e of main!.lines) {
        const pos = out.ctx.sources.lineCol(e.span.file, e.span.start);
        expect(c.originalPositionFor({ line: 1, column: e.insnIndex })).toMatchObject({ line: pos.line, column: pos.col - 1 });
      }
      // A slot without an entry of its own belongs to the entry before it.
      const gap = main!.lines.findIndex((e, k) => k > 0 && e.insnIndex > main!.lines[k - 1]!.insnIndex + 1);
      const before = main!.lines[gap - 1]!;
      expect(c.originalPositionFor({ line: 1, column: before.insnIndex + 1, bias: SourceMapConsumer.GREATEST_LOWER_BOUND })).toMatchObject({
        line: out.ctx.sources.lineCol(before.span.file, before.span.start).line,
      });
      // xdp_count_all follows xdp_count in the same section, so its slots continue the generated line.
      expect(all!.section).toBe('xdp');
      expect(c.originalPositionFor({ line: 1, column: main!.insns.length })).toMatchObject({ line: 72 });
    });
  });

  it('each program section is its own generated line', async () => {
    const src = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("xdp")
int a(struct xdp_md *ctx)
{
	return 2;
}
SEC("tc")
int b(struct __sk_buff *skb)
{
	return 0;
}
`;
    const out = compileString(src, {}, 'obj', 'two.c');
    await consume(buildSourceMap(out.object!, 'two.o', out.ctx), (c) => {
      expect(c.originalPositionFor({ line: 1, column: 0 })).toMatchObject({ source: 'two.c', line: 6, column: 1 });
      expect(c.originalPositionFor({ line: 2, column: 0 })).toMatchObject({ source: 'two.c', line: 11, column: 1 });
    });
  });
});
