// verifyObject: the built-in verifier's entry point. For each program of a bpf.ObjectProgram
// (from ebcc's codegen or from readObject on any compiler's ELF) it links the program as a
// loader would, derives the program type from the section (or takes it from the options),
// runs the path-sensitive analysis (check.ts) and reports each rejection as one Diagnostic at
// the C line of the instruction, with the kernel's own message. Runs in a browser: no I/O.
import { ctxStructOf } from '../bpf/ctx-access.js';
import { kfuncByName } from '../bpf/kfuncs.js';
import { disasmInsn } from '../bpf/disasm.js';
import { helperById } from '../bpf/helpers.js';
import { SPECIAL_VALUE_FIELDS, mapTypeByValue } from '../bpf/maps.js';
import type { FunctionCode, ObjectProgram } from '../bpf/object.js';
import { BTF_CTX_TYPES, FLAT_CTX, LD_ABS_TYPES, PKT_READ_TYPES, PKT_WRITE_TYPES } from '../bpf/prog-helpers.js';
import { checkedReturnRange, findProgType, progTypeByName, sectionSleepable } from '../bpf/prog-types.js';
import { ksymVariables, unresolvedKsyms, type KsymVar } from './ksyms.js';
import type { CompileContext } from '../context.js';
import type { Diagnostic, Note } from '../diag/diagnostic.js';
import type { Span } from '../diag/source.js';
import { mapDefinitions, type MapDef } from '../obj/map-defs.js';
import { linkProgram, programFunctions, type LinkedProgram } from '../run/link.js';
import type { BtfType } from '../bpf/btf.js';
import { valueFields } from './alloc.js';
import { checkProgram, type CheckStats } from './check.js';
import type { Env, MapInfo } from './env.js';
import { globalFuncs, nonScalarReturns, type GlobalFunc } from './global-funcs.js';
import { replayPath, type FailingPath } from './path.js';
import { applyCoreRelocations, coreFailureHeadline, type CoreFailure, type TargetBtf } from './core-relocate.js';
import { ctxArgStruct } from './kernel-struct.js';
import type { VerifyCode } from '../diag/codes/verify.js';
import { needKernelBtf } from '../bpf/core-relo.js';

export interface VerifyOptions {
  /** Only this program (its function name). */
  program?: string;
  /** Force the program type (libbpf's name: "xdp", "sched_cls", or "tc", "socket", ...). */
  progType?: string;
  /** Model a load without CAP_PERFMON (uninitialised stack reads are errors). */
  noPerfmon?: boolean;
  /** Most instructions to process per program before refusing it as too large (the kernel's 1,000,000 by default). */
  insnLimit?: number;
  /** Called every 1,024 instructions processed (CompileContext.heartbeat). */
  heartbeat?: () => void;
  /** Where an instruction of a function comes from in the C source, for objects read from ELF. */
  lineOf?: (fn: FunctionCode, index: number) => Span | undefined;
  /**
   * The kernel's BTF, against which an object's CO-RE relocations are applied before verifying, as
   * libbpf applies them before loading. Without it the code is verified unrelocated, with a note.
   */
  kernelBtf?: TargetBtf;
  /** The running kernel's symbols (/proc/kallsyms): typeless `__ksym` variables are looked up there. */
  kernelSymbols?: ReadonlySet<string>;
  /**
   * Model a loader that passes no BTF (a raw bpf() load, old loaders of legacy `maps` sections):
   * maps are created without key and value types, so their values have no bpf_spin_lock, timer
   * or kptr the kernel knows of; programs are loaded without func_info, so every subprogram is
   * static, none may hold LD_ABS/LD_IND or a tail call, and no function pointer (callback) may
   * be loaded.
   */
  noBtf?: boolean;
}

export interface ProgramStats {
  processedInsns: number;
  peakStates: number;
  totalStates: number;
  maxStatesPerInsn: number;
  /** Bytes of stack of the entry function plus, per called function, its own. */
  stackDepth: number;
  stackDepths: number[];
  /** Wall time of the analysis in microseconds. */
  timeUs: number;
}

export interface ProgramResult {
  name: string;
  section: string;
  progType: string;
  accepted: boolean;
  diagnostics: Diagnostic[];
  stats: ProgramStats;
  /** The kernel's message for a rejection. */
  kernelMessage?: string;
  /** The path to the rejection: each instruction with its C line, the branch decisions and the states. */
  path?: FailingPath;
}

export interface VerifyResult {
  programs: ProgramResult[];
  /** Problems with the object or the options (no program, unknown type). */
  diagnostics: Diagnostic[];
}

const GPL_COMPATIBLE = ['GPL', 'GPL v2', 'GPL and additional rights', 'Dual BSD/GPL', 'Dual MIT/GPL', 'Dual MPL/GPL'];

function licenseOf(obj: ObjectProgram): string {
  const sec = obj.data.find((d) => d.name === 'license');
  if (!sec) return '';
  let s = '';
  for (const b of sec.bytes) {
    if (b === 0) break;
    s += String.fromCharCode(b);
  }
  return s;
}

function mapInfos(defs: readonly MapDef[], btf: readonly BtfType[]): MapInfo[] {
  const infos = defs.map((d): MapInfo => {
    const rodata = d.origin === 'data' && (d.name.startsWith('.rodata') || d.externs !== undefined);
    return {
      name: d.name,
      type: d.type,
      typeName: mapTypeByValue(d.type)?.name ?? 'unspec',
      keySize: d.keySize,
      valueSize: d.valueSize,
      maxEntries: d.maxEntries,
      readOnly: rodata || (d.flags & (1 << 7)) !== 0,
      writeOnly: (d.flags & (1 << 8)) !== 0,
      constBytes: rodata ? d.initial ?? new Uint8Array(d.valueSize) : undefined,
      unknownBytes: d.externs?.filter((e) => !e.known).map((e) => [e.offset, e.sizeBytes] as const),
      inner: undefined,
      valueTypeId: d.valueTypeId,
      spinLockOff: d.spinLockOff,
      hasTimer: d.timerOff !== undefined,
      kptrs: d.kptrs,
      specialFields: specialFields(d, btf),
    };
  });
  // Map-in-map: lookups yield the inner map, described as an extra entry.
  defs.forEach((d, i) => {
    if (!d.inner) return;
    infos[i]!.inner = infos.length;
    infos.push(...mapInfos([d.inner], btf));
  });
  return infos;
}

/** A map definition as a loader that passes no BTF creates the map: no value type, no special fields. */
function withoutBtf(d: MapDef): MapDef {
  return { ...d, valueTypeId: undefined, spinLockOff: undefined, timerOff: undefined, kptrs: undefined, inner: d.inner && withoutBtf(d.inner) };
}

function specialFields(d: MapDef, btf: readonly BtfType[]): MapInfo['specialFields'] {
  const out: { off: number; size: number; name: string }[] = d.valueTypeId ? valueFields(btf, d.valueTypeId).special : [];
  if (d.spinLockOff !== undefined) out.push({ off: d.spinLockOff, ...SPECIAL_VALUE_FIELDS.spinLock });
  if (d.timerOff !== undefined) out.push({ off: d.timerOff, ...SPECIAL_VALUE_FIELDS.timer });
  return out;
}

function spanOf(fn: FunctionCode, index: number, opts: VerifyOptions): Span | undefined {
  // The last line entry at or before `index` (entries are sorted by instruction).
  let lo = 0, hi = fn.lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fn.lines[mid]!.insnIndex <= index) lo = mid + 1;
    else hi = mid;
  }
  const best = lo > 0 ? fn.lines[lo - 1]!.span : undefined;
  if (best && best.file >= 0) return best;
  return opts.lineOf?.(fn, index);
}

export function verifyObject(obj: ObjectProgram, options: VerifyOptions = {}): VerifyResult {
  const result: VerifyResult = { programs: [], diagnostics: [] };
  const refused = options.noBtf ? undefined : refusedBtf(obj.btf);
  if (refused) {
    // libbpf: "Error loading .BTF into kernel: -22. BTF is optional, ignoring."
    result.diagnostics.push({
      severity: 'warning',
      code: 'V1036',
      message: `the kernel refuses the object's BTF (${refused}): libbpf loads the programs without BTF, and they are verified so`,
      notes: [],
    });
    options = { ...options, noBtf: true };
  }
  const relocated = relocateObject(obj, options, result);
  obj = relocated.obj;
  const externs = plainExterns(obj);
  if (externs.size > 0) {
    const names = [...externs.keys()].map((n) => `'${n}'`).join(', ');
    result.diagnostics.push({
      severity: 'warning',
      code: 'V1033',
      message: `extern ${names} ${externs.size === 1 ? 'is' : 'are'} neither __kconfig nor __ksym: libbpf refuses to open the object until it is ` +
        'linked with the object that defines them (bpftool gen object); the programs that do not use them are verified as they are',
      notes: [],
    });
  }
  const missing = unresolvedKsyms(obj, options.kernelBtf, options.kernelSymbols);
  if (missing.length > 0) {
    const names = missing.map((v) => `'${v.name}'`).join(', ');
    result.diagnostics.push({
      severity: 'warning',
      code: 'V1034',
      message: `the running kernel has no __ksym ${names}: libbpf refuses to load the object (extern (strong) not resolved); ` +
        'the programs that do not load a __ksym variable are verified as they are',
      notes: [],
    });
  }
  const defs = mapDefinitions(obj);
  const maps = mapInfos(options.noBtf ? defs.map(withoutBtf) : defs, obj.btf);
  const license = licenseOf(obj);
  let entries = programFunctions(obj);
  if (options.program !== undefined) {
    entries = entries.filter((f) => f.name === options.program);
    if (entries.length === 0) {
      result.diagnostics.push({ severity: 'error', code: 'V1099', message: `no program named '${options.program}' in the object`, notes: [] });
      return result;
    }
  }
  for (const entry of entries) {
    const r = verifyOne(obj, entry, defs, maps, license, options, relocated.failures, externs, missing, relocated.against?.types ?? obj.btf);
    if ('error' in r) result.diagnostics.push(r.error);
    else result.programs.push(r);
  }
  return result;
}

function resolveType(entry: FunctionCode, forced: string | undefined): { progType: string; retRange?: { min: number; max: number }; attach?: string; sleepable: boolean } | string {
  if (forced !== undefined) {
    const direct = progTypeByName(forced);
    const viaSection = direct ? undefined : findProgType(forced);
    const t = direct ?? (viaSection?.kind === 'modern' ? viaSection.progType : undefined);
    if (!t) return `unknown program type '${forced}'`;
    const range = viaSection ? checkedReturnRange(viaSection) : t.ret.checked;
    const sleepable = t.name === 'syscall' || sectionSleepable(viaSection ?? findProgType(entry.section));
    return { progType: t.name, retRange: range, attach: viaSection?.kind === 'modern' ? viaSection.def.expectedAttachType?.cName : undefined, sleepable };
  }
  const m = findProgType(entry.section);
  if (!m || !m.progType) return `section '${entry.section}' does not name a program type (give --prog-type)`;
  return {
    progType: m.progType.name,
    retRange: checkedReturnRange(m),
    attach: m.kind === 'modern' ? m.def.expectedAttachType?.cName : undefined,
    sleepable: sectionSleepable(m),
  };
}

/**
 * Why the kernel refuses an object's BTF when libbpf loads it (btf_func_check: every parameter of
 * a program's FUNC but a trailing `...` has a name), or undefined when it accepts it as far as ebcc checks.
 */
function refusedBtf(btf: ObjectProgram['btf']): string | undefined {
  for (let id = 1; id <= btf.length; id++) {
    const t = btf[id - 1]!;
    // An extern one (a kfunc's declaration) libbpf rewrites before the kernel sees it.
    if (t.kind !== 'func' || t.linkage === 'extern') continue;
    const proto = btf[t.type - 1];
    if (proto?.kind !== 'func_proto') continue;
    const k = proto.params.findIndex((p) => p.name === '' && p.type !== 0);
    if (k >= 0) return `[${id}] FUNC ${t.name} type_id=${t.type} Invalid arg#${k + 1}`;
  }
  return undefined;
}

/**
 * Applies the object's CO-RE relocations against options.kernelBtf (src/verify/core-relocate.ts).
 * Without a kernel BTF, a note says that the verdict is made on the unrelocated code.
 */
function relocateObject(obj: ObjectProgram, options: VerifyOptions, result: VerifyResult): { obj: ObjectProgram; failures: Map<FunctionCode, CoreFailure[]>; against?: TargetBtf } {
  // TYPE_ID_LOCAL (bpf_core_type_id_local, bpf_obj_new's type) names the program's own type: it
  // needs no kernel BTF, and clang has already written the value.
  const count = obj.functions.reduce((n, f) => n + (f.coreRelos?.filter((c) => needKernelBtf([c])).length ?? 0), 0);
  if (count === 0) return { obj, failures: new Map() };
  if (!options.kernelBtf) {
    result.diagnostics.push({
      severity: 'note',
      code: 'V1032',
      message: `the object has ${count} CO-RE relocation${count === 1 ? '' : 's'}, and no kernel BTF was given to apply them to: ` +
        'the verdict is made on the code without relocation, which the kernel never sees',
      notes: [],
    });
    return { obj, failures: new Map() };
  }
  const r = applyCoreRelocations(obj.functions, obj.btf, options.kernelBtf);
  return { obj: { ...obj, functions: r.functions }, failures: r.failures, against: options.kernelBtf };
}

/**
 * Extern variables that are neither `__kconfig` (BTF DATASEC ".kconfig") nor `__ksym` (DATASEC
 * ".ksyms"): a plain `extern int x;` is left for the static linker. libbpf refuses to open such an
 * object ("failed to find BTF for extern", "unrecognized extern section"); a loader that loads
 * the programs one by one anyway gets each program that loads one refused by the kernel, as its
 * ld_imm64 names no kernel object. (Extern functions outside ".ksyms" stay kfunc calls.)
 */
function plainExterns(obj: ObjectProgram): Map<string, { id: number; map: boolean }> {
  const placed = new Set<number>();
  const maps = new Set<number>();
  for (const t of obj.btf) {
    if (t.kind !== 'datasec') continue;
    if (t.name === '.kconfig' || t.name === '.ksyms') for (const v of t.vars) placed.add(v.type);
    if (t.name === '.maps') for (const v of t.vars) maps.add(v.type);
  }
  const out = new Map<string, { id: number; map: boolean }>();
  obj.btf.forEach((t, i) => {
    // A variable, or a BPF function of another object (a FUNC of extern linkage outside .ksyms).
    if ((t.kind === 'var' || t.kind === 'func') && t.linkage === 'extern' && !placed.has(i + 1)) out.set(t.name, { id: i + 1, map: maps.has(i + 1) });
  });
  return out;
}

/**
 * What libbpf makes of each ld_imm64 of a kfunc's address (bpf_ksym_exists): a kfunc ebcc knows
 * exists in 6.18; another one exists if the kernel's BTF, when given, has a function of that name.
 */
function kfuncAddresses(obj: ObjectProgram, prog: LinkedProgram, kernelBtf: TargetBtf | undefined): Env['kfuncAddrs'] {
  const out = new Map<number, { name: string; is: 'exists' | 'missing' | 'refused' | 'unknown' }>();
  if (prog.kfuncAddrs.size === 0) return out;
  const weak = new Set((obj.undefinedSymbols ?? []).filter((s) => s.weak).map((s) => s.name));
  const kernelFuncs = kernelBtf ? new Set(kernelBtf.types.flatMap((t) => (t.kind === 'func' ? [t.name] : []))) : undefined;
  for (const [i, name] of prog.kfuncAddrs) {
    const exists = kfuncByName(name) !== undefined || kernelFuncs?.has(name);
    const is = exists ? 'exists' : kernelFuncs === undefined ? 'unknown' : weak.has(name) ? 'missing' : 'refused';
    out.set(i, { name, is });
  }
  return out;
}

/** A program that never reaches the kernel's verifier: the loader refuses it first. */
function refusedProgram(entry: FunctionCode, code: VerifyCode, headline: string, kernel: string, span: Span | undefined): ProgramResult {
  const type = findProgType(entry.section);
  const stats: ProgramStats = { processedInsns: 0, peakStates: 0, totalStates: 0, maxStatesPerInsn: 0, stackDepth: 0, stackDepths: [], timeUs: 0 };
  return {
    name: entry.name,
    section: entry.section,
    progType: type?.progType?.name ?? '?',
    accepted: false,
    kernelMessage: kernel,
    stats,
    diagnostics: [{ severity: 'error', code, message: headline, span, notes: [{ message: `the loader says: ${kernel}` }] }],
  };
}

function verifyOne(obj: ObjectProgram, entry: FunctionCode, defs: readonly MapDef[], maps: MapInfo[], license: string,
  options: VerifyOptions, coreFailures: ReadonlyMap<FunctionCode, CoreFailure[]>, externs: ReadonlyMap<string, { id: number; map: boolean }>,
  missingKsyms: readonly KsymVar[], typeIdBtf: readonly BtfType[]): ProgramResult | { error: Diagnostic } {
  const type = resolveType(entry, options.progType);
  if (typeof type === 'string') {
    return { error: { severity: 'error', code: 'V1099', message: `${entry.name}: ${type}`, span: entry.span.file >= 0 ? entry.span : undefined, notes: [] } };
  }
  const linked = linkProgram(obj, entry, defs);
  if (!linked.ok) return { error: { severity: 'error', code: 'V1099', message: `${entry.name}: ${linked.message}`, notes: [] } };
  const prog = linked.program;
  // An extern map (in ".maps") is still a map definition: a loader that loads the program on its
  // own creates it, so only the other externs refuse the program.
  for (const f of prog.functions) {
    const use = f.fn.relocs.find((r) => (r.kind === 'map' || r.kind === 'call') && externs.has(r.symbol) && !externs.get(r.symbol)!.map);
    if (!use) continue;
    if (use.kind === 'call') {
      return refusedProgram(entry, 'V1033',
        `program '${entry.name}' calls '${use.symbol}', a function of another object (extern, not __ksym): only linking with the object that defines it ` +
        '(bpftool gen object) resolves it; libbpf refuses the object as it is',
        `libbpf: failed to find BTF for extern '${use.symbol}' [${externs.get(use.symbol)!.id}] section: -2`,
        spanOf(f.fn, use.insnIndex, options));
    }
    const id = externs.get(use.symbol)!.id;
    return refusedProgram(entry, 'V1033',
      `program '${entry.name}' uses extern '${use.symbol}', which is neither __kconfig nor __ksym: only linking with the object that defines it ` +
      '(bpftool gen object) resolves it; libbpf refuses the object as it is',
      `pseudo btf_id 0 in ldimm64 isn't KIND_VAR or KIND_FUNC (libbpf: failed to find BTF for extern '${use.symbol}' [${id}])`,
      spanOf(f.fn, use.insnIndex, options));
  }
  // A strong __ksym the kernel lacks: the object does not load, and a raw load of a program that
  // loads any __ksym variable has no BTF id to give it.
  if (missingKsyms.length > 0) {
    const ksyms = new Set(ksymVariables(obj).map((v) => v.name));
    for (const f of prog.functions) {
      const use = f.fn.relocs.find((r) => r.kind === 'map' && ksyms.has(r.symbol));
      if (!use) continue;
      const names = missingKsyms.map((v) => `'${v.name}'`).join(', ');
      return refusedProgram(entry, 'V1034',
        `program '${entry.name}' loads the __ksym '${use.symbol}', and the running kernel has no ${names}: libbpf refuses the object`,
        `pseudo btf_id 0 in ldimm64 isn't KIND_VAR or KIND_FUNC (libbpf: extern ${names} (strong): not resolved)`,
        spanOf(f.fn, use.insnIndex, options));
    }
  }
  // CO-RE relocations of the linked functions: one the loader refuses outright fails the program;
  // one that poisoned an instruction fails it only where the analysis reaches that instruction.
  const poisoned = new Map<number, CoreFailure>();
  for (const f of prog.functions) {
    for (const c of coreFailures.get(f.fn) ?? []) {
      if (c.fatal) {
        const span = spanOf(f.fn, c.insnIndex, options);
        return refusedProgram(entry, 'V1032', coreFailureHeadline(c), `failed to relocate CO-RE relocation of ${c.what}: ${c.reason}`, span);
      }
      poisoned.set(f.start + c.insnIndex, c);
    }
  }
  // Without func_info the kernel knows no global function: every call is followed as a static one.
  const globals = options.noBtf ? new Map<number, GlobalFunc>() : globalFuncs(obj.btf, prog.functions, type.progType);
  const newEnv = (globalSubprog?: GlobalFunc): Env => ({
    progName: entry.name,
    insns: prog.insns,
    maps,
    progType: type.progType,
    expectedAttach: type.attach,
    gpl: GPL_COMPATIBLE.includes(license),
    ctxLayout: ctxStructOf(type.progType),
    flatCtx: FLAT_CTX[type.progType],
    pktRead: PKT_READ_TYPES.includes(type.progType),
    pktWrite: PKT_WRITE_TYPES.includes(type.progType),
    ldAbs: LD_ABS_TYPES.includes(type.progType),
    idGen: 0,
    insnIdx: 0,
    warnings: new Map(),
    noPerfmon: options.noPerfmon ?? false,
    insnLimit: options.insnLimit,
    heartbeat: options.heartbeat,
    btf: obj.btf,
    typeIdBtf,
    kfuncs: prog.kfuncs,
    kfuncAddrs: kfuncAddresses(obj, prog, options.kernelBtf),
    sleepable: type.sleepable,
    ctxArgsTrusted: ctxArgsTrusted(type.progType, type.attach, entry.section),
    ctxArgsNullable: type.attach === 'BPF_TRACE_ITER',
    kernelStructs: options.kernelBtf
      ? {
        btf: options.kernelBtf.types,
        ctxArg: BTF_CTX_TYPES.includes(type.progType) ? ctxArgStructs(options.kernelBtf, type.attach, entry.section) : () => 0,
        byName: options.kernelBtf.byName,
      }
      : undefined,
    globalFuncs: globals,
    nonScalarReturn: options.noBtf ? new Set(prog.functions.slice(1).map((f) => f.start)) : nonScalarReturns(obj.btf, prog.functions),
    funcInfo: !options.noBtf,
    globalCalled: new Set(),
    globalSubprog,
    retRange: globalSubprog ? undefined : type.retRange,
    coreFailures: poisoned,
  });
  let env = newEnv();
  const t0 = nowUs();
  let res = checkProgram(env);
  // do_check_subprogs: after the entry, each global function a verified path called, on its own.
  const verified = new Set<number>();
  const called = new Set(env.globalCalled);
  let failedIn: GlobalFunc | undefined;
  while (res.accepted) {
    const gf = [...called].filter((s) => !verified.has(s)).map((s) => globals.get(s)!).sort((a, b) => a.funcNo - b.funcNo)[0];
    if (!gf) break;
    verified.add(gf.start);
    const subEnv = newEnv(gf);
    const sub = checkProgram(subEnv);
    for (const s of subEnv.globalCalled) called.add(s);
    for (const [at, w] of subEnv.warnings) if (!env.warnings.has(at)) env.warnings.set(at, w);
    sub.stats.processedInsns += res.stats.processedInsns;
    sub.stats.totalStates += res.stats.totalStates;
    sub.stats.peakStates = Math.max(sub.stats.peakStates, res.stats.peakStates);
    sub.stats.maxStatesPerInsn = Math.max(sub.stats.maxStatesPerInsn, res.stats.maxStatesPerInsn);
    sub.stats.stackDepths = sub.stats.stackDepths.map((d, i) => Math.max(d, res.stats.stackDepths[i] ?? 0));
    if (!sub.accepted) {
      failedIn = gf;
      const warnings = env.warnings;
      env = subEnv;
      env.warnings = warnings;
    }
    res = sub;
  }
  const timeUs = Math.round(nowUs() - t0);
  const stats = toStats(res.stats, timeUs);
  const out: ProgramResult = { name: entry.name, section: entry.section, progType: type.progType, accepted: res.accepted, diagnostics: [], stats };
  for (const [at, w] of [...env.warnings].sort((a, b) => a[0] - b[0])) {
    const origin = prog.origin[at];
    out.diagnostics.push({
      severity: 'warning',
      code: w.code,
      message: `program '${entry.name}' passes uninitialised stack memory to a helper (accepted as root; the kernel refuses it without CAP_PERFMON)`,
      span: origin ? spanOf(origin.fn, origin.index, options) : undefined,
      notes: [
        { message: `instruction ${at}: ${insnText(prog, maps, at)}` },
        ...(w.info.proven ? [{ message: `proven: ${w.info.proven}` }] : []),
        ...(w.info.needed ? [{ message: `needed: ${w.info.needed}` }] : []),
      ],
    });
  }
  if (!res.accepted && res.reject) {
    const at = res.insn ?? 0;
    const text = (i: number): string => insnText(prog, maps, i);
    const origin = prog.origin[at];
    const span = origin ? spanOf(origin.fn, origin.index, options) : undefined;
    const info = res.reject.info;
    const notes: Note[] = [{ message: `instruction ${at}: ${text(at)}` }];
    if (info.proven) notes.push({ message: `proven: ${info.proven}` });
    if (info.needed) notes.push({ message: `needed: ${info.needed}` });
    for (const n of info.notes ?? []) {
      const o = prog.origin[n.insn];
      notes.push({ message: `${n.message} (instruction ${n.insn}: ${text(n.insn)})`, span: o ? spanOf(o.fn, o.index, options) : undefined });
    }
    const kernel = res.reject.kernelExtra ? `${res.reject.kernelExtra}\n${res.reject.kernel}` : res.reject.kernel;
    notes.push({ message: `the kernel's verifier says: ${kernel.split('\n').join(' / ')}` });
    out.kernelMessage = kernel;
    out.diagnostics.push({
      severity: 'error',
      code: res.reject.code,
      message: info.headline ?? `the kernel would reject program '${entry.name}': ${res.reject.kernel}`,
      span,
      notes,
    });
    if (res.path) {
      out.path = replayPath(newEnv(failedIn), res.path, {
        names: { map: (i) => maps[i] },
        text,
        span: (i) => {
          const o = prog.origin[i];
          return o ? spanOf(o.fn, o.index, options) : undefined;
        },
      });
    }
  }
  return out;
}

/** The struct each context argument points to, looked up once per argument. */
function ctxArgStructs(btf: TargetBtf, attach: string | undefined, section: string): (arg: number) => number {
  const known = new Map<number, number>();
  return (arg) => {
    let id = known.get(arg);
    if (id === undefined) known.set(arg, (id = ctxArgStruct(btf, attach, section, arg)));
    return id;
  };
}

/** prog_args_trusted: tp_btf and iter programs, lsm programs (but at two socket hooks) and struct_ops. */
function ctxArgsTrusted(progType: string, attach: string | undefined, section: string): boolean {
  if (progType === 'tracing') return attach === 'BPF_TRACE_RAW_TP' || attach === 'BPF_TRACE_ITER';
  if (progType === 'lsm') return !/\/(sk_alloc_security|sk_free_security)$/.test(section);
  return progType === 'struct_ops';
}

function insnText(prog: LinkedProgram, maps: readonly MapInfo[], i: number): string {
  const insn = prog.insns[i];
  if (!insn) return '?';
  try {
    const code = `(${insn.code.toString(16).padStart(2, '0')}) `;
    return code + disasmInsn(prog.insns, i, {
      symbolAt: (k) => {
        const x = prog.insns[k]!;
        if (x.src === 1 || x.src === 2) return maps[x.imm] ? `map[id:${x.imm}]` : undefined;
        return undefined;
      },
      helperName: (id) => helperById(id)?.name,
    }).text;
  } catch {
    return `(${insn.code.toString(16)}) ?`;
  }
}

function toStats(s: CheckStats, timeUs: number): ProgramStats {
  return {
    processedInsns: s.processedInsns,
    peakStates: s.peakStates,
    totalStates: s.totalStates,
    maxStatesPerInsn: s.maxStatesPerInsn,
    stackDepth: s.stackDepths.reduce((a, b) => a + b, 0),
    stackDepths: s.stackDepths,
    timeUs,
  };
}

function nowUs(): number {
  return typeof performance !== 'undefined' ? performance.now() * 1000 : Date.now() * 1000;
}

/**
 * The verifier as a stage of `ebcc build`: every rejection becomes an error in ctx.diags, at the
 * C line (so no object is written). Warnings of the verifier are left to `ebcc verify`.
 */
/** `verified`: the result of verifying this object before (the driver's check of a costly loop), if any. */
export function verifyCompiled(obj: ObjectProgram, ctx: CompileContext, verified?: VerifyResult): void {
  const res = verified ?? verifyObject(obj, { progType: ctx.options.progType, heartbeat: ctx.heartbeat });
  // A rejection is a warning, and the object is written, as clang writes it: a Makefile that
  // builds with clang builds with ebcc, and a wrong verdict of ebcc's never stops a build.
  // -Werror=bpf-verifier makes it an error; `ebcc verify` reports it as one.
  let first = !ctx.diags.errorFlags.has('bpf-verifier');
  for (const p of res.programs) {
    // A program in a section whose name starts with '?' is not loaded by libbpf unless the loader
    // asks for it (bpf_program__set_autoload): tests keep the programs the kernel must refuse there.
    const why = p.section.startsWith('?')
      ? { message: `'${p.name}' is in section '${p.section}': the leading '?' tells libbpf not to load it unless the loader asks, so the object's other programs load` }
      : first
        ? { message: 'the object is still written, as clang would write it (-Werror=bpf-verifier makes this an error)' }
        : undefined;
    for (const d of p.diagnostics) {
      if (d.severity !== 'error') continue;
      ctx.diags.report('warning', d.code, d.message, d.span, { notes: why ? [...d.notes, why] : d.notes });
      if (!p.section.startsWith('?')) first = false;
    }
  }
}
