// Source mutants of C programs: each removes one bounds check or one NULL check, the two
// mistakes the verifier exists to catch. A check is one operand (split at top-level && and ||) of
// an `if` condition:
//   - a bounds check compares with `data_end`: `(void *)(eth + 1) > data_end` becomes `0`
//     (never out of bounds), `p + 4 <= data_end` becomes `1`;
//   - a NULL check tests a variable assigned from bpf_map_lookup_elem: `!v` and `v == NULL`
//     become `0`, `v` and `v != NULL` become `1`.
// Every other byte of the source stays as it was, so line numbers do not move.

export interface Mutant {
  kind: 'bounds' | 'null';
  /** 1-based line of the removed check */
  line: number;
  /** the operand that was replaced, and by what */
  check: string;
  replacement: '0' | '1';
  source: string;
}

/** Index of the parenthesis closing the one at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The operands of a condition at top-level && and ||, as [start, end) offsets within it. */
function operands(cond: string): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < cond.length; i++) {
    const c = cond[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && (cond.startsWith('&&', i) || cond.startsWith('||', i))) {
      out.push([start, i]);
      start = i + 2;
      i++;
    }
  }
  out.push([start, cond.length]);
  return out;
}

/** Strips whitespace and redundant outer parentheses. */
function bare(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && closing(t, 0) === t.length - 1) t = t.slice(1, -1).trim();
  return t;
}

/** Names assigned the result of bpf_map_lookup_elem (`v = bpf_map_lookup_elem(` or `*v = bpf_map_lookup_elem(`). */
function lookupVariables(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/([A-Za-z_]\w*)\s*=\s*(?:\([^()]*\)\s*)?bpf_map_lookup_elem\s*\(/g)) names.add(m[1]!);
  return names;
}

function mutation(operand: string, lookups: ReadonlySet<string>): { kind: Mutant['kind']; replacement: '0' | '1' } | undefined {
  const t = bare(operand);
  if (/\bdata_end\b/.test(t)) {
    if (/(?:[^<>=!]>|>=)\s*(?:\(\s*void\s*\*\s*\)\s*)?data_end\b/.test(t) || /\bdata_end\s*(?:<(?!<)|<=)/.test(t)) return { kind: 'bounds', replacement: '0' };
    if (/(?:[^<>=!]<|<=)\s*(?:\(\s*void\s*\*\s*\)\s*)?data_end\b/.test(t) || /\bdata_end\s*(?:>(?!>)|>=)/.test(t)) return { kind: 'bounds', replacement: '1' };
    return undefined;
  }
  let m: RegExpExecArray | null;
  if ((m = /^!\s*([A-Za-z_]\w*)$/.exec(t)) && lookups.has(m[1]!)) return { kind: 'null', replacement: '0' };
  if ((m = /^([A-Za-z_]\w*)$/.exec(t)) && lookups.has(m[1]!)) return { kind: 'null', replacement: '1' };
  if ((m = /^([A-Za-z_]\w*)\s*(==|!=)\s*(?:NULL|0|\(\s*void\s*\*\s*\)\s*0)$/.exec(t)) && lookups.has(m[1]!)) {
    return { kind: 'null', replacement: m[2] === '==' ? '0' : '1' };
  }
  return undefined;
}

/** Every mutant of `source` that removes one bounds check or one NULL check, in source order. */
export function checkMutants(source: string): Mutant[] {
  const lookups = lookupVariables(source);
  const out: Mutant[] = [];
  for (const m of source.matchAll(/\bif\s*\(/g)) {
    const open = m.index + m[0].length - 1;
    const close = closing(source, open);
    if (close < 0) continue;
    const cond = source.slice(open + 1, close);
    for (const [s, e] of operands(cond)) {
      const mut = mutation(cond.slice(s, e), lookups);
      if (mut === undefined) continue;
      const from = open + 1 + s;
      const to = open + 1 + e;
      const lead = source.slice(from, to).match(/^\s*/)![0].length;
      const trail = source.slice(from, to).match(/\s*$/)![0].length;
      const check = source.slice(from + lead, to - trail);
      if (/\n/.test(check)) continue; // keep line numbers: only one-line checks
      const mutated = source.slice(0, from + lead) + mut.replacement + source.slice(to - trail);
      const line = source.slice(0, from + lead).split('\n').length;
      out.push({ kind: mut.kind, line, check, replacement: mut.replacement, source: mutated });
    }
  }
  return out;
}
