// Conditional inclusion (C11 6.10.1): #if, #ifdef, #ifndef, #elif,
// #elifdef, #elifndef, #else, #endif, skipping of groups not taken, and the
// macro expansion of #if lines with `defined` and the __has_* operators.
import { spanJoin, type Span } from '../diag/source.js';
import { HAS_OPERATORS, isBuiltinMacroDefined } from './builtin-macros.js';
import { normalizeAttributeName, SUPPORTED_ATTRIBUTES, SUPPORTED_BUILTINS, SUPPORTED_FEATURES } from './features.js';
import { evaluateIfExpression } from './if-expr.js';
import { findHeader, parseHeaderName } from './include.js';
import { expandMacro, listSource } from './macro.js';
import type { OpenFile, PPState, PPToken, TokenSource } from './state.js';

export const GROUP_OPENERS: ReadonlySet<string> = new Set(['if', 'ifdef', 'ifndef']);
export const GROUP_CONTINUERS: ReadonlySet<string> = new Set(['elif', 'elifdef', 'elifndef', 'else', 'endif']);

/** #if, #ifdef, #ifndef: opens a group, and skips it if its condition is false. */
export function handleIf(pp: PPState, f: OpenFile, hash: PPToken, directive: PPToken, line: PPToken[]): void {
  const taken = conditionHolds(pp, directive, line);
  f.conditionals.push({ span: spanJoin(hash.span, directive.span), taken, sawElse: false });
  if (!taken) skipGroup(f);
}

/** #elif, #elifdef, #elifndef, #else: ends the group before, and skips this one unless it is the first to hold. */
export function handleElse(pp: PPState, f: OpenFile, directive: PPToken, line: PPToken[]): void {
  const cond = f.conditionals[f.conditionals.length - 1];
  const name = `#${directive.text}`;
  if (!cond) {
    pp.ctx.diags.error('E1016', `${name} without #if`, directive.span);
    return;
  }
  if (cond.sawElse) {
    pp.ctx.diags.error('E1016', `${name} after #else`, directive.span);
  }
  if (directive.text === 'else') {
    cond.sawElse = true;
    warnExtraTokens(pp, directive, line, 0);
  }
  // Once a branch was taken the rest are skipped without evaluating their conditions.
  if (cond.taken) return skipGroup(f);
  cond.taken = directive.text === 'else' || conditionHolds(pp, directive, line);
  if (!cond.taken) skipGroup(f);
}

export function handleEndif(pp: PPState, f: OpenFile, directive: PPToken, line: PPToken[]): void {
  if (!f.conditionals.pop()) {
    pp.ctx.diags.error('E1016', '#endif without #if', directive.span);
    return;
  }
  warnExtraTokens(pp, directive, line, 0);
}

function conditionHolds(pp: PPState, directive: PPToken, line: PPToken[]): boolean {
  switch (directive.text) {
    case 'if':
    case 'elif': {
      const tokens = expandIfLine(pp, line, directive);
      return tokens !== undefined && evaluateIfExpression(tokens, directive, pp.ctx.diags);
    }
    default: {
      // ifdef, ifndef, elifdef, elifndef
      const name = line[0];
      if (name?.kind !== 'ident') {
        const seen = name ? `'${name.text}'` : 'end of line';
        pp.ctx.diags.error('E1006', `macro name missing: #${directive.text} expects an identifier, saw ${seen}`, name?.span ?? directive.span);
        return false;
      }
      warnExtraTokens(pp, directive, line, 1);
      return isDefined(pp, name.text) !== directive.text.endsWith('ndef');
    }
  }
}

export function isDefined(pp: PPState, name: string): boolean {
  return pp.macros.has(name) || isBuiltinMacroDefined(name);
}

function warnExtraTokens(pp: PPState, directive: PPToken, line: PPToken[], used: number): void {
  const extra = line[used];
  if (extra) pp.ctx.diags.warning('E1023', `extra tokens at end of #${directive.text} directive: '${extra.text}'`, extra.span);
}

/**
 * Skips a group not taken: moves the file position to the '#' of the #elif,
 * #else or #endif that ends it (or to eof), stepping over nested groups.
 */
function skipGroup(f: OpenFile): void {
  const startOffset = f.tokens[f.pos]?.span.start ?? f.file.text.length;
  let depth = 0;
  for (; f.pos < f.tokens.length - 1; f.pos++) {
    const tok = f.tokens[f.pos]!;
    const name = f.tokens[f.pos + 1]!;
    if (!(tok.lineStart && tok.text === '#' && tok.kind === 'punct') || name.lineStart) continue;
    if (GROUP_OPENERS.has(name.text)) depth++;
    else if (GROUP_CONTINUERS.has(name.text)) {
      if (depth === 0) break;
      if (name.text === 'endif') depth--;
    }
  }
  const endOffset = f.tokens[f.pos]!.span.start;
  f.quietRanges.push([startOffset, endOffset]);
}

/**
 * Macro-expands a #if line. `defined X`, `defined(X)` and the __has_*
 * operators are evaluated first, wherever they appear (also when a macro
 * produced them), and their operands are not expanded.
 */
function expandIfLine(pp: PPState, line: PPToken[], directive: PPToken): PPToken[] | undefined {
  const endSpan = line[line.length - 1]?.span ?? directive.span;
  const src = listSource(line, endSpan);
  const out: PPToken[] = [];
  for (;;) {
    const tok = src.next();
    if (tok.kind === 'eof' || pp.stopped) return out;
    if (tok.kind === 'ident' && (tok.text === 'defined' || HAS_OPERATORS.has(tok.text))) {
      const value = tok.text === 'defined' ? evaluateDefined(pp, src, tok) : evaluateHasOperator(pp, src, tok);
      if (value === undefined) return undefined; // reported; the condition counts as false
      out.push({ ...tok, kind: 'number', text: value ? '1' : '0' });
      continue;
    }
    if (!expandMacro(pp, src, tok)) out.push(tok);
  }
}

// defined-expression = "defined" identifier | "defined" "(" identifier ")"
function evaluateDefined(pp: PPState, src: TokenSource, op: PPToken): boolean | undefined {
  let name = src.next();
  const paren = name.kind === 'punct' && name.text === '(';
  if (paren) name = src.next();
  if (name.kind !== 'ident') {
    const seen = name.kind === 'eof' ? 'end of line' : `'${name.text}'`;
    pp.ctx.diags.error('E1006', `macro name missing: 'defined' expects an identifier, saw ${seen}`, name.kind === 'eof' ? spanAfter(op.span) : name.span, {
      expansion: op.expansion,
    });
    return undefined;
  }
  if (paren) {
    const close = src.next();
    if (close.kind !== 'punct' || close.text !== ')') {
      pp.ctx.diags.error('E1017', `expected ')' after 'defined(${name.text}', saw ${close.kind === 'eof' ? 'end of line' : `'${close.text}'`}`, close.kind === 'eof' ? spanAfter(name.span) : close.span);
      return undefined;
    }
  }
  return isDefined(pp, name.text);
}

/** __has_include("x") / (<x>), __has_include_next, __has_builtin(x), __has_attribute(x), __has_feature(x), __has_extension(x). */
function evaluateHasOperator(pp: PPState, src: TokenSource, op: PPToken): boolean | undefined {
  const fail = (seen: PPToken): undefined => {
    pp.ctx.diags.error('E1024', `malformed ${op.text}: expected '(' operand ')', saw ${seen.kind === 'eof' ? 'end of line' : `'${seen.text}'`}`, seen.kind === 'eof' ? spanAfter(op.span) : seen.span, {
      expansion: op.expansion,
    });
    return undefined;
  };
  const lparen = src.next();
  if (lparen.kind !== 'punct' || lparen.text !== '(') return fail(lparen);
  // The operand is everything up to the matching ')'.
  const operand: PPToken[] = [];
  let depth = 0;
  for (;;) {
    const tok = src.next();
    if (tok.kind === 'eof') return fail(tok);
    if (tok.kind === 'punct' && tok.text === '(') depth++;
    if (tok.kind === 'punct' && tok.text === ')' && depth-- === 0) break;
    operand.push(tok);
  }
  if (op.text === '__has_include' || op.text === '__has_include_next') {
    const parsed = parseHeaderName(pp, operand, op.span, true);
    if (!parsed) return undefined;
    return findHeader(pp, parsed.header, op.text === '__has_include_next') !== undefined;
  }
  const name = operand[0];
  if (operand.length !== 1 || name?.kind !== 'ident') return fail(operand[operand.length === 1 ? 0 : 1] ?? lparen);
  switch (op.text) {
    case '__has_builtin':
      return SUPPORTED_BUILTINS.has(name.text);
    case '__has_attribute':
      return SUPPORTED_ATTRIBUTES.has(normalizeAttributeName(name.text));
    default:
      return SUPPORTED_FEATURES.has(name.text);
  }
}

/** The empty span just past `span`: where a missing token at the end of a line belongs. */
function spanAfter(span: Span): Span {
  return { file: span.file, start: span.end, end: span.end };
}
