// The source map written next to an object (OUT.o.map): source map v3, made
// with the `source-map` package. Convention (ARCHITECTURE.md, "Source map"):
//   - generated line N (1-based) is the N-th program section of the object,
//     in section order (the order writeObject lays them out);
//   - generated column C (0-based) is instruction slot C within that section
//     (byte offset / 8; an ld_imm64 takes two slots);
//   - the original position is the C line (1-based) and column (0-based, as
//     the format wants) of the line-table entry describing that instruction;
//   - `sources` are the source paths as the compiler read them, with
//     `sourcesContent` embedded; `file` is the object's name.
// Mappings are the rows of the DWARF line table (dwarf-line.ts lineRows):
// one per instruction that starts a new source position.
import { SourceMapGenerator } from 'source-map';
import type { ObjectProgram } from '../bpf/object.js';
import type { CompileContext } from '../context.js';
import { lineRows } from './dwarf-line.js';
import { INSN_SIZE_BYTES } from '../bpf/encode.js';
import { placeFunctions } from './write.js';

/** The source map of `prog` as JSON text; `objectFile` names the object it describes. */
export function buildSourceMap(prog: ObjectProgram, objectFile: string, ctx: CompileContext): string {
  const gen = new SourceMapGenerator({ file: objectFile });
  const used = new Set<number>();
  lineRows(placeFunctions(prog.functions), ctx).forEach((sec, i) => {
    for (const row of sec.rows) {
      const source = ctx.sources.get(row.sourceFile).path;
      used.add(row.sourceFile);
      gen.addMapping({
        generated: { line: i + 1, column: row.addressBytes / INSN_SIZE_BYTES },
        original: { line: row.line, column: Math.max(0, row.col - 1) },
        source,
      });
    }
  });
  for (const id of [...used].sort((a, b) => a - b)) {
    const f = ctx.sources.get(id);
    gen.setSourceContent(f.path, f.text);
  }
  return gen.toString();
}
