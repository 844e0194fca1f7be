// The checks before simulation (the kernel's resolve_pseudo_ldimm64, check_subprogs and
// check_cfg): whole ld_imm64 pairs, jumps and calls inside the program, no falling off the
// end, every instruction reachable. Returns the first problem as a Reject with its instruction.
import type { Insn } from '../bpf/insn.js';
import { PSEUDO_CALL, PSEUDO_LD_IMM64, formOf } from '../bpf/opcodes.js';
import { Reject } from './reject.js';

export interface CfgProblem {
  insn: number;
  reject: Reject;
}

const bad = (insn: number, msg: string, proven: string, needed: string): CfgProblem =>
  ({ insn, reject: new Reject('V1016', msg, { proven, needed }) });

/** First instructions of the functions (subprograms), entry first. */
export function subprogStarts(insns: readonly Insn[]): number[] {
  const starts = new Set<number>([0]);
  for (let i = 0; i < insns.length; i++) {
    const f = formOf(insns[i]!);
    if (f?.kind === 'call' && insns[i]!.src === PSEUDO_CALL.call) starts.add(i + insns[i]!.imm + 1);
    if (f?.kind === 'ld_imm64' && insns[i]!.src === PSEUDO_LD_IMM64.func) starts.add(i + insns[i]!.imm + 1);
    if (f?.kind === 'ld_imm64') i++;
  }
  return [...starts].sort((a, b) => a - b);
}

export function checkCfg(insns: readonly Insn[]): CfgProblem | undefined {
  const n = insns.length;
  if (n === 0) return bad(0, 'last insn is not an exit or jmp', 'the program has no instructions', 'at least an exit');
  const second = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const f = formOf(insns[i]!);
    if (f?.kind === 'ld_imm64') {
      const nx = insns[i + 1];
      if (!nx || nx.code !== 0 || nx.dst !== 0 || nx.src !== 0 || nx.off !== 0) {
        return bad(i, 'invalid bpf_ld_imm64 insn', 'an ld_imm64 without its second half', 'two instruction slots for every ld_imm64');
      }
      if (insns[i]!.src > 6) {
        return bad(i, 'unrecognized bpf_ld_imm64 insn', `an ld_imm64 with src_reg ${insns[i]!.src}`, 'src_reg 0 (a number) or a map, map value or function reference');
      }
      second[i + 1] = 1;
      i++;
    }
  }
  const starts = subprogStarts(insns);
  for (const s of starts) {
    if (s < 0 || s >= n || second[s]) {
      return bad(0, `call to invalid destination`, `a call to instruction ${s}`, 'calls to the first instruction of a function');
    }
  }
  // Jumps stay in range and inside their function; each function ends with exit or ja.
  for (let k = 0; k < starts.length; k++) {
    const lo = starts[k]!;
    const hi = k + 1 < starts.length ? starts[k + 1]! : n;
    for (let i = lo; i < hi; i++) {
      if (second[i]) continue;
      const insn = insns[i]!;
      const f = formOf(insn);
      if (!f) continue;
      if (f.kind === 'jcond' || f.kind === 'ja' || f.kind === 'gotol' || f.kind === 'may_goto') {
        const t = i + (f.kind === 'gotol' ? insn.imm : insn.off) + 1;
        if (t < 0 || t >= n) return bad(i, `jump out of range from insn ${i} to ${t}`, `a jump to instruction ${t}`, `a target within 0..${n - 1}`);
        if (t < lo || t >= hi) return bad(i, `jump out of range from insn ${i} to ${t}`, `a jump from one function into another`, 'jumps inside the function');
      }
    }
    const lastIdx = second[hi - 1] ? hi - 2 : hi - 1;
    const last = formOf(insns[lastIdx]!);
    if (!last || (last.kind !== 'exit' && last.kind !== 'ja' && last.kind !== 'gotol')) {
      return bad(hi - 1, 'last insn is not an exit or jmp', 'the function can fall off its end', 'an exit (return) at the end of every path');
    }
  }
  // Reachability from the entry and from every function.
  const seen = new Uint8Array(n);
  const work = [...starts];
  while (work.length > 0) {
    const i = work.pop()!;
    if (i < 0 || i >= n || seen[i]) continue;
    if (second[i]) return bad(i, `jump into the middle of ldimm64 insn ${i - 1}`, `a jump to the second half of an ld_imm64`, 'a jump to a whole instruction');
    seen[i] = 1;
    const insn = insns[i]!;
    const f = formOf(insn);
    if (!f) {
      work.push(i + 1);
      continue;
    }
    switch (f.kind) {
      case 'exit':
        break;
      case 'ja':
        work.push(i + insn.off + 1);
        break;
      case 'gotol':
        work.push(i + insn.imm + 1);
        break;
      case 'jcond': case 'may_goto':
        work.push(i + 1, i + insn.off + 1);
        break;
      case 'ld_imm64':
        seen[i + 1] = 1;
        work.push(i + 2);
        break;
      default:
        work.push(i + 1);
    }
  }
  for (let i = 0; i < n; i++) {
    if (!seen[i]) return bad(i, `unreachable insn ${i}`, `no path reaches instruction ${i}`, 'every instruction on some path from the entry');
  }
  return undefined;
}

/** The kernel's reserved-field checks, made when an instruction is simulated (do_check). */
export function reservedFields(insn: Insn): string | undefined {
  const f = formOf(insn);
  if (!f) return undefined;
  const k = f.source !== 'x';
  switch (f.kind) {
    case 'alu':
      if (f.aluOp === 'mov') {
        if (k ? insn.src !== 0 || insn.off !== 0 : insn.imm !== 0) return 'BPF_MOV uses reserved fields';
        return undefined;
      }
      if (k ? insn.src !== 0 || (f.off === undefined && insn.off !== 0) : insn.imm !== 0 || (f.off === undefined && insn.off !== 0)) return 'BPF_ALU uses reserved fields';
      return undefined;
    case 'neg':
      return insn.src !== 0 || insn.off !== 0 || insn.imm !== 0 ? 'BPF_NEG uses reserved fields' : undefined;
    case 'endian': case 'bswap':
      return insn.src !== 0 || insn.off !== 0 ? 'BPF_END uses reserved fields' : undefined;
    case 'ldx': case 'ldsx':
      return insn.imm !== 0 ? 'BPF_LDX uses reserved fields' : undefined;
    case 'st':
      return insn.src !== 0 ? 'BPF_ST uses reserved fields' : undefined;
    case 'stx':
      return insn.imm !== 0 ? 'BPF_STX uses reserved fields' : undefined;
    case 'call':
      return (insn.src !== 2 && insn.off !== 0) || insn.src > 2 || insn.dst !== 0 || f.cls === 'jmp32' ? 'BPF_CALL uses reserved fields' : undefined;
    case 'ja':
      return insn.src !== 0 || insn.dst !== 0 || insn.imm !== 0 ? 'BPF_JA uses reserved fields' : undefined;
    case 'gotol':
      return insn.src !== 0 || insn.dst !== 0 || insn.off !== 0 ? 'BPF_JA uses reserved fields' : undefined;
    case 'exit':
      return insn.imm !== 0 || insn.src !== 0 || insn.dst !== 0 || insn.off !== 0 ? 'BPF_EXIT uses reserved fields' : undefined;
    case 'jcond':
      return (k ? insn.src !== 0 : insn.imm !== 0) ? 'BPF_JMP/JMP32 uses reserved fields' : undefined;
    case 'may_goto':
      return insn.src !== 0 || insn.dst !== 0 ? `invalid may_goto imm ${insn.imm}` : undefined;
    default:
      return undefined;
  }
}
