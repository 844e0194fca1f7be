// What the analysis of one program knows besides the state: the instructions, the maps, the
// program type's rules, and counters. One Env per verified program; nothing module-level.
import type { CoreFailure } from './core-relocate.js';
import type { BtfType } from '../bpf/btf.js';
import type { Insn } from '../bpf/insn.js';
import type { OpcodeForm } from '../bpf/opcodes.js';
import type { CtxLayout } from '../bpf/ctx-layouts.js';
import type { FlatCtxRule } from '../bpf/prog-helpers.js';
import type { GlobalFunc } from './global-funcs.js';
import type { Reject } from './reject.js';
import type { Reg, State } from './state.js';

export interface MapInfo {
  name: string;
  /** enum bpf_map_type value and name ("hash"). */
  type: number;
  typeName: string;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  /** Programs may not write it (BPF_F_RDONLY_PROG, .rodata). */
  readOnly: boolean;
  /** Programs may not read it (BPF_F_WRONLY_PROG). */
  writeOnly: boolean;
  /** Frozen read-only data whose bytes the verifier knows (.rodata). */
  constBytes: Uint8Array | undefined;
  /** Byte ranges [offset, size] of constBytes whose value is not known (kconfig externs ebcc has no value for). */
  unknownBytes?: readonly (readonly [number, number])[];
  /** Map-in-map: the inner map's index. */
  inner: number | undefined;
  /** The value's type in the object's BTF, when it has one. */
  valueTypeId?: number;
  /** Offset of the struct bpf_spin_lock in the value, when the value type has one. */
  spinLockOff: number | undefined;
  /** Whether the value type holds a struct bpf_timer. */
  hasTimer: boolean;
  /** Kernel pointer fields of the value (offset, struct, tag), for bpf_kptr_xchg. */
  kptrs?: readonly { offset: number; struct: string; tag: string }[];
  /** Byte ranges of the value that loads and stores may not touch (the lock, the timer), with their names. */
  specialFields: readonly { off: number; size: number; name: string }[];
}

export interface Env {
  /** The program's entry function (its ELF symbol, as libbpf names programs). */
  progName: string;
  /** Most instructions to process before refusing the program as too large (INSN_LIMIT without it). */
  insnLimit?: number;
  /** VerifyOptions.heartbeat. */
  heartbeat?: () => void;
  insns: readonly Insn[];
  maps: readonly MapInfo[];
  progType: string;
  expectedAttach: string | undefined;
  /** R0's allowed range at exit, when the program type restricts it. */
  retRange: { min: number; max: number } | undefined;
  gpl: boolean;
  ctxLayout: CtxLayout | undefined;
  flatCtx: FlatCtxRule | undefined;
  pktRead: boolean;
  pktWrite: boolean;
  ldAbs: boolean;
  idGen: number;
  /** The instruction being checked. */
  insnIdx: number;
  /** Findings the kernel accepts as root but that are likely mistakes (one per instruction). */
  warnings: Map<number, Reject>;
  /** Model a load without CAP_PERFMON: reading uninitialised stack is an error. */
  noPerfmon: boolean;
  /** The object's BTF (type id n is btf[n - 1]): the prototypes of the kfuncs it calls. */
  btf: readonly BtfType[];
  /**
   * The BTF a type id in the code names (bpf_core_type_id_kernel(), bpf_rdonly_cast's argument):
   * the kernel's once CO-RE relocations were applied against it, else the object's own.
   */
  typeIdBtf: readonly BtfType[];
  /** The kernel function each kfunc call names, by instruction index. */
  kfuncs: ReadonlyMap<number, string>;
  /**
   * Each ld_imm64 of a kfunc's address, by instruction index, with what libbpf makes of it: the
   * function's BTF id ('exists'), 0 for a weak one the kernel lacks ('missing'), a refused object
   * for a strong one it lacks ('refused'), or 'unknown' when ebcc cannot tell.
   */
  kfuncAddrs: ReadonlyMap<number, { name: string; is: 'exists' | 'missing' | 'refused' | 'unknown' }>;
  /** The program is sleepable (a `.s` section, or a syscall program). */
  sleepable: boolean;
  /** Pointer arguments in the context are trusted (tp_btf, iter, lsm, struct_ops: prog_args_trusted). */
  ctxArgsTrusted: boolean;
  /** ... and may be NULL (iter programs: the object is NULL at the end of the iteration). */
  ctxArgsNullable: boolean;
  /**
   * The kernel's BTF (with its types by name) and, per 8-byte context argument of a BTF-typed
   * context, the struct it points to (its id there; 0 for an argument that is not a pointer to a
   * struct): loads through these pointers, and through kernel pointers that kfuncs return, are
   * checked against the struct's layout. Absent when ebcc has no kernel BTF.
   */
  kernelStructs?: { btf: readonly BtfType[]; ctxArg: (arg: number) => number; byName: ReadonlyMap<string, readonly number[]> };
  /**
   * The state of the previous visit of instruction `idx` on the path of `st` (an iterator's next
   * call in a loop), when the exploration keeps one: iterator loops widen against it.
   */
  prevVisit?: (idx: number, st: State) => State | undefined;
  /**
   * Subprograms (first instruction) whose BTF prototype returns neither an integer nor an enum
   * (every subprogram when the program is loaded without func_info).
   */
  nonScalarReturn: ReadonlySet<number>;
  /** The program is loaded with BTF func_info (false: VerifyOptions.noBtf). */
  funcInfo: boolean;
  /** Global functions by first instruction: their calls are checked against the prototype, not followed. */
  globalFuncs: ReadonlyMap<number, GlobalFunc>;
  /** The global functions a verified path called (each is verified on its own afterwards). */
  globalCalled: Set<number>;
  /** The global function this analysis verifies on its own (its exit returns a scalar to anyone). */
  globalSubprog?: GlobalFunc;
  /** First instructions of the callbacks given to bpf_timer_set_callback on a verified path (async roots). */
  asyncCallbacks?: Set<number>;
  /** CO-RE relocations that poisoned an instruction (call 0xbad2310), by instruction index. */
  coreFailures?: ReadonlyMap<number, CoreFailure>;
  /** The pointer type each load or store instruction was first checked with, on any path (insn_aux_data's ptr_type). */
  ptrTypes?: Map<number, string>;
  /**
   * Each instruction's opcode form (null: no form) and reserved-field complaint (null: none),
   * decoded on its first step: an instruction is stepped once per path that reaches it.
   */
  decoded?: (Decoded | undefined)[];
}

/** What stepInsn reads from an instruction's encoding alone. */
export interface Decoded {
  form: OpcodeForm | null;
  reserved: string | null;
  /**
   * A conditional jump or an ALU instruction with an immediate: the immediate as a constant
   * register, made on the first visit (immediateReg). It is only read: the sides of a fork, and
   * the register a move sets, get copies.
   */
  imm?: Reg;
}

export const newId = (env: Env): number => ++env.idGen;
