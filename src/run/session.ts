// The run stage's entry: createSession(object, options) loads one program of an object the way
// libbpf and BPF_PROG_TEST_RUN would (maps created and filled from the object, every program of
// the object linked so tail calls can reach them), and session.run(input) runs it on one packet.
// Map contents carry over from run to run, as in repeated kernel test runs; `repeat` runs the
// program several times on the same context, as BPF_PROG_TEST_RUN's repeat does.
//
// A fault (an access outside every object, an unimplemented helper, an invalid instruction) ends
// the run with an error that names the instruction, its disassembly and its source line.
import { disasmInsn } from '../bpf/disasm.js';
import type { FunctionCode, ObjectProgram } from '../bpf/object.js';
import { findProgType } from '../bpf/prog-types.js';
import { helperById } from '../bpf/helpers.js';
import type { Code } from '../diag/codes.js';
import type { SourceManager, Span } from '../diag/source.js';
import { mapDefinitions, type MapDef } from '../obj/map-defs.js';
import { createContext, type ContextModel, type KernelRefusal } from './context.js';
import { decode, type Code as DecodedCode } from './decode.js';
import { bindHelpers, type FibRoute, type HelperEnv, type RedirectTarget } from './helpers.js';
import { execute, Machine, MAX_CALL_FRAMES, RunFault, STACK_BYTES, type FaultKind, type MachineHost } from './interp.js';
import { linkProgram, programFunctions, type LinkedProgram } from './link.js';
import { createMap, RefArrayMap, type BpfMap, type MapEvent } from './maps.js';
import { Memory, type Region } from './memory.js';

export interface SessionOptions {
  /** The entry function to run; default: the object's only program (or its first). */
  program?: string;
  /** CPUs of per-CPU maps (default 1); the program runs on CPU 0. */
  cpus?: number;
  /** bpf_ktime_get_ns starts here and advances by clockStepNs per call (defaults 1e9 and 1000). */
  clockNs?: bigint;
  clockStepNs?: bigint;
  /** Seed of bpf_get_prandom_u32 (default 1). */
  seed?: number;
  /** Instructions one run may execute before it is stopped (default 100 million). */
  insnLimit?: number;
  fibRoutes?: FibRoute[];
  /** Resolves instruction spans to lines, for objects compiled in this process. */
  sources?: SourceManager;
}

/** A source position of an instruction. */
export interface SourceLine {
  file: string;
  line: number;
  col: number;
  text: string;
  span: Span | undefined;
}

export type RunErrorKind = FaultKind | 'input';

/** The diagnostic code of each kind of run error (src/diag/codes/run.ts). */
export const RUN_ERROR_CODES: Readonly<Record<RunErrorKind, Code>> = {
  memory: 'E9001', helper: 'E9002', limit: 'E9003', instruction: 'E9004', input: 'E9005',
};

export interface RunError {
  kind: RunErrorKind;
  message: string;
  /** The faulting slot in the linked program (undefined for input errors), its function and disassembly. */
  pc?: number;
  function?: string;
  insnText?: string;
  line?: SourceLine;
}

export interface TraceEntry {
  pc: number;
  function: string;
  text: string;
  line: SourceLine | undefined;
  /** Registers the instruction changed, with their new values (and what a pointer points at). */
  changes: { reg: number; value: bigint; points?: string }[];
}

export interface RunInput {
  /** The program (function) to run; default: the session's. */
  program?: string;
  packet: Uint8Array;
  /** ctx_in: an xdp_md or __sk_buff image. */
  ctx?: Uint8Array;
  /** Runs the program this many times on the same context (default 1). */
  repeat?: number;
  trace?: boolean;
  /** Trace entries kept at most (default 100000). */
  traceLimit?: number;
}

export interface RunResult {
  /** The low 32 bits of R0, unsigned: what BPF_PROG_TEST_RUN reports. */
  retval: number;
  r0: bigint;
  packetOut: Uint8Array;
  /** Where packetOut starts relative to the input packet's first byte (negative: the head grew). */
  packetOutShift: number;
  ctxOut: Uint8Array | undefined;
  error: RunError | undefined;
  /** When the kernel's test runner would refuse this input (a packet under 14 bytes), why. */
  kernelRefusal: KernelRefusal;
  /** Instructions executed, over all repetitions. */
  insnCount: number;
  events: MapEvent[];
  printk: string[];
  redirect: RedirectTarget | undefined;
  trace: TraceEntry[] | undefined;
}

/** One map's entries as user space sees them (per-CPU values concatenated, each padded to 8). */
export interface MapDump {
  name: string;
  type: string;
  keySize: number;
  valueSize: number;
  entries: { key: Uint8Array; value: Uint8Array; perCpu?: Uint8Array[] }[];
}

export type SessionResult = { ok: true; session: RunSession } | { ok: false; message: string };

export function createSession(obj: ObjectProgram, options: SessionOptions = {}): SessionResult {
  const programs = programFunctions(obj);
  if (programs.length === 0) return { ok: false, message: 'the object has no program (no function in a SEC() section)' };
  const entry = options.program === undefined ? programs[0]! : programs.find((p) => p.name === options.program);
  if (!entry) {
    return { ok: false, message: `no program named '${options.program}'; the object has ${programs.map((p) => p.name).join(', ')}` };
  }
  const kind = programKind(entry.section);
  if (!kind) return { ok: false, message: `section '${entry.section}' of '${entry.name}' names no program type ebcc run knows (it runs xdp, tc and socket buffer programs)` };
  const defs = mapDefinitions(obj);
  const linked: LinkedProgram[] = [];
  for (const p of programs) {
    const r = linkProgram(obj, p, defs);
    if (!r.ok) {
      if (p === entry) return { ok: false, message: r.message };
      continue;
    }
    linked.push(r.program);
  }
  const mem = new Memory();
  const session = new RunSession(obj, entry, kind.progType, defs, linked, mem, options);
  const ctx = session.contextFor(entry.name);
  if (typeof ctx === 'string') return { ok: false, message: ctx };
  return { ok: true, session };
}

/** The program type (and expected attach type) a section selects. */
function programKind(section: string): { progType: string; expectedAttach: string | undefined } | undefined {
  const match = findProgType(section);
  const progType = match?.progType?.name;
  if (!progType) return undefined;
  return { progType, expectedAttach: match?.kind === 'modern' ? match.def.expectedAttachType?.cName : undefined };
}

const SIGN_BIT = 1n << 63n;

function regValue(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

export class RunSession implements MachineHost {
  readonly maps: BpfMap[];
  /** The context of the program running now (or last run). */
  ctx!: ContextModel;
  /** Context models by program type and expected attach type, created on first use. */
  private readonly contexts = new Map<string, ContextModel>();
  private readonly sections = new Map<string, string>();
  readonly machine: Machine;
  readonly code: DecodedCode;
  /** All linked programs back to back; entries by function name. */
  private readonly insns: LinkedProgram['insns'];
  private readonly origin: LinkedProgram['origin'];
  private readonly entries = new Map<string, number>();
  private readonly env: HelperEnv;
  private readonly stacks: Region[] = [];

  constructor(
    readonly obj: ObjectProgram,
    readonly entry: FunctionCode,
    readonly progType: string,
    defs: MapDef[],
    linked: LinkedProgram[],
    readonly mem: Memory,
    private readonly options: SessionOptions,
  ) {
    const cpus = Math.max(1, options.cpus ?? 1);
    this.maps = defs.map((d, i) => createMap(d, i, mem, cpus));
    this.insns = [];
    this.origin = [];
    for (const p of linked) {
      this.entries.set(p.name, this.insns.length);
      this.sections.set(p.name, p.section);
      this.insns.push(...p.insns);
      this.origin.push(...p.origin);
    }
    this.code = decode(this.insns);
    this.machine = new Machine(this.code, mem, this);
    this.machine.insnLimit = options.insnLimit ?? 100_000_000;
    this.machine.mapRegion = Int32Array.from(this.maps.map((m) => m.region.id));
    this.machine.mapValueRegion = Int32Array.from(this.maps.map((m) => m.directValue()?.id ?? 0));
    for (let d = 0; d < MAX_CALL_FRAMES; d++) {
      const r = mem.add('stack', `stack of frame ${d}`, new Uint8Array(STACK_BYTES));
      this.stacks.push(r);
      this.machine.stackRegion[d] = r.id;
    }
    this.env = {
      maps: this.maps,
      ctx: undefined as unknown as ContextModel, // set by run()
      progType,
      cpus,
      clockNs: options.clockNs ?? 1_000_000_000n,
      clockStepNs: options.clockStepNs ?? 1000n,
      rngState: (options.seed ?? 1) | 0 || 1,
      fibRoutes: options.fibRoutes ?? [],
      events: [],
      printk: [],
      redirect: undefined,
      tailCalls: 0,
      entryOf: (name) => this.entries.get(name),
    };
    this.machine.helpers = bindHelpers(this.env);
  }

  /** The context model a program runs with, or why it has none. */
  contextFor(program: string): ContextModel | string {
    const known = this.programContexts.get(program);
    if (known !== undefined) return known;
    const ctx = this.makeContext(program);
    this.programContexts.set(program, ctx);
    return ctx;
  }

  private readonly programContexts = new Map<string, ContextModel | string>();

  private makeContext(program: string): ContextModel | string {
    const section = this.sections.get(program);
    if (section === undefined) return `no program named '${program}'; the object has ${this.programNames().join(', ')}`;
    const kind = programKind(section);
    if (!kind) return `section '${section}' of '${program}' names no program type ebcc run knows (it runs xdp, tc and socket buffer programs)`;
    const key = `${kind.progType}/${kind.expectedAttach ?? ''}`;
    let ctx = this.contexts.get(key);
    if (!ctx) {
      const made = createContext(kind.progType, kind.expectedAttach, this.mem);
      if (!made) return `ebcc run has no context model for ${kind.progType} programs (it runs xdp, tc and socket buffer programs)`;
      ctx = made;
      this.contexts.set(key, ctx);
    }
    return ctx;
  }

  /** The programs of the object that can be tail-called or run, by name. */
  programNames(): string[] {
    return [...this.entries.keys()];
  }

  mapByName(name: string): BpfMap | undefined {
    return this.maps.find((m) => m.name === name);
  }

  /** Fills a map from user space (as bpftool map update would). Returns an error message or undefined. */
  updateMap(name: string, key: Uint8Array, value: Uint8Array | string): string | undefined {
    const map = this.mapByName(name);
    if (!map) return `no map named '${name}'`;
    if (key.length !== map.def.keySize) return `map '${name}' has ${map.def.keySize}-byte keys, not ${key.length}`;
    if (map instanceof RefArrayMap && map.typeName === 'prog_array') {
      if (typeof value !== 'string') return `map '${name}' is a prog_array: give a program name as the value`;
      if (!this.entries.has(value)) return `no program named '${value}' in the object`;
      const i = map.index32(key);
      if (i >= map.def.maxEntries) return `index ${i} is outside prog_array '${name}'`;
      map.programs.set(i, value);
      map.valueBytes(i).set([1, 0, 0, 0]);
      return undefined;
    }
    if (typeof value === 'string') return `map '${name}' takes bytes as values`;
    const stride = (map.def.valueSize + 7) & ~7;
    let values: Uint8Array[];
    if (value.length === map.def.valueSize) values = [value];
    else if (map.perCpu && value.length % stride === 0 && value.length > 0) {
      values = [];
      for (let at = 0; at < value.length; at += stride) values.push(value.subarray(at, at + map.def.valueSize));
    } else return `map '${name}' has ${map.def.valueSize}-byte values, not ${value.length}`;
    const err = map.userUpdate(key, values);
    return err < 0 ? `map '${name}': update failed (errno ${-err})` : undefined;
  }

  /** Every map's contents. */
  dumpMaps(): MapDump[] {
    return this.maps.map((m) => ({
      name: m.name,
      type: m.typeName,
      keySize: m.def.keySize,
      valueSize: m.def.valueSize,
      entries: m.entries().map((e) => {
        const value = m.perCpu ? concatPerCpu(e.values, m.def.valueSize) : e.values[0]!;
        return m.perCpu ? { key: e.key, value, perCpu: e.values } : { key: e.key, value };
      }),
    }));
  }

  /** Why the kernel's test runner would refuse this input (undefined: it would run it); nothing runs. */
  kernelRefusal(input: Pick<RunInput, 'program' | 'packet' | 'ctx'>): KernelRefusal {
    const ctx = this.contextFor(input.program ?? this.entry.name);
    return typeof ctx === 'string' ? undefined : ctx.prepare(input).refusal;
  }

  run(input: RunInput): RunResult {
    const m = this.machine;
    const env = this.env;
    const program = input.program ?? this.entry.name;
    env.events = [];
    env.printk = [];
    env.redirect = undefined;
    const result: RunResult = {
      retval: 0, r0: 0n, packetOut: new Uint8Array(0), packetOutShift: 0, ctxOut: undefined, error: undefined,
      kernelRefusal: undefined, insnCount: 0, events: env.events, printk: env.printk, redirect: undefined, trace: undefined,
    };
    const ctx = this.contextFor(program);
    if (typeof ctx === 'string') {
      result.error = { kind: 'input', message: ctx };
      return result;
    }
    this.ctx = ctx;
    env.ctx = ctx;
    const prep = ctx.prepare(input);
    result.kernelRefusal = prep.refusal;
    if (prep.error !== undefined) {
      result.error = { kind: 'input', message: prep.error };
      return result;
    }
    for (let d = 0; d <= m.maxDepth; d++) this.stacks[d]!.bytes.fill(0);
    m.maxDepth = 0;
    const trace = input.trace ? new Tracer(this, input.traceLimit ?? 100_000) : undefined;
    m.trace = trace ? (pc) => trace.before(pc) : undefined;
    const repeat = Math.max(1, input.repeat ?? 1);
    const start = this.entries.get(program)!;
    let total = 0;
    try {
      for (let i = 0; i < repeat; i++) {
        m.lo.fill(0);
        m.hi.fill(0);
        m.hi[1] = this.ctx.ctxRegion.id;
        m.lo[10] = STACK_BYTES;
        m.hi[10] = m.stackRegion[0]!;
        m.depth = 0;
        m.jumpTo = -1;
        m.insnCount = 0;
        env.tailCalls = 0;
        execute(m, start);
        total += m.insnCount;
      }
    } catch (e) {
      if (!(e instanceof RunFault)) throw e;
      total += m.insnCount;
      result.error = this.describeFault(e);
    } finally {
      trace?.finish();
      m.trace = undefined;
      this.mem.endRun();
    }
    result.insnCount = total;
    result.r0 = regValue(m.lo[0]!, m.hi[0]!);
    result.retval = m.lo[0]! >>> 0;
    result.packetOut = this.ctx.packetOut();
    result.packetOutShift = this.ctx.packetOutShift();
    result.ctxOut = this.ctx.ctxOut();
    result.redirect = env.redirect;
    result.trace = trace?.entries;
    return result;
  }

  // ---- MachineHost ----

  load(m: Machine, regionId: number, offset: number, sizeBytes: number): void {
    const r = this.mem.get(regionId);
    if (r?.kind === 'ctx') return this.ctx.load(m, offset, sizeBytes);
    m.fault(this.accessMessage('read', r, regionId, offset, sizeBytes, m));
  }

  store(m: Machine, regionId: number, offset: number, sizeBytes: number, lo: number, hi: number): void {
    const r = this.mem.get(regionId);
    if (r?.kind === 'ctx') return this.ctx.store(m, offset, sizeBytes, lo, hi);
    m.fault(this.accessMessage('write', r, regionId, offset, sizeBytes, m));
  }

  loadPacket(_m: Machine, offset: number, sizeBytes: number): number {
    return this.ctx.loadPacket(offset, sizeBytes);
  }

  unknownHelper(m: Machine, id: number): never {
    const info = helperById(id);
    if (!info) m.fault(`call of helper #${id}, which does not exist`, 'instruction');
    m.fault(`helper ${info.name} (#${id}) is not implemented by ebcc run`, 'helper');
  }

  private accessMessage(what: 'read' | 'write', r: Region | undefined, regionId: number, offset: number, sizeBytes: number, m: Machine): string {
    const access = `invalid ${what} of ${sizeBytes} byte${sizeBytes === 1 ? '' : 's'}`;
    if (!r) {
      const addr = regValue(offset | 0, regionId);
      return `${access} at address 0x${addr.toString(16)}, which is in no object${addr === 0n ? ' (a NULL pointer)' : ''}`;
    }
    if (r.kind === 'map') return `${access} through a map pointer (${r.name}): maps are passed to helpers, not dereferenced`;
    if (what === 'write' && r.wend === r.start && r.end > r.start) return `${access} to ${r.name}, which is read-only`;
    const rel = r.kind === 'packet' ? offset - this.packetBase() : offset;
    const size = r.kind === 'packet' ? r.end - this.packetBase() : r.end - r.start;
    const where = r.kind === 'packet' ? `packet offset ${rel}` : r.kind === 'stack' ? `r10${offset - STACK_BYTES >= 0 ? '+' : ''}${offset - STACK_BYTES}` : `offset ${rel}`;
    void m;
    return `${access} at ${where} of ${r.name}, which has ${size} byte${size === 1 ? '' : 's'}`;
  }

  private packetBase(): number {
    return (this.ctx as { data?: number }).data ?? 0;
  }

  /** What a register holding (hi, lo) points at, if it is a pointer: "pkt+14", "fp-8", "map counts". */
  describePointer(lo: number, hi: number): string | undefined {
    const r = this.mem.get(hi);
    if (!r) return undefined;
    const signed = (n: number): string => (n < 0 ? `${n}` : `+${n}`);
    switch (r.kind) {
      case 'packet': return `pkt${signed(lo - this.packetBase())}`;
      case 'stack': return `fp${signed(lo - STACK_BYTES)}${r.id === this.machine.stackRegion[this.machine.depth] ? '' : ` (${r.name})`}`;
      case 'ctx': return `ctx${signed(lo)}`;
      case 'map': return r.name;
      default: return `${r.name}${signed(lo)}`;
    }
  }

  // ---- source lines ----

  functionOf(pc: number): FunctionCode | undefined {
    return this.origin[pc]?.fn;
  }

  disasm(pc: number): string {
    const names = (i: number): string | undefined => {
      const insn = this.insns[i];
      if (!insn || (insn.src !== 1 && insn.src !== 2)) return undefined;
      const map = this.maps[insn.imm];
      return map ? `map[${map.name}]` : undefined;
    };
    return disasmInsn(this.insns, pc, { symbolAt: names }).text;
  }

  lineOf(pc: number): SourceLine | undefined {
    const o = this.origin[pc];
    if (!o) return undefined;
    let span: Span | undefined;
    for (const l of o.fn.lines) {
      if (l.insnIndex > o.index) break;
      span = l.span;
    }
    const sources = this.options.sources;
    if (!span || !sources || span.file < 0 || span.file >= sources.files.length) return undefined;
    const { line, col } = sources.lineCol(span.file, span.start);
    return { file: sources.get(span.file).path, line, col, text: sources.lineText(span.file, line), span };
  }

  private describeFault(e: RunFault): RunError {
    return {
      kind: e.kind,
      message: e.message,
      pc: e.pc,
      function: this.functionOf(e.pc)?.name,
      insnText: e.pc >= 0 && e.pc < this.insns.length ? this.disasm(e.pc) : undefined,
      line: this.lineOf(e.pc),
    };
  }
}

function concatPerCpu(values: Uint8Array[], valueSize: number): Uint8Array {
  const stride = (valueSize + 7) & ~7;
  const out = new Uint8Array(stride * values.length);
  values.forEach((v, i) => out.set(v, i * stride));
  return out;
}

/** Records, for each executed instruction, the registers it changed. */
class Tracer {
  readonly entries: TraceEntry[] = [];
  private prevPc = -1;
  private readonly lo = new Int32Array(11);
  private readonly hi = new Int32Array(11);

  constructor(private readonly s: RunSession, private readonly limit: number) {}

  before(pc: number): void {
    this.flush();
    this.prevPc = pc;
    this.lo.set(this.s.machine.lo);
    this.hi.set(this.s.machine.hi);
  }

  finish(): void {
    this.flush();
    this.prevPc = -1;
  }

  private flush(): void {
    const pc = this.prevPc;
    if (pc < 0 || this.entries.length >= this.limit) return;
    const m = this.s.machine;
    const changes: TraceEntry['changes'] = [];
    for (let r = 0; r <= 10; r++) {
      if (m.lo[r] === this.lo[r] && m.hi[r] === this.hi[r]) continue;
      const points = this.s.describePointer(m.lo[r]!, m.hi[r]!);
      changes.push(points === undefined ? { reg: r, value: regValue(m.lo[r]!, m.hi[r]!) } : { reg: r, value: regValue(m.lo[r]!, m.hi[r]!), points });
    }
    this.entries.push({ pc, function: this.s.functionOf(pc)?.name ?? '?', text: this.s.disasm(pc), line: this.s.lineOf(pc), changes });
  }
}

/** A register value for display: pointers as region+offset are left to the caller. */
export function signed64(v: bigint): bigint {
  return v & SIGN_BIT ? v - (1n << 64n) : v;
}
