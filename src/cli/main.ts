// The command line: commander wired to the driver. Exit status: 0 on
// success, 1 when the program has errors, 2 on a usage error.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { createContext, type CompileContext } from '../context.js';
import { lookupCode, CODES } from '../diag/codes.js';
import { Diagnostics } from '../diag/diagnostic.js';
import { reportInternalError } from '../diag/internal-error.js';
import { renderDiagnostics } from '../diag/render.js';
import { SourceManager } from '../diag/source.js';
import { compile } from '../driver/compile.js';
import type { IrFunction } from '../ir/ir.js';
import type { HeaderPrefixStore } from '../driver/header-prefix.js';
import { getParser } from '../parse/parse.js';
import { ParseState } from '../parse/parser-base.js';
import { printFunction, printModule } from '../ir/print.js';
import { PASS_NAMES } from '../opt/pipeline.js';
import { objdump } from '../obj/objdump.js';
import { buildSourceMap } from '../obj/source-map.js';
import { printPreprocessed } from '../pp/print.js';
import { normalizeArgs, type DepOptions, type Normalized } from './args.js';
import { NodeFileSystem, readInputBytes, sameFile, writeOutputAtomic } from './node-fs.js';
import { addCompileOptions, optionsFrom, report, type BuildFlags } from './options.js';
import { parseCacheDir, parseCacheFingerprint, readParseCache, readParseCacheOf } from './parse-cache-files.js';
import { addRunCommand } from './run.js';
import { enableOptimizingCompiler, optimizerSwitch } from './tiering.js';
import { addVerifyCommand } from './verify.js';

const VERSION = '0.1.0';

function runBuild(file: string, flags: BuildFlags, mode: Normalized, launch: Launch): number {
  const ctx = createContext(new NodeFileSystem(launch.fixedFlags ? undefined : enableOptimizingCompiler), { ...optionsFrom(flags, mode), verify: flags.verify !== false && !/\.s$/.test(file) });
  if (launch.bundleFingerprint !== undefined) ctx.parseCache = readParseCacheOf(parseCacheDir(), launch.bundleFingerprint);
  else if (launch.bundleSource !== undefined) ctx.parseCache = readParseCache(parseCacheDir(), launch.bundleSource);
  if (launch.headerPrefixes !== undefined) ctx.headerPrefixes = launch.headerPrefixes;
  if (!launch.fixedFlags) ctx.heartbeat = optimizerSwitch();
  const output = flags.output ?? basename(file).replace(/\.c$/, '') + (mode.assembly ? '.s' : '.o');
  if (mode.verbose) process.stderr.write(verboseText(ctx));
  if (mode.deps?.mode === 'print') {
    compile(file, ctx, 'pp');
    if (!ctx.diags.hasErrors()) writeDeps(ctx, mode.deps, file, flags.output ?? basename(file).replace(/\.c$/, '') + '.o', true);
    return report(ctx, flags);
  }
  if (mode.preprocessOnly || flags.emit === 'tokens') {
    const out = compile(file, ctx, 'pp');
    if (out.tokens && !ctx.diags.hasErrors()) {
      const text = guard(ctx, 'the preprocessed-text printer', () => printPreprocessed(out.tokens!, ctx));
      if (text !== undefined && flags.output) writeOutputs(ctx, file, [{ path: flags.output, data: text }]);
      else if (text !== undefined) process.stdout.write(text);
    }
    return report(ctx, flags);
  }
  if (mode.syntaxOnly) {
    compile(file, ctx, 'sema');
    return report(ctx, flags);
  }
  if (flags.emit === 'ast') {
    const out = compile(file, ctx, 'parse');
    if (out.ast) process.stdout.write(JSON.stringify(out.ast, (k, v) => (k === 'span' ? undefined : typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
    return report(ctx, flags);
  }
  if (flags.emit === 'ir' || flags.dumpAfter) {
    const dumpAfter = flags.dumpAfter;
    const hooks = dumpAfter
      ? { afterPass: (pass: string, fn: IrFunction) => pass === dumpAfter && process.stdout.write(`; after ${pass}\n${printFunction(fn)}`) }
      : {};
    const out = compile(file, ctx, 'ir', hooks);
    if (out.ir && flags.emit === 'ir') process.stdout.write(printModule(out.ir));
    return report(ctx, flags);
  }
  if (flags.emit === 'asm' || mode.assembly) {
    const out = compile(file, ctx, 'obj');
    const elf = out.elf;
    const text = elf && !ctx.diags.hasErrors() ? guard(ctx, 'the disassembler', () => objdump(elf, file, ctx.diags, { source: true, relocs: true }) ?? '') : undefined;
    if (text !== undefined && !ctx.diags.hasErrors() && mode.assembly) {
      if (writeOutputs(ctx, file, [{ path: output, data: text }]) && mode.deps) writeDeps(ctx, mode.deps, file, output, false);
    } else if (text !== undefined && !ctx.diags.hasErrors()) process.stdout.write(text);
    return report(ctx, flags);
  }
  const out = compile(file, ctx, 'obj');
  const elf = out.elf;
  const object = out.object;
  if (elf && object && !ctx.diags.hasErrors()) {
    const files: OutputFile[] = [{ path: output, data: elf }];
    if (flags.sourceMap && ctx.options.debugInfo) {
      const map = guard(ctx, 'the source-map writer', () => buildSourceMap(object, basename(output), ctx));
      if (map !== undefined) files.push({ path: `${output}.map`, data: map });
    }
    if (!ctx.diags.hasErrors() && writeOutputs(ctx, file, files) && mode.deps) writeDeps(ctx, mode.deps, file, output, false);
  }
  return report(ctx, flags);
}

/** Runs a step after the compile proper; an exception in it is an internal error (E0003). */
function guard<T>(ctx: CompileContext, stage: string, step: () => T): T | undefined {
  try {
    return step();
  } catch (e) {
    reportInternalError(ctx.diags, stage, e);
    return undefined;
  }
}

interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

/**
 * Writes a build's outputs all or nothing: never over the input, each complete before it
 * appears (temporary file, then rename). Reports E0004 and returns false on failure.
 */
function writeOutputs(ctx: CompileContext, input: string, files: OutputFile[]): boolean {
  for (const f of files) {
    if (sameFile(f.path, input)) {
      ctx.diags.error('E0004', `cannot write '${f.path}': it is the input file; choose another output with -o`);
      return false;
    }
  }
  const written: string[] = [];
  for (const f of files) {
    const error = writeOutputAtomic(f.path, f.data);
    if (error !== undefined) {
      ctx.diags.error('E0004', `cannot write '${f.path}': ${error}`);
      for (const p of written) rmSync(p, { force: true }); // no object without its map
      return false;
    }
    written.push(f.path);
  }
  return true;
}

/** -v: the version and where headers are searched, as clang prints them. */
function verboseText(ctx: CompileContext): string {
  const o = ctx.options;
  const lines = [`ebcc version ${VERSION} (BPF C compiler; no LLVM)`, 'Target: bpfel', `#include "..." search starts here:`];
  for (const d of o.quoteDirs ?? []) lines.push(` ${d}`);
  lines.push('#include <...> search starts here:');
  for (const d of [...o.includeDirs, ...(o.systemDirs ?? []), `${o.stdlibDir} (ebcc's own headers)`, ...(o.afterDirs ?? [])]) lines.push(` ${d}`);
  lines.push('End of search list.');
  return lines.join('\n') + '\n';
}

/**
 * Writes a make dependency file (-MD/-MMD, -M/-MM): "target: source headers...", every file the
 * preprocessor read, in the order it first read them; with -MMD/-MM without ebcc's own headers and
 * -isystem ones; with -MP a phony rule per header so make survives a deleted header.
 */
function writeDeps(ctx: CompileContext, deps: DepOptions, source: string, output: string, toStdout: boolean): void {
  const o = ctx.options;
  const systemDirs = [o.stdlibDir, ...(o.systemDirs ?? [])].map((d) => d.replace(/\/+$/, '') + '/');
  const files: string[] = [];
  for (const f of ctx.sources.files) {
    if (files.includes(f.path) || f.path.startsWith('<')) continue; // <built-in>, <command line>
    if (deps.userOnly && files.length > 0 && systemDirs.some((d) => f.path.startsWith(d))) continue;
    files.push(f.path);
  }
  const esc = (p: string) => p.replace(/([ #])/g, '\\$1').replace(/\$/g, '$$$$');
  const targets = deps.targets.length > 0 ? deps.targets.join(' ') : esc(output);
  let text = `${targets}: ${files.map(esc).join(' \\\n  ')}\n`;
  if (deps.phony) for (const f of files.slice(1)) text += `\n${esc(f)}:\n`;
  const path = deps.file ?? (toStdout ? undefined : output.replace(/\.[^./]*$/, '') + '.d');
  if (path === undefined || path === '-') process.stdout.write(text);
  else writeOutputs(ctx, source, [{ path, data: text }]);
}

function runObjdump(file: string, flags: { source?: boolean; reloc?: boolean; section?: string }): number {
  const ctx = createContext(new NodeFileSystem());
  const input = readInputBytes(file);
  if ('error' in input) {
    ctx.diags.error('E0001', `${input.error}: '${file}'`);
    return report(ctx, {} as BuildFlags);
  }
  const text = guard(ctx, 'the disassembler', () =>
    objdump(input.bytes, file, ctx.diags, { source: flags.source, relocs: flags.reloc, section: flags.section, fs: ctx.fs }),
  );
  if (text !== undefined) process.stdout.write(text);
  return report(ctx, {} as BuildFlags);
}

/**
 * How the CLI was started: by bin/ebcc.js from the bundle (whose text identifies the parse cache),
 * from a startup snapshot of the bundle (which records the text's fingerprint), or from tsc's output.
 */
export interface Launch {
  bundleSource?: string;
  bundleFingerprint?: string;
  /** A snapshot's recorded header prefixes (driver/header-prefix.ts), or a store to record them into. */
  headerPrefixes?: HeaderPrefixStore;
  /** The startup snapshot's build: V8's flags stay as they are (the blob records them, and every start must repeat them). */
  fixedFlags?: boolean;
}

export { parseCacheFingerprint, readParseCacheOf };

/**
 * Lets go of what the last compile left reachable through the process's one parser: its input
 * and the state of the last parse (every token and declaration of that unit). The next parse
 * installs its own, so nothing changes for it. The startup snapshot's build calls this after its
 * warm-up compiles: without it the blob carried the last warm-up program's tokens and tree
 * (3.4 MB of the 15 MB heap), which every start deserialized.
 */
export function releaseParserState(): void {
  const parser = getParser();
  parser.input = [];
  parser.useState(new ParseState([], new Map()));
}

export async function main(args: string[], launch: Launch = {}): Promise<number> {
  const clang = normalizeArgs(args);
  const { argv } = clang;
  if (clang.errors.length > 0) {
    for (const e of clang.errors) process.stderr.write(`ebcc: ${e}\n`);
    return 2;
  }
  if (clang.dryRun) {
    // clang -### prints the commands it would run and runs none; ebcc runs no other program.
    process.stderr.write(`ebcc version ${VERSION} (BPF C compiler; no LLVM)\nTarget: bpfel\n ${['ebcc', ...argv].map((a) => JSON.stringify(a)).join(' ')}\n`);
    return 0;
  }
  const program = new Command('ebcc')
    .description('a compiler for restricted C that targets eBPF, with a built-in verifier')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  addCompileOptions(
    program
      .command('build', { isDefault: true })
      .description('compile a C file to a BPF object (the default command)')
      .argument('<file>', 'C source file')
      .option('-o, --output <file>', 'output object file')
      .addOption(new Option('--emit <form>', 'print an intermediate form instead').choices(['tokens', 'ast', 'ir', 'asm']))
      .addOption(new Option('--dump-after <pass>', 'print the IR after each run of an optimisation pass').choices([...PASS_NAMES]))
      .option('--no-verify', 'do not run the built-in verifier on the object (see README: reporting a wrong verdict)')
      .option('--source-map', 'also write OUT.o.map, a source map v3 from instruction slots to C lines (needs debug info: not with -g0)'),
  ).action((file: string, flags: BuildFlags) => {
    if (flags.sourceMap && flags.g === false) throw new CommanderError(2, 'ebcc.sourcemap', "error: --source-map maps the line table that -g0 turns off: drop -g0");
    process.exitCode = runBuild(file, flags, clang, launch);
  });

  addCompileOptions(program.command('check').description('run the front end only: report diagnostics').argument('<file>', 'C source file')).action(
    (file: string, flags: BuildFlags) => {
      process.exitCode = runBuild(file, flags, { ...clang, preprocessOnly: false, syntaxOnly: true }, launch);
    },
  );

  addRunCommand(program, clang);
  addVerifyCommand(program, clang);

  program
    .command('objdump')
    .description('disassemble a BPF object in the kernel log syntax')
    .argument('<file>', 'BPF ELF object (ebcc\'s or clang\'s)')
    .option('-S, --source', 'interleave source lines (.BTF.ext line info, else DWARF)')
    .option('-r, --reloc', 'show relocations')
    .option('--section <name>', 'only this program section')
    .action((file: string, flags: { source?: boolean; reloc?: boolean; section?: string }) => {
      process.exitCode = runObjdump(file, flags);
    });

  program
    .command('explain')
    .description('explain a diagnostic code, e.g. ebcc explain E3101')
    .argument('[code]', 'code or name; without one, list every code')
    .action((code?: string) => {
      if (!code) {
        for (const [c, info] of Object.entries(CODES)) process.stdout.write(`${c}  ${info.name.padEnd(28)} ${info.title}\n`);
        process.exitCode = 0;
        return;
      }
      const found = lookupCode(code);
      if (!found) {
        process.stderr.write(`ebcc: error: unknown diagnostic code '${code}'; 'ebcc explain' lists them\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(`${found.code} (${found.info.name}): ${found.info.title}\n\n${found.info.explanation}\n`);
      process.exitCode = 0;
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      if (e.code.startsWith('ebcc.')) process.stderr.write(`${e.message}\n`);
      return 2;
    }
    // Outside a compile (which reports its own): still a diagnostic, never a stack trace.
    const diags = new Diagnostics();
    reportInternalError(diags, 'the command line', e);
    process.stderr.write(renderDiagnostics(diags.list, new SourceManager(), { color: false }));
    return 1;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
