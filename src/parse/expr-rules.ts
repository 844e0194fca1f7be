// Expression rules (C11 6.5) and the GNU expression extensions: statement
// expressions, __builtin_offsetof, __builtin_types_compatible_p,
// __builtin_choose_expr, __extension__, `a ?: b`.
// The binary operators of 6.5.5–6.5.14 are parsed by one rule and folded with a
// precedence table: ten nested rules would cost ten stack frames per
// parenthesis level and make chevrotain noticeably slower.
import type { IToken, TokenType } from 'chevrotain';
import type * as ast from './ast.js';
import { decodeStringLiteral, parseCharConstant, parseIntegerConstant } from './literals.js';
import { MAX_BINARY_CHAIN, MAX_NESTING_DEPTH, NestingTooDeep, ParserBase } from './parser-base.js';
import * as T from './tokens.js';
import { pushAll } from '../util/array.js';

/** Binding strength of each binary operator; all of them associate to the left. */
const BINARY_PRECEDENCE: Record<ast.BinaryOp, number> = {
  '*': 10, '/': 10, '%': 10,
  '+': 9, '-': 9,
  '<<': 8, '>>': 8,
  '<': 7, '>': 7, '<=': 7, '>=': 7,
  '==': 6, '!=': 6,
  '&': 5,
  '^': 4,
  '|': 3,
  '&&': 2,
  '||': 1,
};

/** Folds `e0 op1 e1 op2 e2 …` into a tree by precedence (operator-precedence parsing). */
function foldBinary(operands: ast.Expr[], ops: ast.BinaryOp[]): ast.Expr {
  const values: ast.Expr[] = [operands[0]!];
  const pending: ast.BinaryOp[] = [];
  const reduce = (): void => {
    const right = values.pop()!;
    const left = values.pop()!;
    const op = pending.pop()!;
    const span = { file: left.span.file, start: left.span.start, end: Math.max(left.span.end, right.span.end) };
    const node: ast.BinaryExpr = { kind: 'BinaryExpr', op, left, right, span };
    if (left.expansion) node.expansion = left.expansion;
    values.push(node);
  };
  ops.forEach((op, i) => {
    while (pending.length > 0 && BINARY_PRECEDENCE[pending[pending.length - 1]!] >= BINARY_PRECEDENCE[op]) reduce();
    pending.push(op);
    values.push(operands[i + 1]!);
  });
  while (pending.length > 0) reduce();
  return values[0]!;
}

/** Tokens that begin a postfix-expression and nothing else a unary-expression can begin with (lookahead-table.ts). */
function startsPostfixOnly(type: TokenType): boolean {
  return type === T.Identifier || type === T.IntegerConstant || type === T.CharConstant || type === T.StringLiteral;
}

/** Tokens that begin a postfix-suffix (C11 6.5.2): after an operand, they continue its postfix-expression. */
function startsPostfixSuffix(type: TokenType): boolean {
  return type === T.LBracket || type === T.LParen || type === T.Dot || type === T.Arrow || type === T.PlusPlus || type === T.MinusMinus;
}

/** Where an expression may stop after an operand: each level can continue it with more tokens. */
type OperandEnd = 'cast' | 'conditional' | 'assignment';

/** Tokens after which a unary-expression's own decision picks the alternative (the prefix operators and keywords). */
function startsUnaryOnly(type: TokenType): boolean {
  return (
    type === T.PlusPlus || type === T.MinusMinus || type === T.Amp || type === T.Star || type === T.Plus || type === T.Minus ||
    type === T.Tilde || type === T.Bang || type === T.Sizeof || type === T.Alignof || type === T.RealPart || type === T.ImagPart
  );
}

export class ExprParser extends ParserBase {
  // Rules defined by the declaration and statement parsers (subclasses).
  declare typeName: (idxInCallingRule?: number, ...args: unknown[]) => ast.TypeName;
  declare initializerList: (idxInCallingRule?: number, ...args: unknown[]) => ast.InitList;
  declare compoundStatement: (idxInCallingRule?: number, ...args: unknown[]) => ast.CompoundStmt;

  // expression = assignment-expression ("," assignment-expression)*  (C11 6.5.17)
  expression = this.RULE('expression', (): ast.Expr => {
    const start = this.LA(1);
    const first = (this.fast() && this.simpleOperand('assignment')) || this.SUBRULE(this.assignmentExpression);
    // Fast path (parser-base.ts): the MANY's path is the one token ','; without it there is nothing more.
    if (this.fast() && !this.la(1, T.Comma)) return first;
    const exprs = [first];
    this.MANY(() => {
      this.CONSUME(T.Comma);
      exprs.push(this.SUBRULE2(this.assignmentExpression));
    });
    return this.ACTION(() => (exprs.length === 1 ? exprs[0]! : { kind: 'CommaExpr', exprs, ...this.exprBase(start) }));
  });

  // assignment-expression = conditional-expression | unary-expression assignment-operator assignment-expression  (C11 6.5.16)
  // (parsed as conditional-expression (op assignment-expression)?; sema checks that the target is an lvalue)
  assignmentExpression = this.RULE('assignmentExpression', (): ast.Expr => {
    const start = this.LA(1);
    if (this.fast()) {
      const simple = this.simpleOperand('assignment');
      if (simple) return simple;
    }
    const target = this.SUBRULE(this.conditionalExpression);
    if (this.fast() && !this.la(1, T.AssignOperator)) return target; // the OPTION's one-token path
    let op: IToken | undefined;
    let value: ast.Expr | undefined;
    this.OPTION(() => {
      op = this.CONSUME(T.AssignOperator);
      value = this.SUBRULE(this.assignmentExpression);
    });
    return this.ACTION(() =>
      op && value ? { kind: 'AssignExpr', op: op.image as ast.AssignOp, target, value, ...this.exprBase(start) } : target,
    );
  });

  // constant-expression = conditional-expression  (C11 6.6)
  constantExpression = this.RULE('constantExpression', (): ast.Expr => (this.fast() && this.simpleOperand('conditional')) || this.SUBRULE(this.conditionalExpression));

  // conditional-expression = logical-OR-expression ("?" expression? ":" conditional-expression)?  (C11 6.5.15; GNU `a ?: b`)
  conditionalExpression = this.RULE('conditionalExpression', (): ast.Expr => {
    const start = this.LA(1);
    const cond = this.fast() ? this.binaryOperands() : this.SUBRULE(this.binaryExpression);
    if (this.fast() && !this.la(1, T.Question)) return cond; // the OPTION's one-token path
    let then: ast.Expr | undefined;
    let otherwise: ast.Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Question);
      this.OPTION2(() => (then = this.SUBRULE(this.expression)));
      this.CONSUME(T.Colon);
      otherwise = this.SUBRULE(this.conditionalExpression);
    });
    return this.ACTION(() => {
      if (!otherwise) return cond;
      const node: ast.CondExpr = { kind: 'CondExpr', cond, else: otherwise, ...this.exprBase(start) };
      if (then) node.then = then;
      return node;
    });
  });

  // logical-OR-expression … multiplicative-expression  (C11 6.5.5–6.5.14)
  // binary-expression = cast-expression (binary-operator cast-expression)*, folded by BINARY_PRECEDENCE
  binaryExpression = this.RULE('binaryExpression', (): ast.Expr => {
    if (this.fast()) return this.binaryOperands();
    const first = this.SUBRULE(this.castExpression);
    const operands = [first];
    const ops: ast.BinaryOp[] = [];
    this.MANY(() => {
      const op = this.CONSUME(T.BinaryOperator);
      if (!this.RECORDING_PHASE && ops.length >= MAX_BINARY_CHAIN) {
        throw new NestingTooDeep(op, `expression too long: more than ${MAX_BINARY_CHAIN} binary operators in a row`);
      }
      ops.push(op.image as ast.BinaryOp);
      operands.push(this.SUBRULE2(this.castExpression));
    });
    return this.ACTION(() => foldBinary(operands, ops));
  });

  /**
   * binaryExpression's fast path, which conditionalExpression also takes in place of calling the
   * rule. The MANY's path is the one token BinaryOperator (with recovery off, MANY only loops on
   * its path), so a loop on that token decides as it does; an operand that is one identifier or
   * constant is built at once (simpleOperand).
   */
  private binaryOperands(): ast.Expr {
    const first = this.simpleOperand('cast') || this.SUBRULE(this.castExpression);
    if (!this.la(1, T.BinaryOperator)) return first;
    const operands = [first];
    const ops: ast.BinaryOp[] = [];
    while (this.la(1, T.BinaryOperator)) {
      const op = this.CONSUME(T.BinaryOperator);
      if (ops.length >= MAX_BINARY_CHAIN) {
        throw new NestingTooDeep(op, `expression too long: more than ${MAX_BINARY_CHAIN} binary operators in a row`);
      }
      ops.push(op.image as ast.BinaryOp);
      operands.push(this.simpleOperand('cast') || this.SUBRULE2(this.castExpression));
    }
    return foldBinary(operands, ops);
  }

  // cast-expression = unary-expression | "(" type-name ")" cast-expression  (C11 6.5.4)
  //   | "(" type-name ")" "{" initializer-list "}" postfix-suffix*     (compound literal, C11 6.5.2.5)
  castExpression = this.RULE('castExpression', (): ast.Expr => {
    const start = this.LA(1);
    this.enter();
    try {
      // Fast path: a name or a constant begins a postfix-expression (the unary-expression level adds nothing to it).
      if (this.fast()) {
        const simple = this.simpleOperandAt(start, 'cast');
        if (simple) return simple;
        if (startsPostfixOnly(start.tokenType)) return this.SUBRULE2(this.postfixExpression);
        if (startsUnaryOnly(start.tokenType)) return this.SUBRULE2(this.unaryExpression);
      }
      return this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            GATE: () => this.la(1, T.LParen) && this.startsTypeName(this.LA(2)),
            ALT: () => {
              this.CONSUME(T.LParen);
              const type = this.SUBRULE(this.typeName);
              this.CONSUME(T.RParen);
              return this.OR2([
                {
                  ALT: () => {
                    const init = this.SUBRULE(this.initializerList);
                    const lit = this.ACTION((): ast.Expr => ({ kind: 'CompoundLiteral', type, init, ...this.exprBase(start) }));
                    return this.SUBRULE(this.postfixSuffixes, { ARGS: [lit, start] });
                  },
                },
                {
                  ALT: () => {
                    const operand = this.SUBRULE(this.castExpression);
                    return this.ACTION((): ast.Expr => ({ kind: 'CastExpr', type, operand, ...this.exprBase(start) }));
                  },
                },
              ]);
            },
          },
          { ALT: () => this.SUBRULE(this.unaryExpression) },
        ],
      });
    } finally {
      this.leave();
    }
  });

  // unary-expression = postfix-expression | ("++" | "--") unary-expression | unary-operator cast-expression
  //   | "sizeof" unary-expression | "sizeof" "(" type-name ")" | "_Alignof" "(" type-name ")"
  //   | "__extension__" cast-expression | ("__real__" | "__imag__") cast-expression  (C11 6.5.3)
  unaryExpression = this.RULE('unaryExpression', (): ast.Expr => {
    const start = this.LA(1);
    const unary = (op: ast.UnaryOp, operand: ast.Expr): ast.Expr =>
      this.ACTION(() => ({ kind: 'UnaryExpr', op, operand, ...this.exprBase(start) }));
    if (this.fast()) {
      const type = start.tokenType;
      if (startsPostfixOnly(type)) return this.SUBRULE3(this.postfixExpression);
      if (this.is(start, T.UnaryOperator)) return unary(this.CONSUME2(T.UnaryOperator).image as ast.UnaryOp, this.SUBRULE5(this.castExpression));
    }
    return this.OR([
      { ALT: () => unary(this.CONSUME(T.PlusPlus).image as ast.UnaryOp, this.SUBRULE(this.unaryExpression)) },
      { ALT: () => unary(this.CONSUME(T.MinusMinus).image as ast.UnaryOp, this.SUBRULE2(this.unaryExpression)) },
      { ALT: () => unary(this.CONSUME(T.UnaryOperator).image as ast.UnaryOp, this.SUBRULE(this.castExpression)) },
      { ALT: () => unary((this.CONSUME(T.Extension), '__extension__'), this.SUBRULE2(this.castExpression)) },
      { ALT: () => unary((this.CONSUME(T.RealPart), '__real__'), this.SUBRULE3(this.castExpression)) },
      { ALT: () => unary((this.CONSUME(T.ImagPart), '__imag__'), this.SUBRULE4(this.castExpression)) },
      {
        ALT: () => {
          this.CONSUME(T.Sizeof);
          const arg = this.SUBRULE(this.sizeofOperand, { ARGS: [start] });
          return this.ACTION((): ast.Expr => ({ kind: 'SizeofExpr', arg, ...this.exprBase(start) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Alignof);
          const arg = this.SUBRULE2(this.sizeofOperand, { ARGS: [start] });
          return this.ACTION((): ast.Expr => ({ kind: 'AlignofExpr', arg, ...this.exprBase(start) }));
        },
      },
      { ALT: () => this.SUBRULE(this.postfixExpression) },
    ]);
  });

  // sizeof-operand = "(" type-name ")" | "(" type-name ")" "{" initializer-list "}" postfix-suffix* | unary-expression
  sizeofOperand = this.RULE('sizeofOperand', (start: IToken): ast.Expr | ast.TypeName =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.la(1, T.LParen) && this.startsTypeName(this.LA(2)),
          ALT: () => {
            const lp = this.CONSUME(T.LParen);
            const type = this.SUBRULE(this.typeName);
            this.CONSUME(T.RParen);
            let lit: ast.Expr | undefined;
            this.OPTION(() => {
              const init = this.SUBRULE(this.initializerList);
              const base = this.ACTION((): ast.Expr => ({ kind: 'CompoundLiteral', type, init, ...this.exprBase(lp) }));
              lit = this.SUBRULE(this.postfixSuffixes, { ARGS: [base, lp] });
            });
            return lit ?? type;
          },
        },
        { ALT: () => this.SUBRULE(this.unaryExpression) },
      ],
    }),
  );

  // postfix-expression = primary-expression postfix-suffix*  (C11 6.5.2)
  postfixExpression = this.RULE('postfixExpression', (): ast.Expr => {
    const start = this.LA(1);
    // Fast path: an identifier is a whole primary-expression.
    if (this.fast() && start.tokenType === T.Identifier) {
      const t = this.CONSUME(T.Identifier);
      const ident: ast.Expr = { kind: 'Ident', name: t.image, ...this.exprBase(start) };
      return this.SUBRULE2(this.postfixSuffixes, { ARGS: [ident, start] });
    }
    const primary = this.SUBRULE(this.primaryExpression);
    return this.SUBRULE(this.postfixSuffixes, { ARGS: [primary, start] });
  });

  // postfix-suffix = "[" expression "]" | "(" argument-expression-list? ")" | ("." | "->") identifier | "++" | "--"
  postfixSuffixes = this.RULE('postfixSuffixes', (base: ast.Expr, start: IToken): ast.Expr => {
    let node = base;
    if (this.fast()) return this.postfixSuffixesFast(base, start);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            const index = this.SUBRULE(this.expression);
            this.CONSUME(T.RBracket);
            this.ACTION(() => (node = { kind: 'IndexExpr', array: node, index, ...this.exprBase(start) }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            const args = this.callArguments();
            this.CONSUME(T.RParen);
            this.ACTION(() => (node = { kind: 'CallExpr', callee: node, args, ...this.exprBase(start) }));
          },
        },
        {
          ALT: () => {
            const arrow = this.OR2([{ ALT: () => (this.CONSUME(T.Dot), false) }, { ALT: () => (this.CONSUME(T.Arrow), true) }]);
            const name = this.CONSUME(T.Identifier);
            this.ACTION(() => {
              node = { kind: 'MemberExpr', object: node, member: name.image, memberSpan: this.outerSpan(name), arrow, ...this.exprBase(start) };
            });
          },
        },
        {
          ALT: () => {
            const op = this.OR3([{ ALT: () => this.CONSUME(T.PlusPlus) }, { ALT: () => this.CONSUME(T.MinusMinus) }]);
            this.ACTION(() => (node = { kind: 'PostfixExpr', op: op.image as '++' | '--', operand: node, ...this.exprBase(start) }));
          },
        },
      ]);
    });
    return node;
  });

  /**
   * postfix-suffix* without chevrotain's MANY and OR: each suffix begins with its own token
   * (the decisions' paths are single tokens), so the next token picks it or ends the list.
   */
  private postfixSuffixesFast(base: ast.Expr, start: IToken): ast.Expr {
    let node = base;
    for (;;) {
      const type = this.LA(1).tokenType;
      if (type === T.LBracket) {
        this.CONSUME(T.LBracket);
        const index = this.SUBRULE(this.expression);
        this.CONSUME(T.RBracket);
        node = { kind: 'IndexExpr', array: node, index, ...this.exprBase(start) };
      } else if (type === T.LParen) {
        this.CONSUME(T.LParen);
        const args = this.callArguments();
        this.CONSUME(T.RParen);
        node = { kind: 'CallExpr', callee: node, args, ...this.exprBase(start) };
      } else if (type === T.Dot || type === T.Arrow) {
        const arrow = type === T.Arrow;
        this.CONSUME(arrow ? T.Arrow : T.Dot);
        const name = this.CONSUME(T.Identifier);
        node = { kind: 'MemberExpr', object: node, member: name.image, memberSpan: this.outerSpan(name), arrow, ...this.exprBase(start) };
      } else if (type === T.PlusPlus || type === T.MinusMinus) {
        const op = this.CONSUME(type === T.PlusPlus ? T.PlusPlus : T.MinusMinus);
        node = { kind: 'PostfixExpr', op: op.image as '++' | '--', operand: node, ...this.exprBase(start) };
      } else {
        return node;
      }
    }
  }

  /** argument-expression-list? (C11 6.5.2), inside postfixSuffixes: both of its paths use these OPTION and MANY2. */
  private callArguments(): ast.Expr[] {
    const args: ast.Expr[] = [];
    this.OPTION(() => {
      args.push((this.fast() && this.simpleOperand('assignment')) || this.SUBRULE(this.assignmentExpression));
      this.MANY2(() => {
        this.CONSUME(T.Comma);
        args.push((this.fast() && this.simpleOperand('assignment')) || this.SUBRULE2(this.assignmentExpression));
      });
    });
    return args;
  }

  // primary-expression = identifier | constant | string-literal+ | "(" expression ")"
  //   | "(" compound-statement ")"  (GNU statement expression) | builtin-call  (C11 6.5.1)
  primaryExpression = this.RULE('primaryExpression', (): ast.Expr => {
    const start = this.LA(1);
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            const t = this.CONSUME(T.Identifier);
            return this.ACTION((): ast.Expr => ({ kind: 'Ident', name: t.image, ...this.exprBase(start) }));
          },
        },
        { ALT: () => this.intConstant(this.CONSUME(T.IntegerConstant)) },
        { ALT: () => this.charConstant(this.CONSUME(T.CharConstant)) },
        { ALT: () => this.SUBRULE(this.stringLiteral) },
        {
          GATE: () => this.la(2, T.LBrace),
          ALT: () => {
            this.CONSUME(T.LParen);
            const body = this.SUBRULE(this.compoundStatement);
            this.CONSUME(T.RParen);
            return this.ACTION((): ast.Expr => ({ kind: 'StmtExpr', body, ...this.exprBase(start) }));
          },
        },
        {
          ALT: () => {
            this.CONSUME2(T.LParen);
            const e = this.SUBRULE(this.expression);
            this.CONSUME2(T.RParen);
            return e;
          },
        },
        { ALT: () => this.SUBRULE(this.builtinCall) },
      ],
    });
  });

  // builtin-call = "__builtin_offsetof" "(" type-name "," offsetof-member-designator ")"
  //   | "__builtin_types_compatible_p" "(" type-name "," type-name ")"
  //   | "__builtin_choose_expr" "(" assignment-expression "," assignment-expression "," assignment-expression ")"
  //   | "_Generic" "(" assignment-expression ("," generic-association)+ ")"  (C11 6.5.1.1)
  builtinCall = this.RULE('builtinCall', (): ast.Expr => {
    const start = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.BuiltinOffsetof);
          this.CONSUME(T.LParen);
          const type = this.SUBRULE(this.typeName);
          this.CONSUME(T.Comma);
          const path = this.SUBRULE(this.offsetofDesignator);
          this.CONSUME(T.RParen);
          return this.ACTION((): ast.Expr => ({ kind: 'OffsetofExpr', type, path, ...this.exprBase(start) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.BuiltinTypesCompatible);
          this.CONSUME2(T.LParen);
          const a = this.SUBRULE2(this.typeName);
          this.CONSUME2(T.Comma);
          const b = this.SUBRULE3(this.typeName);
          this.CONSUME2(T.RParen);
          return this.ACTION((): ast.Expr => ({ kind: 'TypesCompatibleExpr', a, b, ...this.exprBase(start) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.BuiltinChooseExpr);
          this.CONSUME3(T.LParen);
          const cond = this.SUBRULE(this.assignmentExpression);
          this.CONSUME3(T.Comma);
          const then = this.SUBRULE2(this.assignmentExpression);
          this.CONSUME4(T.Comma);
          const otherwise = this.SUBRULE3(this.assignmentExpression);
          this.CONSUME3(T.RParen);
          return this.ACTION((): ast.Expr => ({ kind: 'ChooseExpr', cond, then, else: otherwise, ...this.exprBase(start) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Generic);
          this.CONSUME4(T.LParen);
          const control = this.SUBRULE4(this.assignmentExpression);
          const associations: { type?: ast.TypeName; expr: ast.Expr }[] = [];
          this.AT_LEAST_ONE(() => {
            this.CONSUME5(T.Comma);
            const a = this.SUBRULE(this.genericAssociation);
            this.ACTION(() => associations.push(a));
          });
          this.CONSUME4(T.RParen);
          return this.ACTION((): ast.Expr => ({ kind: 'GenericSelection', control, associations, ...this.exprBase(start) }));
        },
      },
    ]);
  });

  // generic-association = (type-name | "default") ":" assignment-expression  (C11 6.5.1.1)
  genericAssociation = this.RULE('genericAssociation', (): { type?: ast.TypeName; expr: ast.Expr } => {
    let type: ast.TypeName | undefined;
    this.OR([{ ALT: () => this.CONSUME(T.Default) }, { ALT: () => (type = this.SUBRULE(this.typeName)) }]);
    this.CONSUME(T.Colon);
    const expr = this.SUBRULE(this.assignmentExpression);
    return type ? { type, expr } : { expr };
  });

  // offsetof-member-designator = identifier ("." identifier | "[" expression "]")*
  offsetofDesignator = this.RULE('offsetofDesignator', (): ast.Designator[] => {
    const path: ast.Designator[] = [];
    const first = this.CONSUME(T.Identifier);
    this.ACTION(() => path.push({ kind: 'FieldDesignator', name: first.image, span: this.outerSpan(first) }));
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const dot = this.CONSUME(T.Dot);
            const name = this.CONSUME2(T.Identifier);
            this.ACTION(() => path.push({ kind: 'FieldDesignator', name: name.image, span: this.spanFrom(dot) }));
          },
        },
        {
          ALT: () => {
            const lb = this.CONSUME(T.LBracket);
            const index = this.SUBRULE(this.expression);
            this.CONSUME(T.RBracket);
            this.ACTION(() => path.push({ kind: 'IndexDesignator', index, span: this.spanFrom(lb) }));
          },
        },
      ]);
    });
    return path;
  });

  // string-literal+ : adjacent string literals concatenate (C11 5.1.1.2 phase 6)
  stringLiteral = this.RULE('stringLiteral', (): ast.StringLit => {
    const start = this.LA(1);
    const parts: IToken[] = [];
    this.AT_LEAST_ONE(() => parts.push(this.CONSUME(T.StringLiteral)));
    return this.ACTION((): ast.StringLit => {
      const bytes: number[] = [];
      let value = '';
      for (const p of parts) {
        const d = decodeStringLiteral(p.image);
        if ('code' in d) {
          this.report(d.code, d.message, p);
          continue;
        }
        pushAll(bytes, d.bytes);
        value += d.value;
      }
      return { kind: 'StringLit', bytes, value, ...this.exprBase(start) };
    });
  });

  /**
   * Fast path: an identifier, integer constant or character constant that is a whole
   * cast-expression (no postfix-suffix follows), and, for `end` 'conditional' or 'assignment', a
   * whole conditional- or assignment-expression (no binary operator or '?', nor an assignment
   * operator, follows). It is the node the rules from that level down to primaryExpression would
   * build, without calling them. undefined when the tokens are anything else, or when
   * castExpression would refuse the nesting depth (it reports that).
   */
  protected simpleOperand(end: OperandEnd): ast.Expr | undefined {
    if (this.st.depth >= MAX_NESTING_DEPTH) return undefined;
    return this.simpleOperandAt(this.LA(1), end);
  }

  /** simpleOperand() where the caller has checked the depth (castExpression, which has entered). */
  private simpleOperandAt(start: IToken, end: OperandEnd): ast.Expr | undefined {
    const type = start.tokenType;
    if (type !== T.Identifier && type !== T.IntegerConstant && type !== T.CharConstant) return undefined;
    const next = this.LA(2);
    if (startsPostfixSuffix(next.tokenType)) return undefined;
    if (end !== 'cast' && (this.is(next, T.BinaryOperator) || next.tokenType === T.Question)) return undefined;
    if (end === 'assignment' && this.is(next, T.AssignOperator)) return undefined;
    if (type === T.Identifier) {
      const t = this.CONSUME(T.Identifier);
      return { kind: 'Ident', name: t.image, ...this.exprBase(start) };
    }
    if (type === T.IntegerConstant) return this.intConstant(this.CONSUME(T.IntegerConstant));
    return this.charConstant(this.CONSUME(T.CharConstant));
  }

  private intConstant(t: IToken): ast.Expr {
    return this.ACTION((): ast.Expr => {
      const v = parseIntegerConstant(t.image);
      if ('code' in v) {
        this.report(v.code, v.message, t);
        return { kind: 'IntLit', value: 0n, suffix: '', nonDecimal: false, text: t.image, ...this.exprBase(t) };
      }
      return { kind: 'IntLit', value: v.value, suffix: v.suffix, nonDecimal: v.nonDecimal, text: t.image, ...this.exprBase(t) };
    });
  }

  private charConstant(t: IToken): ast.Expr {
    return this.ACTION((): ast.Expr => {
      const v = parseCharConstant(t.image);
      if ('code' in v) {
        this.report(v.code, v.message, t);
        return { kind: 'CharLit', value: 0, prefix: '', ...this.exprBase(t) };
      }
      return { kind: 'CharLit', value: v.value, prefix: v.prefix, ...this.exprBase(t) };
    });
  }
}
