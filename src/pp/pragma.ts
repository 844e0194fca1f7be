// #pragma and _Pragma (C11 6.10.6, 6.10.9). `once` is acted on here; GCC and
// clang diagnostic pragmas are dropped; every other pragma becomes one token
// of kind 'pragma' whose text is the pragma body, so that the parser can attach
// loop hints (#pragma unroll, #pragma clang loop ...) to the next statement.
import type { MacroExpansion } from '../diag/diagnostic.js';
import type { Span } from '../diag/source.js';
import type { PPState, PPToken } from './state.js';

/** Acts on a pragma whose body is `body`; returns the token to output, if any. */
export function handlePragma(
  pp: PPState,
  body: readonly PPToken[],
  span: Span,
  expansion: MacroExpansion | undefined,
): PPToken | undefined {
  const first = body[0]?.text;
  if (first === 'once' && body.length === 1) {
    const file = pp.files[pp.files.length - 1];
    if (file) pp.onceFiles.add(file.file.path);
    return undefined;
  }
  if (first === 'GCC') return undefined;
  if (first === 'clang' && body[1]?.text === 'diagnostic') return undefined;
  if (body.length === 0) return undefined;
  return { kind: 'pragma', text: spellTokens(body), span, expansion, spaceBefore: false, lineStart: true };
}

/** Spells tokens with one space where the source had whitespace. */
export function spellTokens(tokens: readonly PPToken[]): string {
  let text = '';
  tokens.forEach((t, i) => {
    if (i > 0 && (t.spaceBefore || t.lineStart)) text += ' ';
    text += t.text;
  });
  return text;
}

/** The contents of a string literal for _Pragma: prefix and quotes removed, \" and \\ unescaped (C11 6.10.9). */
export function destringize(literal: string): string {
  const body = literal.slice(literal.indexOf('"') + 1, -1);
  return body.replace(/\\(["\\])/g, '$1');
}
