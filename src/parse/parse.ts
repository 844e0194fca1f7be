// The parse stage: Token[] -> ast.TranslationUnit. Syntax errors go to
// ctx.diags and parsing goes on; parse() never throws for bad input.
//
// The rules are spread over a class chain, one file per grammar area:
// parser-base.ts (state, spans, GATE predicates, recovery) <- expr-rules.ts
// <- decl-rules.ts <- init-rules.ts <- stmt-rules.ts <- unit-rules.ts (CParser). They build
// the AST directly (chevrotain's EmbeddedActionsParser); parser-base.ts says why.
import type { CompileContext } from '../context.js';
import type { Token } from '../pp/token.js';
import type * as ast from './ast.js';
import { MAX_NESTING_DEPTH, NestingTooDeep, ParseState } from './parser-base.js';
import { reusePrefix, type DeclBoundary, type ReusedPrefix } from './parse-cache.js';
import { toParserTokens, type CToken } from './tokens.js';
import { CParser } from './unit-rules.js';

/**
 * The one parser instance of the process. chevrotain's grammar analysis
 * (performSelfAnalysis) is expensive, so it runs on the first parse, not at
 * import. The instance carries no state between parses: parse() installs a
 * fresh ParseState each time.
 */
let sharedParser: CParser | undefined;

export function getParser(): CParser {
  sharedParser ??= new CParser();
  return sharedParser;
}

/**
 * `parser`: the process's by default; tests pass one built otherwise. With ctx.parseCache, the
 * first declarations come from the cache when their tokens are exactly the recorded ones
 * (parse-cache.ts), and the parser starts after them. `prefix`, when given, is such declarations
 * that the caller knows these tokens to begin with (driver/header-prefix.ts).
 */
export function parse(tokens: Token[], ctx: CompileContext, parser: CParser = getParser(), prefix?: ReusedPrefix): ast.TranslationUnit {
  const c23 = ctx.options.c23 === true;
  const reused = prefix ?? (ctx.parseCache ? reusePrefix(ctx.parseCache, tokens, c23) : undefined);
  const lazy = ctx.options.lazyDeclarations !== false;
  let state: ParseState | undefined;
  if (reused) {
    // Token indexes stay those of the whole stream (startOffset): spans, pragmas and recovery use
    // them. The parser tokens of the declarations taken are not made: the parser starts after them.
    const { tokens: ctokens, pragmasBefore } = toParserTokens(tokens, { c23 }, reused.parserEnd);
    state = new ParseState(ctokens, pragmasBefore);
    state.lazyDeclarations = lazy;
    state.items.push(...reused.items);
    for (const [name, isTypedef] of reused.declared) state.scopes.declare(name, isTypedef);
    runParser(parser, state, ctokens.slice(reused.parserEnd), tokens);
    // A syntax error is reported from a parse of the whole stream, exactly as without the cache.
    if (state.diagnostics.length > 0) state = undefined;
  }
  if (!state) {
    const { tokens: ctokens, pragmasBefore } = toParserTokens(tokens, { c23 });
    state = new ParseState(ctokens, pragmasBefore);
    state.lazyDeclarations = lazy;
    runParser(parser, state, ctokens, tokens);
  }
  for (const d of state.diagnostics) {
    ctx.diags.error(d.code, d.message, d.span, d.expansion ? { expansion: d.expansion } : {});
  }
  const first = tokens[0]?.span ?? { file: 0, start: 0, end: 0 };
  const last = tokens[tokens.length - 1]?.span ?? first;
  const span = { file: first.file, start: 0, end: last.file === first.file ? last.end : first.end };
  return { kind: 'TranslationUnit', span, items: state.items };
}

/** Parses a whole stream as parse() does without a cache, and says where each external declaration ends and what it declared (for recording a cache). */
export function parseRecording(tokens: Token[], ctx: CompileContext, parser: CParser = getParser()): { items: ast.ExternalDecl[]; boundaries: DeclBoundary[]; diagnostics: number } {
  const { tokens: ctokens, pragmasBefore } = toParserTokens(tokens, { c23: ctx.options.c23 === true });
  const state = new ParseState(ctokens, pragmasBefore);
  state.lazyDeclarations = ctx.options.lazyDeclarations !== false;
  const boundaries: DeclBoundary[] = [];
  let before = new Map<string, boolean>();
  state.onItem = (parserEnd) => {
    const now = state.scopes.fileScope();
    const declared: [string, boolean][] = [];
    for (const [name, isTypedef] of now) if (before.get(name) !== isTypedef) declared.push([name, isTypedef]);
    before = new Map(now);
    boundaries.push({ parserEnd, declared });
  };
  runParser(parser, state, ctokens, tokens);
  return { items: state.items, boundaries, diagnostics: state.diagnostics.length };
}

/**
 * The declaration a lazy declaration stands for (lazy-decls.ts), parsed as the parse of the whole
 * unit would have parsed it; undefined if its tokens do not make exactly one declaration, which
 * their shape rules out.
 */
export function parseLazyDeclaration(lazy: ast.LazyDecl, c23: boolean, parser: CParser = getParser()): ast.ExternalDecl | undefined {
  const { tokens } = toParserTokens([...lazy.tokens], { c23 });
  const state = new ParseState(tokens, new Map());
  for (const name of lazy.typedefs) state.scopes.declare(name, true);
  parser.input = tokens;
  parser.useState(state);
  const decl = parser.externalDeclaration();
  const whole = parser.errors.length === 0 && state.diagnostics.length === 0 && parser.atEnd();
  return whole && decl?.kind === 'Declaration' ? decl : undefined;
}

function runParser(parser: CParser, state: ParseState, input: CToken[], tokens: Token[]): void {
  parser.input = input;
  parser.useState(state);
  try {
    parser.translationUnit();
  } catch (e) {
    if (!(e instanceof NestingTooDeep)) throw e; // anything else is ebcc's bug: E0003
    state.diagnostics.push({
      code: 'E2002',
      message: e.detail ?? `nesting too deep: more than ${MAX_NESTING_DEPTH} levels of parentheses, braces, brackets or declarators`,
      span: (e.token as { src?: Token }).src?.span ?? tokens[tokens.length - 1]!.span,
    });
  }
}
