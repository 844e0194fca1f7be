// sema.Program: the typed tree. Every implicit conversion of C is explicit
// here (Cast nodes), names are resolved to symbols, arrays decay explicitly,
// and pointer arithmetic carries its element size. Lowering reads only this.
import type { Span } from '../diag/source.js';
import type { CType, StructMemberInfo } from './types.js';

// ---------------------------------------------------------------------------
// Symbols
export interface LocalVar {
  kind: 'local';
  name: string;
  type: CType;
  span: Span;
  /** Unique within the function. */
  id: number;
  isParam: boolean;
  /** & was applied, or it is an aggregate: it must live in memory. */
  addressTaken: boolean;
  /** A declared variable (not a parameter or compound literal) that -Wunused-variable reports
   *  if nothing names it; false with __attribute__((unused)). */
  reportUnused?: boolean;
  /** Some expression names it (an assignment, sizeof and typeof count). */
  referenced?: boolean;
  /** A const-qualified integer initialised with a constant: its value, which
   *  __builtin_constant_p counts as constant (as clang does). */
  constValue?: bigint;
}

export type GlobalRole =
  /** A BTF-defined map in SEC(".maps"). */
  | 'map'
  /** A legacy `struct bpf_map_def SEC("maps")` map. */
  | 'legacy-map'
  /** `struct ____btf_map_NAME { K key; V value; } ____btf_map_NAME SEC(".maps.NAME")`
   * (BPF_ANNOTATE_KV_PAIR of old iproute2 and kernel headers): the key and value types of
   * legacy map NAME. It has no storage. */
  | 'map-annotation'
  | 'license'
  | 'version'
  /** `const volatile` configuration: .rodata */
  | 'rodata'
  /** A static const object with a constant initializer, folded into code. */
  | 'const'
  /** `static T (*name)(...) = (void *) ID;`: a helper declaration. */
  | 'helper'
  /** A writable global or static local: .data (a non-zero initializer) or .bss, or the
   * `.data*`/`.bss*` section its attribute names; libbpf makes each section an array map. */
  | 'data'
  /** `extern T NAME __kconfig` (SEC(".kconfig")): a kernel configuration value or
   * LINUX_KERNEL_VERSION that libbpf fills in a read-only map when it loads the object. */
  | 'kconfig'
  /** `extern T NAME __ksym` (SEC(".ksyms")): a kernel variable, whose address libbpf finds in
   * the kernel's BTF (typed) or kallsyms (`extern void NAME __ksym`) when it loads the object. */
  | 'ksym'
  /** Anything else (an extern object): rejected by the restricted-C rules where it is used. */
  | 'other';

export interface GlobalVar {
  kind: 'global';
  name: string;
  type: CType;
  span: Span;
  section?: string;
  init?: TInit;
  isStatic: boolean;
  isExtern: boolean;
  role: GlobalRole;
  /** __attribute__((weak)) (`__weak`): a kconfig value or ksym the kernel may lack (libbpf reads it as 0). */
  weak?: boolean;
  /** For role 'helper'. */
  helperId?: number;
  /** An error that holds only if a program uses the object (E3101, E3107 for a static). */
  deferredError?: { code: 'E3101' | 'E3107'; message: string; span: Span };
  /** `&x` appears somewhere: a folded `const` scalar then also needs its bytes in .rodata. */
  addressTaken?: boolean;
}

/**
 * Whether a global lives in .rodata: `const volatile` configuration, and `const` objects that
 * are not a single folded scalar (arrays such as `static const char fmt[] = "..."`, structs), or
 * a scalar whose address is taken (`bpf_map_lookup_elem(&m, &KEY)`; its reads still fold).
 */
export function isReadOnlyData(g: GlobalVar): boolean {
  return g.role === 'rodata' || (g.role === 'const' && (g.init?.kind === 'Aggregate' || g.addressTaken === true));
}

/** Whether a global is memory in a data section (.rodata, .data or .bss) that code addresses. */
export function isGlobalData(g: GlobalVar): boolean {
  return isReadOnlyData(g) || g.role === 'data' || g.role === 'kconfig' || g.role === 'ksym';
}

/** A piece of an asm template: literal text, or a reference to operand `operand`. */
export type TAsmPart = string | { operand: number };

export interface TAsmOperand {
  name?: string;
  /** out: written ("=r"); inout: read and written ("+r"); in: read. */
  role: 'out' | 'inout' | 'in';
  /** reg: a register (rN, or wN with width 'w'); imm: an immediate; map: a map's address. A memory
   *  operand ("m") is a register holding the object's address (expr is &x), written `(rN + 0)`. */
  kind: 'reg' | 'imm' | 'map';
  width: 'r' | 'w' | 'm';
  /** The value (in), or the lvalue written (out, inout). */
  expr: TExpr;
  mapName?: string;
  /** "0": this input starts in the register of output operand N. */
  tiedOutput?: number;
  /** "ri": an immediate if the value is constant after optimisation, else a register. */
  orRegister?: boolean;
  span: Span;
}

export interface FuncSym {
  kind: 'func';
  name: string;
  type: Extract<CType, { kind: 'func' }>;
  span: Span;
  isStatic: boolean;
  alwaysInline: boolean;
  noInline: boolean;
  /** Declared `inline` (a hint: lower/inline-policy.ts allows such a function a larger inlined cost). */
  inlineHint?: boolean;
  section?: string;
  def?: FuncDef;
  /** __attribute__((naked)): the body is inline assembly that ends in its own exit; no prologue, no return. */
  naked?: boolean;
  /** Its address is used (a callback passed to bpf_loop and kin): it is emitted as a .text function. */
  addressTaken?: boolean;
  /** The assembler name of `T f(...) asm("name");`: `llvm.bpf.load.byte` and its kin are LD_ABS/LD_IND loads. */
  asmLabel?: string;
  /** __attribute__((weak)): for a kernel function (__ksym __weak), one the kernel may lack. */
  weak?: boolean;
}

export interface EnumConst {
  kind: 'enumconst';
  name: string;
  type: CType;
  value: bigint;
  span: Span;
}

export type Sym = LocalVar | GlobalVar | FuncSym | EnumConst;

export interface FuncDef {
  sym: FuncSym;
  params: LocalVar[];
  locals: LocalVar[];
  body: TStmt;
  span: Span;
}

export interface Program {
  functions: FuncDef[];
  globals: GlobalVar[];
  /** Functions that are declared or defined, by name. */
  funcs: Map<string, FuncSym>;
}

// ---------------------------------------------------------------------------
// Typed expressions
export type ArithOp = 'add' | 'sub' | 'mul' | 'div' | 'rem' | 'shl' | 'shr' | 'and' | 'or' | 'xor';
export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

interface TBase {
  span: Span;
  type: CType;
}

export type TExpr =
  | (TBase & { kind: 'Const'; value: bigint })
  | (TBase & { kind: 'Local'; sym: LocalVar })
  | (TBase & { kind: 'Global'; sym: GlobalVar })
  | (TBase & { kind: 'FuncRef'; sym: FuncSym })
  /** -x, ~x, !x: operand already converted to the result type (for !: any scalar). */
  | (TBase & { kind: 'Unary'; op: 'neg' | 'bitnot' | 'lognot'; operand: TExpr })
  /** Arithmetic on integers of `type` (both operands converted; for shifts the right operand has its own type). */
  | (TBase & { kind: 'Arith'; op: ArithOp; left: TExpr; right: TExpr })
  /** Comparison of two operands of the same (converted) type; result int. */
  | (TBase & { kind: 'Compare'; op: CompareOp; left: TExpr; right: TExpr })
  /** ptr + index * elemSize (index is a 64-bit signed integer; negate for subtraction). */
  | (TBase & { kind: 'PtrAdd'; ptr: TExpr; index: TExpr; elemSize: number })
  /** (a - b) / elemSize */
  | (TBase & { kind: 'PtrDiff'; left: TExpr; right: TExpr; elemSize: number })
  | (TBase & { kind: 'Logical'; op: 'and' | 'or'; left: TExpr; right: TExpr })
  | (TBase & { kind: 'Cond'; cond: TExpr; then: TExpr; else: TExpr })
  /** Conversion to `type`. */
  | (TBase & { kind: 'Cast'; operand: TExpr })
  | (TBase & { kind: 'Assign'; target: TExpr; value: TExpr })
  /** target op= value, computed in opType and converted back to the target's type. */
  | (TBase & { kind: 'CompoundAssign'; op: ArithOp; target: TExpr; value: TExpr; opType: CType; ptrElemSize?: number })
  /** ++/--: delta is +1/-1 (times the element size for pointers). */
  | (TBase & { kind: 'IncDec'; target: TExpr; delta: number; prefix: boolean })
  | (TBase & { kind: 'Call'; callee: FuncSym; args: TExpr[] })
  | (TBase & { kind: 'HelperCall'; helper: GlobalVar; helperId: number; args: TExpr[] })
  | (TBase & { kind: 'Builtin'; name: string; args: TExpr[] })
  | (TBase & { kind: 'Member'; object: TExpr; member: StructMemberInfo })
  | (TBase & { kind: 'Deref'; ptr: TExpr })
  | (TBase & { kind: 'AddrOf'; operand: TExpr })
  /** An array lvalue used as a pointer to its first element. */
  | (TBase & { kind: 'Decay'; operand: TExpr })
  | (TBase & { kind: 'Comma'; exprs: TExpr[] })
  | (TBase & { kind: 'StmtExpr'; body: TStmt[]; result?: TExpr })
  /** A string literal: an array of char in read-only data; `bytes` include the terminating NUL. */
  | (TBase & { kind: 'StringLit'; bytes: number[] })
  /** A compound literal: a fresh local initialised with `init`. */
  | (TBase & { kind: 'CompoundLit'; local: LocalVar; init: TInit });

export type TExprKind = TExpr['kind'];

/** An initializer flattened to scalar stores at byte offsets; everything else is zero. */
export type TInit =
  | { kind: 'Scalar'; expr: TExpr; span: Span }
  | { kind: 'Aggregate'; sizeBytes: number; entries: TInitEntry[]; span: Span };

export interface TInitEntry {
  offsetBytes: number;
  type: CType;
  /** Bitfield placement within the storage unit at offsetBytes. */
  bitOffset?: number;
  bitWidth?: number;
  /** a bit-field of a packed record (see StructMemberInfo.packed) */
  packed?: boolean;
  expr: TExpr;
}

// ---------------------------------------------------------------------------
// Typed statements
export interface SwitchCase {
  lo: bigint;
  hi: bigint;
  /** The Case statement this label marks. */
  target: TStmt & { kind: 'Case' };
  span: Span;
}

export type TStmt =
  | { kind: 'Block'; items: TStmt[]; span: Span }
  | { kind: 'Expr'; expr: TExpr; span: Span }
  | { kind: 'Decl'; local: LocalVar; init?: TInit; span: Span }
  | { kind: 'If'; cond: TExpr; then: TStmt; else?: TStmt; span: Span }
  | { kind: 'Loop'; loopKind: 'while' | 'do' | 'for'; init?: TStmt; cond?: TExpr; step?: TExpr; body: TStmt; pragmas: string[]; span: Span }
  | { kind: 'Switch'; cond: TExpr; body: TStmt; cases: SwitchCase[]; defaultCase?: TStmt & { kind: 'Case' }; span: Span }
  /** A case or default label inside a switch body. */
  | { kind: 'Case'; body: TStmt; span: Span }
  | { kind: 'Break'; span: Span }
  | { kind: 'Continue'; span: Span }
  | { kind: 'Return'; expr?: TExpr; span: Span }
  | { kind: 'Goto'; label: string; span: Span }
  | { kind: 'Label'; label: string; body: TStmt; span: Span }
  /** asm volatile("" ::: "memory"): a compiler barrier. */
  | { kind: 'Barrier'; span: Span }
  /** Inline assembly with operands (sema/asm.ts): the template's text and operand references. */
  /** gotoLabels (asm goto): the labels `__asm_goto_K` in the text stand for, in order. */
  | { kind: 'Asm'; parts: TAsmPart[]; operands: TAsmOperand[]; clobbers: number[]; gotoLabels?: string[]; span: Span }
  | { kind: 'Empty'; span: Span };
