// Rewrites clang-style arguments into the long options commander parses, so
// ebcc works as a drop-in `clang -target bpf` in Makefiles. The clang options
// that have no commander equivalent (dependency files, -Werror, -v, -###, search
// path kinds) are collected into `Normalized` for the CLI to act on.
export interface DepOptions {
  /** -MD/-MMD (write while compiling) or -M/-MM (print instead of compiling). */
  mode: 'write' | 'print';
  /** -MMD/-MM: leave out system headers (ebcc's own and -isystem ones). */
  userOnly: boolean;
  /** -MF FILE. */
  file?: string;
  /** -MT/-MQ targets, in order. */
  targets: string[];
  /** -MP: a phony target per header. */
  phony: boolean;
}

export interface Normalized {
  argv: string[];
  /** -E given: print preprocessed output. */
  preprocessOnly: boolean;
  /** -fsyntax-only given. */
  syntaxOnly: boolean;
  /** -S given: write the instructions as text (ebcc's assembly listing) instead of an object. */
  assembly: boolean;
  /** -emit-llvm given. */
  emitLlvm: boolean;
  /** -Werror / -Wno-error, last one wins. */
  warningsAsErrors: boolean;
  /** -w: no warnings. */
  noWarnings: boolean;
  /** The FLAG of each -Wno-FLAG still in force (a later -WFLAG turns it back on). */
  disabledWarnings: string[];
  /** -Werror=FLAG, less those -Wno-error=FLAG takes back. */
  errorWarnings: string[];
  /** The FLAG of each -WFLAG still in force (-Wall; a later -Wno-FLAG takes it back). */
  enabledWarnings: string[];
  /** -std=c23, gnu23, c2x or gnu2x (the last -std= wins). */
  c23: boolean;
  /** Library functions not to take as builtins: '*' for all (-ffreestanding, -fno-builtin), or -fno-builtin-NAME's names. */
  noBuiltins: string[];
  /** -v: print the version and search list. */
  verbose: boolean;
  /** -###: print what would run, run nothing. */
  dryRun: boolean;
  /** -iquote directories (searched for "..." includes only, before -I). */
  quoteDirs: string[];
  /** -isystem directories (searched after -I). */
  systemDirs: string[];
  /** -idirafter directories (searched after ebcc's own headers). */
  afterDirs: string[];
  deps?: DepOptions;
  /** Usage errors found while rewriting. */
  errors: string[];
}

/** -f options whose meaning is already ebcc's behaviour, or that only affect other targets. */
const IGNORED_F = /^-f(no-)?(stack-protector(-.*)?|asynchronous-unwind-tables|unwind-tables|jump-tables|common|pic|PIC|pie|PIE|strict-aliasing|omit-frame-pointer|inline(-.*)?|unroll-loops|verbose-asm|ident|signed-char|unsigned-char|short-enums|delete-null-pointer-checks|strict-overflow|wrapv|trapv|exceptions|optimize-sibling-calls|merge-all-constants|zero-initialized-in-bss|function-sections|data-sections|debug-info-for-profiling|debug-types-section|standalone-debug|ms-extensions|gnu89-inline|asm|gnu-keywords|caret-diagnostics|show-column|show-source-location|diagnostics-show-option|sanitize=.*|macro-backtrace-limit=.*|error-limit=.*|template-backtrace-limit=.*|message-length=.*|diagnostics-format=.*|debug-prefix-map=.*|macro-prefix-map=.*|file-prefix-map=.*|max-type-align=.*|trivial-auto-var-init=.*|stack-clash-protection|cf-protection(=.*)?|visibility=.*|no-strict-aliasing)$/;

export function normalizeArgs(args: string[]): Normalized {
  const n: Normalized = {
    argv: [],
    preprocessOnly: false,
    syntaxOnly: false,
    assembly: false,
    emitLlvm: false,
    warningsAsErrors: false,
    disabledWarnings: [],
    errorWarnings: [],
    enabledWarnings: [],
    noWarnings: false,
    c23: false,
    noBuiltins: [],
    verbose: false,
    dryRun: false,
    quoteDirs: [],
    systemDirs: [],
    afterDirs: [],
    errors: [],
  };
  const argv = n.argv;
  // Only compiling takes clang's options; the other commands have their own (objdump -S).
  if (args[0] === 'objdump' || args[0] === 'explain') {
    argv.push(...args);
    return n;
  }
  const deps = (): DepOptions => (n.deps ??= { mode: 'write', userOnly: false, targets: [], phony: false });
  // An option that takes a value either joined (-isystemDIR) or as the next argument.
  const value = (i: number, flag: string): [string, number] => {
    const a = args[i]!;
    if (a.length > flag.length) return [a.slice(flag.length).replace(/^=/, ''), i];
    const v = args[i + 1];
    if (v === undefined) n.errors.push(`error: argument to '${flag}' is missing (expected 1 value)`);
    return [v ?? '', i + 1];
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-target') {
      argv.push('--target', args[++i] ?? '');
    } else if (/^-O([0-3sz]|fast)?$/.test(a)) {
      argv.push('--opt-level', a === '-O0' ? '0' : '2');
    } else if (a.startsWith('-mcpu=')) {
      const cpu = a.slice('-mcpu='.length);
      // clang: "generic" is v1; "probe" asks the running kernel, which ebcc does not do: v3.
      argv.push('--mcpu', cpu === 'generic' ? 'v1' : cpu === 'probe' ? 'v3' : cpu);
    } else if (a.startsWith('-mprog-type=')) {
      argv.push('--prog-type', a.slice('-mprog-type='.length));
    } else if (a === '-mlittle-endian' || a === '-mno-big-endian' || /^-mattr=/.test(a)) {
      // BPF little endian is what ebcc emits; -mattr (alu32, dwarfris) changes nothing ebcc does.
    } else if (a === '-mbig-endian') {
      n.errors.push("error: unsupported option '-mbig-endian': ebcc compiles for little-endian BPF (bpfel) only");
    } else if (a === '-Xclang' || a === '-mllvm' || a === '-Xlinker' || a === '-Xassembler') {
      i++; // the option's argument belongs to clang's internals: nothing for ebcc
    } else if (a === '-Werror') {
      n.warningsAsErrors = true;
    } else if (a === '-Wno-error') {
      n.warningsAsErrors = false;
    } else if (a.startsWith('-Wp,')) {
      // -Wp,-MD,FILE (kbuild): options for the preprocessor, comma separated.
      const parts = a.slice(4).split(',');
      for (let k = 0; k < parts.length; k++) {
        const p = parts[k]!;
        if (p === '-MD' || p === '-MMD') {
          deps().userOnly = p === '-MMD';
          if (parts[k + 1] !== undefined) deps().file = parts[++k];
        } else if (p === '-MT' || p === '-MQ') deps().targets.push(parts[++k] ?? '');
        else if (p === '-MP') deps().phony = true;
      }
    } else if (a.startsWith('-W') || a === '-pedantic' || a === '-pedantic-errors' || a === '-ansi') {
      // Every -W form clang accepts (-Wall, -Wextra, -Wno-foo, -Werror=foo, -Wno-error=foo, -W).
      // -Wno-FLAG turns off the warnings clang names FLAG (the codes' clangFlags), -WFLAG turns
      // them back on, and turns on those off by default that it names (-Wall turns on
      // -Wunused-variable); -Werror=FLAG makes them errors and -Wno-error=FLAG takes that back;
      // the other forms change nothing in ebcc.
      const e = /^-W(no-)?error=([a-z0-9][a-z0-9-]*)$/.exec(a);
      if (e) {
        n.errorWarnings = n.errorWarnings.filter((f) => f !== e[2]);
        if (!e[1]) n.errorWarnings.push(e[2]!);
      }
      const m = /^-W(no-)?([a-z0-9][a-z0-9-]*)$/.exec(a);
      if (m && !m[2]!.startsWith('error')) {
        n.disabledWarnings = n.disabledWarnings.filter((f) => f !== m[2]);
        if (m[1]) n.disabledWarnings.push(m[2]!);
        n.enabledWarnings = n.enabledWarnings.filter((f) => f !== m[2]);
        if (!m[1]) n.enabledWarnings.push(m[2]!);
      }
    } else if (a === '-w') {
      n.noWarnings = true;
    } else if (a.startsWith('-std=')) {
      // ebcc compiles one dialect, gnu17 (gnu89 to gnu11 sources compile as it); C23 adds the
      // keywords bool, true and false.
      n.c23 = /^(c|gnu)(2x|23)$/.test(a.slice('-std='.length));
    } else if (a === '-ffreestanding' || a === '-fno-builtin') {
      n.noBuiltins = ['*'];
    } else if (a.startsWith('-fno-builtin-')) {
      n.noBuiltins.push(a.slice('-fno-builtin-'.length));
    } else if (a === '-fbuiltin' || a === '-fhosted') {
      n.noBuiltins = [];
    } else if (a === '-c' || a === '-nostdinc' || a === '-nostdlib' || a === '-pipe' || a === '-Qunused-arguments' || a === '-no-integrated-as') {
      // Accepted for clang compatibility: ebcc always compiles one file to an object and never
      // reads the host's headers.
    } else if (a === '-emit-llvm') {
      n.emitLlvm = true;
    } else if (a === '-S') {
      n.assembly = true;
    } else if (a === '-fcolor-diagnostics' || a === '-fdiagnostics-color' || a === '-fdiagnostics-color=always') {
      argv.push('--color');
    } else if (a === '-fno-color-diagnostics' || a === '-fno-diagnostics-color' || a === '-fdiagnostics-color=never') {
      argv.push('--no-color');
    } else if (IGNORED_F.test(a) || a === '-fdiagnostics-color=auto') {
      // Code-generation switches for other targets, or what ebcc does anyway.
    } else if (a === '-g0') {
      argv.push('--no-g');
    } else if (/^-g([1-3]|line-tables-only|dwarf(-[45])?|btf|column-info|no-column-info)?$/.test(a) || a === '-ggdb') {
      argv.push('-g');
    } else if (a === '-E') {
      n.preprocessOnly = true;
    } else if (a === '-fsyntax-only') {
      n.syntaxOnly = true;
    } else if (a === '-v' || a === '--verbose') {
      n.verbose = true;
    } else if (a === '-###') {
      n.dryRun = true;
    } else if (a === '-x') {
      const lang = args[++i];
      if (lang !== 'c') n.errors.push(`error: ebcc compiles C only: '-x ${lang ?? ''}' is not supported`);
    } else if (a === '-include') {
      argv.push('--include', args[++i] ?? '');
    } else if (a.startsWith('-isystem')) {
      const [v, j] = value(i, '-isystem');
      n.systemDirs.push(v);
      i = j;
    } else if (a.startsWith('-idirafter')) {
      const [v, j] = value(i, '-idirafter');
      n.afterDirs.push(v);
      i = j;
    } else if (a.startsWith('-iquote')) {
      const [v, j] = value(i, '-iquote');
      n.quoteDirs.push(v);
      i = j;
    } else if (a === '-MD' || a === '-MMD') {
      deps().userOnly = a === '-MMD';
    } else if (a === '-M' || a === '-MM') {
      deps().mode = 'print';
      deps().userOnly = a === '-MM';
    } else if (a.startsWith('-MF')) {
      const [v, j] = value(i, '-MF');
      deps().file = v;
      i = j;
    } else if (a.startsWith('-MT') || a.startsWith('-MQ')) {
      const [v, j] = value(i, a.slice(0, 3));
      deps().targets.push(a.startsWith('-MQ') ? v.replace(/\$/g, '$$$$') : v);
      i = j;
    } else if (a === '-MP') {
      deps().phony = true;
    } else if (/^-[DUI].+/.test(a)) {
      argv.push(a.slice(0, 2), a.slice(2));
    } else argv.push(a);
  }
  if (n.emitLlvm) {
    n.errors.push(
      'error: -emit-llvm asks for LLVM IR, which ebcc does not produce: ebcc writes the BPF object itself. ' +
        "Drop -emit-llvm (and the llc step after it) and compile with '-c -o FILE.o'",
    );
  }
  return n;
}
