// The eBPF instruction set as data (RFC 9669, "BPF Instruction Set Architecture";
// field values as in linux/bpf_common.h and linux/bpf.h).
//
// An opcode byte is built from fields:
//   load/store classes (LD, LDX, ST, STX):  mode (bits 7-5) | size (bits 4-3) | class (bits 2-0)
//   arithmetic and jump classes:            op (bits 7-4)   | source (bit 3)  | class (bits 2-0)
// Some forms are further told apart by the `off` field (sdiv/smod, movsx) or the `imm`
// field (atomic operations, byte-swap width). `opcodeForms()` lists every valid form;
// the encoder, decoder, assembler helpers, disassembler and verifier read this file
// and none of them restates a number.

/** An -mcpu level (v1 = the original eBPF). */
export type CpuVersion = 1 | 2 | 3 | 4;

// ---------------------------------------------------------------------------
// -mcpu levels: the one statement of what each level adds. Codegen, lowering, the
// preprocessor's feature macros and the opcode forms below read it.

export type CpuFeature =
  | 'jmpExt' | 'mayGoto' | 'alu32' | 'jmp32' | 'atomics'
  | 'ldsx' | 'movsx' | 'bswap' | 'sdivSmod' | 'gotol' | 'st';
export interface CpuFeatureInfo {
  /** The first -mcpu level with the feature; every later level has it too. */
  minCpu: CpuVersion;
  /** clang predefines __BPF_FEATURE_<macro> from minCpu on. */
  macro?: string;
}
export const CPU_FEATURES: Readonly<Record<CpuFeature, CpuFeatureInfo>> = {
  /** jlt, jle, jslt, jsle. */
  jmpExt: { minCpu: 2, macro: 'JMP_EXT' },
  /** may_goto (ebcc emits none; the macro is clang's). */
  mayGoto: { minCpu: 2, macro: 'MAY_GOTO' },
  /**
   * clang's code relies on 32-bit ALU zero-extension from v3 on. The ALU class itself is in
   * every kernel, and ebcc uses it at every level (as clang does with -mattr=+alu32), so the
   * ALU forms below are v1.
   */
  alu32: { minCpu: 3, macro: 'ALU32' },
  /** The JMP32 class: compares of the low 32 bits. */
  jmp32: { minCpu: 3, macro: 'JMP32' },
  /** Atomic or/and/xor, the fetch forms, xchg and cmpxchg (lock add is v1). */
  atomics: { minCpu: 3 },
  /** Sign-extending loads (LDX | MEMSX). */
  ldsx: { minCpu: 4, macro: 'LDSX' },
  /** Sign-extending moves (mov with off = 8, 16, 32). */
  movsx: { minCpu: 4, macro: 'MOVSX' },
  /** ALU64 | END: unconditional byte swap. */
  bswap: { minCpu: 4, macro: 'BSWAP' },
  /** Signed division and remainder (div/mod with off = 1). */
  sdivSmod: { minCpu: 4, macro: 'SDIV_SMOD' },
  /** JMP32 | JA: a jump with a 32-bit offset in imm. */
  gotol: { minCpu: 4, macro: 'GOTOL' },
  /**
   * clang stores immediates with BPF_ST from v4 on. The ST class is in every kernel and ebcc
   * uses it at every level, so the st forms below are v1.
   */
  st: { minCpu: 4, macro: 'ST' },
};

/** The features of one -mcpu level (`table` is CPU_FEATURES except in tests of this table's readers). */
export function cpuFeatures(mcpu: number, table: Readonly<Record<CpuFeature, CpuFeatureInfo>> = CPU_FEATURES): ReadonlySet<CpuFeature> {
  return new Set((Object.keys(table) as CpuFeature[]).filter((f) => table[f].minCpu <= mcpu));
}

// ---------------------------------------------------------------------------
// Fields

export type InsnClass = 'ld' | 'ldx' | 'st' | 'stx' | 'alu' | 'jmp' | 'jmp32' | 'alu64';
export const CLASS_CODE: Readonly<Record<InsnClass, number>> = {
  ld: 0x00, ldx: 0x01, st: 0x02, stx: 0x03, alu: 0x04, jmp: 0x05, jmp32: 0x06, alu64: 0x07,
};
export const CLASS_MASK = 0x07;

export type MemSize = 'b' | 'h' | 'w' | 'dw';
export const SIZE_CODE: Readonly<Record<MemSize, number>> = { w: 0x00, h: 0x08, b: 0x10, dw: 0x18 };
export const SIZE_MASK = 0x18;
export const SIZE_BYTES: Readonly<Record<MemSize, 1 | 2 | 4 | 8>> = { b: 1, h: 2, w: 4, dw: 8 };
/** The C type the kernel's log prints for an access of this size ("u32"). */
export const SIZE_C_NAME: Readonly<Record<MemSize, string>> = { b: 'u8', h: 'u16', w: 'u32', dw: 'u64' };

export type MemMode = 'imm' | 'abs' | 'ind' | 'mem' | 'memsx' | 'atomic';
export const MODE_CODE: Readonly<Record<MemMode, number>> = {
  imm: 0x00, abs: 0x20, ind: 0x40, mem: 0x60, memsx: 0x80, atomic: 0xc0,
};
export const MODE_MASK = 0xe0;

export type Source = 'k' | 'x';
/** k: the operand is the 32-bit immediate; x: the operand is src_reg. */
export const SOURCE_CODE: Readonly<Record<Source, number>> = { k: 0x00, x: 0x08 };
export const SOURCE_MASK = 0x08;

export type AluOp =
  | 'add' | 'sub' | 'mul' | 'div' | 'or' | 'and' | 'lsh' | 'rsh'
  | 'neg' | 'mod' | 'xor' | 'mov' | 'arsh' | 'end';
export const ALU_OP_CODE: Readonly<Record<AluOp, number>> = {
  add: 0x00, sub: 0x10, mul: 0x20, div: 0x30, or: 0x40, and: 0x50, lsh: 0x60, rsh: 0x70,
  neg: 0x80, mod: 0x90, xor: 0xa0, mov: 0xb0, arsh: 0xc0, end: 0xd0,
};
export const OP_MASK = 0xf0;

/** Two-operand ALU operations as codegen names them; sdiv/smod are div/mod with off = 1. */
export type AluBinaryOp =
  | 'add' | 'sub' | 'mul' | 'div' | 'sdiv' | 'or' | 'and' | 'lsh' | 'rsh'
  | 'mod' | 'smod' | 'xor' | 'mov' | 'arsh';
/** How each AluBinaryOp is encoded: the op field and the fixed `off` value. */
export const ALU_BINARY_ENCODING: Readonly<Record<AluBinaryOp, { op: AluOp; off: number }>> = {
  add: { op: 'add', off: 0 }, sub: { op: 'sub', off: 0 }, mul: { op: 'mul', off: 0 },
  div: { op: 'div', off: 0 }, sdiv: { op: 'div', off: 1 },
  or: { op: 'or', off: 0 }, and: { op: 'and', off: 0 }, lsh: { op: 'lsh', off: 0 },
  rsh: { op: 'rsh', off: 0 }, mod: { op: 'mod', off: 0 }, smod: { op: 'mod', off: 1 },
  xor: { op: 'xor', off: 0 }, mov: { op: 'mov', off: 0 }, arsh: { op: 'arsh', off: 0 },
};
/** movsx: ALU/ALU64 mov with src = X and off = the source width in bits (v4). */
export const MOVSX_BITS = [8, 16, 32] as const;
export type MovsxBits = (typeof MOVSX_BITS)[number];

/** Byte order conversion: the source bit of an END opcode selects the target order. */
export const END_TO_LE = 0x00;
export const END_TO_BE = 0x08;
export const END_WIDTHS = [16, 32, 64] as const;
export type EndWidth = (typeof END_WIDTHS)[number];

export type JmpOp =
  | 'ja' | 'jeq' | 'jgt' | 'jge' | 'jset' | 'jne' | 'jsgt' | 'jsge'
  | 'call' | 'exit' | 'jlt' | 'jle' | 'jslt' | 'jsle';
export const JMP_OP_CODE: Readonly<Record<JmpOp, number>> = {
  ja: 0x00, jeq: 0x10, jgt: 0x20, jge: 0x30, jset: 0x40, jne: 0x50, jsgt: 0x60, jsge: 0x70,
  call: 0x80, exit: 0x90, jlt: 0xa0, jle: 0xb0, jslt: 0xc0, jsle: 0xd0,
};
/** The conditional jumps (every JmpOp except ja, call and exit). */
export type CondJmpOp = Exclude<JmpOp, 'ja' | 'call' | 'exit'>;
export const COND_JMP_OPS: readonly CondJmpOp[] = [
  'jeq', 'jgt', 'jge', 'jset', 'jne', 'jsgt', 'jsge', 'jlt', 'jle', 'jslt', 'jsle',
];
/** The operator the kernel's log prints for each conditional jump ("if r1 s> r2"). */
export const COND_JMP_SYMBOL: Readonly<Record<CondJmpOp, string>> = {
  jeq: '==', jgt: '>', jge: '>=', jset: '&', jne: '!=', jsgt: 's>', jsge: 's>=',
  jlt: '<', jle: '<=', jslt: 's<', jsle: 's<=',
};
/** The jump that gives the same answer with its operands swapped: a < b is b > a. */
export const COND_JMP_SWAPPED: Readonly<Record<CondJmpOp, CondJmpOp>> = {
  jeq: 'jeq', jne: 'jne', jset: 'jset', jgt: 'jlt', jlt: 'jgt', jge: 'jle', jle: 'jge',
  jsgt: 'jslt', jslt: 'jsgt', jsge: 'jsle', jsle: 'jsge',
};
/** The jump taken exactly when this one is not: !(a < b) is a >= b. jset has none. */
export const COND_JMP_NEGATED: Readonly<Partial<Record<CondJmpOp, CondJmpOp>>> = {
  jeq: 'jne', jne: 'jeq', jgt: 'jle', jle: 'jgt', jge: 'jlt', jlt: 'jge',
  jsgt: 'jsle', jsle: 'jsgt', jsge: 'jslt', jslt: 'jsge',
};
/** The feature a conditional jump needs beyond v1 (jlt/jle/jslt/jsle: jmpExt). */
export const COND_JMP_FEATURE: Readonly<Partial<Record<CondJmpOp, CpuFeature>>> = {
  jlt: 'jmpExt', jle: 'jmpExt', jslt: 'jmpExt', jsle: 'jmpExt',
};
/** Whether code for these features may use this conditional jump (JMP class; JMP32 needs jmp32 too). */
export function hasCondJmp(features: ReadonlySet<CpuFeature>, op: CondJmpOp): boolean {
  const f = COND_JMP_FEATURE[op];
  return f === undefined || features.has(f);
}

/** Atomic operations (STX | ATOMIC); the operation lives in imm. */
export type AtomicOp = 'add' | 'or' | 'and' | 'xor' | 'xchg' | 'cmpxchg';
export const ATOMIC_OP_CODE: Readonly<Record<AtomicOp, number>> = {
  add: 0x00, or: 0x40, and: 0x50, xor: 0xa0, xchg: 0xe1, cmpxchg: 0xf1,
};
/** The FETCH flag in an atomic imm: the old value is returned in src_reg. xchg and cmpxchg include it. */
export const ATOMIC_FETCH = 0x01;
export const ATOMIC_SIZES: readonly MemSize[] = ['w', 'dw'];

// ---------------------------------------------------------------------------
// Pseudo values of src_reg (linux/bpf.h)

/** src_reg of an ld_imm64 (opcode 0x18) says how the loader interprets imm. */
export const PSEUDO_LD_IMM64 = {
  /** imm is a map file descriptor (a map relocation before loading). */
  mapFd: 1,
  /** imm is a map fd, next imm an offset into the map value. */
  mapValue: 2,
  /** imm is a kernel BTF id (a ksym). */
  btfId: 3,
  /** imm is an instruction offset to a BPF function (a callback). */
  func: 4,
  /** imm is an index into the fd_array given to BPF_PROG_LOAD. */
  mapIdx: 5,
  /** like mapIdx, plus an offset into the map value. */
  mapIdxValue: 6,
} as const;

/** src_reg of a call instruction. 0 means a helper call (imm = helper id). */
export const PSEUDO_CALL = {
  /** BPF-to-BPF call; imm is the relative instruction offset of the callee. */
  call: 1,
  /** Call of a kernel function; imm is its BTF id. */
  kfuncCall: 2,
} as const;

// ---------------------------------------------------------------------------
// Registers and the calling convention: R0 returns, R1-R5 pass arguments and, with R0, are
// clobbered by every call (helper, BPF-to-BPF, and ld_abs/ld_ind); R6-R9 survive calls; R10 is
// the read-only frame pointer.

export const REG_FP = 10;
export const REG_COUNT = 11;
export const REG_RET = 0;
export const REGS_ARGS: readonly number[] = [1, 2, 3, 4, 5];
export const REGS_CALLER_SAVED: readonly number[] = [REG_RET, ...REGS_ARGS];
export const REGS_CALLEE_SAVED: readonly number[] = [6, 7, 8, 9];

/** The opcodes the object writer and reader look for: ld_imm64 (relocated) and call. */
export const OPCODE_LD_IMM64 = CLASS_CODE.ld | MODE_CODE.imm | SIZE_CODE.dw;
export const OPCODE_CALL = CLASS_CODE.jmp | JMP_OP_CODE.call;
/** BPF_JCOND (Linux 6.9): with src_reg BPF_MAY_GOTO (0) it is may_goto. */
export const OP_JCOND = 0xe0;

// ---------------------------------------------------------------------------
// Opcode forms

export type OpcodeFormKind =
  | 'alu' /* two-operand arithmetic, including mov, sdiv/smod, movsx */
  | 'neg'
  | 'endian' /* ALU | END: le/be conversion */
  | 'bswap' /* ALU64 | END: unconditional byte swap */
  | 'ld_imm64'
  | 'ld_abs'
  | 'ld_ind'
  | 'ldx' /* load from memory, zero-extending */
  | 'ldsx' /* load from memory, sign-extending */
  | 'st' /* store immediate */
  | 'stx' /* store register */
  | 'atomic'
  | 'jcond'
  | 'ja'
  | 'gotol'
  | 'may_goto' /* JMP | JCOND with src BPF_MAY_GOTO: jumps once a hidden per-function counter runs out */
  | 'call'
  | 'exit';

/** One valid instruction form: an opcode plus the off/imm values that select it, if any. */
export interface OpcodeForm {
  /** Unique name of the form, e.g. "add64_imm", "sdiv32_reg", "ldxh", "lock_fetch_add64". */
  mnemonic: string;
  kind: OpcodeFormKind;
  code: number;
  cls: InsnClass;
  /** The value `off` must have for this form (undefined: off is an operand). */
  off?: number;
  /** The value `imm` must have for this form (undefined: imm is an operand). */
  imm?: number;
  /** The feature the form needs (none: v1). */
  feature?: CpuFeature;
  /** The first -mcpu level whose code may hold the form: its feature's level (CPU_FEATURES), or 1. */
  minCpu: CpuVersion;
  /** Instruction slots: 2 for ld_imm64, else 1. */
  slots: 1 | 2;
  // Decoded fields, present where meaningful.
  aluOp?: AluBinaryOp;
  source?: Source;
  size?: MemSize;
  movsxBits?: MovsxBits;
  endWidth?: EndWidth;
  toBigEndian?: boolean;
  jmpOp?: CondJmpOp;
  atomicOp?: AtomicOp;
  fetch?: boolean;
}

function buildForms(): OpcodeForm[] {
  const forms: OpcodeForm[] = [];
  const add = (f: Omit<OpcodeForm, 'slots' | 'minCpu'> & { slots?: 1 | 2 }): void => {
    forms.push({ slots: 1, ...f, minCpu: f.feature ? CPU_FEATURES[f.feature].minCpu : 1 });
  };
  // ALU and ALU64 (32-bit ALU is v1: see CPU_FEATURES.alu32).
  for (const cls of ['alu64', 'alu'] as const) {
    const bits = cls === 'alu64' ? '64' : '32';
    for (const name of Object.keys(ALU_BINARY_ENCODING) as AluBinaryOp[]) {
      const enc = ALU_BINARY_ENCODING[name];
      const signedDiv = name === 'sdiv' || name === 'smod';
      for (const source of ['k', 'x'] as const) {
        add({
          mnemonic: `${name}${bits}_${source === 'k' ? 'imm' : 'reg'}`,
          kind: 'alu',
          code: CLASS_CODE[cls] | ALU_OP_CODE[enc.op] | SOURCE_CODE[source],
          cls,
          off: enc.op === 'div' || enc.op === 'mod' || enc.op === 'mov' ? enc.off : undefined,
          feature: signedDiv ? 'sdivSmod' : undefined,
          aluOp: name,
          source,
        });
      }
    }
    for (const b of MOVSX_BITS) {
      if (cls === 'alu' && b === 32) continue; // a 32-bit register has no 32-bit sign extension
      add({
        mnemonic: `movsx${bits}_${b}`,
        kind: 'alu',
        code: CLASS_CODE[cls] | ALU_OP_CODE.mov | SOURCE_CODE.x,
        cls,
        off: b,
        feature: 'movsx',
        aluOp: 'mov',
        source: 'x',
        movsxBits: b,
      });
    }
    add({
      mnemonic: `neg${bits}`,
      kind: 'neg',
      code: CLASS_CODE[cls] | ALU_OP_CODE.neg,
      cls,
    });
  }
  // Byte order: ALU | END | TO_LE/TO_BE (v1), ALU64 | END = bswap (v4); imm is the width.
  for (const w of END_WIDTHS) {
    for (const toBe of [false, true]) {
      add({
        mnemonic: `${toBe ? 'be' : 'le'}${w}`,
        kind: 'endian',
        code: CLASS_CODE.alu | ALU_OP_CODE.end | (toBe ? END_TO_BE : END_TO_LE),
        cls: 'alu',
        imm: w,
        endWidth: w,
        toBigEndian: toBe,
      });
    }
    add({
      mnemonic: `bswap${w}`,
      kind: 'bswap',
      code: CLASS_CODE.alu64 | ALU_OP_CODE.end | END_TO_LE,
      cls: 'alu64',
      imm: w,
      feature: 'bswap',
      endWidth: w,
    });
  }
  // Loads and stores.
  add({
    mnemonic: 'lddw',
    kind: 'ld_imm64',
    code: OPCODE_LD_IMM64,
    cls: 'ld',
    slots: 2,
    size: 'dw',
  });
  for (const size of ['b', 'h', 'w'] as const) {
    add({ mnemonic: `ldabs${size}`, kind: 'ld_abs', code: CLASS_CODE.ld | MODE_CODE.abs | SIZE_CODE[size], cls: 'ld', size });
    add({ mnemonic: `ldind${size}`, kind: 'ld_ind', code: CLASS_CODE.ld | MODE_CODE.ind | SIZE_CODE[size], cls: 'ld', size });
    add({ mnemonic: `ldxs${size}`, kind: 'ldsx', code: CLASS_CODE.ldx | MODE_CODE.memsx | SIZE_CODE[size], cls: 'ldx', feature: 'ldsx', size });
  }
  for (const size of ['b', 'h', 'w', 'dw'] as const) {
    add({ mnemonic: `ldx${size}`, kind: 'ldx', code: CLASS_CODE.ldx | MODE_CODE.mem | SIZE_CODE[size], cls: 'ldx', size });
    add({ mnemonic: `st${size}`, kind: 'st', code: CLASS_CODE.st | MODE_CODE.mem | SIZE_CODE[size], cls: 'st', size });
    add({ mnemonic: `stx${size}`, kind: 'stx', code: CLASS_CODE.stx | MODE_CODE.mem | SIZE_CODE[size], cls: 'stx', size });
  }
  // Atomics: lock add (the old "xadd") is v1; the rest need the atomics feature.
  for (const size of ATOMIC_SIZES) {
    const bits = size === 'dw' ? '64' : '32';
    for (const op of ['add', 'or', 'and', 'xor'] as const) {
      for (const fetch of [false, true]) {
        add({
          mnemonic: `lock_${fetch ? 'fetch_' : ''}${op}${bits}`,
          kind: 'atomic',
          code: CLASS_CODE.stx | MODE_CODE.atomic | SIZE_CODE[size],
          cls: 'stx',
          imm: ATOMIC_OP_CODE[op] | (fetch ? ATOMIC_FETCH : 0),
          feature: op === 'add' && !fetch ? undefined : 'atomics',
          size,
          atomicOp: op,
          fetch,
        });
      }
    }
    for (const op of ['xchg', 'cmpxchg'] as const) {
      add({
        mnemonic: `${op}${bits}`,
        kind: 'atomic',
        code: CLASS_CODE.stx | MODE_CODE.atomic | SIZE_CODE[size],
        cls: 'stx',
        imm: ATOMIC_OP_CODE[op],
        feature: 'atomics',
        size,
        atomicOp: op,
        fetch: true,
      });
    }
  }
  // Jumps: JMP32 needs the jmp32 feature, jlt/jle/jslt/jsle need jmpExt.
  for (const cls of ['jmp', 'jmp32'] as const) {
    const suffix = cls === 'jmp32' ? '32' : '';
    for (const op of COND_JMP_OPS) {
      for (const source of ['k', 'x'] as const) {
        add({
          mnemonic: `${op}${suffix}_${source === 'k' ? 'imm' : 'reg'}`,
          kind: 'jcond',
          code: CLASS_CODE[cls] | JMP_OP_CODE[op] | SOURCE_CODE[source],
          cls,
          feature: cls === 'jmp32' ? 'jmp32' : COND_JMP_FEATURE[op],
          jmpOp: op,
          source,
        });
      }
    }
  }
  add({ mnemonic: 'ja', kind: 'ja', code: CLASS_CODE.jmp | JMP_OP_CODE.ja, cls: 'jmp' });
  add({ mnemonic: 'gotol', kind: 'gotol', code: CLASS_CODE.jmp32 | JMP_OP_CODE.ja, cls: 'jmp32', feature: 'gotol' });
  add({ mnemonic: 'may_goto', kind: 'may_goto', code: CLASS_CODE.jmp | OP_JCOND, cls: 'jmp', imm: 0, feature: 'mayGoto' });
  add({ mnemonic: 'call', kind: 'call', code: OPCODE_CALL, cls: 'jmp' });
  add({ mnemonic: 'exit', kind: 'exit', code: CLASS_CODE.jmp | JMP_OP_CODE.exit, cls: 'jmp' });
  return forms;
}

interface FormIndex {
  forms: readonly OpcodeForm[];
  /** Indexed by the opcode byte: the forms with that code, or undefined. */
  byCode: readonly (readonly OpcodeForm[] | undefined)[];
  /** Indexed by the opcode byte: the form when it is the code's only one and needs no particular off or imm. */
  only: readonly (OpcodeForm | undefined)[];
  byMnemonic: ReadonlyMap<string, OpcodeForm>;
}

// Built on first use and never changed afterwards.
let formIndex: FormIndex | undefined;

function index(): FormIndex {
  if (formIndex) return formIndex;
  const forms = buildForms();
  const byCode: (OpcodeForm[] | undefined)[] = new Array<OpcodeForm[] | undefined>(256).fill(undefined);
  const byMnemonic = new Map<string, OpcodeForm>();
  for (const f of forms) {
    const list = (byCode[f.code] ??= []);
    list.push(f);
    if (byMnemonic.has(f.mnemonic)) throw new Error(`internal: duplicate opcode form ${f.mnemonic}`);
    byMnemonic.set(f.mnemonic, f);
  }
  const only = byCode.map((list) => (list?.length === 1 && list[0]!.off === undefined && list[0]!.imm === undefined ? list[0] : undefined));
  formIndex = { forms, byCode, only, byMnemonic };
  return formIndex;
}

/** Every valid instruction form. */
export function opcodeForms(): readonly OpcodeForm[] {
  return index().forms;
}

/** The form with this mnemonic (throws on an unknown name: mnemonics are compile-time facts). */
export function formByMnemonic(mnemonic: string): OpcodeForm {
  const f = index().byMnemonic.get(mnemonic);
  if (!f) throw new Error(`internal: unknown opcode form ${mnemonic}`);
  return f;
}

/** The form an instruction is an instance of, or undefined for an invalid opcode/off/imm combination. */
export function formOf(insn: { code: number; off: number; imm: number }): OpcodeForm | undefined {
  const forms = formIndex ?? index();
  const code = insn.code & 0xff;
  const only = forms.only[code];
  if (only !== undefined) return only;
  const candidates = forms.byCode[code];
  if (!candidates) return undefined;
  for (let i = 0; i < candidates.length; i++) {
    const f = candidates[i]!;
    if (f.off !== undefined && f.off !== insn.off) continue;
    if (f.imm !== undefined && f.imm !== insn.imm) continue;
    return f;
  }
  return undefined;
}

/** The names of CLASS_CODE and SIZE_CODE indexed by their bits (every value of the masked bits has one). */
const CLASS_BY_BITS: readonly InsnClass[] = namesByValue(CLASS_CODE, CLASS_MASK);
const SIZE_BY_BITS: readonly MemSize[] = namesByValue(SIZE_CODE, SIZE_MASK);

function namesByValue<K extends string>(table: Readonly<Record<K, number>>, mask: number): K[] {
  const names: K[] = [];
  for (const [name, value] of Object.entries(table) as [K, number][]) names[value] = name;
  for (let bits = 0; bits <= mask; bits++) {
    if ((bits & mask) === bits && names[bits] === undefined) throw new Error(`internal: no name for bits ${bits}`);
  }
  return names;
}

/** Field extractors. */
export function classOf(code: number): InsnClass {
  return CLASS_BY_BITS[code & CLASS_MASK]!;
}

export function sizeOf(code: number): MemSize {
  return SIZE_BY_BITS[code & SIZE_MASK]!;
}
