// Rewrites clang-style arguments into the long options commander parses, so
// ebcc works as a drop-in `clang -target bpf` in Makefiles.
export interface Normalized {
  argv: string[];
  /** -E given: print preprocessed output. */
  preprocessOnly: boolean;
  /** -fsyntax-only given. */
  syntaxOnly: boolean;
}

export function normalizeArgs(args: string[]): Normalized {
  const argv: string[] = [];
  let preprocessOnly = false;
  let syntaxOnly = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-target') {
      argv.push('--target', args[++i] ?? '');
    } else if (/^-O[0-3sz]?$/.test(a)) {
      argv.push('--opt-level', a === '-O0' ? '0' : '2');
    } else if (a.startsWith('-mcpu=')) {
      argv.push('--mcpu', a.slice('-mcpu='.length));
    } else if (a === '-c' || a === '-Wall' || a === '-Wextra' || a === '-Werror' || /^-W[a-z-]+$/.test(a) || a === '-nostdinc' || a === '-emit-llvm') {
      // Accepted for clang compatibility; ebcc always compiles to an object.
    } else if (a === '-g0') {
      argv.push('--no-g');
    } else if (/^-g[1-3]?$/.test(a) || a === '-gdwarf' || /^-gdwarf-[45]$/.test(a)) {
      argv.push('-g');
    } else if (a === '-E') {
      preprocessOnly = true;
    } else if (a === '-fsyntax-only') {
      syntaxOnly = true;
    } else if (a === '-include') {
      argv.push('--include', args[++i] ?? '');
    } else if (/^-[DUI].+/.test(a)) {
      argv.push(a.slice(0, 2), a.slice(2));
    } else argv.push(a);
  }
  return { argv, preprocessOnly, syntaxOnly };
}
