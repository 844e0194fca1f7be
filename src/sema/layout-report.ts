// A plain-text report of the struct and union layouts sema computed, one
// block per record: `struct NAME size=S align=A`, then one line per field
// with its byte offset (and, for bit-fields, the bit offset from the start of
// the record and the width). Fields of anonymous members and of members whose
// type is an unnamed record are listed with their access paths (`u.a`), at
// offsets from the start of the outer record. The golden file
// test/golden/layouts.txt and bench/check-layouts.mjs (which checks the
// numbers against clang) are built from it.
import type { Program } from './program.js';
import * as T from './types.js';
import type { CType, RecordInfo } from './types.js';

/** A record to report, and how C code names its type. */
export interface LayoutEntry {
  /** `struct NAME`, `union NAME`, or `__typeof__(GLOBAL)` for a global of an unnamed record type. */
  typeName: string;
  record: RecordInfo;
}

export interface LayoutReportOptions {
  /** Only records (and globals) declared in this source file (SourceManager index). */
  fileId?: number;
}

/** Every complete record reachable from the program's globals and functions, sorted by type name. */
export function collectRecords(program: Program, options: LayoutReportOptions = {}): LayoutEntry[] {
  const seen = new Set<number>();
  const named = new Map<string, RecordInfo>();
  const visit = (t: CType): void => {
    const s = T.strip(t);
    switch (s.kind) {
      case 'void':
      case 'int':
      case 'float':
      case 'enum':
        return;
      case 'ptr':
        return visit(s.to);
      case 'array':
        return visit(s.elem);
      case 'func':
        visit(s.ret);
        for (const p of s.params) visit(p.type);
        return;
      case 'record':
        if (seen.has(s.info.id)) return;
        seen.add(s.info.id);
        if (s.info.name !== undefined && s.info.complete) named.set(`${s.info.tag} ${s.info.name}`, s.info);
        for (const m of s.info.members) visit(m.type);
        return;
      default:
        return T.assertNeverType(s);
    }
  };
  const entries: LayoutEntry[] = [];
  for (const g of program.globals) {
    visit(g.type);
    const s = T.strip(g.type);
    if (s.kind === 'record' && s.info.name === undefined && s.info.complete && inFile(g.span.file, options)) {
      entries.push({ typeName: `__typeof__(${g.name})`, record: s.info });
    }
  }
  for (const f of program.functions) {
    visit(f.sym.type);
    for (const v of [...f.params, ...f.locals]) visit(v.type);
  }
  for (const [typeName, record] of named) {
    if (inFile(record.span.file, options)) entries.push({ typeName, record });
  }
  return entries.sort((a, b) => compareText(a.typeName, b.typeName));
}

function inFile(file: number, options: LayoutReportOptions): boolean {
  return options.fileId === undefined || options.fileId === file;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The report for every record of collectRecords, one line per record or field, ending in a newline. */
export function layoutReport(program: Program, options: LayoutReportOptions = {}): string {
  const lines: string[] = [];
  for (const e of collectRecords(program, options)) {
    lines.push(`${e.typeName} size=${e.record.sizeBytes} align=${e.record.alignBytes}`);
    fieldLines(e.record, '', 0, lines);
  }
  return lines.map((l) => `${l}\n`).join('');
}

function fieldLines(info: RecordInfo, prefix: string, baseBytes: number, lines: string[]): void {
  for (const m of info.members) {
    const inner = T.strip(m.type);
    const path = m.name === undefined ? prefix.replace(/\.$/, '') : `${prefix}${m.name}`;
    if (inner.kind === 'record' && inner.info.name === undefined && m.bitWidth === 0) {
      fieldLines(inner.info, m.name === undefined ? prefix : `${path}.`, baseBytes + m.offsetBytes, lines);
      continue;
    }
    if (m.name === undefined) continue;
    const offset = baseBytes + m.offsetBytes;
    if (m.bitWidth !== 0) {
      lines.push(`  ${path} offset=${offset} bit=${baseBytes * 8 + m.bitOffset} width=${m.bitWidth}`);
      continue;
    }
    const size = inner.kind === 'array' && inner.length === undefined ? undefined : T.sizeOf(m.type);
    lines.push(`  ${path} offset=${offset}${size === undefined ? '' : ` size=${size}`}`);
  }
}

/** The `struct NAME {` and `union NAME {` definitions in C source text (outside directives), in order, without duplicates. */
export function recordTagsIn(source: string): { tag: 'struct' | 'union'; name: string }[] {
  // Comments and preprocessing directives (a macro body may spell `struct TAG {`) are not definitions.
  const withoutComments = source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/^[ \t]*#(?:[^\n\\]|\\[\s\S])*/gm, ' ');
  const found = new Map<string, { tag: 'struct' | 'union'; name: string }>();
  for (const m of withoutComments.matchAll(/\b(struct|union)\s+([A-Za-z_]\w*)\s*(?:__attribute__\s*\(\([^)]*\)\)\s*)?\{/g)) {
    const tag = m[1] as 'struct' | 'union';
    found.set(`${tag} ${m[2]!}`, { tag, name: m[2]! });
  }
  return [...found.values()];
}

/** One `const volatile` global per record, so that every one of them is reachable from the program. */
export function layoutProbeSource(records: { tag: 'struct' | 'union'; name: string }[]): string {
  return records.map((r) => `const volatile ${r.tag} ${r.name} __layout_${r.tag}_${r.name};\n`).join('');
}

/**
 * Of the header paths under the stdlib include directory (relative, '/'-separated), the ones the
 * layout report includes: top-level, linux/, bpf/, sys/ and ebcc/ headers. The top-level
 * bpf_helpers.h and bpf_endian.h only include their bpf/ namesakes, and uapi/, asm/ and
 * asm-generic/ hold forwarding headers, so they add nothing.
 */
export function layoutHeaderPaths(paths: string[]): string[] {
  const wrappers = new Set(['bpf_helpers.h', 'bpf_endian.h']);
  return paths
    .filter((p) => p.endsWith('.h'))
    .filter((p) => (!p.includes('/') && !wrappers.has(p)) || /^(linux|bpf|sys|ebcc)\/[^/]+\.h$/.test(p))
    .sort(compareText);
}
