// The parser's token vocabulary: chevrotain token types for keywords,
// punctuators and literals, and the mapping from preprocessor tokens to them.
// The preprocessor hands over every word as 'ident'; here keywords are told
// apart (GNU alternative spellings such as __inline__ share one token type).
// Typedef names stay Identifier tokens: whether a name is a typedef depends on
// the scope at that point, so the parser decides with a GATE (see scopes.ts).
import { createToken, type IToken, type TokenType } from 'chevrotain';
import type { Token } from '../pp/token.js';

/** A chevrotain token that keeps the preprocessor token it came from. */
export interface CToken extends IToken {
  /** Absent only on chevrotain's own EOF token. */
  src?: Token;
}

function category(name: string, label: string): TokenType {
  return createToken({ name, label });
}

// Categories: one CONSUME matches any member.
export const Word = category('Word', 'identifier');
export const Keyword = createToken({ name: 'Keyword', label: 'keyword', categories: [Word] });
export const StorageClassKw = createToken({ name: 'StorageClass', label: 'storage class', categories: [Keyword] });
export const QualifierKw = createToken({ name: 'TypeQualifier', label: 'type qualifier', categories: [Keyword] });
export const BasicTypeKw = createToken({ name: 'BasicType', label: 'type specifier', categories: [Keyword] });
export const AssignOperator = category('AssignOperator', 'assignment operator');
export const BinaryOperator = category('BinaryOperator', 'binary operator');
/** & * + - ~ ! as prefix operators (C11 6.5.3). */
export const UnaryOperator = category('UnaryOperator', 'unary operator');

export const Identifier = createToken({ name: 'Identifier', label: 'identifier', categories: [Word] });
export const IntegerConstant = createToken({ name: 'Number', label: 'number' });
export const CharConstant = createToken({ name: 'CharConstant', label: 'character constant' });
export const StringLiteral = createToken({ name: 'StringLiteral', label: 'string literal' });
/** Anything the grammar never accepts (a stray '#', '@', '\\'): it produces a syntax error where it stands. */
export const Unknown = createToken({ name: 'Unknown', label: 'unknown token' });

/** All keyword token types, keyed by every spelling that maps to them. */
const keywordBySpelling = new Map<string, TokenType>();
const allTypes: TokenType[] = [Word, Keyword, StorageClassKw, QualifierKw, BasicTypeKw, AssignOperator, BinaryOperator, UnaryOperator];
allTypes.push(Identifier, IntegerConstant, CharConstant, StringLiteral, Unknown);

function kw(spellings: string[], cat: TokenType = Keyword): TokenType {
  const t = createToken({ name: `Kw_${spellings[0]!}`, label: `'${spellings[0]!}'`, categories: [cat] });
  for (const s of spellings) keywordBySpelling.set(s, t);
  allTypes.push(t);
  return t;
}

// Storage classes (C11 6.7.1)
export const Typedef = kw(['typedef'], StorageClassKw);
export const Extern = kw(['extern'], StorageClassKw);
export const Static = kw(['static'], StorageClassKw);
export const Auto = kw(['auto'], StorageClassKw);
export const Register = kw(['register'], StorageClassKw);
export const ThreadLocal = kw(['_Thread_local', '__thread'], StorageClassKw);
// Type qualifiers (C11 6.7.3)
export const Const = kw(['const', '__const', '__const__'], QualifierKw);
export const Volatile = kw(['volatile', '__volatile', '__volatile__'], QualifierKw);
export const Restrict = kw(['restrict', '__restrict', '__restrict__'], QualifierKw);
export const Atomic = kw(['_Atomic'], QualifierKw);
// Basic type words (C11 6.7.2); __int128, float, double and _Complex are rejected by sema.
export const Void = kw(['void'], BasicTypeKw);
export const Char = kw(['char'], BasicTypeKw);
export const Short = kw(['short'], BasicTypeKw);
export const Int = kw(['int'], BasicTypeKw);
export const Long = kw(['long'], BasicTypeKw);
export const Float = kw(['float'], BasicTypeKw);
export const Double = kw(['double'], BasicTypeKw);
export const Signed = kw(['signed', '__signed', '__signed__'], BasicTypeKw);
export const Unsigned = kw(['unsigned'], BasicTypeKw);
export const Bool = kw(['_Bool'], BasicTypeKw);
export const Complex = kw(['_Complex', '__complex__'], BasicTypeKw);
export const Int128 = kw(['__int128'], BasicTypeKw);
// Other specifiers
export const Struct = kw(['struct']);
export const Union = kw(['union']);
export const Enum = kw(['enum']);
export const Inline = kw(['inline', '__inline', '__inline__']);
export const Noreturn = kw(['_Noreturn']);
export const Alignas = kw(['_Alignas', 'alignas']);
export const Typeof = kw(['typeof', '__typeof', '__typeof__']);
export const Attribute = kw(['__attribute__', '__attribute']);
export const Extension = kw(['__extension__']);
export const StaticAssert = kw(['_Static_assert', 'static_assert']);
export const Asm = kw(['asm', '__asm', '__asm__']);
// Statements (C11 6.8)
export const If = kw(['if']);
export const Else = kw(['else']);
export const While = kw(['while']);
export const Do = kw(['do']);
export const For = kw(['for']);
export const Switch = kw(['switch']);
export const Case = kw(['case']);
export const Default = kw(['default']);
export const Break = kw(['break']);
export const Continue = kw(['continue']);
export const Return = kw(['return']);
export const Goto = kw(['goto']);
export const Label = kw(['__label__']);
// Expression keywords (C11 6.5) and GNU builtins with type arguments
export const Sizeof = kw(['sizeof']);
export const Alignof = kw(['_Alignof', 'alignof', '__alignof', '__alignof__']);
export const RealPart = kw(['__real__', '__real']);
export const ImagPart = kw(['__imag__', '__imag']);
export const BuiltinOffsetof = kw(['__builtin_offsetof']);
export const BuiltinTypesCompatible = kw(['__builtin_types_compatible_p']);
export const BuiltinChooseExpr = kw(['__builtin_choose_expr']);
export const Generic = kw(['_Generic']);

const punctBySpelling = new Map<string, TokenType>();

function punct(spelling: string, name: string, cats: TokenType[] = []): TokenType {
  const t = createToken({ name, label: `'${spelling}'`, categories: cats });
  punctBySpelling.set(spelling, t);
  allTypes.push(t);
  return t;
}

export const LBracket = punct('[', 'LBracket');
export const RBracket = punct(']', 'RBracket');
export const LParen = punct('(', 'LParen');
export const RParen = punct(')', 'RParen');
export const LBrace = punct('{', 'LBrace');
export const RBrace = punct('}', 'RBrace');
export const Dot = punct('.', 'Dot');
export const Arrow = punct('->', 'Arrow');
export const PlusPlus = punct('++', 'PlusPlus');
export const MinusMinus = punct('--', 'MinusMinus');
export const Amp = punct('&', 'Amp', [BinaryOperator, UnaryOperator]);
export const Star = punct('*', 'Star', [BinaryOperator, UnaryOperator]);
export const Plus = punct('+', 'Plus', [BinaryOperator, UnaryOperator]);
export const Minus = punct('-', 'Minus', [BinaryOperator, UnaryOperator]);
export const Tilde = punct('~', 'Tilde', [UnaryOperator]);
export const Bang = punct('!', 'Bang', [UnaryOperator]);
export const Question = punct('?', 'Question');
export const Colon = punct(':', 'Colon');
export const Semicolon = punct(';', 'Semicolon');
export const Ellipsis = punct('...', 'Ellipsis');
export const Comma = punct(',', 'Comma');
for (const op of ['/', '%', '<<', '>>', '<', '>', '<=', '>=', '==', '!=', '^', '|', '&&', '||']) {
  punct(op, `Op_${op}`, [BinaryOperator]);
}
export const Assign = punct('=', 'Assign', [AssignOperator]);
for (const op of ['*=', '/=', '%=', '+=', '-=', '<<=', '>>=', '&=', '^=', '|=']) {
  punct(op, `Op_${op}`, [AssignOperator]);
}

/** Every token type, for the parser's vocabulary. */
export const ALL_TOKEN_TYPES: readonly TokenType[] = allTypes;

export function isKeywordSpelling(text: string): boolean {
  return keywordBySpelling.has(text);
}

/**
 * Turns preprocessor tokens into chevrotain tokens. Pragmas are taken out of
 * the stream: pragmasBefore[i] lists the pragma tokens just before token i.
 */
/**
 * C23 (6.4.1) makes bool, true and false keywords. With -std=c23 (c2x, gnu23, gnu2x) they are
 * read as _Bool, 1 and 0; before C23 they are ordinary identifiers (vmlinux.h declares
 * `typedef _Bool bool;`, and <stdbool.h> defines them as macros).
 */
const C23_WORDS: ReadonlyMap<string, { type: TokenType; image: string }> = new Map([
  ['bool', { type: Bool, image: '_Bool' }],
  ['true', { type: IntegerConstant, image: '1' }],
  ['false', { type: IntegerConstant, image: '0' }],
]);

/** What stands for each parser token before `from` (toParserTokens): a parse that starts at `from` never reads them. */
const LEFT_OUT: CToken = Object.freeze({ image: '', startOffset: -1, endOffset: -1, tokenType: Unknown, tokenTypeIdx: Unknown.tokenTypeIdx! });

/**
 * `from`: the parser tokens before this index are not made (LEFT_OUT stands for each), for a parse
 * that takes the declarations they make from elsewhere (parse-cache.ts) and starts at `from`;
 * indexes and pragmas are still those of the whole stream, and the last token is always made (a
 * message at the end of the input is placed after it).
 */
export function toParserTokens(tokens: Token[], opts: { c23?: boolean } = {}, from = 0): { tokens: CToken[]; pragmasBefore: Map<number, Token[]> } {
  const pragmasBefore = new Map<number, Token[]>();
  const notePragma = (t: Token, before: number) => {
    const list = pragmasBefore.get(before) ?? [];
    list.push(t);
    pragmasBefore.set(before, list);
  };
  const c23 = opts.c23 === true;
  let last: Token | undefined;
  // The tokens before `from` are only counted (a header prefix leaves ~10,000 of them).
  let i = 0;
  let n = 0;
  for (; n < from && i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'eof') break;
    if (t.kind === 'pragma') {
      notePragma(t, n);
      continue;
    }
    last = t;
    n++;
  }
  const out: CToken[] = n > 0 ? new Array<CToken>(n).fill(LEFT_OUT) : [];
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'eof') break;
    if (t.kind === 'pragma') {
      notePragma(t, out.length);
      continue;
    }
    last = t;
    out.push(parserToken(t, out.length, c23));
  }
  if (last && out[out.length - 1] === LEFT_OUT) out[out.length - 1] = parserToken(last, out.length - 1, c23);
  return { tokens: out, pragmasBefore };
}

function parserToken(t: Token, index: number, c23: boolean): CToken {
  const word = c23 && t.kind === 'ident' ? C23_WORDS.get(t.text) : undefined;
  const type = word?.type ?? tokenTypeOf(t);
  return {
    image: word?.image ?? t.text,
    startOffset: index,
    endOffset: index,
    tokenType: type,
    tokenTypeIdx: type.tokenTypeIdx!,
    src: t,
  };
}

function tokenTypeOf(t: Token): TokenType {
  switch (t.kind) {
    case 'ident':
      return keywordBySpelling.get(t.text) ?? Identifier;
    case 'number':
      return IntegerConstant;
    case 'char':
      return CharConstant;
    case 'string':
      return StringLiteral;
    case 'punct':
      return punctBySpelling.get(t.text) ?? Unknown;
    case 'pragma':
    case 'eof':
      return Unknown;
  }
}
