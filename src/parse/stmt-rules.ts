// Statement rules (C11 6.8), block-scope declarations (C11 6.7), GNU asm
// statements, and statement-level error recovery: a syntax error inside a
// block item is reported, the rest of that item is skipped, and parsing goes
// on with the next item.
import { EOF, isRecognitionException, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type * as ast from './ast.js';
import type { Span } from '../diag/source.js';
import { declaratorName } from './decl-rules.js';
import { InitParser } from './init-rules.js';
import { MAX_ELSE_IF_CHAIN, NestingTooDeep } from './parser-base.js';
import * as T from './tokens.js';

/** The declarator, asm label and attributes of one init-declarator, before any initializer. */
export interface DeclaratorWithExtras {
  declarator: ast.Declarator;
  asmLabel?: string;
  attributes: ast.Attribute[];
  start: IToken;
}

/** Tokens that begin a statement and no declaration or expression: the statement paths of one token. */
function startsStatementOnly(type: TokenType): boolean {
  return (
    type === T.LBrace || type === T.If || type === T.Switch || type === T.While || type === T.Do || type === T.For ||
    type === T.Return || type === T.Break || type === T.Continue || type === T.Goto || type === T.Case || type === T.Default
  );
}

export class StmtParser extends InitParser {
  // declaration = declaration-specifiers (init-declarator ("," init-declarator)*)? ";"
  //   | static_assert-declaration  (C11 6.7)
  declaration = this.RULE('declaration', (): ast.Declaration | ast.StaticAssert => {
    const start = this.LA(1);
    return this.OR([
      { ALT: () => this.SUBRULE(this.staticAssertDeclaration) },
      {
        ALT: () => {
          const specifiers = this.SUBRULE(this.declarationSpecifiers);
          const declarators: ast.InitDeclarator[] = [];
          this.OPTION(() => {
            declarators.push(this.SUBRULE(this.initDeclarator, { ARGS: [specifiers] }));
            this.MANY(() => {
              this.CONSUME(T.Comma);
              declarators.push(this.SUBRULE2(this.initDeclarator, { ARGS: [specifiers] }));
            });
          });
          this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';' at end of declaration" });
          return this.ACTION((): ast.Declaration => ({ kind: 'Declaration', span: this.spanFrom(start), specifiers, declarators }));
        },
      },
    ]);
  });

  // init-declarator = declarator asm-label? attribute-specifier* ("=" initializer)?  (C11 6.7)
  initDeclarator = this.RULE('initDeclarator', (specs: ast.DeclSpecifiers): ast.InitDeclarator => {
    const d = this.SUBRULE(this.declaratorWithExtras, { ARGS: [specs] });
    let init: ast.Initializer | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Assign);
      init = this.SUBRULE(this.initializer);
    });
    return this.ACTION(() => this.makeInitDeclarator(d, init));
  });

  /** The declarator part of an init-declarator; the name is in scope from here on (C11 6.2.1p7). */
  declaratorWithExtras = this.RULE('declaratorWithExtras', (specs: ast.DeclSpecifiers): DeclaratorWithExtras => {
    const start = this.LA(1);
    const declarator = this.SUBRULE(this.declarator, { ARGS: ['named'] });
    let asmLabel: string | undefined;
    this.OPTION(() => (asmLabel = this.SUBRULE(this.asmLabel)));
    const attributes = this.fast() && !this.la(1, T.Attribute) ? [] : this.SUBRULE(this.attributeSpecifiers);
    return this.ACTION(() => {
      const name = declaratorName(declarator);
      if (name !== undefined) this.st.scopes.declare(name, specs.storage.includes('typedef'));
      const out: DeclaratorWithExtras = { declarator, attributes, start };
      if (asmLabel !== undefined) out.asmLabel = asmLabel;
      return out;
    });
  });

  protected makeInitDeclarator(d: DeclaratorWithExtras, init: ast.Initializer | undefined): ast.InitDeclarator {
    const node: ast.InitDeclarator = { kind: 'InitDeclarator', span: this.spanFrom(d.start), declarator: d.declarator, attributes: d.attributes };
    if (init) node.init = init;
    if (d.asmLabel !== undefined) node.asmLabel = d.asmLabel;
    return node;
  }

  // compound-statement = "{" block-item* "}"  (C11 6.8.2)
  override compoundStatement = this.RULE('compoundStatement', (): ast.CompoundStmt => {
    const start = this.CONSUME(T.LBrace);
    const items: ast.BlockItem[] = [];
    this.st.scopes.push();
    try {
      for (;;) {
        this.MANY(() => {
          const itemStart = this.nextIndex();
          try {
            const item = this.SUBRULE(this.blockItem);
            this.ACTION(() => item && items.push(item));
          } catch (e) {
            this.recover(e, itemStart);
          }
        });
        // A token that cannot start a block item: report it, skip it, go on.
        if (this.RECORDING_PHASE || this.la(1, T.RBrace) || this.LA(1).tokenType === EOF) break;
        this.report('E2001', `expected statement, saw '${this.LA(1).image}'`, this.LA(1));
        this.SKIP_TOKEN();
      }
    } finally {
      this.st.scopes.pop();
    }
    this.CONSUME(T.RBrace, { ERR_MSG: "expected '}'" });
    return this.ACTION(() => ({ kind: 'CompoundStmt', span: this.spanFrom(start), items }));
  });

  /** After a syntax error in the construct that began at token index `startIndex`: report, skip its rest. */
  protected recover(e: unknown, startIndex: number): void {
    if (!isRecognitionException(e as Error)) throw e;
    this.recordSyntaxError(e as IRecognitionException);
    this.resync(startIndex);
  }

  // block-item = declaration | statement  (C11 6.8.2)
  blockItem = this.RULE('blockItem', (): ast.BlockItem | undefined => {
    // Fast path (parser-base.ts): a statement keyword or '{', or a name that an expression
    // continues, is a statement (no declaration starts so; the paths of the OR's third alternative).
    if (this.fast()) {
      const t = this.LA(1);
      if (startsStatementOnly(t.tokenType)) return this.SUBRULE2(this.statement);
      if (t.tokenType === T.Identifier && !this.startsDeclaration() && this.continuesExpression(this.LA(2))) return this.SUBRULE2(this.statement);
    }
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.startsDeclaration(), ALT: () => this.SUBRULE(this.declaration) },
        {
          // `u32 x ...` with no typedef u32 in scope: two identifiers in a row cannot start a
          // statement. Report the unknown type once, then treat it as a typedef name so the
          // rest of the block parses without follow-on errors.
          GATE: () => this.la(1, T.Identifier) && this.la(2, T.Identifier),
          ALT: () => {
            this.ACTION(() => {
              const t = this.LA(1);
              this.report('E2008', `unknown type name '${t.image}'`, t);
              this.st.scopes.declare(t.image, true);
            });
            return this.SUBRULE2(this.declaration);
          },
        },
        { ALT: () => this.SUBRULE(this.statement) },
      ],
    });
  });

  /** Can `t`, after a name, continue an expression-statement: the second tokens of the statement paths that begin with an identifier. */
  private continuesExpression(t: IToken): boolean {
    const type = t.tokenType;
    return (
      type === T.LParen || type === T.Arrow || type === T.Dot || type === T.LBracket || type === T.Semicolon || type === T.Comma ||
      type === T.PlusPlus || type === T.MinusMinus || type === T.Question || this.is(t, T.AssignOperator) || this.is(t, T.BinaryOperator)
    );
  }

  // statement = labeled-statement | compound-statement | expression-statement | selection-statement
  //   | iteration-statement | jump-statement | asm-statement | attribute-specifier+ statement  (C11 6.8)
  statement = this.RULE('statement', (): ast.Stmt => {
    this.enter();
    try {
      // Fast path (parser-base.ts): the alternatives whose paths are one token, and an expression
      // statement that begins with a name followed by a token that continues an expression.
      if (this.fast()) {
        const t = this.LA(1);
        const type = t.tokenType;
        if (type === T.LBrace) return this.SUBRULE2(this.compoundStatement);
        if (type === T.If || type === T.Switch) return this.SUBRULE2(this.selectionStatement);
        if (type === T.While || type === T.Do || type === T.For) return this.SUBRULE2(this.iterationStatement);
        if (type === T.Return || type === T.Break || type === T.Continue || type === T.Goto) return this.SUBRULE2(this.jumpStatement);
        if (type === T.Case || type === T.Default) return this.SUBRULE2(this.caseStatement);
        if (type === T.Identifier && this.continuesExpression(this.LA(2))) return this.SUBRULE2(this.expressionStatement);
      }
      return this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { GATE: () => this.la(1, T.Identifier) && this.la(2, T.Colon), ALT: () => this.SUBRULE(this.labeledStatement) },
          { ALT: () => this.SUBRULE(this.caseStatement) },
          { ALT: () => this.SUBRULE(this.compoundStatement) },
          { ALT: () => this.SUBRULE(this.selectionStatement) },
          { ALT: () => this.SUBRULE(this.iterationStatement) },
          { ALT: () => this.SUBRULE(this.jumpStatement) },
          { ALT: () => this.SUBRULE(this.asmStatement) },
          { ALT: () => this.SUBRULE(this.localLabelDeclaration) },
          {
            // Statement attributes (`__attribute__((fallthrough));`) carry nothing ebcc uses.
            ALT: () => {
              const start = this.LA(1);
              this.AT_LEAST_ONE(() => this.SUBRULE(this.attributeSpecifier));
              return this.OR2({
                IGNORE_AMBIGUITIES: true,
                DEF: [
                { ALT: () => (this.CONSUME(T.Semicolon), this.ACTION((): ast.Stmt => ({ kind: 'ExprStmt', span: this.spanFrom(start) })))},
                { ALT: () => this.SUBRULE2(this.statement) },
              ]});
            },
          },
          { ALT: () => this.SUBRULE(this.expressionStatement) },
        ],
      });
    } finally {
      this.leave();
    }
  });

  // labeled-statement = identifier ":" attribute-specifier* statement  (C11 6.8.1)
  labeledStatement = this.RULE('labeledStatement', (): ast.Stmt => {
    const label = this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    if (!this.fast() || this.la(1, T.Attribute)) this.SUBRULE(this.attributeSpecifiers);
    const body = this.SUBRULE(this.statement);
    return this.ACTION(() => ({ kind: 'LabeledStmt', span: this.spanFrom(label), label: label.image, body }));
  });

  // local-label-declaration = "__label__" identifier ("," identifier)* ";"  (GNU)
  localLabelDeclaration = this.RULE('localLabelDeclaration', (): ast.Stmt => {
    const start = this.CONSUME(T.Label);
    const names: string[] = [this.CONSUME(T.Identifier).image];
    this.MANY(() => {
      this.CONSUME(T.Comma);
      names.push(this.CONSUME2(T.Identifier).image);
    });
    this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';' after '__label__' declaration" });
    return this.ACTION((): ast.Stmt => ({ kind: 'LocalLabelDecl', span: this.spanFrom(start), names }));
  });

  // case-statement = "case" constant-expression ("..." constant-expression)? ":" statement
  //   | "default" ":" statement  (C11 6.8.1; ranges are GNU)
  caseStatement = this.RULE('caseStatement', (): ast.Stmt => {
    const start = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Case);
          const value = this.SUBRULE(this.constantExpression);
          let hi: ast.Expr | undefined;
          this.OPTION(() => {
            this.CONSUME(T.Ellipsis);
            hi = this.SUBRULE2(this.constantExpression);
          });
          this.CONSUME(T.Colon, { ERR_MSG: "expected ':' after 'case'" });
          const body = this.SUBRULE(this.statement);
          return this.ACTION((): ast.Stmt => {
            const node: ast.CaseStmt = { kind: 'CaseStmt', span: this.spanFrom(start), value, body };
            if (hi) node.hi = hi;
            return node;
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Default);
          this.CONSUME2(T.Colon, { ERR_MSG: "expected ':' after 'default'" });
          const body = this.SUBRULE2(this.statement);
          return this.ACTION((): ast.Stmt => ({ kind: 'DefaultStmt', span: this.spanFrom(start), body }));
        },
      },
    ]);
  });

  // expression-statement = expression? ";"  (C11 6.8.3)
  expressionStatement = this.RULE('expressionStatement', (): ast.Stmt => {
    const start = this.LA(1);
    let expr: ast.Expr | undefined;
    this.OPTION(() => (expr = this.SUBRULE(this.expression)));
    this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';' after expression" });
    return this.ACTION(() => {
      const node: ast.ExprStmt = { kind: 'ExprStmt', span: this.spanFrom(start) };
      if (expr) node.expr = expr;
      return node;
    });
  });

  // selection-statement = "if" "(" expression ")" statement ("else" statement)?
  //   | "switch" "(" expression ")" statement  (C11 6.8.4)
  // An "else if" chain is read in a loop, not by recursion, so that a long chain is not nesting;
  // the arms are then linked into the nested IfStmts the grammar describes.
  selectionStatement = this.RULE('selectionStatement', (): ast.Stmt => {
    const start = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.If);
          const cond = this.SUBRULE(this.parenExpression);
          const then = this.SUBRULE(this.statement);
          const arms: { start: IToken; cond: ast.Expr; then: ast.Stmt }[] = [];
          let otherwise: ast.Stmt | undefined;
          this.MANY({
            GATE: () => this.LA(2).tokenType === T.If,
            DEF: () => {
              this.CONSUME2(T.Else);
              const armStart = this.CONSUME2(T.If);
              if (!this.RECORDING_PHASE && arms.length >= MAX_ELSE_IF_CHAIN) {
                throw new NestingTooDeep(armStart, `'else if' chain too long: more than ${MAX_ELSE_IF_CHAIN} arms`);
              }
              const armCond = this.SUBRULE2(this.parenExpression);
              const armThen = this.SUBRULE2(this.statement);
              arms.push({ start: armStart, cond: armCond, then: armThen });
            },
          });
          this.OPTION(() => {
            this.CONSUME(T.Else);
            otherwise = this.SUBRULE3(this.statement);
          });
          return this.ACTION((): ast.Stmt => {
            let tail = otherwise;
            for (let i = arms.length - 1; i >= 0; i--) {
              const a = arms[i]!;
              const node: ast.IfStmt = { kind: 'IfStmt', span: this.spanFrom(a.start), cond: a.cond, then: a.then };
              if (tail) node.else = tail;
              tail = node;
            }
            const node: ast.IfStmt = { kind: 'IfStmt', span: this.spanFrom(start), cond, then };
            if (tail) node.else = tail;
            return node;
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Switch);
          const cond = this.SUBRULE3(this.parenExpression);
          const body = this.SUBRULE4(this.statement);
          return this.ACTION((): ast.Stmt => ({ kind: 'SwitchStmt', span: this.spanFrom(start), cond, body }));
        },
      },
    ]);
  });

  // "(" expression ")"
  parenExpression = this.RULE('parenExpression', (): ast.Expr => {
    this.CONSUME(T.LParen, { ERR_MSG: "expected '('" });
    const e = this.SUBRULE(this.expression);
    this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
    return e;
  });

  // iteration-statement = "while" "(" expression ")" statement | "do" statement "while" "(" expression ")" ";"
  //   | "for" "(" (declaration | expression? ";") expression? ";" expression? ")" statement  (C11 6.8.5)
  // Loop pragmas (#pragma unroll) written just before the keyword are attached.
  iterationStatement = this.RULE('iterationStatement', (): ast.Stmt => {
    const start = this.LA(1);
    const pragmas = this.ACTION(() => this.pragmasAt(start));
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.While);
          const cond = this.SUBRULE(this.parenExpression);
          const body = this.SUBRULE(this.statement);
          return this.ACTION((): ast.Stmt => ({ kind: 'WhileStmt', span: this.spanFrom(start), cond, body, pragmas }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Do);
          const body = this.SUBRULE2(this.statement);
          this.CONSUME2(T.While, { ERR_MSG: "expected 'while' in do/while loop" });
          const cond = this.SUBRULE2(this.parenExpression);
          this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';' after do/while statement" });
          return this.ACTION((): ast.Stmt => ({ kind: 'DoWhileStmt', span: this.spanFrom(start), body, cond, pragmas }));
        },
      },
      { ALT: () => this.SUBRULE(this.forStatement, { ARGS: [pragmas] }) },
    ]);
  });

  forStatement = this.RULE('forStatement', (pragmas: ast.LoopPragma[]): ast.Stmt => {
    const start = this.CONSUME(T.For);
    this.CONSUME(T.LParen, { ERR_MSG: "expected '(' after 'for'" });
    this.st.scopes.push();
    let init: ast.Declaration | ast.Expr | undefined;
    let cond: ast.Expr | undefined;
    let step: ast.Expr | undefined;
    try {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            GATE: () => this.startsDeclaration(),
            ALT: () => {
              const declStart = this.LA(1);
              const d = this.SUBRULE(this.declaration);
              this.ACTION(() => (d.kind === 'Declaration' ? (init = d) : this.report('E2001', 'expected expression or declaration in for loop, saw static assertion', declStart)));
            },
          },
          {
            ALT: () => {
              this.OPTION(() => (init = this.SUBRULE(this.expression)));
              this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';' in 'for' statement specifier" });
            },
          },
        ],
      });
      this.OPTION2(() => (cond = this.SUBRULE2(this.expression)));
      this.CONSUME2(T.Semicolon, { ERR_MSG: "expected ';' in 'for' statement specifier" });
      this.OPTION3(() => (step = this.SUBRULE3(this.expression)));
      this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
      const body = this.SUBRULE(this.statement);
      return this.ACTION(() => {
        const node: ast.ForStmt = { kind: 'ForStmt', span: this.spanFrom(start), body, pragmas: pragmas ?? [] };
        if (init) node.init = init;
        if (cond) node.cond = cond;
        if (step) node.step = step;
        return node;
      });
    } finally {
      this.st.scopes.pop();
    }
  });

  // jump-statement = "goto" identifier ";" | "continue" ";" | "break" ";" | "return" expression? ";"  (C11 6.8.6)
  jumpStatement = this.RULE('jumpStatement', (): ast.Stmt => {
    const start = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Goto);
          const label = this.CONSUME(T.Identifier);
          this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';' after goto statement" });
          return this.ACTION((): ast.Stmt => ({ kind: 'GotoStmt', span: this.spanFrom(start), label: label.image }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Continue);
          this.CONSUME2(T.Semicolon, { ERR_MSG: "expected ';' after continue statement" });
          return this.ACTION((): ast.Stmt => ({ kind: 'ContinueStmt', span: this.spanFrom(start) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Break);
          this.CONSUME3(T.Semicolon, { ERR_MSG: "expected ';' after break statement" });
          return this.ACTION((): ast.Stmt => ({ kind: 'BreakStmt', span: this.spanFrom(start) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Return);
          let expr: ast.Expr | undefined;
          this.OPTION(() => (expr = this.SUBRULE(this.expression)));
          this.CONSUME4(T.Semicolon, { ERR_MSG: "expected ';' after return statement" });
          return this.ACTION((): ast.Stmt => (expr ? { kind: 'ReturnStmt', span: this.spanFrom(start), expr } : { kind: 'ReturnStmt', span: this.spanFrom(start) }));
        },
      },
    ]);
  });

  // asm-statement = "asm" ("volatile" | "inline" | "goto")* "(" string-literal+
  //   (":" asm-operands? (":" asm-operands? (":" asm-clobbers? (":" asm-labels?)?)?)?)? ")" ";"  (GNU)
  asmStatement = this.RULE('asmStatement', (): ast.Stmt => {
    const start = this.CONSUME(T.Asm);
    let isVolatile = false;
    let isGoto = false;
    this.MANY(() =>
      this.OR([
        { ALT: () => { this.CONSUME(T.Volatile); isVolatile = true; } },
        { ALT: () => this.CONSUME(T.Inline) },
        { ALT: () => { this.CONSUME(T.Goto); isGoto = true; } },
      ]),
    );
    this.CONSUME(T.LParen);
    const template = this.SUBRULE(this.stringLiteral);
    let outputs: ast.AsmOperand[] = [];
    let inputs: ast.AsmOperand[] = [];
    const clobbers: string[] = [];
    const gotoLabels: { name: string; span: Span }[] = [];
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      outputs = this.SUBRULE(this.asmOperands);
      this.OPTION2(() => {
        this.CONSUME2(T.Colon);
        inputs = this.SUBRULE2(this.asmOperands);
        this.OPTION3(() => {
          this.CONSUME3(T.Colon);
          this.OPTION4(() => {
            clobbers.push(this.SUBRULE2(this.stringLiteral).value);
            this.MANY2(() => {
              this.CONSUME(T.Comma);
              clobbers.push(this.SUBRULE3(this.stringLiteral).value);
            });
          });
          this.OPTION5(() => {
            this.CONSUME4(T.Colon);
            this.MANY3(() =>
              this.OR2([
                {
                  ALT: () => {
                    const t = this.CONSUME(T.Identifier);
                    this.ACTION(() => gotoLabels.push({ name: t.image, span: this.spanFrom(t) }));
                  },
                },
                { ALT: () => this.CONSUME2(T.Comma) },
              ]),
            );
          });
        });
      });
    });
    this.CONSUME(T.RParen);
    this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';' after asm statement" });
    return this.ACTION(() => ({ kind: 'AsmStmt', span: this.spanFrom(start), volatile: isVolatile, template: template.value, outputs, inputs, clobbers, ...(isGoto ? { gotoLabels } : {}) }));
  });

  // asm-operands = asm-operand ("," asm-operand)*; asm-operand = ("[" identifier "]")? string-literal "(" expression ")"
  asmOperands = this.RULE('asmOperands', (): ast.AsmOperand[] => {
    const list: ast.AsmOperand[] = [];
    this.OPTION(() => {
      list.push(this.SUBRULE(this.asmOperand));
      this.MANY(() => {
        this.CONSUME(T.Comma);
        list.push(this.SUBRULE2(this.asmOperand));
      });
    });
    return list;
  });

  asmOperand = this.RULE('asmOperand', (): ast.AsmOperand => {
    const start = this.LA(1);
    let name: string | undefined;
    this.OPTION(() => {
      this.CONSUME(T.LBracket);
      name = this.CONSUME(T.Identifier).image;
      this.CONSUME(T.RBracket);
    });
    const constraint = this.SUBRULE(this.stringLiteral);
    this.CONSUME(T.LParen);
    const expr = this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
    return this.ACTION(() => ({ span: this.spanFrom(start), ...(name !== undefined ? { name } : {}), constraint: constraint.value, expr }));
  });
}
