// Options shared by the commands that compile (build, check, run): the flags, their defaults,
// and the mapping to CompileOptions. Diagnostics are reported through report().
import { fileURLToPath } from 'node:url';
import { CommanderError, Option, type Command } from 'commander';
import { progTypeByName, PROG_TYPES } from '../bpf/prog-types.js';
import type { CompileContext, CompileOptions } from '../context.js';
import { diagnosticsToJson, renderDiagnostics } from '../diag/render.js';
import type { Normalized } from './args.js';

export interface BuildFlags {
  output?: string;
  include: string[];
  define: string[];
  undef: string[];
  I: string[];
  optLevel: string;
  g?: boolean;
  mcpu?: string;
  progType?: string;
  target?: string;
  emit?: string;
  dumpAfter?: string;
  diagnostics?: string;
  color?: boolean;
  /** ebcc build: --source-map writes OUT.o.map. */
  sourceMap?: boolean;
  /** ebcc build: false with --no-verify. */
  verify?: boolean;
}

export function collect(value: string, prev: string[]): string[] {
  return [...prev, value];
}

export function stdlibDir(): string {
  return fileURLToPath(new URL('../../stdlib/include', import.meta.url));
}

export function optionsFrom(flags: BuildFlags, clang: Normalized): Partial<CompileOptions> {
  const cpuMatch = flags.mcpu === undefined ? ['v3', '3'] : /^v?([1-4])$/.exec(flags.mcpu);
  if (!cpuMatch) throw new CommanderError(2, 'ebcc.mcpu', `error: unsupported -mcpu=${flags.mcpu}: use v1, v2, v3 or v4`);
  const mcpu = Number(cpuMatch[1]);
  if (!/^[0-3sz]$|^fast$/.test(flags.optLevel)) {
    throw new CommanderError(2, 'ebcc.optlevel', `error: invalid optimisation level '${flags.optLevel}' in --opt-level: use 0, 1, 2, 3, s, z or fast (-O0 optimises only what the verifier needs; the others all mean -O2)`);
  }
  if (flags.target && !/^bpf(el)?$/.test(flags.target)) throw new CommanderError(2, 'ebcc.target', `error: unsupported target '${flags.target}': ebcc compiles for bpf (little endian) only`);
  if (flags.progType !== undefined && !progTypeByName(flags.progType)) {
    throw new CommanderError(2, 'ebcc.progtype', `error: unknown program type '${flags.progType}' in -mprog-type=: use one of ${PROG_TYPES.map((p) => p.name).join(', ')}`);
  }
  return {
    includeDirs: flags.I,
    quoteDirs: clang.quoteDirs,
    systemDirs: clang.systemDirs,
    afterDirs: clang.afterDirs,
    progType: flags.progType,
    warnings: clang.noWarnings ? 'ignore' : clang.warningsAsErrors ? 'error' : 'warn',
    disabledWarnings: clang.disabledWarnings,
    errorWarnings: clang.errorWarnings,
    enabledWarnings: clang.enabledWarnings,
    defines: flags.define.map((d) => {
      const eq = d.indexOf('=');
      return eq < 0 ? { name: d } : { name: d.slice(0, eq), value: d.slice(eq + 1) };
    }),
    undefs: flags.undef,
    forcedIncludes: flags.include,
    stdlibDir: stdlibDir(),
    optLevel: flags.optLevel === '0' ? 0 : 2,
    debugInfo: flags.g !== false,
    mcpu: mcpu as 1 | 2 | 3 | 4,
    c23: clang.c23,
    ...(clang.noBuiltins.length > 0 ? { noBuiltins: clang.noBuiltins } : {}),
    compDir: process.cwd(),
  };
}

export function report(ctx: CompileContext, flags: BuildFlags): number {
  if (flags.diagnostics === 'json') process.stdout.write(JSON.stringify(diagnosticsToJson(ctx.diags.list, ctx.sources), null, 2) + '\n');
  else process.stderr.write(renderDiagnostics(ctx.diags.list, ctx.sources, { color: flags.color ?? process.stderr.isTTY }));
  return ctx.diags.hasErrors() ? 1 : 0;
}

export function addCompileOptions(cmd: Command): Command {
  return cmd
    .option('-I <dir>', 'add a directory to the include search path', collect, [])
    .option('-D, --define <name[=value]>', 'define a macro', collect, [])
    .option('-U, --undef <name>', 'undefine a macro', collect, [])
    .option('--include <file>', 'include a file before the source', collect, [])
    .option('--opt-level <n>', 'optimisation level (-O0 or -O2)', '2')
    .option('--mcpu <version>', 'BPF ISA version: v1, v2, v3 (default) or v4')
    .option('--prog-type <type>', 'program type for programs whose section names none (-mprog-type=)')
    .option('--target <triple>', 'target (only bpf)')
    .option('-g', 'emit debug info: .BTF.ext line info and DWARF (the default)')
    .option('--no-g', 'no debug info (-g0)')
    .addOption(new Option('--diagnostics <format>', 'diagnostic format').choices(['text', 'json']).default('text'))
    .option('--color', 'colour diagnostics')
    .option('--no-color', 'no colour');
}

