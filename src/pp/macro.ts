// Macro replacement (C11 6.10.3): argument collection, argument
// pre-expansion, # and ##, and rescanning. Expansion pushes the replacement
// back onto the token source, so rescanning is just reading on. A token never
// expands a macro in its hide set (Prosser's algorithm), which gives the
// standard's "painted blue" rule: a macro is not re-expanded inside itself.
import { Diagnostics, type MacroExpansion } from '../diag/diagnostic.js';
import { spanJoin, type Span } from '../diag/source.js';
import { expandBuiltinMacro } from './builtin-macros.js';
import { lexFile } from './lexer.js';
import {
  MAX_EXPANSION_DEPTH,
  chargeTokens,
  copyToken,
  makeEof,
  replacementToken,
  type HideSet,
  type Macro,
  type PPState,
  type PPToken,
  type TokenSource,
} from './state.js';
import { pushAll } from '../util/array.js';

/** A TokenSource over a list, reading 'eof' (with the given span) after the last token. */
export function listSource(tokens: readonly PPToken[], endSpan: Span): TokenSource {
  const pushback: PPToken[] = [];
  const eof = makeEof(endSpan);
  let pos = 0;
  return {
    next: () => pushback.pop() ?? tokens[pos++] ?? eof,
    unread: (tok) => {
      if (tok.kind !== 'eof') pushback.push(tok);
    },
  };
}

/** Fully macro-expands a list of tokens on its own, as for a macro argument (C11 6.10.3.1). */
export function expandList(pp: PPState, tokens: readonly PPToken[], endSpan: Span): PPToken[] {
  if (pp.expansionDepth >= MAX_EXPANSION_DEPTH) {
    if (!pp.stopped) {
      const at = tokens[0]?.span ?? endSpan;
      pp.ctx.diags.error('E1014', `macro arguments nested more than ${MAX_EXPANSION_DEPTH} deep; preprocessing stopped`, at, {
        expansion: tokens[0]?.expansion,
      });
    }
    pp.stopped = true;
    return [];
  }
  pp.expansionDepth++;
  const src = listSource(tokens, endSpan);
  const out: PPToken[] = [];
  for (;;) {
    const tok = src.next();
    if (tok.kind === 'eof' || pp.stopped) break;
    if (!expandMacro(pp, src, tok)) out.push(tok);
  }
  pp.expansionDepth--;
  return out;
}

/**
 * If `tok` is a macro name that expands here, reads the macro's arguments
 * from `src`, and unreads the replacement onto `src` for rescanning. Returns
 * false when `tok` is to be kept as it is.
 */
export function expandMacro(pp: PPState, src: TokenSource, tok: PPToken): boolean {
  if (tok.kind !== 'ident' || pp.stopped || tok.hideset?.has(tok.text)) return false;
  const builtin = expandBuiltinMacro(pp, src, tok);
  if (builtin !== undefined) {
    for (let i = builtin.length - 1; i >= 0; i--) src.unread(builtin[i]!);
    return true;
  }
  const macro = pp.macros.get(tok.text);
  if (!macro) return false;

  let args: PPToken[][] = [];
  let hideset: HideSet;
  let use = tok.span;
  if (macro.functionLike) {
    // A function-like macro name not followed by ( is an ordinary identifier.
    const lparen = src.next();
    if (lparen.kind !== 'punct' || lparen.text !== '(') {
      src.unread(lparen);
      return false;
    }
    const call = collectArguments(pp, src, macro, tok);
    if (!call) return true;
    if (!checkArgumentCount(pp, macro, tok, call.args)) return true;
    args = call.args;
    hideset = withName(pp, intersect(tok.hideset, call.rparen.hideset), macro.name);
    if (call.rparen.expansion === tok.expansion) use = spanJoin(tok.span, call.rparen.span);
  } else {
    hideset = withName(pp, tok.hideset, macro.name);
  }

  const expansion: MacroExpansion = { macro: macro.name, use, parent: tok.expansion };
  if (!macro.functionLike && !macro.body.some((t) => isPunct(t, '##'))) {
    // The common case, and the hot one in runaway expansions: an object-like macro
    // without ## is its body, copied with the new hide set.
    if (!chargeTokens(pp, macro.body.length, tok.span, tok.expansion)) return true;
    for (let i = macro.body.length - 1; i >= 0; i--) {
      const t = macro.body[i]!;
      src.unread(replacementToken(t.kind, t.text, t.span, expansion, i === 0 ? tok.spaceBefore : t.spaceBefore, i === 0 ? tok.lineStart : false, union(t.hideset, hideset)));
    }
    return true;
  }
  const result = substitute(pp, macro, args, expansion);
  if (!chargeTokens(pp, result.length, tok.span, tok.expansion)) return true;

  // The result's tokens are fresh copies, so they can be updated in place.
  const unions = new Map<HideSet | undefined, HideSet>();
  for (let i = result.length - 1; i >= 0; i--) {
    const t = result[i]!;
    let hs = unions.get(t.hideset);
    if (!hs) {
      hs = union(t.hideset, hideset);
      unions.set(t.hideset, hs);
    }
    t.hideset = hs;
    t.lineStart = i === 0 ? tok.lineStart : false;
    if (i === 0) t.spaceBefore = tok.spaceBefore;
    src.unread(t);
  }
  return true;
}

/**
 * Reads the arguments of a call up to the matching ) (C11 6.10.3p10-11). An
 * unterminated call is reported (E1012) and dropped with everything after it,
 * as clang does; rereading the rest for each nested call would take quadratic time.
 */
function collectArguments(
  pp: PPState,
  src: TokenSource,
  macro: Macro,
  name: PPToken,
): { args: PPToken[][]; rparen: PPToken } | undefined {
  const args: PPToken[][] = [[]];
  let depth = 0;
  for (;;) {
    const tok = src.next();
    if (tok.kind === 'eof') {
      if (!pp.stopped) {
        pp.ctx.diags.error('E1012', `unterminated argument list invoking macro '${macro.name}'`, name.span, {
          expansion: name.expansion,
        });
      }
      return undefined;
    }
    if (tok.kind === 'punct') {
      if (tok.text === '(') depth++;
      else if (tok.text === ')' && depth-- === 0) return { args, rparen: tok };
      else if (tok.text === ',' && depth === 0 && !(macro.variadic && args.length >= macro.params.length)) {
        args.push([]);
        continue;
      }
    }
    args[args.length - 1]!.push(tok);
  }
}

function checkArgumentCount(pp: PPState, macro: Macro, name: PPToken, args: PPToken[][]): boolean {
  const want = macro.params.length;
  // `f()` passes one empty argument, which is right for a macro of one parameter or none.
  if (want === 0 && args.length === 1 && args[0]!.length === 0) args.pop();
  // A variadic macro may be called without the variadic argument (GNU, C23).
  if (macro.variadic && args.length === want - 1) args.push([]);
  if (args.length === want) return true;
  const atLeast = macro.variadic ? 'at least ' : '';
  const required = macro.variadic ? want - 1 : want;
  pp.ctx.diags.error(
    'E1013',
    `macro '${macro.name}' requires ${atLeast}${required} argument${required === 1 ? '' : 's'}, but ${args.length} ${args.length === 1 ? 'was' : 'were'} given`,
    name.span,
    { expansion: name.expansion },
  );
  return false;
}

/**
 * Builds the replacement of one macro use: parameters replaced by their
 * (pre-expanded) arguments, # applied, ## applied left to right (C11
 * 6.10.3.1–3), and __VA_OPT__ (C23 6.10.5.1). Every token returned is a fresh object.
 */
function substitute(pp: PPState, macro: Macro, args: PPToken[][], expansion: MacroExpansion): PPToken[] {
  // An empty operand of ## stands for a placemarker, which pastes as nothing (C11 6.10.3.3p2).
  const placemarker: PPToken = { kind: 'punct', text: '', span: expansion.use, spaceBefore: false, lineStart: false };
  const expanded = new Map<number, PPToken[]>();
  const variadicIndex = macro.variadic ? macro.params.length - 1 : -1;

  const paramIndex = (tok: PPToken | undefined): number =>
    macro.functionLike && tok?.kind === 'ident' ? macro.params.indexOf(tok.text) : -1;
  const isVaOpt = (list: PPToken[], i: number): boolean =>
    macro.variadic && list[i]?.kind === 'ident' && list[i]!.text === '__VA_OPT__' && isPunct(list[i + 1], '(');
  const fromBody = (tok: PPToken): PPToken => replacementToken(tok.kind, tok.text, tok.span, expansion, tok.spaceBefore, tok.lineStart, tok.hideset);
  const fromArg = (tokens: PPToken[], param: PPToken): PPToken[] =>
    tokens.map((t, i) => replacementToken(t.kind, t.text, t.span, t.expansion, i === 0 ? param.spaceBefore : t.spaceBefore, false, t.hideset));
  const expandedArg = (index: number): PPToken[] => {
    let list = expanded.get(index);
    if (!list) {
      list = expandList(pp, args[index]!, expansion.use);
      expanded.set(index, list);
    }
    return list;
  };
  /** __VA_OPT__(content) at list[i]: the content's replacement, or nothing if the variadic arguments expand to nothing. */
  const vaOpt = (list: PPToken[], i: number, end: number): PPToken[] =>
    expandedArg(variadicIndex).length === 0 ? [] : replace(list.slice(i + 2, end - 1)).filter((t) => t !== placemarker);

  /** Index just past the operand at list[i]: `# param`, `# __VA_OPT__(...)`, `__VA_OPT__(...)`, or one token. */
  const operandEnd = (list: PPToken[], i: number): number => {
    if (isVaOpt(list, i)) return matchingParen(list, i + 1) + 1;
    if (macro.functionLike && isPunct(list[i], '#')) {
      if (paramIndex(list[i + 1]) >= 0) return i + 2;
      if (isVaOpt(list, i + 1)) return matchingParen(list, i + 2) + 1;
    }
    return i + 1;
  };
  /** The tokens of the operand list[i..end); parameters are expanded unless they are operands of ## (C11 6.10.3.1). */
  const operand = (list: PPToken[], i: number, end: number, raw: boolean): PPToken[] => {
    const tok = list[i]!;
    if (macro.functionLike && isPunct(tok, '#') && end > i + 1) {
      const p = paramIndex(list[i + 1]);
      return [stringify(p >= 0 ? args[p]! : vaOpt(list, i + 1, end), tok, expansion)];
    }
    if (isVaOpt(list, i)) return vaOpt(list, i, end);
    const p = paramIndex(tok);
    if (p >= 0) return fromArg(raw ? args[p]! : expandedArg(p), tok);
    return [fromBody(tok)];
  };

  const replace = (list: PPToken[]): PPToken[] => {
    const out: PPToken[] = [];
    for (let i = 0; i < list.length; ) {
      const tok = list[i]!;
      // Most of a body: a token that is no # or ##, no parameter and no __VA_OPT__, and is not an
      // operand of ##, stands for itself (what the general case below makes of it, sooner).
      if (tok.kind === 'punct' ? tok.text !== '#' && tok.text !== '##' : tok.kind !== 'ident' || (paramIndex(tok) < 0 && !isVaOpt(list, i))) {
        const next = list[i + 1];
        if (next === undefined || next.kind !== 'punct' || next.text !== '##') {
          out.push(fromBody(tok));
          i++;
          continue;
        }
      }
      // x ## y: paste the last token so far with the first token of the right operand.
      if (isPunct(tok, '##') && i + 1 < list.length) {
        const rhsTok = list[i + 1]!;
        const p = paramIndex(rhsTok);
        if (p >= 0 && p === variadicIndex && isPunct(out[out.length - 1], ',')) {
          // GNU: `, ## __VA_ARGS__` drops the comma when the variadic argument is empty.
          if (args[p]!.length === 0) out.pop();
          else pushAll(out, fromArg(args[p]!, tok.spaceBefore ? tok : rhsTok));
          i += 2;
          continue;
        }
        const end = operandEnd(list, i + 1);
        const rhs = operand(list, i + 1, end, true);
        const lhs = out.pop() ?? placemarker;
        if (rhs.length === 0) out.push(lhs);
        else if (lhs === placemarker) pushAll(out, rhs);
        else {
          pushAll(out, paste(pp, lhs, rhs[0]!, expansion));
          pushAll(out, rhs.slice(1));
        }
        i = end;
        continue;
      }
      const end = operandEnd(list, i);
      const raw = isPunct(list[end], '##');
      const tokens = operand(list, i, end, raw);
      pushAll(out, tokens.length === 0 && raw ? [placemarker] : tokens);
      i = end;
    }
    return out;
  };

  return replace(macro.body).filter((t) => t !== placemarker);
}

/** The index of the ) matching the ( at list[open] (checked at #define time), or the last index. */
function matchingParen(list: PPToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < list.length; i++) {
    if (isPunct(list[i], '(')) depth++;
    else if (isPunct(list[i], ')') && --depth === 0) return i;
  }
  return list.length - 1;
}

function isPunct(tok: PPToken | undefined, text: string): boolean {
  return tok !== undefined && tok.kind === 'punct' && tok.text === text;
}

/** The # operator: the argument's spelling as a string literal (C11 6.10.3.2). */
function stringify(arg: PPToken[], hash: PPToken, expansion: MacroExpansion): PPToken {
  let text = '';
  arg.forEach((t, i) => {
    if (i > 0 && (t.spaceBefore || t.lineStart)) text += ' ';
    text += t.kind === 'string' || t.kind === 'char' ? t.text.replace(/[\\"]/g, (c) => `\\${c}`) : t.text;
  });
  return replacementToken('string', `"${text}"`, hash.span, expansion, hash.spaceBefore, false, undefined);
}

/** The ## operator on two tokens (C11 6.10.3.3). If they do not form one token, reports E1011 and keeps both. */
function paste(pp: PPState, lhs: PPToken, rhs: PPToken, expansion: MacroExpansion): PPToken[] {
  const lexed = lexSpelling(lhs.text + rhs.text);
  if (lexed) {
    const span = lhs.span.file === rhs.span.file ? spanJoin(lhs.span, rhs.span) : lhs.span;
    return [replacementToken(lexed.kind, lexed.text, span, expansion, lhs.spaceBefore, false, undefined)];
  }
  pp.ctx.diags.error(
    'E1011',
    `pasting '${lhs.text}' and '${rhs.text}' does not give a valid preprocessing token`,
    lhs.span,
    { expansion },
  );
  return [lhs, copyToken(rhs, { spaceBefore: false })];
}

/** The single pp-token `spelling` spells, or undefined if it is not exactly one token. */
function lexSpelling(spelling: string): { kind: PPToken['kind']; text: string } | undefined {
  const diags = new Diagnostics();
  const tokens = lexFile({ id: -1, path: '<paste>', text: spelling, lineStarts: [0] }, diags);
  const tok = tokens[0]!;
  if (diags.list.length > 0 || tokens.length !== 2 || tok.span.start !== 0 || tok.span.end !== spelling.length) {
    return undefined;
  }
  return { kind: tok.kind, text: tok.text };
}

function withName(pp: PPState, hs: HideSet | undefined, name: string): HideSet {
  if (hs?.has(name)) return hs;
  let byName = pp.hideSetsWithName.get(hs);
  if (!byName) {
    byName = new Map();
    pp.hideSetsWithName.set(hs, byName);
  }
  let out = byName.get(name);
  if (!out) {
    out = new Set(hs).add(name);
    byName.set(name, out);
  }
  return out;
}

function union(a: HideSet | undefined, b: HideSet): HideSet {
  if (!a || a === b || a.size === 0) return b;
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
}

function intersect(a: HideSet | undefined, b: HideSet | undefined): HideSet | undefined {
  if (!a || !b) return undefined;
  if (a === b) return a;
  return new Set([...a].filter((x) => b.has(x)));
}
