// codegen entry: ir.Module -> bpf.ObjectProgram. Per function: legalise,
// allocate registers, lay out the frame, select instructions; then lay out
// the data sections (.maps, license) and build the object's BTF.
import { CLASS_CODE, CLASS_MASK, cpuFeatures, JMP_OP_CODE, OP_MASK } from '../bpf/opcodes.js';
import { STRING_SECTION, type DataSection, type FunctionCode, type ObjectProgram } from '../bpf/object.js';
import type { CompileContext } from '../context.js';
import type { Span } from '../diag/source.js';
import type { Inst, IrFunction, Module, VReg } from '../ir/ir.js';
import { assemble } from '../bpf/assemble.js';
import { isReadOnlyData, type GlobalVar } from '../sema/program.js';
import * as T from '../sema/types.js';
import { tryEval } from '../sema/const-eval.js';
import { BtfTypes } from './btf-gen.js';
import { layoutFrame, STACK_LIMIT_BYTES } from './frame.js';
import { legalize } from './legalize.js';
import { modernizeIntMembers, modernizeLegacyMaps } from './legacy-maps.js';
import { liveAtEntry } from '../ir/liveness.js';
import { allocateRegisters, type PReg } from './regalloc.js';
import { asmText, selectInstructions } from './select.js';
import { pushAll } from '../util/array.js';

export function codegen(module: Module, ctx: CompileContext): ObjectProgram {
  const btf = new BtfTypes();
  const frames = new Map<string, { sizeBytes: number; span: Span }>();
  const cpu = cpuFeatures(ctx.options.mcpu);
  // What a template may call by name: functions in .text, and kernel functions (__ksym).
  const subprograms = new Set([...module.functions.filter((f) => f.section === '.text').map((f) => f.name), ...module.kfuncs.map((f) => f.name), ...module.externFuncs.map((f) => f.name)]);
  const functions: FunctionCode[] = module.functions.map((fn) => {
    ctx.heartbeat?.();
    const asmOk = checkAsmImmediates(fn, subprograms, ctx);
    legalize(fn, cpu);
    const alloc = allocateRegisters(fn);
    if (alloc.ok) zeroRegistersReadBeforeWritten(fn, alloc.regOf);
    const frame = layoutFrame(fn, ctx);
    frames.set(fn.name, { sizeBytes: frame.sizeBytes, span: fn.span });
    if (!alloc.ok) ctx.diags.error('E5013', `register allocation for '${fn.name}' did not converge: the function keeps too many values alive at once`, fn.span);
    const selected = alloc.ok && asmOk ? selectInstructions(fn, alloc.regOf, frame, cpu, subprograms) : { insns: [], relocs: [], lines: [], typeIds: [] };
    const sel = checkJumpRange(fn, selected, ctx) ? selected : { insns: [], relocs: [], lines: [], typeIds: [] };
    // __builtin_btf_type_id: the type's id in this object's BTF, and a CO-RE relocation (root
    // type, access string "0") so that libbpf writes the final id: the same one for TYPE_ID_LOCAL
    // (or a new one after `bpftool gen object` merged the BTF), the kernel's for TYPE_ID_TARGET.
    // A member of a kernel struct (preserve_access_index): the root struct's id and clang's
    // access string, so that libbpf writes the running kernel's offset into the instruction.
    const coreRelos = sel.typeIds.map((u) => {
      const typeId = btf.typeId(u.ctype);
      if (u.access !== undefined) return { insnIndex: u.insnIndex, typeId, access: u.access, kind: u.relo };
      sel.insns[u.insnIndex]!.imm = typeId;
      return { insnIndex: u.insnIndex, typeId, access: '0', kind: u.relo };
    });
    return {
      name: fn.name,
      section: fn.section,
      global: fn.global,
      insns: sel.insns,
      relocs: sel.relocs,
      lines: ctx.options.debugInfo ? sel.lines : [],
      btfFuncId: btf.funcId(fn.source, fn.global),
      span: fn.span,
      ...(coreRelos.length > 0 ? { coreRelos } : {}),
    };
  });
  checkCallChainStack(module, frames, ctx);
  const data = layoutData(module.globals, module.strings.bytes, btf, ctx);
  // Kernel functions the code calls or takes the address of: a FUNC each (extern linkage) in a
  // .ksyms DATASEC, as clang emits them; and kernel variables (__ksym) whose address the code
  // loads: a VAR each (extern linkage, `void` for an untyped one, 1 byte) in the same DATASEC.
  const read = new Set(functions.flatMap((fn) => fn.relocs.flatMap((r) => (r.kind === 'map' ? [r.symbol] : []))));
  const called = new Set(functions.flatMap((fn) => fn.relocs.flatMap((r) => (r.kind === 'call' ? [r.symbol] : []))));
  const kfuncs = module.kfuncs.filter((f) => called.has(f.name) || read.has(f.name));
  const ksyms = module.globals.filter((g) => g.role === 'ksym' && read.has(g.name));
  if (kfuncs.length > 0 || ksyms.length > 0) {
    const vars = [
      ...kfuncs.map((f) => ({ type: btf.externFuncId(f), offset: 0, sizeBytes: 0 })),
      ...ksyms.map((g) => ({ type: btf.builder.add({ kind: 'var', name: g.name, type: btf.typeId(g.type), linkage: 'extern' }), offset: 0, sizeBytes: T.isVoid(g.type) ? 1 : (T.sizeOf(g.type) ?? 0) })),
    ];
    btf.builder.add({ kind: 'datasec', name: '.ksyms', sizeBytes: 0, vars });
  }
  // BPF functions of another object that the code calls: a FUNC of extern linkage each, in no
  // DATASEC, and an undefined symbol, as clang emits them.
  const externBpf = module.externFuncs.filter((f) => called.has(f.name));
  for (const f of externBpf) btf.externFuncId(f);
  // Symbols an asm template loads ("r1 = NAME ll") that nothing in this file defines: undefined
  // symbols (no type, no BTF), as the LLVM assembler leaves them for the loader to resolve.
  const defined = new Set([...module.functions.map((f) => f.name), ...module.globals.map((g) => g.name), ...module.kfuncs.map((f) => f.name), ...module.externFuncs.map((f) => f.name), ...data.map((d) => d.name)]);
  const asmSymbols = [...new Set(functions.flatMap((fn) => fn.relocs.flatMap((r) => (r.kind === 'map' && !defined.has(r.symbol) ? [r.symbol] : []))))];
  // Kconfig values the code reads: a VAR each (extern linkage) in a .kconfig DATASEC of size 0,
  // at offset 0, as clang emits them; libbpf lays out the map and fills it. Only those read,
  // since libbpf refuses to load an object with a (non-weak) value the kernel does not have.
  const kconfig = module.globals.filter((g) => g.role === 'kconfig' && read.has(g.name));
  if (kconfig.length > 0) {
    const vars = kconfig.map((g) => ({ type: btf.builder.add({ kind: 'var', name: g.name, type: btf.typeId(g.type), linkage: 'extern' }), offset: 0, sizeBytes: T.sizeOf(g.type) ?? 0 }));
    btf.builder.add({ kind: 'datasec', name: '.kconfig', sizeBytes: 0, vars });
  }
  // Maps defined in another object, which the code uses: an undefined symbol each and a VAR of
  // extern linkage in no DATASEC, as clang emits them; `bpftool gen object` links them.
  const externMaps = module.globals.filter((g) => g.role === 'map' && g.isExtern && read.has(g.name));
  for (const g of externMaps) btf.builder.add({ kind: 'var', name: g.name, type: btf.typeId(g.type), linkage: 'extern' });
  const mainFile = ctx.sources.files[0];
  return {
    functions, data, btf: btf.builder.types, sourcePath: mainFile?.path ?? '',
    externFuncs: [...kfuncs, ...externBpf].map((f) => ({ name: f.name, weak: f.weak === true })),
    externVars: [...[...kconfig, ...ksyms, ...externMaps].map((g) => ({ name: g.name, weak: g.weak === true })), ...asmSymbols.map((name) => ({ name, weak: false }))],
  };
}

/**
 * A local assigned on some paths only (`ihl_len` set for IPv4 and IPv6 but read on a third path
 * too, whose result the program then ignores) keeps one register, as clang gives it the assigned
 * value on every path (lower.ts). On the unassigned path nothing writes that register, and the
 * kernel refuses to read a register the program never wrote ("R7 !read_ok"). Such values are
 * exactly the non-parameter registers live at the function's entry; no other value live there
 * shares their register, so writing 0 to it first changes nothing else.
 */
function zeroRegistersReadBeforeWritten(fn: IrFunction, regOf: Map<VReg, PReg>): void {
  const entry = fn.blocks[0];
  if (entry === undefined || fn.naked) return;
  const params = new Set<number>(fn.params);
  const zeros: Inst[] = [];
  for (const v of liveAtEntry(fn)) {
    if (params.has(v) || !regOf.has(v as VReg)) continue;
    zeros.push({ op: 'mov', bits: 64, dst: v as VReg, src: { kind: 'imm', value: 0n }, span: fn.span });
  }
  entry.insts.unshift(...zeros);
}

/**
 * The verifier counts the stack over the whole BPF-to-BPF call chain, each
 * frame rounded up to 32 bytes: a program whose deepest chain exceeds 512
 * bytes is rejected even when every frame fits on its own.
 */
/** Most instructions a jump may skip forward (its offset is a signed 16-bit field). */
const MAX_JUMP_OFFSET = 0x7fff;

/**
 * Whether every jump of the function reaches its target: a jump's offset is a signed 16-bit
 * field, so a branch over more than 32,767 instructions (an unrolled loop of tens of thousands of
 * instructions under one `if`) cannot be encoded. The first such jump is an error (E5012) at its
 * C line; the function gets no code. `gotol` (`-mcpu=v4`'s 32-bit unconditional jump) keeps its
 * offset in the immediate field and is not limited.
 */
function checkJumpRange(fn: IrFunction, sel: { insns: FunctionCode['insns']; lines: FunctionCode['lines'] }, ctx: CompileContext): boolean {
  const far = sel.insns.findIndex((insn) => {
    const cls = insn.code & CLASS_MASK;
    if (cls !== CLASS_CODE.jmp && cls !== CLASS_CODE.jmp32) return false;
    const op = insn.code & OP_MASK;
    if (op === JMP_OP_CODE.call || op === JMP_OP_CODE.exit || (cls === CLASS_CODE.jmp32 && op === JMP_OP_CODE.ja)) return false;
    return insn.off > MAX_JUMP_OFFSET || insn.off < -MAX_JUMP_OFFSET - 1;
  });
  if (far < 0) return true;
  const line = sel.lines.filter((l) => l.insnIndex <= far).at(-1);
  const off = sel.insns[far]!.off;
  ctx.diags.error('E5012', `this jump in '${fn.name}' goes ${Math.abs(off).toLocaleString('en-US')} instructions ${off < 0 ? 'back' : 'forward'}, but a BPF jump's offset is 16 bits (at most ${MAX_JUMP_OFFSET.toLocaleString('en-US')}); '${fn.name}' has ${sel.insns.length.toLocaleString('en-US')} instructions`, line?.span ?? fn.span, {
    notes: [{ message: 'a loop with a constant trip count is unrolled when its copies are small or it is marked #pragma unroll: a loop of fewer iterations, a __noinline function for the loop body, or bpf_loop() keeps the code short', span: fn.span }],
  });
  return false;
}

function checkCallChainStack(module: Module, frames: Map<string, { sizeBytes: number; span: Span }>, ctx: CompileContext): void {
  const callees = new Map<string, Set<string>>();
  for (const fn of module.functions) {
    const set = new Set<string>();
    for (const b of fn.blocks) for (const i of b.insts) if (i.op === 'callfn') set.add(i.func);
    callees.set(fn.name, set);
  }
  const rounded = (name: string) => Math.ceil((frames.get(name)?.sizeBytes ?? 0) / 32) * 32;
  // The deepest chain below each function, callees first, with an explicit stack (a chain of
  // thousands of calls must not overflow the compiler's stack) and each function done once. Sema
  // rejects recursion (E3102); a call back into an active function is skipped all the same.
  const below = new Map<string, { size: number; next?: string }>();
  const measure = (root: string): void => {
    const active = new Set<string>();
    const stack: { name: string; rest: Iterator<string> }[] = [];
    const enter = (name: string): void => {
      active.add(name);
      stack.push({ name, rest: (callees.get(name) ?? new Set<string>()).values() });
    };
    if (!below.has(root)) enter(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const step = top.rest.next();
      if (!step.done) {
        if (!below.has(step.value) && !active.has(step.value)) enter(step.value);
        continue;
      }
      let size = -1;
      let next: string | undefined;
      for (const c of callees.get(top.name) ?? []) {
        const b = below.get(c);
        if (b && b.size > size) [size, next] = [b.size, c];
      }
      below.set(top.name, { size: rounded(top.name) + Math.max(size, 0), next });
      active.delete(top.name);
      stack.pop();
    }
  };
  for (const fn of module.functions) {
    if (fn.section === '.text') continue;
    measure(fn.name);
    const chain = [fn.name];
    for (let n = below.get(fn.name)!.next; n !== undefined; n = below.get(n)!.next) chain.push(n);
    const total = chain.reduce((n, f) => n + rounded(f), 0);
    if (chain.length > 1 && total > STACK_LIMIT_BYTES) {
      ctx.diags.error('E5010', `the call chain from '${fn.name}' needs ${total} bytes of stack, but BPF programs have ${STACK_LIMIT_BYTES} over all frames`, fn.span, {
        notes: chain.map((f) => ({ message: `'${f}' uses ${rounded(f)} bytes (frames count in multiples of 32)`, span: frames.get(f)?.span })),
      });
    }
  }
}

/** Every "i" operand of inline assembly must be a constant by now (after inlining and propagation). */
function checkAsmImmediates(fn: IrFunction, subprograms: ReadonlySet<string>, ctx: CompileContext): boolean {
  let ok = true;
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op !== 'asm') continue;
      i.operands.forEach((o, k) => {
        if (o.kind !== 'imm' || o.value.kind === 'imm') return;
        if (o.orRegister) {
          // "ri": not a constant, so a register.
          i.operands[k] = { kind: 'reg', reg: o.value.reg, width: 'r' };
          return;
        }
        ok = false;
        ctx.diags.error('E5015', `operand ${k} of this asm statement has an "i" (immediate) constraint, but its value is only known at run time: pass a constant, or use an "r" (register) operand`, i.span);
      });
      if (ok && !checkAsmTemplate(i, subprograms, ctx)) ok = false;
    }
  }
  return ok;
}

/**
 * Assembles the text of an asm statement that reaches code generation, with stand-in registers,
 * so that a template the assembler refuses is reported at its statement. As with clang, which
 * assembles only the asm it emits, a template in code that optimisation removed is never
 * assembled (bpf_experimental.h's bpf_cmp_* expand a signed and an unsigned compare, and keep one).
 */
function checkAsmTemplate(i: Inst & { op: 'asm' }, subprograms: ReadonlySet<string>, ctx: CompileContext): boolean {
  const text = asmText(i, (k) => (k % 9) + 1); // stand-in registers
  const out = assemble(text, { externalLabels: subprograms });
  const cannot = (what: string, symbol: string) =>
    ctx.diags.error('E3112', `inline assembly cannot ${what} '${symbol}': a template calls a helper by name or number ('call bpf_map_lookup_elem'), or a function emitted in .text (declare it __noinline, or __attribute__((naked)) with __attribute__((used))); callbacks are passed in C`, i.span);
  for (const e of out.errors) {
    const line = text.split('\n')[e.line - 1]?.trim() ?? '';
    const call = /^call\s+([A-Za-z_]\w*)\s*$/.exec(line);
    if (call && e.message.startsWith('undefined label')) cannot('call', call[1]!);
    else ctx.diags.error('E3112', `in inline assembly: ${e.message}${line ? ` (in '${line}', with operands written as registers)` : ''}`, i.span);
  }
  // `call f` of a function emitted in .text (a __noinline or naked static function, as the
  // kernel's verifier tests write) is a BPF-to-BPF call, relocated as a call from C is.
  const callable = (r: (typeof out.relocs)[number]) => r.kind === 'map' || r.kind === 'symbol' || (r.kind === 'call' && subprograms.has(r.symbol));
  for (const r of out.relocs) if (!callable(r)) cannot(r.kind === 'call' ? 'call' : 'take the address of', r.symbol);
  return out.errors.length === 0 && out.relocs.every(callable);
}

/** Data sections with their symbols, plus a BTF VAR and DATASEC for each. */
function layoutData(globals: GlobalVar[], strings: number[], btf: BtfTypes, ctx: CompileContext): DataSection[] {
  const sections = new Map<string, { bytes: number[]; symbols: DataSection['symbols']; vars: { type: number; offset: number; sizeBytes: number }[] }>();
  const place = (section: string, g: GlobalVar, bytes: number[], align: number, typeId?: number) => {
    let s = sections.get(section);
    if (!s) {
      s = { bytes: [], symbols: [], vars: [] };
      sections.set(section, s);
    }
    while (s.bytes.length % align !== 0) s.bytes.push(0);
    const offset = s.bytes.length;
    pushAll(s.bytes, bytes);
    s.symbols.push({ name: g.name, offset, sizeBytes: bytes.length, global: !g.isStatic });
    const varId = btf.builder.add({ kind: 'var', name: g.name, type: typeId ?? btf.typeId(g.type), linkage: g.isStatic ? 'static' : 'global' });
    s.vars.push({ type: varId, offset, sizeBytes: bytes.length });
  };
  const legacyMaps = modernizeLegacyMaps(globals, btf, ctx);
  for (const g of globals) {
    const size = T.sizeOf(g.type) ?? 0;
    switch (g.role) {
      case 'map': {
        if (g.isExtern) break; // defined in another object
        const m = modernizeIntMembers(g, btf, ctx);
        place('.maps', g, new Array<number>(m?.sizeBytes ?? size).fill(0), 8, m?.typeId);
        break;
      }
      case 'legacy-map': {
        const m = legacyMaps.get(g)!;
        place('.maps', g, new Array<number>(m.sizeBytes).fill(0), 8, m.typeId);
        break;
      }
      case 'rodata':
        place(dataSectionOf(g, '.rodata'), g, initBytes(g, size), Math.min(8, T.alignOf(g.type)));
        break;
      case 'data': {
        const bytes = initBytes(g, size);
        place(dataSectionOf(g, bytes.some((b) => b !== 0) ? '.data' : '.bss'), g, bytes, Math.min(8, T.alignOf(g.type)));
        break;
      }
      case 'const':
        // A const object code can point at (an array, a struct); scalars are folded into code.
        if (isReadOnlyData(g)) place('.rodata', g, initBytes(g, size), Math.min(8, T.alignOf(g.type)));
        break;
      case 'license':
      case 'version':
        place(g.role, g, initBytes(g, size), Math.min(8, T.alignOf(g.type)));
        break;
      default:
        break;
    }
  }
  void ctx;
  const out: DataSection[] = [];
  for (const [name, s] of sections) {
    btf.builder.add({ kind: 'datasec', name, sizeBytes: s.bytes.length, vars: s.vars });
    out.push({ name, bytes: Uint8Array.from(s.bytes), symbols: s.symbols });
  }
  // String literals: code addresses them by section offset; like clang, no symbols and no DATASEC.
  if (strings.length > 0) out.push({ name: STRING_SECTION, bytes: Uint8Array.from(strings), symbols: [] });
  return out;
}

/** The section a data object goes to: the one its section attribute names (`SEC(".data.stats")`), else `fallback`. */
function dataSectionOf(g: GlobalVar, fallback: string): string {
  return g.section !== undefined && /^\.(rodata|data|bss)(\.|$)/.test(g.section) ? g.section : fallback;
}

/** The bytes of a global's constant initializer (little endian); non-constant parts stay zero (sema reports them). */
function initBytes(g: GlobalVar, size: number): number[] {
  const bytes = new Array<number>(size).fill(0);
  const write = (offset: number, width: number, value: bigint, bitOffset = 0, bitWidth = 0) => {
    const mask = bitWidth ? ((1n << BigInt(bitWidth)) - 1n) << BigInt(bitOffset) : (1n << BigInt(width * 8)) - 1n;
    const bits = bitWidth ? (BigInt.asUintN(bitWidth, value) << BigInt(bitOffset)) & mask : BigInt.asUintN(width * 8, value);
    // A packed bit-field may cover more bytes than its declared type.
    const span = bitWidth ? Math.max(width, Math.ceil((bitOffset + bitWidth) / 8)) : width;
    for (let i = 0; i < span && offset + i < size; i++) {
      const m = Number((mask >> BigInt(8 * i)) & 0xffn);
      bytes[offset + i] = (bytes[offset + i]! & ~m) | Number((bits >> BigInt(8 * i)) & 0xffn);
    }
  };
  const init = g.init;
  if (!init) return bytes;
  if (init.kind === 'Scalar') {
    const v = tryEval(init.expr);
    if (v !== undefined) write(0, size, v);
    return bytes;
  }
  for (const e of init.entries) {
    const v = tryEval(e.expr);
    if (v !== undefined) write(e.offsetBytes, T.sizeOf(e.type) ?? 1, v, e.bitOffset, e.bitWidth);
  }
  return bytes;
}
