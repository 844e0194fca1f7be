// Evaluation of #if expressions (C11 6.10.1): an integer constant expression
// over macro-expanded tokens, in which every value is an intmax_t or
// uintmax_t (64 bits, C11 6.10.1p4). `defined` and the __has_* operators are
// already replaced by 0 or 1, and other identifiers mean 0. Operands that are
// not evaluated (after a false &&, a true ||, the other arm of ?:) cannot
// divide by zero.
import type { Diagnostics, MacroExpansion } from '../diag/diagnostic.js';
import type { Span } from '../diag/source.js';
import type { PPToken } from './state.js';
import { SIMPLE_ESCAPES } from './escapes.js';
import { intBinary, intCompare, type IntBinaryOp, type IntCompareOp } from '../util/int-ops.js';

/** The binary operators of #if that are plain arithmetic or comparisons (util/int-ops.ts computes them). */
const PP_ARITH: Readonly<Record<string, IntBinaryOp>> = { '|': 'or', '^': 'xor', '&': 'and', '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'rem' };
const PP_COMPARE: Readonly<Record<string, IntCompareOp>> = { '==': 'eq', '!=': 'ne', '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge' };

interface Value {
  value: bigint;
  unsigned: boolean;
}

/** Like clang's default -fbracket-depth: deeper nesting is an error, not a stack overflow. */
const MAX_NESTING = 256;

const signed = (value: bigint): Value => ({ value: BigInt.asIntN(64, value), unsigned: false });
const unsigned = (value: bigint): Value => ({ value: BigInt.asUintN(64, value), unsigned: true });
const make = (value: bigint, isUnsigned: boolean): Value => (isUnsigned ? unsigned(value) : signed(value));
const truth = (b: boolean): Value => signed(b ? 1n : 0n);

/** Binary operators by precedence, loosest first (C11 6.5.5–6.5.14); ?: and , are handled apart. */
const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];

/** Evaluates the tokens of a #if line; on a malformed expression reports E1017 and returns false. */
export function evaluateIfExpression(tokens: readonly PPToken[], directive: PPToken, diags: Diagnostics): boolean {
  if (tokens.length === 0) {
    diags.error('E1017', `#${directive.text} with no expression`, directive.span, { expansion: directive.expansion });
    return false;
  }
  // Errors at the end of the line point just past its last token, as clang does.
  const last = tokens[tokens.length - 1]!;
  const endSpan: Span = { file: last.span.file, start: last.span.end, end: last.span.end };
  const parser = new IfExpressionParser(tokens, endSpan, last.expansion, diags);
  const result = parser.expression(true);
  if (!parser.failed && parser.pos < tokens.length) {
    parser.fail(`expected end of #${directive.text} expression, saw '${tokens[parser.pos]!.text}'`);
  }
  return !parser.failed && result.value !== 0n;
}

class IfExpressionParser {
  pos = 0;
  failed = false;
  private depth = 0;

  constructor(
    private readonly tokens: readonly PPToken[],
    private readonly endSpan: Span,
    private readonly endExpansion: MacroExpansion | undefined,
    private readonly diags: Diagnostics,
  ) {}

  fail(message: string, tok: PPToken | undefined = this.tokens[this.pos]): Value {
    if (!this.failed) this.diags.error('E1017', message, tok?.span ?? this.endSpan, { expansion: tok ? tok.expansion : this.endExpansion });
    this.failed = true;
    this.pos = this.tokens.length;
    return signed(0n);
  }

  private peek(): string | undefined {
    const tok = this.tokens[this.pos];
    return tok?.kind === 'punct' ? tok.text : undefined;
  }

  private seen(): string {
    const tok = this.tokens[this.pos];
    return tok ? `'${tok.text}'` : 'end of line';
  }

  // expression = conditional-expression ("," conditional-expression)*
  expression(live: boolean): Value {
    let v = this.conditional(live);
    while (this.peek() === ',') {
      this.pos++;
      v = this.conditional(live);
    }
    return v;
  }

  // conditional-expression = logical-or-expression ("?" expression ":" conditional-expression)?
  private conditional(live: boolean): Value {
    if (++this.depth > MAX_NESTING) return this.fail('preprocessor expression nested too deeply');
    const v = this.conditionalInner(live);
    this.depth--;
    return v;
  }

  private conditionalInner(live: boolean): Value {
    const cond = this.binary(0, live);
    if (this.peek() !== '?') return cond;
    this.pos++;
    const taken = cond.value !== 0n;
    const then = this.expression(live && taken);
    if (this.peek() !== ':') return this.fail(`expected ':' in conditional expression, saw ${this.seen()}`);
    this.pos++;
    const otherwise = this.conditional(live && !taken);
    const isUnsigned = then.unsigned || otherwise.unsigned;
    return make(taken ? then.value : otherwise.value, isUnsigned);
  }

  /** One precedence level of left-associative binary operators. */
  private binary(level: number, live: boolean): Value {
    if (level === BINARY_LEVELS.length) return this.unary(live);
    const ops = BINARY_LEVELS[level]!;
    let lhs = this.binary(level + 1, live);
    for (;;) {
      const op = this.peek();
      if (op === undefined || !ops.includes(op)) return lhs;
      const opTok = this.tokens[this.pos]!;
      this.pos++;
      // && and || short-circuit: the right operand is not evaluated when the left decides.
      const rhsLive = op === '&&' ? live && lhs.value !== 0n : op === '||' ? live && lhs.value === 0n : live;
      const rhs = this.binary(level + 1, rhsLive);
      lhs = this.apply(op, lhs, rhs, live, opTok);
    }
  }

  private apply(op: string, a: Value, b: Value, live: boolean, opTok: PPToken): Value {
    // The usual arithmetic conversions: if either operand is unsigned, both are.
    const u = a.unsigned || b.unsigned;
    const x = u ? BigInt.asUintN(64, a.value) : a.value;
    const y = u ? BigInt.asUintN(64, b.value) : b.value;
    if (op === '||') return truth(a.value !== 0n || b.value !== 0n);
    if (op === '&&') return truth(a.value !== 0n && b.value !== 0n);
    if (op === '<<') return shift(a, b.value, 'left');
    if (op === '>>') return shift(a, b.value, 'right');
    const cmp = PP_COMPARE[op];
    if (cmp) return truth(intCompare(cmp, x, y));
    const arith = PP_ARITH[op];
    if (!arith) return this.fail(`'${op}' is not allowed in a preprocessor expression`, opTok);
    if ((arith === 'div' || arith === 'rem') && y === 0n) {
      if (live) this.diags.error('E1018', `${op === '/' ? 'division' : 'remainder'} by zero in preprocessor expression`, opTok.span, { expansion: opTok.expansion });
      return make(0n, u);
    }
    return make(intBinary(arith, x, y), u);
  }

  // unary-expression = ("+" | "-" | "~" | "!") unary-expression | primary
  private unary(live: boolean): Value {
    if (++this.depth > MAX_NESTING) return this.fail('preprocessor expression nested too deeply');
    const v = this.unaryInner(live);
    this.depth--;
    return v;
  }

  private unaryInner(live: boolean): Value {
    const op = this.peek();
    if (op === '+' || op === '-' || op === '~' || op === '!') {
      this.pos++;
      const v = this.unary(live);
      if (op === '+') return v;
      if (op === '-') return make(-v.value, v.unsigned);
      if (op === '~') return make(~v.value, v.unsigned);
      return truth(v.value === 0n);
    }
    return this.primary(live);
  }

  // primary = integer-constant | character-constant | identifier | "(" expression ")"
  private primary(live: boolean): Value {
    const tok = this.tokens[this.pos];
    if (!tok) return this.fail(`expected a value in preprocessor expression, saw end of line`);
    this.pos++;
    switch (tok.kind) {
      case 'number':
        return this.integerConstant(tok);
      case 'char':
        return this.characterConstant(tok);
      case 'ident':
        return signed(0n); // an identifier that is not a macro (C11 6.10.1p4)
      case 'punct':
        if (tok.text === '(') {
          const v = this.expression(live);
          if (this.peek() !== ')') return this.fail(`expected ')' in preprocessor expression, saw ${this.seen()}`);
          this.pos++;
          return v;
        }
        return this.fail(`expected a value in preprocessor expression, saw '${tok.text}'`, tok);
      case 'string':
      case 'pragma':
      case 'eof':
        return this.fail(`expected a value in preprocessor expression, saw '${tok.text}'`, tok);
    }
  }

  private integerConstant(tok: PPToken): Value {
    const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)(?:[uU](?:ll|LL|l|L)?|(?:ll|LL|l|L)[uU]?)?$/.exec(tok.text);
    if (!m) {
      const isFloat = /^[0-9.]/.test(tok.text) && /[.eEpP]/.test(tok.text) && !/^0[xX][0-9a-fA-F]*$/.test(tok.text);
      return this.fail(isFloat ? `floating constant '${tok.text}' in preprocessor expression` : `invalid integer constant '${tok.text}'`, tok);
    }
    const digits = m[1]!;
    const value = /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
    if (value > 0xffff_ffff_ffff_ffffn) return this.fail(`integer constant '${tok.text}' is too large for uintmax_t`, tok);
    const hasU = /[uU]/.test(tok.text.slice(digits.length));
    return make(value, hasU || value > 0x7fff_ffff_ffff_ffffn);
  }

  /** A character constant's value: plain ones are of type char (signed for BPF), widened to intmax_t. */
  private characterConstant(tok: PPToken): Value {
    const quote = tok.text.indexOf("'");
    const prefix = tok.text.slice(0, quote);
    const units = decodeCharBody(tok.text.slice(quote + 1, -1), prefix === '');
    if (units === undefined || units.length === 0) return this.fail(`invalid character constant ${tok.text}`, tok);
    switch (prefix) {
      case '':
        if (units.length === 1) return signed(BigInt.asIntN(8, BigInt(units[0]!)));
        // A multi-character constant is an int built from the bytes, first byte highest (as GCC and clang do).
        return signed(BigInt.asIntN(32, units.reduce((acc, c) => (acc << 8n) | BigInt(c & 0xff), 0n)));
      case 'u8':
        return signed(BigInt(units[0]! & 0xff));
      case 'u':
        return signed(BigInt(units[0]! & 0xffff));
      case 'U':
        return signed(BigInt(units[0]! >>> 0));
      default: // L: wchar_t is int on BPF
        return signed(BigInt.asIntN(32, BigInt(units[0]!)));
    }
  }
}

function shift(a: Value, count: bigint, dir: 'left' | 'right'): Value {
  // The result has the type of the left operand; out-of-range counts give 0 (or -1 for negative >>).
  if (count < 0n || count >= 64n) return make(dir === 'right' && !a.unsigned && a.value < 0n ? -1n : 0n, a.unsigned);
  return make(dir === 'left' ? a.value << count : a.value >> count, a.unsigned);
}


/** The code units of a character constant's body; plain constants are UTF-8 bytes. */
function decodeCharBody(body: string, bytes: boolean): number[] | undefined {
  const out: number[] = [];
  for (let i = 0; i < body.length; ) {
    if (body[i] !== '\\') {
      const cp = body.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      if (bytes) out.push(...new TextEncoder().encode(String.fromCodePoint(cp)));
      else out.push(cp);
      continue;
    }
    const c = body[i + 1];
    if (c === undefined) return undefined;
    if (c in SIMPLE_ESCAPES) {
      out.push(SIMPLE_ESCAPES[c]!);
      i += 2;
    } else if (c >= '0' && c <= '7') {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))!;
      out.push(parseInt(m[0], 8));
      i += 1 + m[0].length;
    } else if (c === 'x') {
      const m = /^[0-9a-fA-F]+/.exec(body.slice(i + 2));
      if (!m) return undefined;
      out.push(Number(BigInt.asUintN(32, BigInt(`0x${m[0]}`))));
      i += 2 + m[0].length;
    } else if (c === 'u' || c === 'U') {
      const len = c === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return undefined;
      const cp = parseInt(hex, 16);
      if (bytes) out.push(...new TextEncoder().encode(String.fromCodePoint(Math.min(cp, 0x10ffff))));
      else out.push(cp);
      i += 2 + len;
    } else {
      return undefined;
    }
  }
  return out;
}
