// A text assembler for BPF: the inverse of disasm.ts. It reads the syntax of the kernel
// verifier log and of LLVM's BPF assembler, one instruction per line:
//   r1 = *(u32 *)(r2 +0)      *(u16 *)(r10 - 8) = r1     w1 &= 255     r1 = be16 r1
//   if r1 > r2 goto pc+3      if w1 != 0x800 goto out    call bpf_map_lookup_elem#1
//   lock *(u32 *)(r1 +0) += r2                           r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)
//   r1 = map[counts]          r1 = 0x1122334455667788 ll r0 = *(u16 *)skb[12]
// Every opcode number comes from the opcode table (opcodes.ts, through asm.ts's constructors).
//
// Conventions:
// - A leading "N:" (the log's slot index) and "(bf)" (the opcode) are ignored.
// - Comments start with ";" or "//", or with "#" not glued to a name ("call foo#1" is a call).
// - "name:" defines a label; jumps and calls take "pc+N", "+N", "-N" or a label.
// - "rD = IMM": a decimal value that fits in 32 bits is a mov; a hex value, an "ll" suffix, or
//   a value that needs 64 bits is an ld_imm64 (the log prints ld_imm64 values in hex).
// - "rD = NAME ll" is an ld_imm64 of 0 with a relocation against the symbol NAME.
// - "rD = map[NAME]" is an ld_imm64 of a map (BPF_PSEUDO_MAP_FD) with a relocation against NAME;
//   "rD = map[NAME][0]+OFF" loads the address OFF bytes into NAME's value (BPF_PSEUDO_MAP_VALUE),
//   and "rD = func[LABEL]" a callback address (BPF_PSEUDO_FUNC).
// - "call NAME", "call NAME#ID" and "call ID" call a helper; "call pc+N" or "call LABEL" for a
//   label is a BPF-to-BPF call; "call kernel-function#ID" a kfunc by BTF id.
// - ".insn CODE, DST, SRC, OFF, IMM" emits one raw slot, valid or not (for verifier tests).
// Errors are returned, never thrown: each names the line and column of the offending text.
import * as a from './asm.js';
import { helperByName } from './helpers.js';
import type { Insn } from './insn.js';
import {
  COND_JMP_SYMBOL,
  PSEUDO_CALL,
  PSEUDO_LD_IMM64,
  type AluBinaryOp,
  type AtomicOp,
  type CondJmpOp,
  type EndWidth,
  type MemSize,
} from './opcodes.js';

export interface AsmError {
  /** 1-based line and column within the text. */
  line: number;
  col: number;
  /** Offset of the offending text within `text`, and its length. */
  offset: number;
  length: number;
  message: string;
}

/** A symbolic reference the object writer turns into a relocation (or a test into a fd). */
export interface AsmReloc {
  insnIndex: number;
  kind: 'map' | 'map_value' | 'func' | 'call' | 'symbol';
  /** A map name (map, map_value), a label or function name (func, call), or any symbol (symbol). */
  symbol: string;
}

export interface AsmOptions {
  /** Labels defined outside this text (other functions): a call or func[] to one becomes a relocation. */
  externalLabels?: ReadonlySet<string>;
}

export interface AsmOutput {
  insns: Insn[];
  /** References to maps and to labels the text does not define. */
  relocs: AsmReloc[];
  /** Slot index of each label. */
  labels: ReadonlyMap<string, number>;
  /** For each instruction (first slot), the 1-based line it came from; -1 on second ld_imm64 slots. */
  lineOfInsn: number[];
  errors: AsmError[];
}

// --- small parsers ------------------------------------------------------------------------

const SIZE_BY_NAME: Readonly<Record<string, MemSize>> = { u8: 'b', u16: 'h', u32: 'w', u64: 'dw' };
const SIGNED_SIZE_BY_NAME: Readonly<Record<string, Exclude<MemSize, 'dw'>>> = { s8: 'b', s16: 'h', s32: 'w' };
const ALU_BY_SYMBOL: Readonly<Record<string, AluBinaryOp>> = {
  '+=': 'add', '-=': 'sub', '*=': 'mul', '/=': 'div', 's/=': 'sdiv', '|=': 'or', '&=': 'and',
  '<<=': 'lsh', '>>=': 'rsh', '%=': 'mod', 's%=': 'smod', '^=': 'xor', 's>>=': 'arsh', '=': 'mov',
};
const ATOMIC_BY_SYMBOL: Readonly<Record<string, AtomicOp>> = { '+=': 'add', '|=': 'or', '&=': 'and', '^=': 'xor' };

function condBySymbol(): ReadonlyMap<string, CondJmpOp> {
  return new Map((Object.entries(COND_JMP_SYMBOL) as [CondJmpOp, string][]).map(([op, sym]) => [sym, op]));
}

class LineError extends Error {}

/** Parses an integer literal (decimal, 0x hex, optional sign) into a bigint. */
function parseBig(text: string): bigint | undefined {
  const m = /^([+-]?)\s*(0x[0-9a-f]+|\d+)$/i.exec(text.trim());
  if (!m) return undefined;
  const v = BigInt(m[2]!);
  return m[1] === '-' ? -v : v;
}

/** An immediate for a 32-bit field: accepts -2^31..2^32-1 and wraps to a signed 32-bit value. */
function imm32(text: string, what = 'immediate'): number {
  const v = parseBig(text);
  if (v === undefined) throw new LineError(`expected a number for the ${what}, saw '${text.trim()}'`);
  if (v < -(1n << 31n) || v > 0xffffffffn) throw new LineError(`${what} ${text.trim()} does not fit in 32 bits`);
  return Number(BigInt.asIntN(32, v));
}

function off16(text: string): number {
  const v = parseBig(text.replace(/\s+/g, ''));
  if (v === undefined) throw new LineError(`expected an offset, saw '${text.trim()}'`);
  if (v < -32768n || v > 32767n) throw new LineError(`offset ${text.trim()} does not fit in 16 bits`);
  return Number(v);
}

/** "r3" or "w3": register number and width. */
function reg(text: string): { n: number; w: boolean } {
  const m = /^([rw])(\d+)$/.exec(text.trim());
  if (!m || Number(m[2]) > 10) throw new LineError(`expected a register r0..r10 or w0..w10, saw '${text.trim()}'`);
  return { n: Number(m[2]), w: m[1] === 'w' };
}

function sameWidth(x: { w: boolean }, y: { w: boolean }, line: string): void {
  if (x.w !== y.w) throw new LineError(`mixed 32-bit (w) and 64-bit (r) registers in '${line}'`);
}

const REG = '([rw]\\d+)';
const NUM = '([+-]?\\s*(?:0x[0-9a-fA-F]+|\\d+))';
/** "(u32 *)(r1 +8)" with any spacing; captures type, base register, offset (may be empty). */
const MEM = '\\(\\s*([us]\\d+)\\s*\\*\\s*\\)\\s*\\(\\s*(r\\d+)\\s*(?:([+-])\\s*(0x[0-9a-fA-F]+|\\d+))?\\s*\\)';
const TARGET = '((?:pc)?[+-]\\s*\\d+|[A-Za-z_.$][\\w.$]*)';

function memOff(sign: string | undefined, value: string | undefined): number {
  if (value === undefined) return 0;
  return off16(`${sign ?? '+'}${value}`);
}

function memSize(type: string): MemSize {
  const s = SIZE_BY_NAME[type];
  if (!s) throw new LineError(`expected u8, u16, u32 or u64, saw '${type}'`);
  return s;
}

// --- the assembler --------------------------------------------------------------------------

interface Pending {
  /** Slot index of the instruction to patch. */
  insnIndex: number;
  label: string;
  /** Which field receives the relative offset. */
  field: 'off' | 'imm';
  line: number;
  col: number;
  offset: number;
}

interface State {
  insns: Insn[];
  relocs: AsmReloc[];
  labels: Map<string, number>;
  lineOfInsn: number[];
  pending: Pending[];
  conds: ReadonlyMap<string, CondJmpOp>;
  opts: AsmOptions;
  /** Each line's text and its offset in the whole text, to place errors about labels. */
  rawLines: { text: string; start: number }[];
}

/** Strips comments, the log's "N:" index and "(xx)" opcode prefix. */
function cleanLine(raw: string): { text: string; start: number } {
  let end = raw.length;
  const semi = raw.indexOf(';');
  if (semi >= 0) end = Math.min(end, semi);
  const slashes = raw.indexOf('//');
  if (slashes >= 0) end = Math.min(end, slashes);
  const hash = /(^|[^\w])#/.exec(raw.slice(0, end));
  if (hash) end = Math.min(end, hash.index + hash[1]!.length);
  let text = raw.slice(0, end);
  let start = 0;
  const prefix = /^\s*(?:\d+:\s*)?(?:\([0-9a-fA-F]{2}\)\s*)?/.exec(text)!;
  start = prefix[0].length;
  text = text.slice(start).trimEnd();
  return { text, start };
}

function push(st: State, line: number, ...insns: Insn[]): number {
  const at = st.insns.length;
  insns.forEach((insn, i) => {
    st.insns.push(insn);
    st.lineOfInsn.push(i === 0 ? line : -1);
  });
  return at;
}

/** A jump or call target: a relative "pc+N" or a label resolved later. */
function target(st: State, text: string, insnIndex: number, field: 'off' | 'imm', where: Omit<Pending, 'insnIndex' | 'label' | 'field'>): number {
  const t = text.replace(/\s+/g, '');
  const rel = /^(?:pc)?([+-]\d+)$/.exec(t);
  if (rel) return Number(rel[1]);
  st.pending.push({ insnIndex, label: t, field, ...where });
  return 0;
}

function assembleLine(st: State, text: string, line: number, where: Omit<Pending, 'insnIndex' | 'label' | 'field'>): void {
  let m: RegExpExecArray | null;
  const next = st.insns.length;

  if (text === 'exit') {
    push(st, line, a.exit());
    return;
  }
  if ((m = /^\.insn\s+(.*)$/.exec(text))) {
    const parts = m[1]!.split(',').map((s) => s.trim());
    if (parts.length !== 5) throw new LineError(`.insn takes CODE, DST, SRC, OFF, IMM; saw ${parts.length} fields`);
    const [code, dst, src, off, imm] = parts.map((p) => parseBig(p));
    if ([code, dst, src, off, imm].some((v) => v === undefined)) throw new LineError(`.insn fields must be numbers`);
    push(st, line, {
      code: Number(code! & 0xffn),
      dst: Number(dst! & 0xfn),
      src: Number(src! & 0xfn),
      off: Number(BigInt.asIntN(16, off!)),
      imm: Number(BigInt.asIntN(32, imm!)),
    });
    return;
  }
  // Jumps.
  if ((m = new RegExp(`^(goto|gotol|may_goto)\\s+${TARGET}$`).exec(text))) {
    const isLong = m[1] === 'gotol';
    const v = target(st, m[2]!, next, isLong ? 'imm' : 'off', where);
    push(st, line, isLong ? a.gotol(v) : m[1] === 'may_goto' ? a.mayGoto(off16(String(v))) : a.ja(off16(String(v))));
    return;
  }
  if ((m = new RegExp(`^if\\s+${REG}\\s*(s?[<>]=?|==|!=|&)\\s*(${REG.slice(1, -1)}|${NUM.slice(1, -1)})\\s+goto\\s+${TARGET}$`).exec(text))) {
    const dst = reg(m[1]!);
    const op = st.conds.get(m[2]!);
    if (!op) throw new LineError(`unknown comparison '${m[2]}'`);
    const off = off16(String(target(st, m[4]!, next, 'off', where)));
    if (/^[rw]\d+$/.test(m[3]!)) {
      const src = reg(m[3]!);
      sameWidth(dst, src, text);
      push(st, line, dst.w ? a.jmp32Reg(op, dst.n, src.n, off) : a.jmpReg(op, dst.n, src.n, off));
    } else {
      const k = imm32(m[3]!);
      push(st, line, dst.w ? a.jmp32Imm(op, dst.n, k, off) : a.jmpImm(op, dst.n, k, off));
    }
    return;
  }
  // Calls.
  if ((m = /^call\s+(.+)$/.exec(text))) {
    const arg = m[1]!.trim();
    let c: RegExpExecArray | null;
    if ((c = /^kernel-function#?(\d+)$/.exec(arg))) {
      push(st, line, a.callKfunc(Number(c[1])));
    } else if ((c = /^([A-Za-z_]\w*)#(\d+)$/.exec(arg))) {
      push(st, line, a.call(Number(c[2])));
    } else if (/^\d+$/.test(arg)) {
      push(st, line, a.call(Number(arg)));
    } else if (/^(?:pc)?[+-]\s*\d+$/.test(arg)) {
      push(st, line, a.callPseudo(target(st, arg, next, 'imm', where)));
    } else if (/^[A-Za-z_.$][\w.$]*$/.test(arg)) {
      const helper = helperByName(arg) ?? helperByName(`bpf_${arg}`);
      if (helper && !st.opts.externalLabels?.has(arg)) push(st, line, a.call(helper.id));
      else push(st, line, a.callPseudo(target(st, arg, next, 'imm', where)));
    } else {
      throw new LineError(`expected a helper name or id, or a call target, saw '${arg}'`);
    }
    return;
  }
  // Atomics.
  if ((m = new RegExp(`^lock\\s+\\*${MEM}\\s*(\\+=|\\|=|&=|\\^=)\\s*${REG}$`).exec(text))) {
    const size = memSize(m[1]!);
    const op = ATOMIC_BY_SYMBOL[m[5]!]!;
    if (size !== 'w' && size !== 'dw') throw new LineError('atomic operations take u32 or u64');
    push(st, line, a.atomic(size, op, reg(m[2]!).n, memOff(m[3], m[4]), reg(m[6]!).n, false));
    return;
  }
  if ((m = new RegExp(`^${REG}\\s*=\\s*atomic(64)?_(fetch_add|fetch_or|fetch_and|fetch_xor|xchg|cmpxchg)\\s*\\(\\s*${MEM}\\s*,\\s*${REG}\\s*(?:,\\s*${REG}\\s*)?\\)$`).exec(text))) {
    const size = memSize(m[4]!);
    if (size !== 'w' && size !== 'dw') throw new LineError('atomic operations take u32 or u64');
    const opName = m[3]!.replace('fetch_', '') as AtomicOp;
    const base = reg(m[5]!).n;
    const off = memOff(m[6], m[7]);
    if (opName === 'cmpxchg') {
      if (reg(m[1]!).n !== 0 || reg(m[8]!).n !== 0 || m[9] === undefined) {
        throw new LineError('cmpxchg is written r0 = atomic64_cmpxchg((u64 *)(rX +off), r0, rY)');
      }
      push(st, line, a.atomic(size, 'cmpxchg', base, off, reg(m[9]).n, true));
    } else {
      if (m[9] !== undefined || reg(m[1]!).n !== reg(m[8]!).n) {
        throw new LineError(`${m[3]} returns the old value in its source register: rS = atomic_${m[3]}((uN *)(rX +off), rS)`);
      }
      push(st, line, a.atomic(size, opName, base, off, reg(m[8]!).n, true));
    }
    return;
  }
  // LLVM's spellings: "r0 = cmpxchg_64(r1 + 8, r0, r3)", "w0 = xchg32_32(r1 + 8, w0)".
  if ((m = new RegExp(`^${REG}\\s*=\\s*(cmpxchg|xchg)(32_32|_64)\\s*\\(\\s*(r\\d+)\\s*(?:([+-])\\s*(\\d+))?\\s*,\\s*${REG}\\s*(?:,\\s*${REG}\\s*)?\\)$`).exec(text))) {
    const size: MemSize = m[3] === '_64' ? 'dw' : 'w';
    const base = reg(m[4]!).n;
    const off = memOff(m[5], m[6]);
    if (m[2] === 'cmpxchg') {
      if (m[8] === undefined) throw new LineError('cmpxchg takes three operands');
      push(st, line, a.atomic(size, 'cmpxchg', base, off, reg(m[8]).n, true));
    } else {
      push(st, line, a.atomic(size, 'xchg', base, off, reg(m[7]!).n, true));
    }
    return;
  }
  // Stores.
  if ((m = new RegExp(`^\\*${MEM}\\s*=\\s*(.+)$`).exec(text))) {
    const size = memSize(m[1]!);
    const dst = reg(m[2]!).n;
    const off = memOff(m[3], m[4]);
    const rhs = m[5]!.trim();
    if (/^[rw]\d+$/.test(rhs)) push(st, line, a.stx(size, dst, off, reg(rhs).n));
    else push(st, line, a.st(size, dst, off, imm32(rhs)));
    return;
  }
  // Everything else has the form "rD op rhs".
  if (!(m = new RegExp(`^${REG}\\s*(s>>=|s/=|s%=|<<=|>>=|[-+*/|&^%]=|=)\\s*(.+)$`).exec(text))) {
    throw new LineError(`unrecognised instruction '${text}'`);
  }
  const dst = reg(m[1]!);
  const sym = m[2]!;
  const rhs = m[3]!.trim();
  if (sym !== '=') {
    const op = ALU_BY_SYMBOL[sym]!;
    if (/^[rw]\d+$/.test(rhs)) {
      const src = reg(rhs);
      sameWidth(dst, src, text);
      push(st, line, dst.w ? a.alu32Reg(op, dst.n, src.n) : a.alu64Reg(op, dst.n, src.n));
    } else {
      const k = imm32(rhs);
      push(st, line, dst.w ? a.alu32Imm(op, dst.n, k) : a.alu64Imm(op, dst.n, k));
    }
    return;
  }
  assembleAssignment(st, dst, rhs, text, line);
}

/** "rD = ...": moves, loads, negation, byte swaps, ld_imm64 forms. */
function assembleAssignment(st: State, dst: { n: number; w: boolean }, rhs: string, text: string, line: number): void {
  let m: RegExpExecArray | null;
  if (/^[rw]\d+$/.test(rhs)) {
    const src = reg(rhs);
    sameWidth(dst, src, text);
    push(st, line, dst.w ? a.mov32Reg(dst.n, src.n) : a.movReg(dst.n, src.n));
    return;
  }
  if ((m = /^\(s(8|16|32)\)\s*([rw]\d+)$/.exec(rhs))) {
    const src = reg(m[2]!);
    sameWidth(dst, src, text);
    const bits = Number(m[1]) as 8 | 16 | 32;
    if (dst.w && bits === 32) throw new LineError('a 32-bit register has no 32-bit sign extension');
    push(st, line, a.movsx(bits, dst.n, src.n, !dst.w));
    return;
  }
  if ((m = /^-\s*([rw]\d+)$/.exec(rhs))) {
    const src = reg(m[1]!);
    sameWidth(dst, src, text);
    if (src.n !== dst.n) throw new LineError('negation works in place: rD = -rD');
    push(st, line, dst.w ? a.neg32(dst.n) : a.neg64(dst.n));
    return;
  }
  if ((m = /^(be|le|bswap)(16|32|64)\s+([rw]\d+)$/.exec(rhs))) {
    const src = reg(m[3]!);
    if (src.n !== dst.n) throw new LineError('byte swaps work in place: rD = be16 rD');
    const width = Number(m[2]) as EndWidth;
    push(st, line, m[1] === 'bswap' ? a.bswap(width, dst.n) : a.endian(m[1] === 'be', width, dst.n));
    return;
  }
  if ((m = new RegExp(`^\\*${MEM}$`).exec(rhs))) {
    const base = reg(m[2]!).n;
    const off = memOff(m[3], m[4]);
    const signedSize = SIGNED_SIZE_BY_NAME[m[1]!];
    if (signedSize) push(st, line, a.ldxsx(signedSize, dst.n, base, off));
    else push(st, line, a.ldx(memSize(m[1]!), dst.n, base, off));
    return;
  }
  if ((m = /^\*\(\s*(u8|u16|u32)\s*\*\s*\)\s*skb\[\s*(?:(r\d+)\s*\+\s*)?([+-]?\s*(?:0x[0-9a-fA-F]+|\d+))?\s*\]$/.exec(rhs))) {
    if (dst.n !== 0) throw new LineError('LD_ABS and LD_IND load into r0');
    const size = memSize(m[1]!) as Exclude<MemSize, 'dw'>;
    const k = m[3] === undefined ? 0 : imm32(m[3]);
    push(st, line, m[2] !== undefined ? a.ldInd(size, reg(m[2]).n, k) : a.ldAbs(size, k));
    return;
  }
  if ((m = /^\*\(\s*(u8|u16|u32)\s*\*\s*\)\s*skb\[\s*(r\d+)\s*\]$/.exec(rhs))) {
    if (dst.n !== 0) throw new LineError('LD_ABS and LD_IND load into r0');
    push(st, line, a.ldInd(memSize(m[1]!) as Exclude<MemSize, 'dw'>, reg(m[2]!).n, 0));
    return;
  }
  if (dst.w && /^(map|func)\[/.test(rhs)) throw new LineError('ld_imm64 loads a 64-bit register');
  if ((m = /^map\[\s*([A-Za-z_.$][\w.$]*)\s*\](?:\s*\[\s*0\s*\]\s*(?:([+-])\s*(0x[0-9a-fA-F]+|\d+))?)?(?:\s+ll)?$/.exec(rhs))) {
    const at = st.insns.length;
    const isValue = /\]\s*\[/.test(rhs);
    if (isValue) {
      push(st, line, ...a.ldMapValue(dst.n, m[3] === undefined ? 0 : imm32(`${m[2] ?? '+'}${m[3]}`)));
    } else {
      push(st, line, ...a.ldMapFd(dst.n));
    }
    st.relocs.push({ insnIndex: at, kind: isValue ? 'map_value' : 'map', symbol: m[1]! });
    return;
  }
  if ((m = /^func\[\s*([A-Za-z_.$][\w.$]*)\s*\]$/.exec(rhs))) {
    const at = push(st, line, ...a.ldImm64(dst.n, 0n, PSEUDO_LD_IMM64.func));
    st.relocs.push({ insnIndex: at, kind: 'func', symbol: m[1]! });
    return;
  }
  // "rD = NAME ll": the address of a symbol (an ld_imm64 of 0 relocated against NAME), as the
  // LLVM assembler writes it; whoever loads the object gives NAME its value.
  if ((m = /^([A-Za-z_.$][\w.$]*)\s+ll$/.exec(rhs)) && !/^[rw]\d+$/.test(m[1]!)) {
    if (dst.w) throw new LineError('ld_imm64 loads a 64-bit register');
    const at = push(st, line, ...a.ldImm64(dst.n, 0n));
    st.relocs.push({ insnIndex: at, kind: 'symbol', symbol: m[1]! });
    return;
  }
  if ((m = /^([+-]?\s*(?:0x[0-9a-fA-F]+|\d+))(\s+ll)?$/.exec(rhs))) {
    const v = parseBig(m[1]!)!;
    const isHex = /0x/i.test(m[1]!);
    if (dst.w) {
      push(st, line, a.mov32Imm(dst.n, imm32(m[1]!)));
      return;
    }
    const fitsMov = v >= -(1n << 31n) && v < 1n << 31n;
    if (!m[2] && !isHex && fitsMov) {
      push(st, line, a.movImm(dst.n, Number(v)));
      return;
    }
    if (v < -(1n << 63n) || v >= 1n << 64n) throw new LineError(`${m[1]} does not fit in 64 bits`);
    push(st, line, ...a.ldImm64(dst.n, BigInt.asIntN(64, v)));
    return;
  }
  throw new LineError(`unrecognised instruction '${text}'`);
}

/** Where a label reference is written: the last occurrence of its name on the line. */
function labelPlace(st: State, p: Pending): Omit<AsmError, 'message'> {
  const raw = st.rawLines[p.line - 1];
  const at = raw ? raw.text.lastIndexOf(p.label) : -1;
  if (!raw || at < 0) return { line: p.line, col: p.col, offset: p.offset, length: p.label.length };
  return { line: p.line, col: at + 1, offset: raw.start + at, length: p.label.length };
}

function resolvePending(st: State, errors: AsmError[]): void {
  for (const p of st.pending) {
    const at = st.labels.get(p.label);
    const insn = st.insns[p.insnIndex]!;
    if (at === undefined) {
      if (insn.code === a.callPseudo(0).code && insn.src === PSEUDO_CALL.call && st.opts.externalLabels?.has(p.label)) {
        insn.imm = -1;
        st.relocs.push({ insnIndex: p.insnIndex, kind: 'call', symbol: p.label });
        continue;
      }
      errors.push({ ...labelPlace(st, p), message: `undefined label '${p.label}'` });
      continue;
    }
    const rel = at - p.insnIndex - 1;
    if (p.field === 'off') {
      if (rel < -32768 || rel > 32767) {
        errors.push({ ...labelPlace(st, p), message: `label '${p.label}' is out of reach of a 16-bit jump offset (use gotol)` });
        continue;
      }
      insn.off = rel;
    } else {
      insn.imm = rel;
    }
  }
  // func[LABEL] of a local label becomes an immediate the loader reads as an instruction offset.
  st.relocs = st.relocs.filter((r) => {
    if (r.kind !== 'func') return true;
    const at = st.labels.get(r.symbol);
    if (at === undefined) return st.opts.externalLabels?.has(r.symbol) ?? false;
    st.insns[r.insnIndex]!.imm = at - r.insnIndex - 1;
    return false;
  });
  for (const r of st.relocs) {
    if (r.kind === 'func' && !st.opts.externalLabels?.has(r.symbol)) {
      errors.push({ line: 0, col: 0, offset: 0, length: 0, message: `undefined label '${r.symbol}'` });
    }
  }
}

/**
 * The text of an inline-assembly template: each operand reference replaced by `operand(k)` (a
 * register name, an immediate, map[NAME]). ';' separates instructions, as in LLVM's BPF assembler.
 */
/** The text label that stands for C label K of an asm goto statement in its expanded template. */
export function asmGotoLabel(k: number): string {
  return `__asm_goto_${k}`;
}

export function expandAsmTemplate(parts: readonly (string | { operand: number })[], operand: (k: number) => string): string {
  return parts.map((p) => (typeof p === 'string' ? p : operand(p.operand))).join('').replace(/;/g, '\n');
}

/** Assembles a text of instructions and labels. Never throws for bad input. */
export function assemble(text: string, opts: AsmOptions = {}): AsmOutput {
  const st: State = { insns: [], relocs: [], labels: new Map(), lineOfInsn: [], pending: [], conds: condBySymbol(), opts, rawLines: [] };
  const errors: AsmError[] = [];
  let lineStart = 0;
  const lines = text.split('\n');
  for (const raw of lines) {
    st.rawLines.push({ text: raw, start: lineStart });
    lineStart += raw.length + 1;
  }
  lineStart = 0;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const { text: cleaned, start } = cleanLine(raw.replace(/\r$/, ''));
    let body = cleaned;
    let col = start;
    const label = /^([A-Za-z_.$][\w.$]*)\s*:\s*/.exec(body);
    if (label) {
      if (st.labels.has(label[1]!)) {
        errors.push({ line, col: col + 1, offset: lineStart + col, length: label[1]!.length, message: `label '${label[1]}' is defined twice` });
      }
      st.labels.set(label[1]!, st.insns.length);
      body = body.slice(label[0].length);
      col += label[0].length;
    }
    if (body !== '') {
      const where = { line, col: col + 1, offset: lineStart + col };
      const before = st.insns.length;
      try {
        assembleLine(st, body.replace(/\s+/g, ' '), line, where);
      } catch (e) {
        if (!(e instanceof LineError)) throw e;
        st.insns.length = before;
        st.lineOfInsn.length = before;
        errors.push({ ...where, length: body.length, message: e.message });
      }
    }
    lineStart += raw.length + 1;
  });
  resolvePending(st, errors);
  return { insns: st.insns, relocs: st.relocs, labels: st.labels, lineOfInsn: st.lineOfInsn, errors };
}
