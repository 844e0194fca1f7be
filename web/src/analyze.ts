// What the playground shows for one source text: diagnostics with their explanations, and per
// program the instructions in the kernel log's syntax grouped by the C line they came from.
// It runs the same driver as the command line, over an in-memory file system that holds the
// page's source and ebcc's stdlib headers. No DOM here: the worker and the tests both call it.
import { disasmInsn } from '../../src/bpf/disasm.js';
import type { FunctionCode, ObjectProgram } from '../../src/bpf/object.js';
import { createContext } from '../../src/context.js';
import { CODES, type Code } from '../../src/diag/codes.js';
import type { Diagnostic } from '../../src/diag/diagnostic.js';
import { MemoryFileSystem } from '../../src/diag/fs.js';
import { diagnosticsToJson, renderDiagnostics } from '../../src/diag/render.js';
import type { SourceManager } from '../../src/diag/source.js';
import { compile } from '../../src/driver/compile.js';
import { verifyObject } from '../../src/verify/index.js';
import { kernelLogText } from '../../src/verify/log-text.js';
import type { FailingPath } from '../../src/verify/path.js';
import type { RegValue } from '../../src/verify/state.js';

export type { RegValue };

/** Where the stdlib headers live in the in-memory file system. */
export const STDLIB_DIR = '/ebcc/stdlib/include';
/** The page's source file. */
export const SOURCE_PATH = 'prog.c';

export interface PageDiagnostic {
  severity: string;
  code: string;
  /** The code's title, and its `ebcc explain` text. */
  title: string;
  explanation: string;
  message: string;
  /** In the page's source: offsets for the editor, 1-based line and column for lists. */
  inSource: boolean;
  from: number;
  to: number;
  line: number;
  col: number;
  /** The file the diagnostic is in when it is not the page's source (a header). */
  file?: string;
  notes: { message: string; line?: number; file?: string }[];
}

export interface InsnLine {
  /** Slot index within the function. */
  index: number;
  text: string;
}

export interface InsnGroup {
  /** 1-based C line in the page's source, or 0 when the instructions have no line. */
  line: number;
  source: string;
  insns: InsnLine[];
}

export interface ProgramListing {
  name: string;
  section: string;
  /** Instruction slots (an ld_imm64 counts two, as the kernel counts). */
  slots: number;
  /** Bytes of stack below r10 that the code touches. */
  stackBytes: number;
  groups: InsnGroup[];
}

/** A conditional jump on the failing path and the way the path went. */
export interface BranchView {
  insn: number;
  text: string;
  taken: boolean;
  /** Where the path went next. */
  to: number;
  /** The state decided the outcome; otherwise both ways were possible and this is the one that fails. */
  decided: boolean;
}

/** Consecutive instructions of the failing path from one C line. */
export interface PathLine {
  /** 1-based line in the page's source, 0 when the instructions come from elsewhere. */
  line: number;
  source: string;
  /** `N: (bf) r2 = r0`, in the kernel log's syntax. */
  insns: string[];
  branches: BranchView[];
  /** The registers and stack slots these instructions touched, as they left them (`R2=pkt(off=14,r=0)`). */
  touched: RegValue[];
  /** The call depth (0: the program's own function). */
  frame: number;
  /** The line of the rejection: the whole state before the rejected instruction. */
  atRejection?: RegValue[];
}

/** The failing path grouped by C line, with each line's register states. */
function pathLines(path: FailingPath | undefined, sources: SourceManager): PathLine[] {
  const out: PathLine[] = [];
  const srcId = sources.files.find((f) => f.path === SOURCE_PATH)?.id ?? -1;
  const steps = path?.steps ?? [];
  steps.forEach((step, k) => {
    const line = step.span && step.span.file === srcId ? sources.lineCol(srcId, step.span.start).line : 0;
    let group = out[out.length - 1];
    if (!group || group.line !== line || group.frame !== step.frame) {
      group = { line, source: line > 0 ? sources.lineText(srcId, line).trim() : '', insns: [], branches: [], touched: [], frame: step.frame };
      out.push(group);
    }
    group.insns.push(`${step.insn}: ${step.text}`);
    if (step.branch) {
      const next = steps[k + 1]?.insn ?? (step.branch.taken ? step.branch.target : step.insn + 1);
      group.branches.push({ insn: step.insn, text: step.text.replace(/^\([0-9a-f]{2}\) /, ''), taken: step.branch.taken, to: next, decided: step.branch.decided });
    }
    for (const v of step.after ?? []) {
      const i = group.touched.findIndex((t) => t.name === v.name);
      if (i >= 0) group.touched[i] = v;
      else group.touched.push(v);
    }
    if (k === steps.length - 1 && !path!.incomplete) group.atRejection = step.before;
  });
  for (const g of out) g.touched.sort((a, b) => regOrder(a.name) - regOrder(b.name));
  return out;
}

/** R0..R10 first, then the stack slots from fp-8 down. */
function regOrder(name: string): number {
  return name.startsWith('R') ? Number(name.slice(1)) : 100 - Number(name.slice(2));
}

/** The built-in verifier's verdict on one program. */
export interface VerifierView {
  name: string;
  section: string;
  progType: string;
  accepted: boolean;
  processedInsns: number;
  peakStates: number;
  stackDepth: number;
  verifyMs: number;
  /** The rejection, at its C line, with what was proven, what was needed and the fix. */
  diagnostics: PageDiagnostic[];
  kernelMessage?: string;
  /** The failing path, by C line: instructions, branch decisions and register states. */
  path: PathLine[];
  /** Instructions of a long path left out before the first of `path`. */
  pathOmitted: number;
  /** The whole log in the kernel's format, for bpfvv. */
  logText: string;
}

export interface PageResult {
  /** Built, and every program accepted by the verifier. */
  ok: boolean;
  built: boolean;
  diagnostics: PageDiagnostic[];
  /** The diagnostics as the command line prints them. */
  rendered: string;
  programs: ProgramListing[];
  verifier: VerifierView[];
  /** The object file, when the build succeeded. */
  elf?: Uint8Array;
  compileMs: number;
  verifyMs: number;
}

/** The in-memory file system of the page: the stdlib headers plus the source. */
export function pageFileSystem(stdlib: Readonly<Record<string, string>>, source: string): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  for (const [rel, text] of Object.entries(stdlib)) fs.set(`${STDLIB_DIR}/${rel}`, text);
  return fs.set(SOURCE_PATH, source);
}

function toPageDiagnostics(list: readonly Diagnostic[], sources: SourceManager): PageDiagnostic[] {
  const json = diagnosticsToJson(list, sources);
  return list.map((d, i) => {
    const j = json[i]!;
    const info = CODES[d.code as Code];
    const inSource = d.span !== undefined && d.span.file >= 0 && sources.get(d.span.file).path === SOURCE_PATH;
    return {
      severity: d.severity,
      code: d.code,
      title: info.title,
      explanation: info.explanation,
      message: d.message,
      inSource,
      from: inSource ? d.span!.start : 0,
      to: inSource ? Math.max(d.span!.end, d.span!.start + 1) : 0,
      line: j.line ?? 0,
      col: j.column ?? 0,
      file: inSource ? undefined : j.file,
      notes: j.notes.map((n) => ({ message: n.message, line: n.line, file: n.file === SOURCE_PATH ? undefined : n.file })),
    };
  });
}

/** Deepest stack byte below r10 that an instruction addresses. */
function stackDepth(fn: FunctionCode): number {
  let depth = 0;
  for (const insn of fn.insns) {
    const cls = insn.code & 7;
    const isMem = cls === 1 || cls === 2 || cls === 3;
    const base = cls === 1 ? insn.src : insn.dst;
    if (isMem && base === 10 && insn.off < 0) depth = Math.max(depth, -insn.off);
  }
  return depth;
}

function listing(fn: FunctionCode, sources: SourceManager): ProgramListing {
  const srcId = sources.files.find((f) => f.path === SOURCE_PATH)?.id ?? -1;
  const lineAt = new Map<number, number>();
  for (const l of fn.lines) lineAt.set(l.insnIndex, l.span.file === srcId ? sources.lineCol(srcId, l.span.start).line : 0);
  const mapAt = new Map(fn.relocs.filter((r) => r.kind === 'map').map((r) => [r.insnIndex, `map[${r.symbol}]`]));
  const callAt = new Map(fn.relocs.filter((r) => r.kind === 'call').map((r) => [r.insnIndex, r.symbol]));
  const groups: InsnGroup[] = [];
  let line = 0;
  for (let i = 0; i < fn.insns.length; ) {
    line = lineAt.get(i) ?? line;
    let { text, slots } = disasmInsn(fn.insns, i, { symbolAt: (k) => mapAt.get(k) });
    const callee = callAt.get(i);
    if (callee !== undefined) text = `call ${callee}`;
    const last = groups[groups.length - 1];
    if (last && last.line === line) last.insns.push({ index: i, text });
    else groups.push({ line, source: line > 0 ? sources.lineText(srcId, line).trim() : '', insns: [{ index: i, text }] });
    i += slots;
  }
  return { name: fn.name, section: fn.section, slots: fn.insns.length, stackBytes: stackDepth(fn), groups };
}

/** What one compile gives the worker: the page's view, and the object and sources it keeps for runs. */
export interface PageCompile {
  result: PageResult;
  object: ObjectProgram | undefined;
  sources: SourceManager;
}

/** Compiles `source` as the page does; never throws for user input. */
export function compilePage(source: string, stdlib: Readonly<Record<string, string>>, now: () => number = () => Date.now()): PageCompile {
  const start = now();
  const ctx = createContext(pageFileSystem(stdlib, source), { stdlibDir: STDLIB_DIR });
  const out = compile(SOURCE_PATH, ctx);
  const compileMs = now() - start;
  const programs = out.object?.functions.map((fn) => listing(fn, ctx.sources)) ?? [];
  const built = !ctx.diags.hasErrors() && out.elf !== undefined;
  const verifier: VerifierView[] = [];
  const rejections: Diagnostic[] = [];
  const verifyStart = now();
  if (built && out.object) {
    const res = verifyObject(out.object);
    for (const p of res.programs) {
      rejections.push(...p.diagnostics);
      verifier.push({
        name: p.name, section: p.section, progType: p.progType, accepted: p.accepted,
        processedInsns: p.stats.processedInsns, peakStates: p.stats.peakStates, stackDepth: p.stats.stackDepth,
        verifyMs: p.stats.timeUs / 1000,
        diagnostics: toPageDiagnostics(p.diagnostics, ctx.sources),
        kernelMessage: p.kernelMessage,
        path: pathLines(p.path, ctx.sources),
        pathOmitted: p.path?.omitted ?? 0,
        logText: kernelLogText(p, { level: 2, sources: ctx.sources }),
      });
    }
  }
  const verifyMs = now() - verifyStart;
  const all = [...ctx.diags.list, ...rejections];
  return {
    result: {
      ok: built && verifier.every((v) => v.accepted),
      built,
      diagnostics: toPageDiagnostics(all, ctx.sources),
      rendered: renderDiagnostics(all, ctx.sources),
      programs,
      verifier,
      elf: out.elf,
      compileMs,
      verifyMs,
    },
    object: built ? out.object : undefined,
    sources: ctx.sources,
  };
}

/** The page's view of one compile. */
export function analyzeSource(source: string, stdlib: Readonly<Record<string, string>>, now: () => number = () => Date.now()): PageResult {
  return compilePage(source, stdlib, now).result;
}
