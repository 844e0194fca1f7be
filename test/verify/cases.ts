// The verifier case corpus: files under test/verify/cases/ (assembly `.s` in the kernel log's
// syntax, and C `.c`), each holding several cases with the verdict the Linux kernel gave them.
//
// A file starts with a shared prelude (comments, `.license`, `.map` lines, `#include`s) and then
// has one case per `@case` line; a case runs from its `@case` line to the next one:
//
//   .map m array key=4 value=8 entries=1
//
//   @case lookup_null_checked accept
//   .prog p xdp
//           ...
//   @case lookup_not_null_checked reject EACCES "R0 invalid mem access 'map_value_or_null'"
//   .prog p xdp
//           ...
//
// In C files the marker is a comment: `// @case NAME accept`, and TEXT is only the part of the
// error line that does not depend on the generated code (see stableMessage). Options may come between the name
// and the verdict: `log=4` loads the case with that verifier log level. The verdict is `accept`, or
// `reject ERRNO "TEXT"` where TEXT is the error line of the kernel's verifier log (a case passes
// when the log contains it), or `?` for a case whose verdict has not been recorded yet.
// Verdicts are recorded from the running kernel only (see kernel-verdicts.test.ts), never by hand;
// the recorded ones come from Linux 6.18 on x86_64 with the JIT on, loaded as root.
//
// An assembly case is assembled from the whole file with the other cases' lines blanked out, so
// that line numbers in diagnostics and in the kernel's log are the file's own; the program it
// checks is its first program (a function outside `.text`), and its `.func`s are subprograms.
// A C file is compiled once, whole (the preprocessor makes a compile per case slow), and the
// program a C case checks is the function named like the case; it is loaded alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CASES_DIR = fileURLToPath(new URL('./cases', import.meta.url));

export type Verdict =
  | { verdict: 'accept' }
  /** errno: one name, or names joined by '|' where kernels of the same version differ (a stable release changed it). */
  | { verdict: 'reject'; errno: string; message: string };

export interface VerifyCase {
  /** "file.s:name", unique over the corpus */
  id: string;
  name: string;
  /** path relative to test/verify/cases/ */
  file: string;
  /** 1-based line of the @case marker */
  line: number;
  /** assembly: the file's text with every line outside the prelude and this case blanked; C: the whole file */
  source: string;
  /** the recorded kernel verdict; undefined when not recorded yet (`?`) */
  expect: Verdict | undefined;
  /**
   * the verifier log level to load with (default 1). `log=4` (statistics and error lines only)
   * keeps cases that run a million instructions fast: a level-1 log of them is tens of megabytes.
   */
  logLevel: number;
}

const MARKER = /^\s*(?:;|\/\/)?\s*@case\s+([A-Za-z_][\w.-]*)\s+(.*?)\s*$/;

/** Parses a verdict as written after the case name: `accept`, `reject ERRNO "TEXT"` (ERRNO may be `E1|E2`) or `?`. */
export function parseVerdict(text: string): Verdict | undefined | Error {
  if (text === '?') return undefined;
  if (text === 'accept') return { verdict: 'accept' };
  const m = /^reject\s+([A-Z0-9]+(?:\|[A-Z0-9]+)*)\s+"(.*)"$/.exec(text);
  if (m) return { verdict: 'reject', errno: m[1]!, message: m[2]!.replace(/\\"/g, '"').replace(/\\\\/g, '\\') };
  return new Error(`expected accept, reject ERRNO "TEXT" or ?, saw '${text}'`);
}

/** The verdict as written in a case file. */
export function formatVerdict(v: Verdict): string {
  if (v.verdict === 'accept') return 'accept';
  return `reject ${v.errno} "${v.message.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Splits one case file into cases. Throws on malformed markers and duplicate names. */
export function parseCaseFile(file: string, text: string): VerifyCase[] {
  const lines = text.split('\n');
  const starts: { line: number; name: string; verdict: string }[] = [];
  lines.forEach((l, i) => {
    const m = MARKER.exec(l);
    if (m) starts.push({ line: i, name: m[1]!, verdict: m[2]! });
    else if (/@case\b/.test(l)) throw new Error(`${file}:${i + 1}: malformed @case line: ${l}`);
  });
  const preludeEnd = starts[0]?.line ?? lines.length;
  const seen = new Set<string>();
  return starts.map((s, k) => {
    if (seen.has(s.name)) throw new Error(`${file}:${s.line + 1}: case '${s.name}' is defined twice`);
    seen.add(s.name);
    const end = starts[k + 1]?.line ?? lines.length;
    const source = file.endsWith('.c') ? text : lines.map((l, i) => (i < preludeEnd || (i > s.line && i < end) ? l : '')).join('\n');
    let rest = s.verdict;
    let logLevel = 1;
    let opt: RegExpExecArray | null;
    while ((opt = /^(\w+)=(\S+)\s+/.exec(rest))) {
      if (opt[1] === 'log' && /^[124]$/.test(opt[2]!)) logLevel = Number(opt[2]);
      else throw new Error(`${file}:${s.line + 1}: unknown case option '${opt[0].trim()}'`);
      rest = rest.slice(opt[0].length);
    }
    const v = parseVerdict(rest);
    if (v instanceof Error) throw new Error(`${file}:${s.line + 1}: ${v.message}`);
    return { id: `${file}:${s.name}`, name: s.name, file, line: s.line + 1, source, expect: v, logLevel };
  });
}

/** Every case of the corpus, in file order. */
export function loadCases(dir = CASES_DIR): VerifyCase[] {
  const out: VerifyCase[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(s|c)$/.test(e.name)) out.push(...parseCaseFile(relative(dir, p), readFileSync(p, 'utf8')));
    }
  };
  walk(dir);
  return out;
}

/**
 * The error line of a level-1 verifier log: the first line after the last instruction printed
 * (source quotes and statistics aside), or the log's first line when no instruction was printed
 * (rejections before the simulation: the CFG check, BTF, func_info).
 */
export function kernelErrorLine(log: string): string {
  const stat = /^(processed \d+ insns|verification time|stack depth|-- END PROG LOAD LOG --)/;
  // Some messages lack their newline, and the statistics line is glued to them.
  const lines = log.split('\n').map((l) => l.replace(/(.)processed \d+ insns \(limit.*$/, '$1').trimEnd())
    .filter((l) => l !== '' && !stat.test(l));
  let last = -1;
  lines.forEach((l, i) => {
    if (/^\d+: (\([0-9a-f]{2}\)|BUG_)/.test(l)) last = i;
  });
  for (let i = last + 1; i < lines.length; i++) {
    if (!/^; /.test(lines[i]!)) return lines[i]!;
  }
  return last >= 0 ? lines[lines.length - 1]! : (lines[0] ?? '');
}

/**
 * The part of an error line that does not depend on register allocation and instruction
 * selection, recorded for C cases (whose code changes with ebcc's code generator): without a
 * leading register name, and cut before the first `, `, ` name=` or register name.
 * "R0 invalid access to packet, off=12 size=2, R0(...)" becomes "invalid access to packet".
 */
export function stableMessage(line: string): string {
  const s = line.replace(/^R\d+ /, '');
  const cut = /,\s|\s\w+=|\sR\d+\b/.exec(s);
  return cut ? s.slice(0, cut.index) : s;
}

const ERRNO_NAMES: Readonly<Record<number, string>> = {
  1: 'EPERM', 7: 'E2BIG', 12: 'ENOMEM', 13: 'EACCES', 14: 'EFAULT', 22: 'EINVAL', 28: 'ENOSPC', 95: 'EOPNOTSUPP', 524: 'ENOTSUPP',
};

/**
 * Why the running kernel cannot judge a program the way the recorded verdict says, when its log
 * shows that this kernel build leaves out what the program uses: a helper its configuration did
 * not build (`CONFIG_IPV6_SEG6_LWTUNNEL` off: "program of this type cannot use helper
 * bpf_lwt_seg6_store_bytes#74"), or a kfunc the build refuses ("bpf_dynptr_slice_rdwr() is not
 * allowed", EPERM). Undefined when the log shows neither, or the recorded verdict is that refusal.
 */
export function missingFromKernel(want: Verdict, errno: string, log: string): string | undefined {
  const line = kernelErrorLine(log);
  if (want.verdict === 'reject' && line.includes(want.message)) return undefined;
  if (/^program of this type cannot use helper \w+#\d+$/.test(line)) return line;
  if (errno === 'EPERM' && /^\w+\(\) is not allowed$/.test(line)) return line;
  return undefined;
}

export function errnoName(n: number): string {
  return ERRNO_NAMES[n] ?? `E${n}`;
}
