// Preprocessing directives (C11 6.10): reads one directive line and hands
// it to its handler. A directive is a '#' that begins a line in a file (not
// one produced by a macro), followed by the rest of that line.
import { spanJoin } from '../diag/source.js';
import { handleElse, handleEndif, handleIf } from './conditional.js';
import { handleDefine, handleUndef } from './define.js';
import { handleInclude } from './include.js';
import { expandList } from './macro.js';
import { destringize, handlePragma } from './pragma.js';
import { presumedLocation, type OpenFile, type PPState, type PPToken } from './state.js';

/** Handles the directive whose '#' was just read from `f`. */
export function runDirective(pp: PPState, f: OpenFile, hash: PPToken): void {
  const line = readLine(f);
  const directive = line.shift();
  if (!directive) return; // the null directive: '#' alone
  if (directive.kind === 'number') return handleLine(pp, f, directive, [directive, ...line], false);
  if (directive.kind !== 'ident') {
    pp.ctx.diags.error('E1021', `invalid preprocessing directive '#${directive.text}'`, directive.span);
    return;
  }
  switch (directive.text) {
    case 'define':
      return handleDefine(pp, directive, line);
    case 'undef':
      return handleUndef(pp, directive, line);
    case 'include':
      return handleInclude(pp, directive, line, false);
    case 'include_next':
      return handleInclude(pp, directive, line, true);
    case 'if':
    case 'ifdef':
    case 'ifndef':
      return handleIf(pp, f, hash, directive, line);
    case 'elif':
    case 'elifdef':
    case 'elifndef':
    case 'else':
      return handleElse(pp, f, directive, line);
    case 'endif':
      return handleEndif(pp, f, directive, line);
    case 'line':
      return handleLine(pp, f, directive, line, true);
    case 'error':
    case 'warning':
      return handleMessage(pp, f, directive, line);
    case 'ident':
    case 'sccs':
      return; // old GNU directives naming a version string; accepted and ignored like clang does
    case 'pragma': {
      const pragma = handlePragma(pp, line, spanJoin(hash.span, line[line.length - 1]?.span ?? directive.span), undefined);
      if (pragma) pp.pushback.push(pragma);
      return;
    }
    default:
      pp.ctx.diags.error('E1021', `invalid preprocessing directive '#${directive.text}'`, directive.span);
  }
}

/** The tokens from f.pos to the end of the line; leaves f.pos on the next line. */
function readLine(f: OpenFile): PPToken[] {
  const tokens = f.tokens;
  const start = f.pos;
  let end = start;
  for (;;) {
    const tok = tokens[end]!;
    if (tok.kind === 'eof' || tok.lineStart) break;
    end++;
  }
  f.pos = end;
  return tokens.slice(start, end);
}

/**
 * control-line = "#" "line" digit-sequence string-literal?   (after macro expansion, C11 6.10.4)
 *              | "#" digit-sequence string-literal? flags     (GNU line marker, not expanded)
 */
function handleLine(pp: PPState, f: OpenFile, directive: PPToken, line: PPToken[], expand: boolean): void {
  const tokens = expand ? expandList(pp, line, directive.span) : line;
  const [number, file] = tokens;
  if (!number || number.kind !== 'number' || !/^[0-9]+$/.test(number.text)) {
    const seen = number ? `'${number.text}'` : 'end of line';
    pp.ctx.diags.error('E1022', `#line expects a positive decimal line number, saw ${seen}`, number?.span ?? directive.span);
    return;
  }
  const value = Number(number.text);
  if (value === 0 || value > 2147483647) {
    pp.ctx.diags.error('E1022', `#line number ${number.text} is out of range (1 to 2147483647)`, number.span);
    return;
  }
  if (file && (file.kind !== 'string' || !file.text.startsWith('"'))) {
    pp.ctx.diags.error('E1022', `#line expects a file name in quotes after the line number, saw '${file.text}'`, file.span);
    return;
  }
  const last = line[line.length - 1] ?? directive;
  const sources = pp.ctx.sources;
  const fromLine = sources.lineCol(f.file.id, last.span.end).line + 1;
  const path = file ? destringize(file.text) : presumedLocation(pp, directive.span).path;
  const marks = pp.lineMarks.get(f.file.id) ?? [];
  marks.push({ fromLine, line: value, path });
  pp.lineMarks.set(f.file.id, marks);
}

/** #error and #warning: the rest of the line, as written, is the message. */
function handleMessage(pp: PPState, f: OpenFile, directive: PPToken, line: PPToken[]): void {
  const first = line[0];
  const last = line[line.length - 1];
  const text = first && last ? f.file.text.slice(first.span.start, last.span.end).replace(/\\\r?\n/g, '') : '';
  // Apostrophes in the message are not unterminated character constants.
  if (first && last) f.quietRanges.push([first.span.start, last.span.end]);
  const span = spanJoin(directive.span, last?.span ?? directive.span);
  const message = text === '' ? `#${directive.text}` : text;
  if (directive.text === 'error') pp.ctx.diags.error('E1019', message, span);
  else pp.ctx.diags.warning('E1020', message, span);
}
