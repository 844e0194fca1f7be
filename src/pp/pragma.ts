// #pragma and _Pragma (C11 6.10.6, 6.10.9). `once`, push_macro and
// pop_macro are acted on here; GCC and clang diagnostic pragmas are dropped;
// every other pragma becomes one token of kind 'pragma' whose text is the
// pragma body, so that the parser can attach loop hints (#pragma unroll,
// #pragma clang loop ...) to the next statement.
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
  if ((first === 'push_macro' || first === 'pop_macro') && isMacroNameOperand(body)) {
    const name = destringize(body[2]!.text);
    const saved = pp.pushedMacros.get(name) ?? [];
    if (first === 'push_macro') {
      saved.push(pp.macros.get(name));
      pp.pushedMacros.set(name, saved);
    } else if (saved.length > 0) {
      const macro = saved.pop();
      if (macro) pp.macros.set(name, macro);
      else pp.macros.delete(name);
    }
    return undefined;
  }
  if ((first === 'GCC' || first === 'clang') && body[1]?.text === 'diagnostic') {
    diagnosticPragma(pp, body.slice(2));
    return undefined;
  }
  if (first === 'GCC') return undefined;
  if (body.length === 0) return undefined;
  return { kind: 'pragma', text: spellTokens(body), span, expansion, spaceBefore: false, lineStart: true };
}

/**
 * `#pragma GCC diagnostic push|pop|ignored "-WFLAG"|warning "-WFLAG"|error "-WFLAG"` (and the
 * clang spelling): the tokens output while FLAG is ignored are recorded, and a warning that
 * clang names FLAG is not shown at them. `warning` and `error` turn the flag back on.
 */
function diagnosticPragma(pp: PPState, rest: readonly PPToken[]): void {
  const verb = rest[0]?.text;
  if (verb === 'push') pp.ignoredWarningsStack.push(new Set(pp.ignoredWarnings));
  else if (verb === 'pop') pp.ignoredWarnings = pp.ignoredWarningsStack.pop() ?? new Set();
  else if ((verb === 'ignored' || verb === 'warning' || verb === 'error') && rest[1]?.kind === 'string') {
    const option = destringize(rest[1].text);
    if (!option.startsWith('-W')) return;
    if (verb === 'ignored') pp.ignoredWarnings.add(option.slice(2));
    else pp.ignoredWarnings.delete(option.slice(2));
  }
}

/** ( "NAME" ) after push_macro or pop_macro. */
function isMacroNameOperand(body: readonly PPToken[]): boolean {
  return body.length === 4 && body[1]!.text === '(' && body[2]!.kind === 'string' && body[3]!.text === ')';
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
