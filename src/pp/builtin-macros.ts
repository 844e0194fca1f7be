// The macros whose value the preprocessor computes at each use (C11 6.10.8):
// __FILE__, __LINE__ and the GNU/clang extras, and the _Pragma operator.
// __DATE__, __TIME__ and __TIMESTAMP__ are fixed strings so that builds are reproducible.
import { Diagnostics } from '../diag/diagnostic.js';
import { lexFile } from './lexer.js';
import { destringize, handlePragma } from './pragma.js';
import { presumedLocation, useSpan, type PPState, type PPToken, type TokenSource } from './state.js';

const FIXED_DATE = '"Jan  1 1970"';
const FIXED_TIME = '"00:00:00"';
const FIXED_TIMESTAMP = '"Thu Jan  1 00:00:00 1970"';

/** Names a program may not #define or #undef. */
export const BUILTIN_MACRO_NAMES: ReadonlySet<string> = new Set([
  'defined',
  '__FILE__',
  '__FILE_NAME__',
  '__LINE__',
  '__COUNTER__',
  '__INCLUDE_LEVEL__',
  '__BASE_FILE__',
  '__DATE__',
  '__TIME__',
  '__TIMESTAMP__',
  '_Pragma',
  '__has_include',
  '__has_include_next',
  '__has_builtin',
  '__has_attribute',
  '__has_feature',
  '__has_extension',
]);

/** Operators that only #if understands, but that `defined` and #ifdef see as macros. */
export const HAS_OPERATORS: ReadonlySet<string> = new Set([
  '__has_include',
  '__has_include_next',
  '__has_builtin',
  '__has_attribute',
  '__has_feature',
  '__has_extension',
]);

/** The names expandBuiltinMacro() replaces: BUILTIN_MACRO_NAMES but `defined` and the `__has_` operators, which only #if reads. */
const EXPANDED_NAMES: ReadonlySet<string> = new Set([...BUILTIN_MACRO_NAMES].filter((n) => n !== 'defined' && !HAS_OPERATORS.has(n)));

/** Dynamic macros that #ifdef and `defined` report as defined. */
export function isBuiltinMacroDefined(name: string): boolean {
  return BUILTIN_MACRO_NAMES.has(name) && name !== 'defined';
}

/** The replacement of a built-in macro use, or undefined if `tok` is not one. */
export function expandBuiltinMacro(pp: PPState, src: TokenSource, tok: PPToken): PPToken[] | undefined {
  // Most identifiers are none of the names below: they are done with at once (headers are full
  // of `__u32` and `__attribute__`, which begin with '_' too).
  if (tok.text.charCodeAt(0) !== 0x5f || !EXPANDED_NAMES.has(tok.text)) return undefined;
  const make = (kind: PPToken['kind'], text: string): PPToken[] => [
    {
      kind,
      text,
      span: tok.span,
      expansion: { macro: tok.text, use: tok.span, parent: tok.expansion },
      spaceBefore: tok.spaceBefore,
      lineStart: tok.lineStart,
      hideset: tok.hideset,
    },
  ];
  switch (tok.text) {
    case '__FILE__':
      return make('string', quote(presumedLocation(pp, useSpan(tok)).path));
    case '__FILE_NAME__': {
      const path = presumedLocation(pp, useSpan(tok)).path;
      return make('string', quote(path.slice(path.lastIndexOf('/') + 1)));
    }
    case '__LINE__': {
      // Inside a macro expansion, clang reports the line where the outermost use ends (its ')').
      const use = useSpan(tok);
      const at = tok.expansion ? { ...use, start: Math.max(use.start, use.end - 1) } : use;
      return make('number', String(presumedLocation(pp, at).line));
    }
    case '__COUNTER__':
      return make('number', String(pp.counter++));
    case '__INCLUDE_LEVEL__':
      return make('number', String(Math.max(0, pp.files.length - 1)));
    case '__BASE_FILE__':
      pp.baseFileUsed = true;
      return make('string', quote(pp.baseFile));
    case '__DATE__':
      return make('string', FIXED_DATE);
    case '__TIME__':
      return make('string', FIXED_TIME);
    case '__TIMESTAMP__':
      return make('string', FIXED_TIMESTAMP);
    case '_Pragma':
      return expandPragmaOperator(pp, src, tok);
    default:
      return undefined;
  }
}

/** A string literal whose value is `text`. */
export function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** _Pragma ( string-literal ): as if the string's contents were a #pragma line (C11 6.10.9). */
function expandPragmaOperator(pp: PPState, src: TokenSource, tok: PPToken): PPToken[] | undefined {
  const read: PPToken[] = [];
  const expect = (ok: (t: PPToken) => boolean): PPToken | undefined => {
    const t = src.next();
    read.push(t);
    return ok(t) ? t : undefined;
  };
  const lparen = expect((t) => t.kind === 'punct' && t.text === '(');
  const literal = lparen && expect((t) => t.kind === 'string');
  const rparen = literal && expect((t) => t.kind === 'punct' && t.text === ')');
  if (!literal || !rparen) {
    const seen = read[read.length - 1]!;
    pp.ctx.diags.error('E1025', `_Pragma takes a parenthesized string literal, but saw '${seen.text || 'end of file'}'`, tok.span, {
      expansion: tok.expansion,
    });
    if (!lparen) {
      for (let i = read.length - 1; i >= 0; i--) src.unread(read[i]!);
      return [];
    }
    // Skip the rest of the malformed operand, through its closing ')', so that
    // its tokens do not reach the parser as a cascade of errors.
    let depth = 1;
    for (const t of read.slice(1)) depth += parenDelta(t);
    while (depth > 0) {
      const t = src.next();
      if (t.kind === 'eof') {
        src.unread(t);
        break;
      }
      depth += parenDelta(t);
    }
    return [];
  }
  const text = destringize(literal.text);
  const body = lexFile({ id: -1, path: '<_Pragma>', text, lineStarts: [0] }, new Diagnostics());
  body.pop(); // eof
  const expansion = { macro: '_Pragma', use: tok.span, parent: tok.expansion };
  const pragma = handlePragma(pp, body, literal.span, expansion);
  return pragma ? [pragma] : [];
}

function parenDelta(t: PPToken): number {
  if (t.kind !== 'punct') return 0;
  return t.text === '(' ? 1 : t.text === ')' ? -1 : 0;
}
