// The end of every switch on a tagged union: the compiler checks that every kind is handled, and
// a value of a kind added later fails loudly at run time (an internal error, E0003).
export function assertNever(x: never): never {
  throw new Error(`internal: unexpected ${String((x as { kind?: string }).kind ?? x)}`);
}
