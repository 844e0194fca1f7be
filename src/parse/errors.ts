// Messages for chevrotain's recognition errors, in the "expected X" form; the
// parser appends ", saw 'Y'" when it turns them into diagnostics.
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';

/** What a rule stands for when none of its alternatives matched. */
const RULE_DESCRIPTIONS: Record<string, string> = {
  primaryExpression: 'expression',
  postfixExpression: 'expression',
  unaryExpression: 'expression',
  castExpression: 'expression',
  binaryExpression: 'expression',
  conditionalExpression: 'expression',
  assignmentExpression: 'expression',
  expression: 'expression',
  initializer: 'expression',
  statement: 'statement',
  blockItem: 'statement or declaration',
  externalDeclaration: 'declaration',
  directDeclarator: "identifier or '('",
  declarationSpecifiers: 'declaration specifiers',
  structOrUnionSpecifier: "identifier or '{'",
  enumSpecifier: "identifier or '{'",
  attribute: 'attribute name',
  designator: "'[' or '.'",
  initItem: 'expression',
};

function describeRule(ruleName: string, paths: TokenType[][][] | undefined): string {
  const d = RULE_DESCRIPTIONS[ruleName];
  if (d) return d;
  const labels = new Set<string>();
  for (const alt of paths ?? []) for (const path of alt) if (path[0]) labels.add(path[0].LABEL ?? path[0].name);
  return labels.size > 0 ? [...labels].slice(0, 4).join(' or ') : ruleName;
}

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage(o: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
    return `expected ${o.expected.LABEL ?? o.expected.name}`;
  },
  buildNotAllInputParsedMessage(): string {
    return 'expected end of file';
  },
  buildNoViableAltMessage(o: {
    expectedPathsPerAlt: TokenType[][][];
    actual: IToken[];
    previous: IToken;
    customUserDescription?: string;
    ruleName: string;
  }): string {
    return `expected ${o.customUserDescription ?? describeRule(o.ruleName, o.expectedPathsPerAlt)}`;
  },
  buildEarlyExitMessage(o: {
    expectedIterationPaths: TokenType[][];
    actual: IToken[];
    previous: IToken;
    customUserDescription?: string;
    ruleName: string;
  }): string {
    return `expected ${o.customUserDescription ?? describeRule(o.ruleName, [o.expectedIterationPaths])}`;
  },
};
