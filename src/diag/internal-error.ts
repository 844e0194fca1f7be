// An exception that escaped a stage is ebcc's bug, not the program's: it becomes one E0003
// diagnostic ("internal compiler error, please report") that names the stage, the exception and
// the function that raised it, never a raw stack trace.
import type { Diagnostics } from './diagnostic.js';

export function reportInternalError(diags: Diagnostics, stage: string, e: unknown): void {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const firstLine = what.split('\n')[0]!.slice(0, 300);
  const frame = e instanceof Error ? raisingFunction(e.stack) : undefined;
  diags.error('E0003', `internal compiler error in ${stage}: ${firstLine}; please report it with the input`, undefined, {
    notes: frame ? [{ message: `raised in function '${frame}'` }] : [],
  });
}

/** The name of the innermost named function in a V8 stack trace, if any. */
function raisingFunction(stack: string | undefined): string | undefined {
  for (const line of (stack ?? '').split('\n')) {
    const m = /^\s+at (?:new )?([\w$.<>]+) \(/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}
