// Tokens as the preprocessor hands them to the parser.
import type { MacroExpansion } from '../diag/diagnostic.js';
import type { Span } from '../diag/source.js';

export type TokenKind =
  | 'ident' // identifiers and keywords alike: the parser tells keywords apart
  | 'number' // a pp-number: 42, 0x1fULL, 1e3 (the parser classifies it)
  | 'char' // a character constant including quotes and prefix: 'a', '\n', L'x'
  | 'string' // a string literal including quotes and prefix: "abc", u8"x"
  | 'punct' // an operator or punctuator: + -> ... ## etc.
  | 'pragma' // #pragma or _Pragma kept for the parser; text is the pragma body, e.g. "unroll" or "clang loop unroll(full)"
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The spelling after macro replacement (for strings/chars: as written, with quotes). */
  text: string;
  /** Where the spelling is: in the macro definition if the token came from one. */
  span: Span;
  /** Set if the token came out of a macro expansion: the chain of uses. */
  expansion?: MacroExpansion;
  /** Whitespace preceded the token (used by -E output and stringification). */
  spaceBefore: boolean;
  /** The token is the first on its logical line. */
  lineStart: boolean;
}
