// Literal values (C11 6.4.4, 6.4.5): integer constants from pp-numbers,
// character constants and string literals with their escape sequences.
// Problems are returned as messages; the parser reports them with a span.
import { SIMPLE_ESCAPES } from '../pp/escapes.js';

export type LiteralProblem = { code: 'E2003' | 'E2004' | 'E2005' | 'E2006'; message: string };

export interface IntValue {
  value: bigint;
  suffix: string;
  nonDecimal: boolean;
}

/** Canonical suffix spellings: the order of u and l does not matter, case does not matter ("lU" -> "ul"). */
const SUFFIXES: Record<string, string> = {
  '': '', u: 'u', l: 'l', ul: 'ul', lu: 'ul', ll: 'll', ull: 'ull', llu: 'ull',
};

/** integer-constant = (decimal | octal | hexadecimal | binary) integer-suffix?  (C11 6.4.4.1, binary is a GNU/C23 extension) */
export function parseIntegerConstant(text: string): IntValue | LiteralProblem {
  const lower = text.toLowerCase();
  const isHex = lower.startsWith('0x');
  const isBin = lower.startsWith('0b');
  if (isFloating(lower, isHex)) {
    return { code: 'E2003', message: `floating-point constants are not supported in BPF programs, saw '${text}'` };
  }
  let digitsEnd = isHex || isBin ? 2 : 0;
  const digitRe = isHex ? /[0-9a-f]/ : /[0-9]/;
  while (digitsEnd < lower.length && digitRe.test(lower[digitsEnd]!)) digitsEnd++;
  const digits = lower.slice(isHex || isBin ? 2 : 0, digitsEnd);
  const rawSuffix = lower.slice(digitsEnd);
  // 'lL' and 'Ll' are not valid: both l's must have the same case.
  const suffixOk = rawSuffix in SUFFIXES && !/lL|Ll/.test(text.slice(digitsEnd));
  if (digits === '' || !suffixOk) {
    return { code: 'E2004', message: `invalid integer constant '${text}'` };
  }
  if (isBin && /[^01]/.test(digits)) {
    return { code: 'E2004', message: `invalid digit in binary constant '${text}'` };
  }
  const isOctal = !isHex && !isBin && digits.length > 1 && digits.startsWith('0');
  if (isOctal && /[89]/.test(digits)) {
    return { code: 'E2004', message: `invalid digit in octal constant '${text}'` };
  }
  const prefix = isHex ? '0x' : isBin ? '0b' : isOctal ? '0o' : '';
  return { value: BigInt(prefix + (isOctal ? digits.slice(1) : digits)), suffix: SUFFIXES[rawSuffix]!, nonDecimal: prefix !== '' };
}

function isFloating(lower: string, isHex: boolean): boolean {
  if (lower.includes('.')) return true;
  if (isHex) return lower.includes('p');
  return /^[0-9]+e/.test(lower);
}


/** One decoded unit of a character constant or string literal: a byte from an escape, or a source character. */
type Unit = { byte: number } | { char: string };

/** Decodes the body (between the quotes) into units; escapes give bytes, other characters stay characters. */
function decodeBody(body: string): { units: Unit[] } | LiteralProblem {
  const units: Unit[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      i += ch.length - 1;
      units.push({ char: ch });
      continue;
    }
    const e = body[++i];
    if (e === undefined) return { code: 'E2006', message: 'incomplete escape sequence at the end of a literal' };
    if (e in SIMPLE_ESCAPES) {
      units.push({ byte: SIMPLE_ESCAPES[e]! });
    } else if (e >= '0' && e <= '7') {
      let v = 0;
      let n = 0;
      while (n < 3 && i < body.length && body[i]! >= '0' && body[i]! <= '7') {
        v = v * 8 + Number(body[i]);
        i++;
        n++;
      }
      i--;
      if (v > 255) return { code: 'E2006', message: `octal escape sequence '\\${body.slice(i - n + 1, i + 1)}' is out of range` };
      units.push({ byte: v });
    } else if (e === 'x') {
      let j = i + 1;
      while (j < body.length && /[0-9a-fA-F]/.test(body[j]!)) j++;
      const hex = body.slice(i + 1, j);
      if (hex === '') return { code: 'E2006', message: "\\x used with no following hex digits" };
      const v = parseInt(hex, 16);
      if (hex.replace(/^0+/, '').length > 2) return { code: 'E2006', message: `hex escape sequence '\\x${hex}' is out of range` };
      units.push({ byte: v });
      i = j - 1;
    } else if (e === 'u' || e === 'U') {
      // A universal character name (C11 6.4.3): a character, as if written in the source.
      const len = e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length !== len) return { code: 'E2006', message: `incomplete universal character name '\\${e}${hex}': \\${e} takes ${len} hex digits` };
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || (cp < 0xa0 && cp !== 0x24 && cp !== 0x40 && cp !== 0x60)) {
        return { code: 'E2006', message: `universal character name '\\${e}${hex}' does not name a character C allows here (C11 6.4.3p2)` };
      }
      units.push({ char: String.fromCodePoint(cp) });
      i += len;
    } else {
      return { code: 'E2006', message: `unknown escape sequence '\\${e}'` };
    }
  }
  return { units };
}

function splitPrefix(text: string, quote: string): { prefix: string; body: string } {
  const q = text.indexOf(quote);
  return { prefix: text.slice(0, q), body: text.slice(q + 1, text.endsWith(quote) && text.length > q + 1 ? -1 : undefined) };
}

/** character-constant = ("L" | "u" | "U")? "'" c-char+ "'"  (C11 6.4.4.4) */
export function parseCharConstant(text: string): { value: number; prefix: string } | LiteralProblem {
  const { prefix, body } = splitPrefix(text, "'");
  const decoded = decodeBody(body);
  if ('code' in decoded) return decoded;
  if (decoded.units.length === 0) return { code: 'E2005', message: 'empty character constant' };
  if (prefix !== '') {
    if (decoded.units.length > 1) return { code: 'E2005', message: `wide character constant ${text} has more than one character` };
    const u = decoded.units[0]!;
    return { value: 'byte' in u ? u.byte : u.char.codePointAt(0)!, prefix };
  }
  // A plain character constant has type int and the value of the char; char is
  // signed on BPF, so '\xff' is -1. Several characters ('ab') combine
  // big-endian as clang does; sema may warn.
  const bytes: number[] = [];
  for (const u of decoded.units) bytes.push(...('byte' in u ? [u.byte] : utf8(u.char)));
  if (bytes.length > 4) return { code: 'E2005', message: `character constant ${text} is too long for its type` };
  if (bytes.length === 1) return { value: (bytes[0]! << 24) >> 24, prefix };
  let v = 0;
  for (const b of bytes) v = ((v << 8) | b) | 0;
  return { value: v, prefix };
}

/** string-literal = encoding-prefix? '"' s-char* '"'  (C11 6.4.5); the prefix is kept by the caller. */
export function decodeStringLiteral(text: string): { bytes: number[]; value: string } | LiteralProblem {
  const { body } = splitPrefix(text, '"');
  const decoded = decodeBody(body);
  if ('code' in decoded) return decoded;
  const bytes: number[] = [];
  let value = '';
  for (const u of decoded.units) {
    if ('byte' in u) {
      bytes.push(u.byte);
      value += String.fromCharCode(u.byte);
    } else {
      const c = u.char.codePointAt(0)!;
      if (c < 0x80) bytes.push(c); // ASCII, most of any string: no encoder
      else for (const b of utf8(u.char)) bytes.push(b);
      value += u.char;
    }
  }
  return { bytes, value };
}

const encoder = new TextEncoder();

function utf8(ch: string): number[] {
  return Array.from(encoder.encode(ch));
}
