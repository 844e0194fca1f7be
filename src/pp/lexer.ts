// The pp-token lexer: translation phases 1–3 (C11 5.1.1.2). It removes line
// splices (backslash-newline) and comments, and cuts the text into
// preprocessing tokens (C11 6.4). Newlines are not tokens: the first token of
// each line has lineStart set, which is all the directive parser needs.
import type { Diagnostics } from '../diag/diagnostic.js';
import type { SourceFile, Span } from '../diag/source.js';
import type { Token, TokenKind } from './token.js';

/** Punctuators longest first within each length, so the first match is the longest (C11 6.4.6). */
const PUNCTUATORS = [
  '%:%:',
  '...', '<<=', '>>=',
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=', '&=',
  '^=', '|=', '##', '<:', ':>', '<%', '%>', '%:',
];

/** Digraphs are given their ordinary spelling, so later stages see only one form. */
const DIGRAPHS: Record<string, string> = { '<:': '[', ':>': ']', '<%': '{', '%>': '}', '%:': '#', '%:%:': '##' };

/**
 * Phase 2 on its own: the text with every backslash-newline removed, and where each removal was,
 * to map offsets back to the original text (only when the file has a splice at all).
 */
interface SplicedText {
  text: string;
  /**
   * Per splice, in order: its offset in `text` (where the next character landed) and the number of
   * original characters removed up to and including it. An offset p of `text` is offset
   * p + removed[k] of file.text, for the last splice k with at[k] <= p.
   */
  splices?: { at: Int32Array; removed: Int32Array };
}

function removeSplices(raw: string): SplicedText {
  // Copies the runs between splices in slices: headers are full of multi-line macros, and a
  // character-by-character copy was one of the larger items of a cold compile.
  const splice = /\\\r?\n/g;
  let m = splice.exec(raw);
  if (m === null) return { text: raw };
  const parts: string[] = [];
  const at: number[] = [];
  const removed: number[] = [];
  let n = 0;
  let from = 0;
  let total = 0;
  for (; m !== null; m = splice.exec(raw)) {
    parts.push(raw.slice(from, m.index));
    n += m.index - from;
    total += m[0].length;
    at.push(n);
    removed.push(total);
    from = m.index + m[0].length;
  }
  parts.push(raw.slice(from));
  return { text: parts.join(''), splices: { at: Int32Array.from(at), removed: Int32Array.from(removed) } };
}

/** Maps offsets of a spliced text to the original, for offsets asked mostly in increasing order. */
function rawOffsetMap(splices: { at: Int32Array; removed: Int32Array }): (p: number) => number {
  const { at, removed } = splices;
  // k: the last splice with at[k] <= the offset asked last (-1 before the first).
  let k = -1;
  return (p: number): number => {
    while (k >= 0 && at[k]! > p) k--;
    while (k + 1 < at.length && at[k + 1]! <= p) k++;
    return k < 0 ? p : p + removed[k]!;
  };
}

/** PUNCTUATORS by the code of their first character, in the same order (longest first). */
const PUNCTUATORS_BY_FIRST: ReadonlyMap<number, readonly string[]> = (() => {
  const m = new Map<number, string[]>();
  for (const p of PUNCTUATORS) {
    const c = p.charCodeAt(0);
    const list = m.get(c);
    if (list) list.push(p);
    else m.set(c, [p]);
  }
  return m;
})();

// The lexer looks at character codes (charCodeAt), not one-character strings: it runs over
// every byte of every header, most of them before any JIT has warmed up.
function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24 || c >= 0x80;
}

function isIdentChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0x30 && c <= 0x39) || c === 0x24 || c >= 0x80;
}

/** Whether c is a digit; NaN (past the end of the text) is not. */
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Turns a whole file into pp-tokens, ending with an 'eof' token. */
export function lexFile(file: SourceFile, diags: Diagnostics): Token[] {
  const { text, splices } = removeSplices(file.text);
  const tokens: Token[] = [];
  // Offsets in `text` are those of file.text unless a line splice was removed.
  const rawOffset = splices ? rawOffsetMap(splices) : undefined;
  const spanOf = rawOffset
    ? (start: number, end: number): Span => {
        const rawStart = rawOffset(start);
        return { file: file.id, start: rawStart, end: end > start ? rawOffset(end - 1) + 1 : rawStart };
      }
    : (start: number, end: number): Span => ({ file: file.id, start, end });

  // The rest of an identifier is found by a sticky regular expression: V8 runs it as native code
  // from the first use, where a loop over charCodeAt runs in the interpreter until it has warmed
  // up, which in a compile of a few headers it barely does (cachegrind, lexing 400 KB of headers
  // once in a fresh process: 400 M -> 295 M instructions with the splice map below).
  const identRest = /[0-9A-Za-z_$\u0080-\uffff]*/y;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0; // skip a UTF-8 byte order mark
  let lineStart = true;
  let spaceBefore = false;
  const push = (kind: TokenKind, start: number, end: number, spelling?: string): void => {
    tokens.push({ kind, text: spelling ?? text.slice(start, end), span: spanOf(start, end), spaceBefore, lineStart });
    lineStart = false;
    spaceBefore = false;
  };

  while (pos < text.length) {
    const c = text.charCodeAt(pos);

    if (c === 0x0a) {
      lineStart = true;
      spaceBefore = false;
      pos++;
      continue;
    }
    // ' ', '\t', '\r', '\v', '\f'
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0b || c === 0x0c) {
      spaceBefore = true;
      pos++;
      continue;
    }

    // Comments are replaced by one space (phase 3).
    if (c === 0x2f && text.charCodeAt(pos + 1) === 0x2f) {
      const newline = text.indexOf('\n', pos);
      pos = newline < 0 ? text.length : newline;
      spaceBefore = true;
      continue;
    }
    if (c === 0x2f && text.charCodeAt(pos + 1) === 0x2a) {
      const close = text.indexOf('*/', pos + 2);
      if (close < 0) {
        diags.error('E1001', 'unterminated /* comment', spanOf(pos, pos + 2));
        pos = text.length;
        break;
      }
      pos = close + 2;
      spaceBefore = true;
      continue;
    }

    // pp-number = ("." digit | digit) (digit | ident-char | [eEpP][+-] | ".")*
    if (isDigit(c) || (c === 0x2e && isDigit(text.charCodeAt(pos + 1)))) {
      const start = pos;
      pos++;
      while (pos < text.length) {
        const d = text.charCodeAt(pos);
        const before = text.charCodeAt(pos - 1);
        // '+' or '-' after 'e', 'E', 'p' or 'P'
        if ((d === 0x2b || d === 0x2d) && (before === 0x65 || before === 0x45 || before === 0x70 || before === 0x50)) pos++;
        else if (isIdentChar(d) || d === 0x2e) pos++;
        else break;
      }
      push('number', start, pos);
      continue;
    }

    // Character constants and string literals, with an optional prefix L, u, U or u8.
    const prefix = literalPrefixLength(text, pos);
    if (prefix >= 0) {
      const start = pos;
      const quote = text[pos + prefix]!;
      const body = scanLiteralBody(text, pos + prefix + 1, quote);
      pos = body.end;
      if (!body.closed) {
        const what = quote === '"' ? 'string literal' : 'character constant';
        diags.error('E1002', `missing terminating ${quote} character: unterminated ${what}`, spanOf(start, pos));
      }
      push(quote === '"' ? 'string' : 'char', start, pos);
      continue;
    }

    if (isIdentStart(c)) {
      const start = pos;
      identRest.lastIndex = pos + 1;
      identRest.test(text);
      pos = identRest.lastIndex;
      push('ident', start, pos);
      continue;
    }

    const punct = longestPunctuator(text, pos, c);
    if (punct !== undefined) {
      push('punct', pos, pos + punct.length, DIGRAPHS[punct] ?? punct);
      pos += punct.length;
      continue;
    }
    // Any other character is a punctuator of its own (C11 6.4p1, "each non-white-space
    // character that cannot be one of the above"); the parser rejects the stray ones.
    push('punct', pos, pos + 1);
    pos++;
  }

  tokens.push({ kind: 'eof', text: '', span: spanOf(text.length, text.length), spaceBefore, lineStart: true });
  return tokens;
}

/** The longest multi-character punctuator at `pos` (whose first character is c), if any. */
function longestPunctuator(text: string, pos: number, c: number): string | undefined {
  const candidates = PUNCTUATORS_BY_FIRST.get(c);
  if (candidates === undefined) return undefined;
  for (let i = 0; i < candidates.length; i++) if (text.startsWith(candidates[i]!, pos)) return candidates[i];
  return undefined;
}

/** If a character constant or string literal starts at pos, the length of its prefix; else -1. */
function literalPrefixLength(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (isQuote(c)) return 0;
  // 'L', 'U', 'u'
  if ((c === 0x4c || c === 0x55 || c === 0x75) && isQuote(text.charCodeAt(pos + 1))) return 1;
  // "u8"
  if (c === 0x75 && text.charCodeAt(pos + 1) === 0x38 && isQuote(text.charCodeAt(pos + 2))) return 2;
  return -1;
}

/** '"' or "'". */
function isQuote(c: number): boolean {
  return c === 0x22 || c === 0x27;
}

/**
 * Scans from just after the opening quote to just after the closing one, or
 * to the end of the line if there is none (the caller reports that).
 */
function scanLiteralBody(text: string, pos: number, quote: string): { end: number; closed: boolean } {
  const q = quote.charCodeAt(0);
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 0x0a) return { end: pos, closed: false };
    // a backslash escapes the next character, unless it is the newline
    if (c === 0x5c && pos + 1 < text.length && text.charCodeAt(pos + 1) !== 0x0a) {
      pos += 2;
      continue;
    }
    pos++;
    if (c === q) return { end: pos, closed: true };
  }
  return { end: pos, closed: false };
}
