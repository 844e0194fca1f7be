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
import { toParserTokens } from './tokens.js';
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

/** `parser`: the process's by default; tests pass one built otherwise. */
export function parse(tokens: Token[], ctx: CompileContext, parser: CParser = getParser()): ast.TranslationUnit {
  const { tokens: ctokens, pragmasBefore } = toParserTokens(tokens, { c23: ctx.options.c23 });
  const state = new ParseState(ctokens, pragmasBefore);
  parser.input = ctokens;
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
  for (const d of state.diagnostics) {
    ctx.diags.error(d.code, d.message, d.span, d.expansion ? { expansion: d.expansion } : {});
  }
  const first = tokens[0]?.span ?? { file: 0, start: 0, end: 0 };
  const last = tokens[tokens.length - 1]?.span ?? first;
  const span = { file: first.file, start: 0, end: last.file === first.file ? last.end : first.end };
  return { kind: 'TranslationUnit', span, items: state.items };
}
