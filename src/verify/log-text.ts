// A program's verifier log in the kernel's format: the failing path, the kernel's message and the
// "processed" line that tools such as bpfvv and veristat read. `ebcc verify --log-level` prints it,
// and the playground offers it as a download. As the kernel's log does, it starts with the entry
// state (`0: R1=ctx() R10=fp0`), names each new C line (`; text @ file.c:LINE`), follows each
// instruction with the registers and stack slots it touched (`; R2=pkt(off=14,r=0)`) and gives
// the whole state after a jump (`from 4 to 7: ...`) and in a called function or back from it;
// level 2 adds the whole state where each C line begins.
import type { SourceManager } from '../diag/source.js';
import type { ProgramResult } from './index.js';
import type { PathStep } from './path.js';
import { valuesText } from './state.js';

export interface LogOptions {
  /** 1: the registers each instruction touched; 2: also the whole state where each C line begins. */
  level: 1 | 2;
  /** Resolves the C lines of the instructions; without it the log has no source lines. */
  sources?: SourceManager;
}

/** The column of the `;` after an instruction of `length` characters (the kernel's vlog_alignment). */
function stateColumn(length: number): number {
  return Math.ceil(Math.max(length + 5, 40) / 8) * 8 - 2;
}

/** `; <the C line> @ file.c:LINE`, in the form bpfvv reads, or undefined without a line. */
function sourceLine(step: PathStep, sources: SourceManager | undefined): string | undefined {
  if (!sources || !step.span || step.span.file < 0) return undefined;
  const line = sources.lineCol(step.span.file, step.span.start).line;
  const name = sources.get(step.span.file).path.split('/').pop() ?? '';
  return `; ${sources.lineText(step.span.file, line).trim()} @ ${name}:${line}`;
}

export function kernelLogText(p: ProgramResult, opts: LogOptions = { level: 2 }): string {
  const s = p.stats;
  const out = [`; program ${p.name}`];
  const steps = p.path?.steps ?? [];
  if (p.path && p.path.omitted > 0) out.push(`; ${p.path.omitted} instructions of the path left out`);
  let lastSource: string | undefined;
  steps.forEach((step, k) => {
    const prev = steps[k - 1];
    if (step.before) {
      const state = valuesText(step.before, step.frame);
      if (prev?.branch?.taken && !prev.branch.decided) out.push(`from ${prev.insn} to ${step.insn}: ${state}`);
      else if (k === 0 || opts.level === 2 || prev?.frame !== step.frame) out.push(`${step.insn}: ${state}`);
    }
    const src = sourceLine(step, opts.sources);
    if (src !== undefined && src !== lastSource) out.push(src);
    lastSource = src;
    const insn = `${step.insn}: ${step.text}`;
    // A jump taken where both ways were possible is followed by the whole state (`from A to B:`).
    const forkTaken = step.branch?.taken === true && !step.branch.decided;
    out.push(step.after && step.after.length > 0 && !forkTaken ? `${insn.padEnd(stateColumn(insn.length))}; ${valuesText(step.after, step.frame)}` : insn);
  });
  return `${out.join('\n')}\n${p.kernelMessage ?? ''}\n` +
    `processed ${s.processedInsns} insns (limit 1000000) max_states_per_insn ${s.maxStatesPerInsn} total_states ${s.totalStates} peak_states ${s.peakStates} mark_read 0\n`;
}
