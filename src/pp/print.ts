// `ebcc -E`: preprocessed tokens back to text. Tokens keep their lines
// (blank lines, or a GNU line marker `# N "file" [1|2]` for larger jumps and
// file changes, flag 1 entering an #include and 2 returning from one), and a
// space is printed wherever the source had one or two tokens would otherwise
// lex as one, so that the output lexes back into the same tokens.
import type { CompileContext } from '../context.js';
import { Diagnostics } from '../diag/diagnostic.js';
import { lexFile } from './lexer.js';
import { useSpan } from './state.js';
import type { Token } from './token.js';

export interface PrintOptions {
  /** Print GNU line markers (default); false is like `clang -E -P`. */
  lineMarkers?: boolean;
}

/** Up to this many lines are skipped with blank lines rather than a line marker. */
const MAX_BLANK_LINES = 8;

export function printPreprocessed(tokens: Token[], ctx: CompileContext, options: PrintOptions = {}): string {
  const markers = options.lineMarkers ?? true;
  const sources = ctx.sources;
  let out = '';
  let curFile = -1;
  let curLine = 0;
  let atLineStart = true;
  let prev: Token | undefined;

  const newline = (): void => {
    out += '\n';
    curLine++;
    atLineStart = true;
  };
  const marker = (file: number, line: number, flag: string): void => {
    if (!atLineStart) out += '\n';
    if (markers) out += `# ${line} "${sources.get(file).path}"${flag}\n`;
    curFile = file;
    curLine = line;
    atLineStart = true;
  };

  for (const tok of tokens) {
    if (tok.kind === 'eof') continue;
    const loc = useSpan(tok);
    let col = 1;
    if (loc.file >= 0) {
      const lc = sources.lineCol(loc.file, loc.start);
      const line = lc.line;
      col = lc.col;
      if (loc.file !== curFile) {
        if (curFile < 0) {
          const root = rootFile(ctx, loc.file);
          if (root !== loc.file) marker(root, 1, '');
        }
        marker(loc.file, line, fileChangeFlag(ctx, curFile, loc.file));
      } else if ((tok.lineStart || tok.kind === 'pragma') && line !== curLine) {
        const gap = line - curLine;
        if (gap > 0 && gap <= MAX_BLANK_LINES) {
          if (!atLineStart) newline();
          while (curLine < line) newline();
        } else {
          marker(loc.file, line, '');
        }
      }
    }
    if (tok.kind === 'pragma') {
      if (!atLineStart) newline();
      out += `#pragma ${tok.text}`;
      newline();
      prev = undefined;
      continue;
    }
    if (atLineStart && tok.lineStart) out += ' '.repeat(Math.max(0, col - 1)); // keep the source's indentation
    else if (prev && (tok.spaceBefore || wouldJoin(prev, tok))) out += ' ';
    out += tok.text;
    atLineStart = false;
    prev = tok;
  }
  if (!atLineStart) out += '\n';
  return out;
}

/** Flag of a line marker: 1 when `to` is (transitively) included from `from`, 2 when returning to an includer. */
function fileChangeFlag(ctx: CompileContext, from: number, to: number): string {
  if (from < 0) return '';
  if (includers(ctx, to).includes(from)) return ' 1';
  if (includers(ctx, from).includes(to)) return ' 2';
  return '';
}

function includers(ctx: CompileContext, file: number): number[] {
  const out: number[] = [];
  for (let span = ctx.sources.get(file).includedFrom; span && span.file >= 0; span = ctx.sources.get(span.file).includedFrom) {
    out.push(span.file);
  }
  return out;
}

/** The outermost file that (transitively) includes `file`, skipping pseudo-files such as "<command line>". */
function rootFile(ctx: CompileContext, file: number): number {
  const chain = [file, ...includers(ctx, file)].filter((f) => !ctx.sources.get(f).path.startsWith('<'));
  return chain[chain.length - 1] ?? file;
}

/** True if printing `a` and `b` with nothing between would lex differently. */
function wouldJoin(a: Token, b: Token): boolean {
  const text = a.text + b.text;
  const lexed = lexFile({ id: -1, path: '<print>', text, lineStarts: [0] }, new Diagnostics());
  return lexed.length !== 3 || lexed[0]!.text !== a.text || lexed[1]!.text !== b.text;
}
