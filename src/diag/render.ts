// Renders diagnostics the way clang does:
//
//   In file included from main.c:3:
//   hdr.h:4:9: error: use of undeclared identifier 'x' [E3001]
//       4 |   return x;
//         |          ^
//   main.c:1:5: note: previous declaration is here
//
// and as JSON for tools.
import { CODES } from './codes.js';
import type { Diagnostic, MacroExpansion, Note } from './diagnostic.js';
import type { SourceManager, Span } from './source.js';

export interface RenderOptions {
  /** Wrap severity words in ANSI colours. */
  color?: boolean;
}

const COLORS = { error: '\x1b[31;1m', warning: '\x1b[35;1m', note: '\x1b[36;1m', bold: '\x1b[1m', green: '\x1b[32;1m', reset: '\x1b[0m' };

export function renderDiagnostics(diags: readonly Diagnostic[], sources: SourceManager, opts: RenderOptions = {}): string {
  return diags.map((d) => renderDiagnostic(d, sources, opts)).join('');
}

export function renderDiagnostic(d: Diagnostic, sources: SourceManager, opts: RenderOptions = {}): string {
  const out: string[] = [];
  if (d.span) out.push(...includeChain(d.span, sources));
  out.push(renderOne(d.severity, `${d.message} [${d.code}]`, d.span, sources, opts));
  for (const e of expansionNotes(d.expansion)) out.push(renderOne('note', e.message, e.span, sources, opts));
  for (const n of d.notes) out.push(renderOne('note', n.message, n.span, sources, opts));
  return out.join('');
}

/** Like clang's -fmacro-backtrace-limit: longer chains show their first and last few expansions. */
const MACRO_BACKTRACE_LIMIT = 6;
/** Longer include chains show their first and last few files. */
const INCLUDE_CHAIN_LIMIT = 10;

function expansionNotes(exp: MacroExpansion | undefined): Note[] {
  const notes: Note[] = [];
  for (let e = exp; e; e = e.parent) notes.push({ message: `in expansion of macro '${e.macro}'`, span: e.use });
  if (notes.length <= MACRO_BACKTRACE_LIMIT) return notes;
  const keep = MACRO_BACKTRACE_LIMIT / 2;
  const skipped = notes.length - 2 * keep;
  return [...notes.slice(0, keep), { message: `(skipping ${skipped} expansions in backtrace)` }, ...notes.slice(-keep)];
}

function includeChain(span: Span, sources: SourceManager): string[] {
  if (span.file < 0) return [];
  const lines: string[] = [];
  let from = sources.get(span.file).includedFrom;
  while (from && from.file >= 0) {
    const { line } = sources.lineCol(from.file, from.start);
    lines.push(`${lines.length === 0 ? 'In file included from' : '                 from'} ${sources.get(from.file).path}:${line}:\n`);
    from = sources.get(from.file).includedFrom;
  }
  if (lines.length <= INCLUDE_CHAIN_LIMIT) return lines;
  const keep = INCLUDE_CHAIN_LIMIT / 2;
  const skipped = lines.length - 2 * keep;
  return [...lines.slice(0, keep), `                 (skipping ${skipped} more files in the include chain)\n`, ...lines.slice(-keep)];
}

function renderOne(severity: string, message: string, span: Span | undefined, sources: SourceManager, opts: RenderOptions): string {
  const c = (k: keyof typeof COLORS, s: string) => (opts.color ? `${COLORS[k]}${s}${COLORS.reset}` : s);
  const sev = severity === 'error' || severity === 'warning' || severity === 'note' ? c(severity, `${severity}:`) : `${severity}:`;
  if (!span || span.file < 0) return `ebcc: ${sev} ${c('bold', message)}\n`;
  const file = sources.get(span.file);
  const { line, col } = sources.lineCol(span.file, span.start);
  let text = `${c('bold', `${file.path}:${line}:${col}:`)} ${sev} ${c('bold', message)}\n`;
  const src = sources.lineText(span.file, line);
  const gutter = String(line).padStart(5);
  text += `${gutter} | ${src.replace(/\t/g, ' ')}\n`;
  const lineStart = file.lineStarts[line - 1]!;
  const underlineLen = Math.max(1, Math.min(span.end, lineStart + src.length) - span.start);
  const caret = ' '.repeat(col - 1) + '^' + '~'.repeat(Math.max(0, underlineLen - 1));
  text += `${' '.repeat(5)} | ${c('green', caret)}\n`;
  return text;
}

export interface JsonDiagnostic {
  severity: string;
  code: string;
  name: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  notes: { message: string; file?: string; line?: number; column?: number }[];
}

export function diagnosticsToJson(diags: readonly Diagnostic[], sources: SourceManager): JsonDiagnostic[] {
  const where = (span: Span | undefined) => {
    if (!span || span.file < 0) return {};
    const a = sources.lineCol(span.file, span.start);
    const b = sources.lineCol(span.file, span.end);
    return { file: sources.get(span.file).path, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  return diags.map((d) => ({
    severity: d.severity,
    code: d.code,
    name: CODES[d.code].name,
    message: d.message,
    ...where(d.span),
    notes: [...expansionNotes(d.expansion), ...d.notes].map((n) => {
      const w = where(n.span);
      return { message: n.message, file: w.file, line: w.line, column: w.column };
    }),
  }));
}
