// #define and #undef (C11 6.10.3, 6.10.3.5).
import { spanJoin } from '../diag/source.js';
import { BUILTIN_MACRO_NAMES } from './builtin-macros.js';
import type { Macro, PPState, PPToken } from './state.js';

/**
 * control-line = "#" "define" identifier replacement-list
 *              | "#" "define" identifier "(" identifier-list? ")" replacement-list   (no space before "(")
 */
export function handleDefine(pp: PPState, directive: PPToken, line: PPToken[]): void {
  const name = checkMacroName(pp, directive, line[0]);
  if (!name) return;

  let params: string[] = [];
  let variadic = false;
  let bodyStart = 1;
  const functionLike = line[1]?.kind === 'punct' && line[1].text === '(' && !line[1].spaceBefore;
  if (functionLike) {
    const parsed = parseParameters(pp, name, line);
    if (!parsed) return;
    ({ params, variadic } = parsed);
    bodyStart = parsed.next;
  }
  const body = line.slice(bodyStart);
  if (body.length > 0) body[0] = { ...body[0]!, spaceBefore: false };
  if (!checkBody(pp, name, functionLike, params, variadic, body)) return;

  const macro: Macro = { name: name.text, functionLike, params, variadic, body, nameSpan: name.span };
  const previous = pp.macros.get(name.text);
  if (previous && !sameDefinition(previous, macro) && !inEbccHeader(pp, previous)) {
    pp.ctx.diags.warning('E1008', `'${name.text}' macro redefined`, name.span, {
      notes: [{ message: 'previous definition is here', span: previous.nameSpan }],
    });
  }
  pp.macros.set(name.text, macro);
}

// control-line = "#" "undef" identifier
export function handleUndef(pp: PPState, directive: PPToken, line: PPToken[]): void {
  const name = checkMacroName(pp, directive, line[0]);
  if (!name) return;
  if (line.length > 1) {
    pp.ctx.diags.warning('E1023', `extra tokens at end of #undef directive: '${line[1]!.text}'`, line[1]!.span);
  }
  pp.macros.delete(name.text);
}

function checkMacroName(pp: PPState, directive: PPToken, name: PPToken | undefined): PPToken | undefined {
  if (!name || name.kind !== 'ident') {
    const seen = name ? `'${name.text}'` : 'end of line';
    pp.ctx.diags.error('E1006', `macro name missing: #${directive.text} expects an identifier, saw ${seen}`, name?.span ?? directive.span);
    return undefined;
  }
  if (BUILTIN_MACRO_NAMES.has(name.text)) {
    pp.ctx.diags.error('E1026', `'${name.text}' is built into the preprocessor and cannot be used with #${directive.text}`, name.span);
    return undefined;
  }
  return name;
}

/** identifier-list = identifier ("," identifier)* ("," "...")? | "..."; also GNU `name...`. */
function parseParameters(
  pp: PPState,
  name: PPToken,
  line: PPToken[],
): { params: string[]; variadic: boolean; next: number } | undefined {
  const params: string[] = [];
  let i = 2;
  const fail = (tok: PPToken | undefined, what: string): undefined => {
    const seen = tok ? `'${tok.text}'` : 'end of line';
    pp.ctx.diags.error('E1007', `${what} in the parameter list of macro '${name.text}', saw ${seen}`, tok?.span ?? name.span);
    return undefined;
  };
  if (line[i]?.text === ')') return { params, variadic: false, next: i + 1 };
  for (;;) {
    const tok = line[i];
    if (tok?.kind === 'punct' && tok.text === '...') {
      params.push('__VA_ARGS__');
      if (line[i + 1]?.text !== ')') return fail(line[i + 1], "expected ')' after '...'");
      return { params, variadic: true, next: i + 2 };
    }
    if (tok?.kind !== 'ident') return fail(tok, 'expected a parameter name');
    if (params.includes(tok.text)) return fail(tok, 'duplicate parameter name');
    if (tok.text === '__VA_ARGS__') return fail(tok, '__VA_ARGS__ can only name the arguments of ...');
    params.push(tok.text);
    const sep = line[i + 1];
    if (sep?.kind === 'punct' && sep.text === '...') {
      // GNU named variadic parameter: `args...`
      if (line[i + 2]?.text !== ')') return fail(line[i + 2], "expected ')' after '...'");
      return { params, variadic: true, next: i + 3 };
    }
    if (sep?.text === ')') return { params, variadic: false, next: i + 2 };
    if (sep?.text !== ',') return fail(sep, "expected ',' or ')'");
    i += 2;
  }
}

/**
 * # must name a parameter or __VA_OPT__ (function-like macros only), ## needs
 * an operand on both sides, and __VA_OPT__ takes a parenthesized replacement.
 */
function checkBody(pp: PPState, name: PPToken, functionLike: boolean, params: string[], variadic: boolean, body: PPToken[]): boolean {
  const isPunct = (t: PPToken | undefined, text: string): boolean => t?.kind === 'punct' && t.text === text;
  if (isPunct(body[0], '##') || isPunct(body[body.length - 1], '##')) {
    const at = isPunct(body[0], '##') ? body[0]! : body[body.length - 1]!;
    pp.ctx.diags.error('E1010', `'##' cannot appear at either end of the replacement list of macro '${name.text}'`, at.span);
    return false;
  }
  if (!functionLike) return true;
  for (let i = 0; i < body.length; i++) {
    if (variadic && isVaOpt(body[i])) {
      const close = closingParen(body, i + 1);
      if (close < 0) {
        pp.ctx.diags.error('E1027', `'__VA_OPT__' in macro '${name.text}' must be followed by a parenthesized replacement`, body[i]!.span);
        return false;
      }
      const nested = body.slice(i + 2, close).find(isVaOpt);
      if (nested) {
        pp.ctx.diags.error('E1027', `'__VA_OPT__' cannot appear inside another '__VA_OPT__' (macro '${name.text}')`, nested.span);
        return false;
      }
    }
    if (!isPunct(body[i], '#')) continue;
    const next = body[i + 1];
    if (variadic && isVaOpt(next)) continue;
    if (next?.kind !== 'ident' || !params.includes(next.text)) {
      const seen = next ? `'${next.text}'` : 'end of line';
      pp.ctx.diags.error('E1009', `'#' is not followed by a macro parameter of '${name.text}', saw ${seen}`, next ? spanJoin(body[i]!.span, next.span) : body[i]!.span);
      return false;
    }
  }
  return true;
}

/** Two definitions are the same if kind, parameters, spelling and whitespace placement agree (C11 6.10.3p1-2). */
/**
 * Whether a macro was defined by one of ebcc's own headers (stdlib/include). Programs often
 * copy a macro of libbpf's or the kernel's headers (___bpf_nth, barrier, ...) into a header of
 * their own; clang sees libbpf's text twice and stays silent. ebcc's headers are written
 * independently and cannot match another header token for token, so a program's redefinition
 * of such a macro is not reported: the program's definition wins, as it would anyway.
 */
function inEbccHeader(pp: PPState, macro: Macro): boolean {
  const file = macro.nameSpan.file;
  if (file < 0) return false;
  const dir = pp.ctx.options.stdlibDir.replace(/\/+$/, '');
  return pp.ctx.sources.get(file).path.startsWith(dir + '/');
}

function sameDefinition(a: Macro, b: Macro): boolean {
  if (a.functionLike !== b.functionLike || a.variadic !== b.variadic) return false;
  if (a.params.join(',') !== b.params.join(',') || a.body.length !== b.body.length) return false;
  return a.body.every((t, i) => {
    const u = b.body[i]!;
    return t.text === u.text && (i === 0 || t.spaceBefore === u.spaceBefore);
  });
}

const isVaOpt = (t: PPToken | undefined): boolean => t?.kind === 'ident' && t.text === '__VA_OPT__';

/** The index of the ) matching a ( at body[open], or -1 if body[open] is not ( or the ) is missing. */
function closingParen(body: PPToken[], open: number): number {
  if (body[open]?.kind !== 'punct' || body[open]!.text !== '(') return -1;
  let depth = 0;
  for (let i = open; i < body.length; i++) {
    const t = body[i]!;
    if (t.kind === 'punct' && t.text === '(') depth++;
    else if (t.kind === 'punct' && t.text === ')' && --depth === 0) return i;
  }
  return -1;
}
