// The simple escape sequences of C (C11 6.4.4.4) and the GNU \e (also \E, as clang accepts),
// stated once for the preprocessor's #if character constants and the parser's literals.
export const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, E: 27, '\\': 92, "'": 39, '"': 34, '?': 63,
};
