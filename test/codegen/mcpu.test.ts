// -mcpu: code generation reads which level has which instruction from CPU_FEATURES
// (src/bpf/opcodes.ts) and emits nothing a level does not have.
import { describe, expect, it } from 'vitest';
import { legalize } from '../../src/codegen/legalize.js';
import { CPU_FEATURES, cpuFeatures, formOf, type CpuVersion } from '../../src/bpf/opcodes.js';
import type { IrFunction } from '../../src/ir/ir.js';
import { compileFile, compileString, REPO_DIR } from '../util/compile.js';

function irOf(src: string, mcpu: CpuVersion): IrFunction {
  const out = compileString(`#include <linux/bpf.h>\n${src}`, { mcpu }, 'ir');
  expect(out.text).toBe('');
  return out.ir!.functions[0]!;
}

const CMP32 = `__attribute__((section("xdp"))) int p(struct xdp_md *ctx) {
  unsigned int a = ctx->data_end - ctx->data, b = ctx->ingress_ifindex;
  if (a < b) return 1;
  return 2; }`;

describe('-mcpu features', () => {
  it('legalize widens a 32-bit compare exactly when the table gives the level no jmp32', () => {
    const branches = (fn: IrFunction) => fn.blocks.flatMap((b) => (b.term.op === 'br' ? [`${b.term.cmp}${b.term.bits}`] : []));
    const at2 = irOf(CMP32, 2);
    expect(branches(at2)).toEqual(['lt32']);
    legalize(at2, cpuFeatures(2));
    expect(branches(at2)).toEqual(['lt64']);
    // The same level with a table that puts JMP32 at v2 keeps the compare 32-bit.
    const moved = irOf(CMP32, 2);
    legalize(moved, cpuFeatures(2, { ...CPU_FEATURES, jmp32: { minCpu: 2, macro: 'JMP32' } }));
    expect(branches(moved)).toEqual(['lt32']);
    // Without jmpExt, a < b becomes b > a; with it (a table that puts jmpExt at v1) it stays.
    const at1 = irOf(CMP32, 1);
    legalize(at1, cpuFeatures(1));
    expect(branches(at1)).toEqual(['gt64']);
    const ext = irOf(CMP32, 1);
    legalize(ext, cpuFeatures(1, { ...CPU_FEATURES, jmpExt: { minCpu: 1, macro: 'JMP_EXT' } }));
    expect(branches(ext)).toEqual(['lt64']);
  });

  it('the preprocessor defines the feature macros of the table', () => {
    for (const mcpu of [1, 2, 3, 4] as const) {
      const src = Object.values(CPU_FEATURES).filter((f) => f.macro).map((f) => `#if defined(__BPF_FEATURE_${f.macro}) != (${f.minCpu} <= ${mcpu})\n#error ${f.macro}\n#endif\n`).join('');
      expect(compileString(src, { mcpu }, 'pp').text).toBe('');
    }
  });

  for (const mcpu of [1, 2, 3, 4] as const) {
    it(`-mcpu=v${mcpu}: every instruction of the samples is a form of level v${mcpu} or lower`, () => {
      const seen = new Set<number>();
      for (const sample of ['xdp_count.c', 'xdp_firewall.c', 'tc_classifier.c', 'socket_filter.c']) {
        const out = compileFile(`${REPO_DIR}/samples/${sample}`, { mcpu });
        expect(out.ctx.diags.hasErrors(), out.text).toBe(false);
        for (const f of out.object!.functions) {
          for (let i = 0; i < f.insns.length; i++) {
            const form = formOf(f.insns[i]!);
            expect(form, `${sample} ${f.name} #${i}`).toBeDefined();
            expect(form!.minCpu, `${sample} ${f.name} #${i} ${form!.mnemonic}`).toBeLessThanOrEqual(mcpu);
            seen.add(form!.minCpu);
            if (form!.slots === 2) i++;
          }
        }
      }
      // The check has teeth: at v3 and v4 the samples use forms above v2 (JMP32).
      if (mcpu >= 3) expect(Math.max(...seen)).toBeGreaterThanOrEqual(3);
    });
  }
});
