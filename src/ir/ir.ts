// ir.Module: functions of basic blocks over virtual registers.
//
// Values: every virtual register holds 64 bits. A value of a C type narrower
// than 64 bits is kept in canonical form: its bit pattern, zero-extended (what
// a BPF load of that size produces, and what a 32-bit ALU op leaves). So
// 32-bit arithmetic uses 32-bit ops, and sign extension is explicit.
// Memory: loads and stores address a register or a stack slot plus a constant
// offset. Stack slots are the locals that live in memory; codegen adds spills.
import { COND_JMP_NEGATED, COND_JMP_SWAPPED, type CondJmpOp } from '../bpf/opcodes.js';
import type { Span } from '../diag/source.js';

export type VReg = number & { readonly __vreg: unique symbol };
export type BlockId = number;

export type Operand = { kind: 'reg'; reg: VReg } | { kind: 'imm'; value: bigint };

export type AluOp = 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'sdiv' | 'smod' | 'or' | 'and' | 'xor' | 'lsh' | 'rsh' | 'arsh';

/** ALU operations whose operands can be swapped. */
export const COMMUTATIVE_ALU: ReadonlySet<AluOp> = new Set<AluOp>(['add', 'mul', 'and', 'or', 'xor']);
/** A branch's comparison: a BPF conditional jump without its "j" (eq, lt, sge, set, ...). */
export type CmpOp = CondJmpOp extends `j${infer C}` ? C : never;

/** The BPF jump of a comparison. */
export function jmpOf(cmp: CmpOp): CondJmpOp {
  return `j${cmp}`;
}
function cmpOf(jmp: CondJmpOp): CmpOp {
  return jmp.slice(1) as CmpOp;
}

/** The comparison that gives the same answer with its operands swapped (a < b is b > a): COND_JMP_SWAPPED. */
export function swappedCmp(cmp: CmpOp): CmpOp {
  return cmpOf(COND_JMP_SWAPPED[jmpOf(cmp)]);
}
/** The comparison that holds exactly when this one does not (COND_JMP_NEGATED); none for set. */
export function negatedCmp(cmp: CmpOp): CmpOp | undefined {
  const n = COND_JMP_NEGATED[jmpOf(cmp)];
  return n && cmpOf(n);
}
export type MemSize = 1 | 2 | 4 | 8;
export type AtomicOp = 'add' | 'or' | 'and' | 'xor' | 'xchg' | 'cmpxchg';

export type Address = { kind: 'reg'; reg: VReg; off: number } | { kind: 'slot'; slot: number; off: number };

export interface StackSlot {
  id: number;
  name: string;
  sizeBytes: number;
  alignBytes: number;
  span: Span;
  /**
   * A register allocator's spill slot: only whole 8-byte loads and stores at its offset 0 reach
   * it. Frame layout lets it share bytes with other spill slots, never with locals.
   */
  spill?: boolean;
}

export type Inst =
  /** dst = src: a 64-bit copy or constant, or with bits 32 the low half zero-extended. */
  | { op: 'mov'; bits: 32 | 64; dst: VReg; src: Operand; span: Span }
  /** dst = a op b, on 32 or 64 bits (32-bit results are zero-extended). */
  | { op: 'alu'; alu: AluOp; bits: 32 | 64; dst: VReg; a: Operand; b: Operand; span: Span }
  /** dst = -a */
  | { op: 'neg'; bits: 32 | 64; dst: VReg; a: VReg; span: Span }
  /** dst = sign-extend the low `fromBits` bits of src to 64 bits (or to 32 with bits 32). */
  | { op: 'sext'; bits: 32 | 64; fromBits: 8 | 16 | 32; dst: VReg; src: VReg; span: Span }
  /** dst = byte swap of the low `bits` (endianness conversion to/from big endian). */
  | { op: 'bswap'; bits: 16 | 32 | 64; dst: VReg; src: VReg; span: Span }
  /**
   * A load or store. A `volatile` access (of a C volatile object: `*(volatile T *)&x`, a volatile
   * member or variable) is observable: no pass removes, merges, adds, moves past another volatile
   * access or into another block, or widens it.
   */
  | { op: 'load'; size: MemSize; dst: VReg; addr: Address; volatile?: boolean; core?: CoreField; span: Span }
  | { op: 'store'; size: MemSize; addr: Address; src: Operand; volatile?: boolean; core?: CoreField; span: Span }
  /** dst = address of a stack slot + off */
  | { op: 'slotaddr'; dst: VReg; slot: number; off: number; span: Span }
  /** dst = the map named `map` (an ld_imm64 with a relocation). */
  | { op: 'mapaddr'; dst: VReg; map: string; span: Span }
  /**
   * dst = the address of the data object `symbol` (.rodata), or `off` bytes into the section
   * `symbol` (string literals in .rodata.str1.1): an ld_imm64 the loader patches to a map value address.
   */
  | { op: 'dataaddr'; dst: VReg; symbol: string; off?: number; span: Span }
  /** dst = the address of function `func` (a callback for bpf_loop and kin): an ld_imm64 with src = BPF_PSEUDO_FUNC. */
  | { op: 'funcaddr'; dst: VReg; func: string; span: Span }
  /**
   * dst = the BTF type id of the C type `ctype` (__builtin_btf_type_id): an ld_imm64 of its id in
   * the object's own BTF, with a CO-RE relocation of kind `relo` (TYPE_ID_LOCAL or TYPE_ID_TARGET)
   * so that the loader puts the final id there (the kernel's, for TYPE_ID_TARGET).
   */
  | { op: 'btftypeid'; dst: VReg; ctype: import('../sema/types.js').CType; relo: number; span: Span }
  /**
   * dst = the byte offset of a member of a kernel struct (preserve_access_index): `core.offsetBytes`
   * in the program's type, a `mov` with a CO-RE FIELD_BYTE_OFFSET relocation so that the loader
   * writes the running kernel's offset. foldFieldOffsets (opt/field-offsets.ts) moves it into
   * the access's offset where the address is used only by loads and stores.
   */
  | { op: 'fieldoff'; dst: VReg; core: CoreField; info?: FieldInfo; span: Span }
  /**
   * Inline assembly: `parts` is the template (text and operand references); codegen writes each
   * operand out (a register name, an immediate, map[NAME]) and assembles it. dst is the output
   * operand's register; `clobbers` are the physical registers the text overwrites.
   */
  | { op: 'asm'; parts: AsmPart[]; operands: AsmOperand[]; dst?: VReg; clobbers: number[]; span: Span }
  /**
   * Helper call: R1-R5 = args, dst = R0. `low32Args` lists the arguments the helper reads only
   * the low half of: variadic arguments of a 32-bit type (bpf_trace_printk's `%d` of an int, as a
   * C function reads `va_arg(ap, int)`), whose upper half need not be cleared.
   */
  | { op: 'call'; helper: number; args: Operand[]; dst?: VReg; low32Args?: readonly number[]; span: Span }
  /**
   * A legacy packet load (BPF_LD | BPF_ABS, or BPF_IND when off is a register): dst = the `size`
   * bytes at packet offset `off` of the socket buffer `ctx`, converted from network byte order.
   * The kernel takes ctx in R6, returns in R0, clobbers R1-R5, and ends the program with return
   * value 0 when the load is out of bounds. With a register `off`, `disp` is added to it (BPF_IND's
   * immediate: the offset is the int of the sum).
   */
  | { op: 'ldabs'; size: 1 | 2 | 4; ctx: VReg; off: Operand; disp?: number; dst: VReg; span: Span }
  /** BPF-to-BPF call of a function in .text. */
  | { op: 'callfn'; func: string; args: Operand[]; dst?: VReg; span: Span }
  /** Atomic read-modify-write on memory; with fetch, dst receives the old value. For cmpxchg, expected is compared (R0). */
  | { op: 'atomic'; aop: AtomicOp; size: 4 | 8; addr: Address; src: VReg; fetch: boolean; dst?: VReg; expected?: VReg; span: Span }
  /**
   * A memory builtin (__builtin_memcpy, memmove, memset, memcmp). Its size, and memset's fill
   * byte, may become constants only after inlining, constant propagation and unrolling, so
   * expandMemOps (opt/expand-mem.ts) turns it into loads and stores after those passes; no later
   * pass sees it. copy/move: `to` <- `from`; set: `to` <- `value` bytes; cmp: dst = memcmp(to, from).
   */
  | { op: 'memop'; kind: MemOpKind; to: Address; from?: Address; value?: Operand; size: Operand; alignBytes: number; dst?: VReg; builtin: string; sizeSpan: Span; valueSpan?: Span; inlinedAt: InlinedCall[]; span: Span };

/**
 * A member of a kernel struct as a CO-RE relocation names it: the root struct (the pointee of the
 * pointer the access goes through), clang's access string ("0:2:1": the pointer's index, then
 * member and array indexes) and the member's byte offset in the program's own type. On a load or
 * store, the access's offset is that byte offset from the pointer, and the loader rewrites it.
 */
export interface CoreField {
  root: import('../sema/types.js').CType;
  access: string;
  offsetBytes: number;
}

/**
 * A `fieldoff` that is not the field's byte offset but another fact about it
 * (__builtin_preserve_field_info's EXISTS): `value` is what the compile-time types say, `relo`
 * the CO-RE relocation kind with which the loader replaces it.
 */
export interface FieldInfo {
  relo: number;
  value: number;
}

/** A piece of an asm template: literal text, or a reference to operand `operand`. */
export type AsmPart = string | { operand: number };

/**
 * An asm operand: an input register; the output (the instruction's dst), which starts as a copy
 * of `init` when the text also reads it ("+r", or an input tied with "0"); an immediate; or a
 * map's address.
 */
export type AsmOperand =
  /** A register; width 'm' is a memory operand: the register holds its address, written `(rN + 0)`. */
  | { kind: 'reg'; reg: VReg; width: 'r' | 'w' | 'm' }
  | { kind: 'out'; width: 'r' | 'w'; init?: VReg }
  /** An immediate; with orRegister ("ri"), a value that is not constant by codegen goes in a register. */
  | { kind: 'imm'; value: Operand; orRegister?: boolean; ctype: { bits: number; signed: boolean } }
  | { kind: 'map'; symbol: string }
  /** A register chosen by lowering (an output after the first), written as is. */
  | { kind: 'fixed'; text: string };

/** An inlined call that an instruction came through, innermost first (for diagnostics). */
export interface InlinedCall {
  callee: string;
  span: Span;
}

export type MemOpKind = 'copy' | 'move' | 'set' | 'cmp';

export type Terminator =
  | { op: 'jmp'; target: BlockId; span: Span }
  | { op: 'br'; cmp: CmpOp; bits: 32 | 64; a: VReg; b: Operand; then: BlockId; else: BlockId; span: Span }
  | { op: 'ret'; value?: Operand; span: Span };

export interface Block {
  id: BlockId;
  insts: Inst[];
  term: Terminator;
}

export interface IrFunction {
  name: string;
  /** ELF section: SEC() name for programs, '.text' for called functions. */
  section: string;
  global: boolean;
  params: VReg[];
  /** Number of virtual registers (ids are 0..vregCount-1). */
  vregCount: number;
  /** Debug names of virtual registers, where they hold a C variable. */
  vregNames: Map<VReg, string>;
  slots: StackSlot[];
  /** blocks[0] is the entry. Block ids index this array. */
  blocks: Block[];
  span: Span;
  /** __attribute__((naked)): no parameter moves and no code for the return at the end (the body's asm exits). */
  naked?: boolean;
  /** The C function this came from, for BTF. */
  source: import('../sema/program.js').FuncDef;
  /** Loop pragmas (#pragma unroll, nounroll, clang loop unroll(...)), by the span of the loop's condition. */
  loopHints?: LoopHint[];
}

/**
 * A loop pragma carried to the unroller: `full` unrolls the loop whatever its size, `disable`
 * keeps it a loop. The loop is the one whose exit branches lie in `cond`, the span of its
 * condition (inlined and unrolled copies of a loop keep the spans of their source).
 */
export interface LoopHint {
  cond: Span;
  unroll: 'full' | 'disable';
}

export interface IrMap {
  name: string;
  global: import('../sema/program.js').GlobalVar;
}

export interface Module {
  functions: IrFunction[];
  /** Maps and other data objects, with their sema descriptions (for BTF and layout). */
  globals: import('../sema/program.js').GlobalVar[];
  /** The string literals that code uses, NUL-terminated, back to back: the bytes of .rodata.str1.1. */
  strings: StringPool;
  /** Kernel functions (declared __ksym, not defined) that code may call. */
  kfuncs: import('../sema/program.js').FuncSym[];
  /** BPF functions of another object (declared, not defined, not __ksym) that code may call. */
  externFuncs: import('../sema/program.js').FuncSym[];
}

/** String literals by content, each placed once. */
export interface StringPool {
  bytes: number[];
  offsets: Map<string, number>;
}

/** The offset of `bytes` (NUL included) in the pool, adding it if it is new. */
export function internString(pool: StringPool, bytes: number[]): number {
  const key = bytes.join(',');
  let off = pool.offsets.get(key);
  if (off === undefined) {
    off = pool.bytes.length;
    pool.bytes.push(...bytes);
    pool.offsets.set(key, off);
  }
  return off;
}

export function reg(r: VReg): Operand {
  return { kind: 'reg', reg: r };
}

export function imm(value: bigint | number): Operand {
  return { kind: 'imm', value: BigInt(value) };
}

/** A volatile load or store: an access every pass keeps, once, in place. */
export function isVolatileAccess(i: Inst): boolean {
  return (i.op === 'load' || i.op === 'store') && i.volatile === true;
}

/** Successor blocks of a terminator. */
export function successors(t: Terminator): BlockId[] {
  switch (t.op) {
    case 'jmp':
      return [t.target];
    case 'br':
      return t.then === t.else ? [t.then] : [t.then, t.else];
    case 'ret':
      return [];
    default: {
      const never: never = t;
      return never;
    }
  }
}

/**
 * The k-th of successors(t), or -1 past the last, without making the list (for depth-first
 * walks that keep how many successors each block on the stack has taken).
 */
export function nthSuccessor(t: Terminator, k: number): BlockId {
  if (t.op === 'jmp') return k === 0 ? t.target : -1;
  if (t.op === 'br') return k === 0 ? t.then : k === 1 && t.else !== t.then ? t.else : -1;
  return -1;
}

/**
 * Calls f with each register instUses(i) lists, in its order, without making the list for the
 * common instructions (moves, ALU operations, loads, stores): liveness, copy-prop and dce visit
 * the uses of every instruction, several times per compile.
 */
export function forEachUse(i: Inst, f: (r: VReg) => void): void {
  switch (i.op) {
    case 'mov':
      if (i.src.kind === 'reg') f(i.src.reg);
      return;
    case 'alu':
      if (i.a.kind === 'reg') f(i.a.reg);
      if (i.b.kind === 'reg') f(i.b.reg);
      return;
    case 'load':
      if (i.addr.kind === 'reg') f(i.addr.reg);
      return;
    case 'store':
      if (i.addr.kind === 'reg') f(i.addr.reg);
      if (i.src.kind === 'reg') f(i.src.reg);
      return;
    default:
      for (const u of instUses(i)) f(u);
  }
}

/** Registers an instruction reads. */
export function instUses(i: Inst): VReg[] {
  // Written without per-call closures: this runs for every instruction in most passes, and the
  // process runs without TurboFan (bin/ebcc.js), which would otherwise inline and elide them.
  switch (i.op) {
    case 'mov':
      return i.src.kind === 'reg' ? [i.src.reg] : [];
    case 'alu':
      if (i.a.kind === 'reg') return i.b.kind === 'reg' ? [i.a.reg, i.b.reg] : [i.a.reg];
      return i.b.kind === 'reg' ? [i.b.reg] : [];
    case 'neg':
      return [i.a];
    case 'sext':
    case 'bswap':
      return [i.src];
    case 'load':
      return i.addr.kind === 'reg' ? [i.addr.reg] : [];
    case 'store': {
      const out: VReg[] = [];
      if (i.addr.kind === 'reg') out.push(i.addr.reg);
      if (i.src.kind === 'reg') out.push(i.src.reg);
      return out;
    }
    case 'slotaddr':
    case 'mapaddr':
    case 'dataaddr':
    case 'funcaddr':
    case 'btftypeid':
    case 'fieldoff':
      return [];
    case 'call':
    case 'callfn': {
      const out: VReg[] = [];
      for (const a of i.args) if (a.kind === 'reg') out.push(a.reg);
      return out;
    }
    case 'ldabs':
      return i.off.kind === 'reg' ? [i.ctx, i.off.reg] : [i.ctx];
    case 'asm': {
      const out: VReg[] = [];
      for (const o of i.operands) {
        if (o.kind === 'reg' && !out.includes(o.reg)) out.push(o.reg);
        if (o.kind === 'out' && o.init !== undefined && !out.includes(o.init)) out.push(o.init);
        if (o.kind === 'imm' && o.value.kind === 'reg') out.push(o.value.reg);
      }
      return out;
    }
    case 'atomic': {
      const out: VReg[] = [];
      if (i.addr.kind === 'reg') out.push(i.addr.reg);
      out.push(i.src);
      if (i.expected !== undefined) out.push(i.expected);
      return out;
    }
    case 'memop': {
      const out: VReg[] = [];
      if (i.to.kind === 'reg') out.push(i.to.reg);
      if (i.from && i.from.kind === 'reg') out.push(i.from.reg);
      if (i.value && i.value.kind === 'reg') out.push(i.value.reg);
      if (i.size.kind === 'reg') out.push(i.size.reg);
      return out;
    }
    default: {
      const never: never = i;
      return never;
    }
  }
}

/** The register an instruction writes, if any. */
export function instDef(i: Inst): VReg | undefined {
  switch (i.op) {
    case 'store':
      return undefined;
    case 'call':
    case 'callfn':
    case 'atomic':
    case 'memop':
      return i.dst;
    default:
      return i.dst;
  }
}

/** Every register's definitions, in block order. */
/**
 * The registers defined by exactly one instruction, and not parameters, with that instruction. In
 * a function without cycles each holds one value wherever it is read after its definition.
 */
export function singleDefinitions(fn: IrFunction): Map<VReg, Inst> {
  const once = new Map<VReg, Inst>();
  for (const [r, list] of definitionsByRegister(fn)) if (list.length === 1) once.set(r, list[0]!);
  for (const p of fn.params) once.delete(p);
  return once;
}

export function definitionsByRegister(fn: IrFunction): Map<VReg, Inst[]> {
  const defs = new Map<VReg, Inst[]>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d === undefined) continue;
      const list = defs.get(d);
      if (list) list.push(i);
      else defs.set(d, [i]);
    }
  }
  return defs;
}

export function termUses(t: Terminator): VReg[] {
  if (t.op === 'br') return t.b.kind === 'reg' ? [t.a, t.b.reg] : [t.a];
  if (t.op === 'ret' && t.value?.kind === 'reg') return [t.value.reg];
  return [];
}
