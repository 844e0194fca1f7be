// Register liveness per instruction (a backward data-flow over the linked program), so that
// pruning ignores registers no later instruction reads, as the kernel's liveness marks do.
import type { Insn } from '../bpf/insn.js';
import { helperById } from '../bpf/helpers.js';
import { PSEUDO_CALL, REG_RET, REGS_ARGS, REGS_CALLER_SAVED, formOf } from '../bpf/opcodes.js';

const mask = (regs: readonly number[]): number => regs.reduce((m, r) => m | (1 << r), 0);
const ALL_ARGS = mask(REGS_ARGS);
const CALLER_SAVED = mask(REGS_CALLER_SAVED);
const RET = 1 << REG_RET;

/** The registers instruction i reads (use) and writes (def), as bit masks. */
export function useDef(insns: readonly Insn[], i: number): { use: number; def: number } {
  const insn = insns[i]!;
  const f = formOf(insn);
  const b = (r: number): number => 1 << r;
  if (!f) return { use: 0, def: 0 };
  switch (f.kind) {
    case 'alu':
      if (f.aluOp === 'mov') return { use: f.source === 'x' ? b(insn.src) : 0, def: b(insn.dst) };
      return { use: b(insn.dst) | (f.source === 'x' ? b(insn.src) : 0), def: b(insn.dst) };
    case 'neg': case 'endian': case 'bswap':
      return { use: b(insn.dst), def: b(insn.dst) };
    case 'ld_imm64':
      return { use: 0, def: b(insn.dst) };
    case 'ldx': case 'ldsx':
      return { use: b(insn.src), def: b(insn.dst) };
    case 'st':
      return { use: b(insn.dst), def: 0 };
    case 'stx':
      return { use: b(insn.dst) | b(insn.src), def: 0 };
    case 'atomic':
      if (f.atomicOp === 'cmpxchg') return { use: b(insn.dst) | b(insn.src) | RET, def: RET };
      return { use: b(insn.dst) | b(insn.src), def: f.fetch ? b(insn.src) : 0 };
    case 'ld_abs':
      return { use: b(6), def: CALLER_SAVED };
    case 'ld_ind':
      return { use: b(6) | b(insn.src), def: CALLER_SAVED };
    case 'jcond':
      return { use: b(insn.dst) | (f.source === 'x' ? b(insn.src) : 0), def: 0 };
    case 'call': {
      if (insn.src === PSEUDO_CALL.call) return { use: ALL_ARGS, def: CALLER_SAVED };
      const h = insn.src === 0 ? helperById(insn.imm) : undefined;
      let use = 0;
      for (const r of h ? REGS_ARGS.slice(0, h.args.length) : REGS_ARGS) use |= b(r);
      return { use, def: CALLER_SAVED };
    }
    case 'exit':
      return { use: RET, def: 0 };
    default:
      return { use: 0, def: 0 };
  }
}

/** The instructions that may run after instruction i in the same function (a call goes on at i + 1). */
export function successors(insns: readonly Insn[], i: number): number[] {
  const insn = insns[i]!;
  const f = formOf(insn);
  if (!f) return [];
  switch (f.kind) {
    case 'exit':
      return [];
    case 'ja':
      return [i + insn.off + 1];
    case 'gotol':
      return [i + insn.imm + 1];
    case 'jcond': case 'may_goto':
      return [i + 1, i + insn.off + 1];
    case 'ld_imm64':
      return [i + 2];
    default:
      return [i + 1];
  }
}

/** liveIn[i]: bit r set when register r may be read at or after instruction i before being written. */
export function registerLiveness(insns: readonly Insn[]): Uint16Array {
  const n = insns.length;
  const live = new Uint16Array(n);
  const ud = insns.map((_, i) => useDef(insns, i));
  const succ = insns.map((_, i) => successors(insns, i).filter((s) => s >= 0 && s < n));
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = n - 1; i >= 0; i--) {
      let out = 0;
      for (const s of succ[i]!) out |= live[s]!;
      const v = (ud[i]!.use | (out & ~ud[i]!.def)) & 0x7ff;
      if (v !== live[i]) {
        live[i] = v;
        changed = true;
      }
    }
  }
  return live;
}
