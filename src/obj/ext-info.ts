// Builds the .BTF.ext records (func_info, line_info, core_relo) for the writer from the
// laid-out functions and their line tables. Rules the kernel enforces
// (kernel/bpf/verifier.c, check_btf_func/check_btf_line), kept here:
//   - records within a section are strictly increasing by insn_off;
//   - a line_info record never points at the second slot of an ld_imm64;
//   - every function that has line info starts with a record at its first insn.
import type { FunctionCode } from '../bpf/object.js';
import type { CompileContext } from '../context.js';
import type { Span } from '../diag/source.js';
import type { BtfExtInfo, CoreReloRecord, FuncInfoRecord, LineInfoRecord } from './btf-ext.js';
import { INSN_SIZE_BYTES } from '../bpf/encode.js';
import { OPCODE_LD_IMM64 } from '../bpf/opcodes.js';

export interface PlacedFunction {
  fn: FunctionCode;
  /** Byte offset of the function's first instruction in its section. */
  offsetBytes: number;
}

export interface PlacedSection {
  name: string;
  functions: PlacedFunction[];
}

/** Instruction indices that are the second slot of an ld_imm64. */
export function secondSlots(fn: FunctionCode): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < fn.insns.length; i++) {
    if (fn.insns[i]!.code === OPCODE_LD_IMM64) {
      out.add(i + 1);
      i++;
    }
  }
  return out;
}

export function buildExtInfo(sections: PlacedSection[], ctx: CompileContext): BtfExtInfo {
  const funcInfo: FuncInfoRecord[] = [];
  const lineInfo: LineInfoRecord[] = [];
  const coreRelos: CoreReloRecord[] = [];
  const wantLines = sections.some((s) => s.functions.some((f) => f.fn.lines.length > 0));
  for (const sec of sections) {
    for (const { fn, offsetBytes } of sec.functions) {
      if (fn.btfFuncId !== 0) funcInfo.push({ section: sec.name, insnOff: offsetBytes, typeId: fn.btfFuncId });
      if (wantLines) lineInfo.push(...functionLines(sec.name, fn, offsetBytes, ctx));
      for (const c of fn.coreRelos ?? []) {
        coreRelos.push({ section: sec.name, insnOff: offsetBytes + c.insnIndex * INSN_SIZE_BYTES, typeId: c.typeId, access: c.access, kind: c.kind });
      }
    }
  }
  return coreRelos.length > 0 ? { funcInfo, lineInfo, coreRelos } : { funcInfo, lineInfo };
}

function functionLines(section: string, fn: FunctionCode, offsetBytes: number, ctx: CompileContext): LineInfoRecord[] {
  const skip = secondSlots(fn);
  const recs: LineInfoRecord[] = [];
  const entries = [...fn.lines].sort((a, b) => a.insnIndex - b.insnIndex);
  for (const e of entries) {
    if (e.insnIndex < 0 || e.insnIndex >= fn.insns.length) continue;
    if (skip.has(e.insnIndex)) {
      ctx.diags.warning(
        'E6004',
        `line table entry of '${fn.name}' points at instruction ${e.insnIndex}, the second slot of an ld_imm64; it is dropped`,
        e.span,
      );
      continue;
    }
    const rec = lineRecord(section, offsetBytes + e.insnIndex * INSN_SIZE_BYTES, e.span, ctx);
    if (!rec) continue;
    if (recs.length > 0 && recs[recs.length - 1]!.insnOff === rec.insnOff) continue;
    recs.push(rec);
  }
  // The kernel wants a line_info record at every function's first instruction.
  if (fn.insns.length > 0 && (recs.length === 0 || recs[0]!.insnOff !== offsetBytes)) {
    const first = lineRecord(section, offsetBytes, fn.span, ctx) ?? (recs[0] && { ...recs[0], insnOff: offsetBytes });
    if (first) recs.unshift(first);
  }
  return recs;
}

function lineRecord(section: string, insnOff: number, span: Span, ctx: CompileContext): LineInfoRecord | undefined {
  if (span.file < 0 || span.file >= ctx.sources.files.length) return undefined;
  const { line, col } = ctx.sources.lineCol(span.file, span.start);
  return {
    section,
    insnOff,
    fileName: ctx.sources.get(span.file).path,
    lineText: ctx.sources.lineText(span.file, line),
    line,
    col,
  };
}
