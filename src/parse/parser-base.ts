// The parser's foundation: chevrotain set-up, the per-parse state (typedef
// scopes, nesting depth, loop pragmas, collected diagnostics), spans, the
// look-ahead predicates the GATEs use, and error recovery by resynchronisation.
//
// Why EmbeddedActionsParser rather than CstParser + a CST visitor: the
// typedef-name GATEs need to know, while parsing, which names each
// declaration introduces; with embedded actions the AST node that says so is
// at hand, so the rules build the AST directly and no CST exists at all.
import { EmbeddedActionsParser, EOF, tokenMatcher, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type { Code } from '../diag/codes.js';
import type { MacroExpansion } from '../diag/diagnostic.js';
import { NO_SPAN, type Span } from '../diag/source.js';
import type { Token } from '../pp/token.js';
import type * as ast from './ast.js';
import { errorMessageProvider } from './errors.js';
import { TableLookahead, type LookaheadTable } from './lookahead.js';
import { LOOKAHEAD_TABLE } from './lookahead-table.js';
import { TypedefScopes } from './scopes.js';
import * as T from './tokens.js';

/** Tokens of look-ahead the grammar's decisions may use (LL(2)). */
export const MAX_LOOKAHEAD = 2;

/** Nesting beyond this many levels (expressions, statements, declarators, initializers) is refused. */
export const MAX_NESTING_DEPTH = 100;

/**
 * The most binary operators one expression may chain (`a + b + ...`). The chain folds into a
 * left-deep tree that sema and lowering walk recursively, so an unbounded chain would overflow
 * their stack; generated code rarely needs more than a few dozen.
 */
export const MAX_BINARY_CHAIN = 1024;

/** The most `else if` arms one chain may have: the arms nest in the AST, for the same reason. */
export const MAX_ELSE_IF_CHAIN = 1024;

/** Thrown when nesting exceeds MAX_NESTING_DEPTH (or a chain MAX_BINARY_CHAIN or MAX_ELSE_IF_CHAIN); parse() reports it and stops. */
export class NestingTooDeep extends Error {
  constructor(
    readonly token: IToken,
    readonly detail?: string,
  ) {
    super('nesting too deep');
  }
}

export interface PendingDiagnostic {
  code: Code;
  message: string;
  span: Span;
  expansion?: MacroExpansion;
}

/** What the declarator rules may accept: a name is required, forbidden, or optional (parameters). */
export type DeclaratorMode = 'named' | 'abstract' | 'either';

/** State of one parse; the parser instance is reused, so parse() resets this each time. */
export class ParseState {
  scopes = new TypedefScopes();
  depth = 0;
  diagnostics: PendingDiagnostic[] = [];
  items: ast.ExternalDecl[] = [];
  /** Whether the helper pointer declarations of headers (files but the main file, 0) are kept as lazy declarations. */
  lazyDeclarations = false;
  /** Called after each external declaration with the parser tokens consumed so far (recording a parse cache). */
  onItem?: (parserEnd: number) => void;
  /** Token indexes where `#pragma clang attribute push/pop` changes whether records get preserve_access_index. */
  private accessIndexChanges?: { at: number; active: boolean }[];
  constructor(
    readonly tokens: T.CToken[],
    readonly pragmasBefore: Map<number, Token[]>,
  ) {}

  /**
   * Whether a record defined at parser token `index` is under `#pragma clang attribute
   * push(__attribute__((preserve_access_index)), apply_to = record)` (vmlinux.h's pragma): each
   * push adds an entry to a stack and each `pop` removes the last one.
   */
  preserveAccessIndexAt(index: number): boolean {
    if (!this.accessIndexChanges) {
      const changes: { at: number; active: boolean }[] = [];
      const stack: boolean[] = [];
      for (const at of [...this.pragmasBefore.keys()].sort((a, b) => a - b)) {
        for (const p of this.pragmasBefore.get(at)!) {
          const words = p.text.replace(/\s+/g, '');
          if (!words.startsWith('clangattribute')) continue;
          if (words.startsWith('clangattributepush')) stack.push(/^clangattributepush\(__attribute__\(\((__)?preserve_access_index(__)?\)\),apply_to=record\)$/.test(words));
          else if (words.startsWith('clangattributepop')) stack.pop();
          changes.push({ at, active: stack.includes(true) });
        }
      }
      this.accessIndexChanges = changes;
    }
    let active = false;
    for (const c of this.accessIndexChanges) {
      if (c.at > index) break;
      active = c.active;
    }
    return active;
  }
}

export class ParserBase extends EmbeddedActionsParser {
  protected st = new ParseState([], new Map());

  /**
   * The hottest decisions (expressions, declaration specifiers, statements) are taken by a
   * switch on the next token's type where that token alone decides, instead of chevrotain's
   * OR, which builds its array of alternatives and scans their look-ahead paths on every call.
   * A fast path takes an alternative only where the grammar's decision (lookahead-table.ts) takes
   * the same one, and hands every other case, errors included, to the OR it stands beside; while
   * chevrotain records the grammar (RECORDING_PHASE) only the OR runs. Tests turn the fast paths
   * off to check that both give the same trees and errors.
   */
  private readonly fastPathsOn: boolean;

  /** validate: run chevrotain's grammar checks (ambiguities, left recursion); tests do, parse() does not. */
  /** table: the look-ahead paths to use while they match the grammar (tests pass others). */
  /** fastPaths: false makes every decision through chevrotain (tests compare the two). */
  constructor(validate = false, table: LookaheadTable = LOOKAHEAD_TABLE, fastPaths = true) {
    super(T.ALL_TOKEN_TYPES as TokenType[], {
      maxLookahead: MAX_LOOKAHEAD,
      recoveryEnabled: false,
      errorMessageProvider,
      skipValidations: !validate,
      // The validating parser (tests, the table's generator) computes every path itself.
      ...(validate ? {} : { lookaheadStrategy: new TableLookahead(MAX_LOOKAHEAD, table, new Map(T.ALL_TOKEN_TYPES.map((t) => [t.name, t as TokenType]))) }),
    });
    this.fastPathsOn = fastPaths;
  }

  /** Whether a rule may take its fast path (see fastPathsOn): never while the grammar is recorded. */
  protected fast(): boolean {
    return this.fastPathsOn && !this.RECORDING_PHASE;
  }

  /** Installs the state of a new parse (the instance is reused across parses). */
  useState(state: ParseState): void {
    this.st = state;
  }

  currentToken(): IToken {
    return this.LA(1);
  }

  // -------------------------------------------------------------------------
  // Tokens and spans

  protected is(tok: IToken, type: TokenType): boolean {
    return tokenMatcher(tok, type);
  }

  protected la(k: number, type: TokenType): boolean {
    return tokenMatcher(this.LA(k), type);
  }

  /** Whether the parser has taken every token of its input. */
  atEnd(): boolean {
    return this.LA(1).tokenType === EOF;
  }

  /** Index of the next token in st.tokens (tokens.length at the end). */
  protected nextIndex(): number {
    const t = this.LA(1);
    return t.tokenType === EOF ? this.st.tokens.length : t.startOffset;
  }

  /** Where a token stands in the user's text: for a token from a macro, the outermost macro use. */
  protected outerSpan(tok: IToken): Span {
    const src = (tok as T.CToken).src;
    if (!src) return this.endSpan();
    let exp = src.expansion;
    if (!exp) return src.span;
    while (exp.parent) exp = exp.parent;
    return exp.use;
  }

  /** A zero-width span just after the last token of the input. */
  private endSpan(): Span {
    const last = this.st.tokens[this.st.tokens.length - 1]?.src;
    if (!last) return NO_SPAN;
    return { file: last.span.file, start: last.span.end, end: last.span.end };
  }

  /** The span from `start` through the last consumed token. */
  protected spanFrom(start: IToken): Span {
    const a = this.outerSpan(start);
    const last = this.LA(0);
    if (start.tokenType === EOF || last.tokenType === EOF || last.startOffset < start.startOffset) {
      return { file: a.file, start: a.start, end: a.start };
    }
    const b = this.outerSpan(last);
    if (a.file !== b.file || b.end < a.start) return a;
    return { file: a.file, start: a.start, end: b.end };
  }

  /** span and expansion for an expression node starting at `start`. */
  protected exprBase(start: IToken): { span: Span; expansion?: MacroExpansion } {
    const exp = (start as T.CToken).src?.expansion;
    return exp ? { span: this.spanFrom(start), expansion: exp } : { span: this.spanFrom(start) };
  }

  protected report(code: Code, message: string, tok: IToken): void {
    const src = (tok as T.CToken).src;
    const d: PendingDiagnostic = { code, message, span: src ? src.span : this.endSpan() };
    if (src?.expansion) d.expansion = src.expansion;
    this.st.diagnostics.push(d);
  }

  /** Loop pragmas written just before the token at `tok`. */
  protected pragmasAt(tok: IToken): ast.LoopPragma[] {
    const list = this.st.pragmasBefore.get(tok.startOffset) ?? [];
    return list.map((p) => ({ span: p.span, text: p.text }));
  }

  // -------------------------------------------------------------------------
  // Nesting depth

  protected enter(): void {
    if (++this.st.depth > MAX_NESTING_DEPTH) throw new NestingTooDeep(this.LA(1));
  }

  protected leave(): void {
    this.st.depth--;
  }

  // -------------------------------------------------------------------------
  // Look-ahead predicates for GATEs

  protected isTypedefName(tok: IToken): boolean {
    return tok.tokenType === T.Identifier && this.st.scopes.isTypedef(tok.image);
  }

  /** Can `tok` begin a type-name (C11 6.7.7): a specifier or qualifier, or a typedef name. */
  protected startsTypeName(tok: IToken): boolean {
    return (
      this.is(tok, T.BasicTypeKw) ||
      this.is(tok, T.QualifierKw) ||
      tok.tokenType === T.Struct ||
      tok.tokenType === T.Union ||
      tok.tokenType === T.Enum ||
      tok.tokenType === T.Typeof ||
      tok.tokenType === T.Attribute ||
      tok.tokenType === T.Alignas ||
      this.isTypedefName(tok)
    );
  }

  /** `: type-name` after `enum` or its tag: an enum's fixed underlying type, not a bit-field's width. */
  protected startsEnumBase(): boolean {
    return this.la(1, T.Colon) && this.startsTypeName(this.LA(2));
  }

  /** Can `tok` continue declaration-specifiers (a typedef name only while no type specifier was seen). */
  protected isDeclSpecifierStart(tok: IToken, seenType: boolean): boolean {
    if (tok.tokenType === T.Identifier) return !seenType && this.isTypedefName(tok);
    return (
      this.startsTypeName(tok) ||
      this.is(tok, T.StorageClassKw) ||
      tok.tokenType === T.Inline ||
      tok.tokenType === T.Noreturn ||
      tok.tokenType === T.Extension
    );
  }

  /**
   * Does a declaration start here (block items, for-init)? Skips __extension__
   * and attribute specifiers, then looks at the first specifier; a typedef
   * name followed by ':' is a label instead.
   */
  protected startsDeclaration(): boolean {
    let k = 1;
    for (;;) {
      const t = this.LA(k);
      if (t.tokenType === T.Extension) {
        k++;
      } else if (t.tokenType === T.Attribute) {
        k = this.skipParens(k + 1);
        if (k < 0) return false;
      } else {
        break;
      }
    }
    const t = this.LA(k);
    if (t.tokenType === T.StaticAssert) return true; // a static_assert-declaration (C11 6.7.10)
    if (k > 1 && this.is(t, T.Semicolon)) return false; // `__attribute__((fallthrough));`
    if (this.isTypedefName(t)) return !this.la(k + 1, T.Colon);
    return this.isDeclSpecifierStart(t, false);
  }

  /** Given LA(k) is '(', the k just past its matching ')', or -1. */
  private skipParens(k: number): number {
    if (!this.la(k, T.LParen)) return -1;
    let depth = 0;
    for (;; k++) {
      const t = this.LA(k);
      if (t.tokenType === EOF) return -1;
      if (t.tokenType === T.LParen) depth++;
      else if (t.tokenType === T.RParen && --depth === 0) return k + 1;
    }
  }

  // -------------------------------------------------------------------------
  // Error recovery

  /** Records a recognition error as a diagnostic: "expected X, saw Y". */
  protected recordSyntaxError(e: IRecognitionException): void {
    const tok = e.token;
    const atEof = tok.tokenType === EOF;
    const saw = atEof ? 'end of file' : `'${tok.image}'`;
    let message = e.message;
    let code: Code = 'E2001';
    const prev = (e as { previousToken?: IToken }).previousToken;
    // An identifier where declaration specifiers must start is almost always a type the file does not know.
    if (e.name === 'EarlyExitException' && tok.tokenType === T.Identifier && message === 'expected declaration specifiers') {
      message = `unknown type name '${tok.image}'`;
      code = 'E2008';
    } else {
      message = `${message}, saw ${saw}`;
    }
    const prevSrc = (prev as T.CToken | undefined)?.src;
    if ((atEof || message.startsWith("expected ';'")) && prevSrc) {
      // Like clang: a missing ';' is reported just after the previous token.
      const s = prevSrc.span;
      const d: PendingDiagnostic = { code, message, span: { file: s.file, start: s.end, end: s.end } };
      if (prevSrc.expansion) d.expansion = prevSrc.expansion;
      this.st.diagnostics.push(d);
      return;
    }
    this.report(code, message, tok);
  }

  /**
   * Skips tokens after a syntax error in the construct that began at token
   * `startIndex`, to the end of that construct: a ';' or a closing '}' that
   * balances the braces opened since the construct began. Stops before a '}'
   * that closes an enclosing block.
   */
  protected resync(startIndex: number): void {
    let braces = 0;
    let parens = 0;
    for (let i = startIndex; i < this.nextIndex(); i++) {
      const t = this.st.tokens[i]!.tokenType;
      if (t === T.LBrace) braces++;
      else if (t === T.RBrace) braces--;
      else if (t === T.LParen) parens++;
      else if (t === T.RParen) parens--;
    }
    let skipped = this.nextIndex() > startIndex;
    for (;;) {
      const t = this.LA(1).tokenType;
      if (t === EOF) return;
      if (t === T.RBrace) {
        if (braces <= 0) {
          if (!skipped && this.st.depth === 0) this.SKIP_TOKEN(); // a stray '}' at file scope
          return;
        }
        this.SKIP_TOKEN();
        if (--braces === 0 && parens <= 0) return;
      } else if (t === T.Semicolon && braces <= 0 && parens <= 0) {
        this.SKIP_TOKEN();
        return;
      } else {
        if (t === T.LBrace) braces++;
        else if (t === T.LParen) parens++;
        else if (t === T.RParen) parens--;
        this.SKIP_TOKEN();
      }
      skipped = true;
    }
  }
}
