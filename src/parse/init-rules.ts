// Initializer rules (C11 6.7.9) with designators, including the GNU forms
// `[lo ... hi] =` and `field: value`, and _Static_assert (C11 6.7.10).
import type * as ast from './ast.js';
import { DeclParser } from './decl-rules.js';
import * as T from './tokens.js';

export class InitParser extends DeclParser {
  // initializer = assignment-expression | "{" initializer-list ","? "}"  (C11 6.7.9)
  initializer = this.RULE('initializer', (): ast.Initializer => {
    this.enter();
    try {
      return this.OR([{ ALT: () => this.SUBRULE(this.initializerList) }, { ALT: () => this.SUBRULE(this.assignmentExpression) }]);
    } finally {
      this.leave();
    }
  });

  // "{" (designation? initializer ("," designation? initializer)* ","?)? "}"  (C11 6.7.9; empty braces are GNU/C23)
  override initializerList = this.RULE('initializerList', (): ast.InitList => {
    const start = this.CONSUME(T.LBrace);
    const items: ast.InitItem[] = [];
    this.OPTION(() => {
      items.push(this.SUBRULE(this.initItem));
      this.MANY({
        GATE: () => !this.la(2, T.RBrace),
        DEF: () => {
          this.CONSUME(T.Comma);
          items.push(this.SUBRULE2(this.initItem));
        },
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RBrace);
    return this.ACTION(() => ({ kind: 'InitList', span: this.spanFrom(start), items }));
  });

  // init-item = designator+ "=" initializer | identifier ":" initializer (old GNU) | initializer
  initItem = this.RULE('initItem', (): ast.InitItem => {
    const start = this.LA(1);
    const designators: ast.Designator[] = [];
    this.OPTION({
      GATE: () => this.la(1, T.LBracket) || this.la(1, T.Dot) || (this.la(1, T.Identifier) && this.la(2, T.Colon)),
      DEF: () =>
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            {
              GATE: () => this.la(1, T.Identifier),
              ALT: () => {
                const name = this.CONSUME(T.Identifier);
                this.CONSUME(T.Colon);
                this.ACTION(() => designators.push({ kind: 'FieldDesignator', span: this.outerSpan(name), name: name.image }));
              },
            },
            {
              ALT: () => {
                this.AT_LEAST_ONE(() => designators.push(this.SUBRULE(this.designator)));
                this.CONSUME(T.Assign);
              },
            },
          ],
        }),
    });
    const init = this.SUBRULE(this.initializer);
    return this.ACTION(() => ({ kind: 'InitItem', span: this.spanFrom(start), designators, init }));
  });

  // designator = "[" constant-expression ("..." constant-expression)? "]" | "." identifier  (C11 6.7.9; ranges are GNU)
  designator = this.RULE('designator', (): ast.Designator => {
    const start = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          const index = this.SUBRULE(this.constantExpression);
          let hi: ast.Expr | undefined;
          this.OPTION(() => {
            this.CONSUME(T.Ellipsis);
            hi = this.SUBRULE2(this.constantExpression);
          });
          this.CONSUME(T.RBracket);
          return this.ACTION((): ast.Designator => (hi ? { kind: 'IndexDesignator', span: this.spanFrom(start), index, hi } : { kind: 'IndexDesignator', span: this.spanFrom(start), index }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Dot);
          const name = this.CONSUME(T.Identifier);
          return this.ACTION((): ast.Designator => ({ kind: 'FieldDesignator', span: this.spanFrom(start), name: name.image }));
        },
      },
    ]);
  });

  // static_assert-declaration = "_Static_assert" "(" constant-expression ("," string-literal)? ")" ";"  (C11 6.7.10)
  override staticAssertDeclaration = this.RULE('staticAssertDeclaration', (): ast.StaticAssert => {
    const start = this.CONSUME(T.StaticAssert);
    this.CONSUME(T.LParen);
    const cond = this.SUBRULE(this.constantExpression);
    let message: ast.StringLit | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Comma);
      message = this.SUBRULE(this.stringLiteral);
    });
    this.CONSUME(T.RParen);
    this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';' after static assertion" });
    return this.ACTION(() => {
      const node: ast.StaticAssert = { kind: 'StaticAssert', span: this.spanFrom(start), cond };
      if (message) node.message = message;
      return node;
    });
  });
}
