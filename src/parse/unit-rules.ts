// The top of the grammar (C11 6.9): the translation unit, external
// declarations, function definitions and file-scope asm. Errors are recovered
// per external declaration.
import { EOF, type IToken } from 'chevrotain';
import type * as ast from './ast.js';
import type { LookaheadTable } from './lookahead.js';
import { declaratorName } from './decl-rules.js';
import { scanLazyDeclaration } from './lazy-decls.js';
import { StmtParser, type DeclaratorWithExtras } from './stmt-rules.js';
import * as T from './tokens.js';
import type { CToken } from './tokens.js';

/** The function declarator that applies directly to the declared name, e.g. `f(int a)` in `int (*f(int a))(void)`. */
function innermostFunction(d: ast.Declarator): ast.FunctionDeclarator | undefined {
  let found: ast.FunctionDeclarator | undefined;
  for (let cur = d; cur.kind !== 'IdentDeclarator'; cur = cur.inner) if (cur.kind === 'FunctionDeclarator') found = cur;
  return found;
}

export class CParser extends StmtParser {
  // translation-unit = external-declaration*  (C11 6.9)
  translationUnit = this.RULE('translationUnit', (): void => {
    for (;;) {
      this.MANY(() => {
        const start = this.nextIndex();
        if (this.lazyDeclaration()) return;
        try {
          const item = this.SUBRULE(this.externalDeclaration);
          this.ACTION(() => {
            if (item) this.st.items.push(item);
            this.st.onItem?.(this.nextIndex());
          });
        } catch (e) {
          this.recover(e, start);
        }
      });
      if (this.RECORDING_PHASE || this.LA(1).tokenType === EOF) break;
      // A token that cannot start a declaration (a stray '}' or ')'): report, skip, go on.
      this.report('E2001', `expected a declaration, saw '${this.LA(1).image}'`, this.LA(1));
      this.SKIP_TOKEN();
    }
  });

  /** A header's helper pointer declaration, kept as tokens (lazy-decls.ts); false if none is next. */
  private lazyDeclaration(): boolean {
    if (!this.st.lazyDeclarations || this.RECORDING_PHASE) return false;
    const first = this.LA(1) as CToken;
    if (first.tokenType !== T.Static || !first.src || first.src.span.file === 0) return false;
    const at = first.startOffset;
    const shape = scanLazyDeclaration(this.st.tokens, at, (name) => this.st.scopes.isTypedef(name));
    if (!shape) return false;
    for (let k = at + 1; k < shape.end; k++) if (this.st.pragmasBefore.has(k)) return false;
    while (this.nextIndex() < shape.end) this.SKIP_TOKEN();
    const { name, typedefs, tags, constants } = shape;
    this.st.scopes.declare(name, false);
    this.st.items.push({ kind: 'LazyDecl', span: this.spanFrom(first), name, tokens: this.st.tokens.slice(at, shape.end).map((t) => t.src!), typedefs, tags, constants });
    this.st.onItem?.(this.nextIndex());
    return true;
  }

  // external-declaration = function-definition | declaration | asm-declaration | ";"  (C11 6.9; asm and ';' are GNU)
  // function-definition = declaration-specifiers declarator attribute-specifier* compound-statement  (C11 6.9.1)
  externalDeclaration = this.RULE('externalDeclaration', (): ast.ExternalDecl => {
    const start = this.LA(1);
    return this.OR([
      { ALT: () => this.SUBRULE(this.staticAssertDeclaration) },
      { ALT: () => (this.CONSUME(T.Semicolon), this.ACTION((): ast.ExternalDecl => ({ kind: 'EmptyDecl', span: this.spanFrom(start) }))) },
      {
        ALT: () => {
          this.CONSUME(T.Asm);
          this.CONSUME(T.LParen);
          const text = this.SUBRULE(this.stringLiteral);
          this.CONSUME(T.RParen);
          this.CONSUME2(T.Semicolon, { ERR_MSG: "expected ';' after top-level asm block" });
          return this.ACTION((): ast.ExternalDecl => ({ kind: 'TopLevelAsm', span: this.spanFrom(start), text: text.value }));
        },
      },
      {
        ALT: () => {
          const specifiers = this.SUBRULE(this.declarationSpecifiers);
          return this.OR2({
            ERR_MSG: "identifier or '('",
            DEF: [
              {
                ALT: () => {
                  this.CONSUME3(T.Semicolon);
                  return this.ACTION((): ast.ExternalDecl => ({ kind: 'Declaration', span: this.spanFrom(start), specifiers, declarators: [] }));
                },
              },
              { ALT: () => this.SUBRULE(this.declarationOrDefinition, { ARGS: [specifiers, start] }) },
            ],
          });
        },
      },
    ]);
  });

  /** After the specifiers: a function definition if a '{' follows the first function declarator, else a declaration. */
  declarationOrDefinition = this.RULE('declarationOrDefinition', (specifiers: ast.DeclSpecifiers, start: IToken): ast.ExternalDecl => {
    const first = this.SUBRULE(this.declaratorWithExtras, { ARGS: [specifiers] });
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      ERR_MSG: "';' after top level declarator",
      DEF: [
        {
          GATE: () => this.la(1, T.LBrace),
          ALT: () => {
            this.st.scopes.push();
            try {
              this.ACTION(() => {
                for (const p of innermostFunction(first.declarator)?.params ?? []) {
                  const name = declaratorName(p.declarator);
                  if (name !== undefined) this.st.scopes.declare(name, false);
                }
              });
              const body = this.SUBRULE(this.compoundStatement);
              return this.ACTION((): ast.ExternalDecl => {
                if (!innermostFunction(first.declarator)) {
                  this.report('E2001', "expected ';' after top level declarator, saw '{'", start);
                }
                return { kind: 'FunctionDef', span: this.spanFrom(start), specifiers, declarator: first.declarator, attributes: first.attributes, body };
              });
            } finally {
              this.st.scopes.pop();
            }
          },
        },
        { ALT: () => this.SUBRULE(this.declarationRest, { ARGS: [specifiers, start, first] }) },
      ],
    });
  });

  // the rest of a declaration whose first declarator is parsed: ("=" initializer)? ("," init-declarator)* ";"
  declarationRest = this.RULE('declarationRest', (specifiers: ast.DeclSpecifiers, start: IToken, first: DeclaratorWithExtras): ast.ExternalDecl => {
    let init: ast.Initializer | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Assign);
      init = this.SUBRULE(this.initializer);
    });
    const declarators: ast.InitDeclarator[] = [];
    this.ACTION(() => declarators.push(this.makeInitDeclarator(first, init)));
    this.MANY(() => {
      this.CONSUME(T.Comma);
      declarators.push(this.SUBRULE(this.initDeclarator, { ARGS: [specifiers] }));
    });
    this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';' after top level declarator" });
    return this.ACTION((): ast.ExternalDecl => ({ kind: 'Declaration', span: this.spanFrom(start), specifiers, declarators }));
  });

  constructor(validate = false, table?: LookaheadTable, fastPaths = true) {
    super(validate, table, fastPaths);
    this.performSelfAnalysis();
  }
}
