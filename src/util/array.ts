// Array helpers that stay correct for arrays of any length.

/**
 * Appends every element of `items` to `out`. Unlike `out.push(...items)`, which passes each
 * element as an argument and overflows the stack past roughly 100,000 elements, this works for
 * a 1 MB string literal or a macro expansion of millions of tokens.
 */
export function pushAll<T>(out: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) out.push(items[i]!);
}
