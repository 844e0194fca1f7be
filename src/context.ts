// The context every stage receives: options, the diagnostics sink, the
// sources read so far, and the file system. No stage keeps module-level state.
import { Diagnostics, type WarningMode } from './diag/diagnostic.js';
import type { FileSystem } from './diag/fs.js';
import { SourceManager } from './diag/source.js';
import type { HeaderPrefixStore } from './driver/header-prefix.js';
import type { ParseCache } from './parse/parse-cache.js';

export interface CompileOptions {
  /** -I directories, searched in order before stdlibDir. */
  includeDirs: string[];
  /** -iquote directories: searched for "name" includes only, before the -I directories. */
  quoteDirs?: string[];
  /** -isystem directories: searched after -I, before stdlibDir. */
  systemDirs?: string[];
  /** -idirafter directories: searched after stdlibDir. */
  afterDirs?: string[];
  /** -D NAME[=VALUE], in command-line order. */
  defines: { name: string; value?: string }[];
  /** -U NAME. */
  undefs: string[];
  /** -include FILE. */
  forcedIncludes: string[];
  /** Directory holding ebcc's freestanding headers (stdlib/include). */
  stdlibDir: string;
  /** -O0 or -O2. */
  optLevel: 0 | 2;
  /** -g: emit debug info (.BTF.ext line info, DWARF, source map). */
  debugInfo: boolean;
  /**
   * -std=c23 (c2x, gnu23, gnu2x): bool, true and false are keywords (C23 6.4.1) and
   * __STDC_VERSION__ is 202311L. Other -std values all compile as gnu17.
   */
  c23?: boolean;
  /**
   * Library functions whose calls are not the builtins (-ffreestanding and -fno-builtin: '*';
   * -fno-builtin-memset: 'memset'). Otherwise a call of memcpy, memmove, memset, memcmp or bcmp
   * is __builtin_NAME's, as clang takes it, even where the file declares or defines its own.
   */
  noBuiltins?: string[];
  /**
   * false: every helper pointer declaration of a system header is parsed and checked where it
   * stands, instead of when its name is first used (parse/lazy-decls.ts); tests compare the two.
   */
  lazyDeclarations?: boolean;
  /** -mcpu=vN. */
  mcpu: 1 | 2 | 3 | 4;
  /** -mprog-type=NAME: the program type to check programs in sections libbpf cannot map. */
  progType?: string;
  /** -Werror (warnings are errors) or -w (no warnings). */
  warnings?: WarningMode;
  /** Warning flags turned off with -Wno-FLAG (clang's names, without -W). */
  disabledWarnings?: string[];
  /** Warning flags made errors with -Werror=FLAG. */
  errorWarnings?: string[];
  /** Warning flags turned on with -WFLAG (-Wall, -Wunused-variable): the warnings off by default. */
  enabledWarnings?: string[];
  /** The compilation directory recorded in DWARF (DW_AT_comp_dir); the CLI passes its cwd. Default '.'. */
  compDir?: string;
  /**
   * Run the built-in verifier on the generated object; a rejection is a warning at the C line
   * (flag bpf-verifier), and the object is still written.
   */
  verify?: boolean;
}

export interface CompileContext {
  options: CompileOptions;
  diags: Diagnostics;
  sources: SourceManager;
  fs: FileSystem;
  /** Declarations recorded at build time for ebcc's own headers (src/parse/parse-cache.ts); the CLI sets it. */
  parseCache?: ParseCache;
  /** Front-end states after common leading #include lines (driver/header-prefix.ts); the CLI started from a snapshot sets it. */
  headerPrefixes?: HeaderPrefixStore;
  /**
   * Constant loops too large to unroll whose paths might multiply the kernel's walk past the
   * unroller's estimate (opt/unroll.ts): `kept` is set when one stays a loop, and `keptIn` names
   * the functions that keep one; with `unroll` they are unrolled instead (the driver's second try,
   * when ebcc's verifier does not accept a program that may run one).
   */
  costlyLoops?: { kept: boolean; unroll: boolean; keptIn?: Set<string> };
  /**
   * Static functions kept as BPF-to-BPF calls (lower/inline-policy.ts): lowering fills `outlined`;
   * with `all` every call is inlined instead (the driver's second try, when ebcc's verifier does
   * not accept a program of the outlined object).
   */
  inlining?: { all: boolean; outlined?: Set<string> };
  /**
   * Called now and then by the stages whose work grows with the program (before each optimisation
   * pass, per function in lowering and code generation, every 1,024 instructions the verifier
   * processes). The CLI switches V8's optimising compiler on from here once a compile has lasted
   * long enough to pay for it; it never changes what a compile produces.
   */
  heartbeat?: () => void;
}

export function defaultOptions(overrides: Partial<CompileOptions> = {}): CompileOptions {
  return {
    includeDirs: [],
    defines: [],
    undefs: [],
    forcedIncludes: [],
    stdlibDir: '/ebcc/stdlib/include',
    optLevel: 2,
    debugInfo: true,
    mcpu: 3,
    ...overrides,
  };
}

export function createContext(fs: FileSystem, options: Partial<CompileOptions> = {}): CompileContext {
  const opts = defaultOptions(options);
  const diags = new Diagnostics(100, opts.warnings ?? 'warn');
  for (const flag of opts.disabledWarnings ?? []) diags.disabledFlags.add(flag);
  for (const flag of opts.errorWarnings ?? []) diags.errorFlags.add(flag);
  for (const flag of opts.enabledWarnings ?? []) diags.enabledFlags.add(flag);
  return { options: opts, diags, sources: new SourceManager(), fs };
}
