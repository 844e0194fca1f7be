// The one Diagnostic type. A message is data; render.ts turns it into text.
import { CODES, type Code, type CodeInfo } from './codes.js';
import type { Span } from './source.js';

export type Severity = 'error' | 'warning' | 'note';

/** The chain of macro expansions that produced a token: innermost first. */
export interface MacroExpansion {
  macro: string;
  /** Where the macro was used (its name token, through the closing parenthesis). */
  use: Span;
  parent?: MacroExpansion;
}

export interface Note {
  message: string;
  span?: Span;
}

export interface Diagnostic {
  severity: Severity;
  code: Code;
  message: string;
  span?: Span;
  notes: Note[];
  /** Set when the span lies inside a macro expansion. */
  expansion?: MacroExpansion;
}

export interface ReportOptions {
  notes?: Note[];
  expansion?: MacroExpansion;
}

/** What happens to warnings: kept, turned into errors (-Werror), or dropped (-w). */
export type WarningMode = 'warn' | 'error' | 'ignore';

/** Collects diagnostics; stages report here and keep going. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];
  /** After this many errors, further errors are dropped. */
  constructor(
    readonly errorLimit = 100,
    readonly warningMode: WarningMode = 'warn',
  ) {}

  report(severity: Severity, code: Code, message: string, span?: Span, opts: ReportOptions = {}): Diagnostic {
    const advice = (CODES[code] as CodeInfo).loaderAdvice === true;
    if (severity === 'warning' && (this.warningMode === 'ignore' || (this.warningMode === 'error' && !advice))) {
      if (this.warningMode === 'ignore') return { severity, code, message, span, notes: opts.notes ?? [], expansion: opts.expansion };
      severity = 'error';
      message = `${message} (a warning, made an error by -Werror)`;
    }
    const d: Diagnostic = { severity, code, message, span, notes: opts.notes ?? [], expansion: opts.expansion };
    if (severity === 'error' && this.errorCount >= this.errorLimit) return d;
    this.list.push(d);
    return d;
  }

  error(code: Code, message: string, span?: Span, opts?: ReportOptions): Diagnostic {
    return this.report('error', code, message, span, opts);
  }

  warning(code: Code, message: string, span?: Span, opts?: ReportOptions): Diagnostic {
    return this.report('warning', code, message, span, opts);
  }

  get errorCount(): number {
    let n = 0;
    for (const d of this.list) if (d.severity === 'error') n++;
    return n;
  }

  hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }
}
