// `ebcc verify FILE.o|FILE.c|FILE.s`: predicts the Linux verifier's verdict on every program of
// an object with ebcc's verifier (src/verify/) and reports each rejection at the C line. C lines
// of an ELF object come from its .BTF.ext line_info (the source file when it can be read, else
// the line texts the object carries). Exit status: 0 when every selected program is accepted,
// 1 when one is rejected or the input is damaged, 2 on a usage error.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { FunctionCode, ObjectProgram } from '../bpf/object.js';
import { createContext } from '../context.js';
import type { Diagnostic } from '../diag/diagnostic.js';
import { Diagnostics } from '../diag/diagnostic.js';
import { diagnosticsToJson, renderDiagnostics } from '../diag/render.js';
import { SourceManager, type Span } from '../diag/source.js';
import { compile } from '../driver/compile.js';
import { readBtfExt, readObject, type LineInfoRecord } from '../obj/read.js';
import { verifyObject, type ProgramResult } from '../verify/index.js';
import { ksymVariables } from '../verify/ksyms.js';
import { kernelLogText } from '../verify/log-text.js';
import type { Normalized } from './args.js';
import { needKernelBtf } from '../bpf/core-relo.js';
import { needsKernelStructs } from '../verify/kernel-struct.js';
import { DEFAULT_KERNEL_BTF, loadKernelBtf, loadKernelSymbols } from './kernel-btf.js';
import { NodeFileSystem } from './node-fs.js';
import { enableOptimizingCompiler, optimizerSwitch } from './tiering.js';
import { addCompileOptions, optionsFrom, type BuildFlags } from './options.js';

interface VerifyFlags extends BuildFlags {
  program?: string;
  progType?: string;
  logLevel?: string;
  stats?: boolean;
  kernelBtf?: string;
  /** false with --no-btf */
  btf?: boolean;
}

export function addVerifyCommand(program: Command, clang: Normalized): void {
  addCompileOptions(
    program
      .command('verify')
      .description('predict the Linux verifier\'s verdict on each program of an object, with rejections at the C line')
      .argument('<file>', 'a BPF object (ebcc\'s, clang\'s or GCC\'s), or a C or assembly file to compile first')
      .option('--program <name>', 'only this program (its function name)')
      .option('--log-level <n>', '1: print the failing path in the kernel log\'s format, each instruction with the registers it touched; 2: also the whole state where each C line begins')
      .option('--stats', 'print per program: verdict, processed instructions, peak states, stack depth')
      .option('--no-btf', 'model a loader that passes no BTF (a raw bpf() load): maps without value types, programs without func_info')
      .option('--kernel-btf <file>', `the kernel BTF that CO-RE relocations are applied to, as libbpf applies them before loading (default ${DEFAULT_KERNEL_BTF}; 'none': verify the code unrelocated)`),
  ).action((file: string, flags: VerifyFlags) => {
    process.exitCode = verifyCommand(file, flags, clang);
  });
}

interface Loaded {
  obj: ObjectProgram;
  sources: SourceManager;
  lineOf?: (fn: FunctionCode, index: number) => Span | undefined;
}

function usageError(message: string): number {
  process.stderr.write(`ebcc verify: error: ${message}\n`);
  return 2;
}

/** Spans for instructions of an ELF object, from its line_info records. */
function lineMapper(obj: ObjectProgram, records: readonly LineInfoRecord[], sources: SourceManager): (fn: FunctionCode, index: number) => Span | undefined {
  const files = new Map<string, number>();
  const fileId = (name: string): number => {
    let id = files.get(name);
    if (id !== undefined) return id;
    let text: string | undefined;
    try {
      text = readFileSync(name, 'utf8');
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      // The object carries the text of each line it refers to: rebuild a file with those lines.
      const lines: string[] = [];
      for (const r of records) if (r.fileName === name && r.line > 0) lines[r.line - 1] = r.lineText;
      text = Array.from({ length: lines.length }, (_, i) => lines[i] ?? '').join('\n') + '\n';
    }
    id = sources.add(name, text).id;
    files.set(name, id);
    return id;
  };
  // Byte offset of each function within its section.
  const startOf = new Map<FunctionCode, number>();
  const bySection = new Map<string, number>();
  for (const fn of obj.functions) {
    const at = bySection.get(fn.section) ?? 0;
    startOf.set(fn, at);
    bySection.set(fn.section, at + fn.insns.length * 8);
  }
  return (fn, index) => {
    const byte = (startOf.get(fn) ?? 0) + index * 8;
    let best: LineInfoRecord | undefined;
    for (const r of records) {
      if (r.section !== fn.section || r.insnOff > byte) continue;
      if (!best || r.insnOff >= best.insnOff) best = r;
    }
    if (!best || best.line === 0) return undefined;
    const id = fileId(best.fileName);
    const f = sources.get(id);
    const start = (f.lineStarts[best.line - 1] ?? 0) + Math.max(0, best.col - 1);
    const lineEnd = f.lineStarts[best.line] !== undefined ? f.lineStarts[best.line]! - 1 : f.text.length;
    return { file: id, start: Math.min(start, lineEnd), end: lineEnd };
  };
}

function load(file: string, flags: VerifyFlags, clang: Normalized, color: boolean): Loaded | undefined {
  if (/\.o$/.test(file)) {
    const diags = new Diagnostics();
    const sources = new SourceManager();
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch {
      diags.error('E0001', `no such file or directory: '${file}'`);
      process.stderr.write(renderDiagnostics(diags.list, sources, { color }));
      return undefined;
    }
    const obj = readObject(bytes, diags, file);
    const ext = obj ? readBtfExt(bytes, new Diagnostics(), file) : undefined;
    process.stderr.write(renderDiagnostics(diags.list, sources, { color }));
    if (!obj || diags.hasErrors()) return undefined;
    return { obj, sources, lineOf: ext && ext.lineInfo.length > 0 ? lineMapper(obj, ext.lineInfo, sources) : undefined };
  }
  const ctx = createContext(new NodeFileSystem(enableOptimizingCompiler), optionsFrom({ ...flags, progType: undefined } as BuildFlags, clang));
  ctx.heartbeat = optimizerSwitch();
  const out = compile(file, ctx, 'codegen');
  process.stderr.write(renderDiagnostics(ctx.diags.list, ctx.sources, { color }));
  if (ctx.diags.hasErrors() || !out.object) return undefined;
  return { obj: out.object, sources: ctx.sources };
}

export function statsLine(p: ProgramResult): string {
  const s = p.stats;
  return `${p.name} (${p.section}, ${p.progType}): ${p.accepted ? 'accepted' : 'rejected'}; processed ${s.processedInsns} insns, ` +
    `peak_states ${s.peakStates}, total_states ${s.totalStates}, stack depth ${s.stackDepths.join('+') || '0'}, ` +
    `verification time ${s.timeUs} usec`;
}

function verifyCommand(file: string, flags: VerifyFlags, clang: Normalized): number {
  const color = flags.color ?? process.stderr.isTTY;
  const level = flags.logLevel === undefined ? 0 : Number(flags.logLevel);
  if (!Number.isInteger(level) || level < 0 || level > 2) return usageError(`--log-level must be 0, 1 or 2, not '${flags.logLevel}'`);
  const loaded = load(file, flags, clang, color);
  if (!loaded) return 1;
  let kernelBtf;
  const ksyms = ksymVariables(loaded.obj);
  if (loaded.obj.functions.some((f) => needKernelBtf(f.coreRelos)) || ksyms.some((v) => v.typed) || needsKernelStructs(loaded.obj)) {
    const k = loadKernelBtf(flags.kernelBtf);
    if (k && 'error' in k) return usageError(k.error);
    kernelBtf = k;
  }
  // Typeless __ksym variables are looked up in the running kernel's symbols, as libbpf does.
  const kernelSymbols = ksyms.some((v) => !v.typed) && flags.kernelBtf === undefined ? loadKernelSymbols() : undefined;
  const res = verifyObject(loaded.obj, { program: flags.program, progType: flags.progType, lineOf: loaded.lineOf, kernelBtf, kernelSymbols, noBtf: flags.btf === false, heartbeat: optimizerSwitch() });
  const diags: Diagnostic[] = [...res.diagnostics];
  for (const p of res.programs) diags.push(...p.diagnostics);
  if (flags.diagnostics === 'json') {
    process.stdout.write(JSON.stringify({
      programs: res.programs.map((p) => ({ name: p.name, section: p.section, progType: p.progType, accepted: p.accepted, stats: p.stats, kernelMessage: p.kernelMessage })),
      diagnostics: diagnosticsToJson(diags, loaded.sources),
    }, null, 2) + '\n');
  } else {
    if (level > 0) {
      for (const p of res.programs) {
        if (!p.path) continue;
        process.stdout.write(kernelLogText(p, { level: level === 1 ? 1 : 2, sources: loaded.sources }));
      }
    }
    process.stderr.write(renderDiagnostics(diags, loaded.sources, { color }));
    if (flags.stats) for (const p of res.programs) process.stdout.write(statsLine(p) + '\n');
  }
  if (res.diagnostics.some((d) => d.severity === 'error')) return 1;
  return res.programs.every((p) => p.accepted) ? 0 : 1;
}
