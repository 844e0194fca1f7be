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
  /**
   * Files from the system search list (ebcc's own headers and -isystem): their warnings are not
   * shown, as clang shows none from system headers.
   */
  readonly systemFiles = new Set<number>();
  /** Warning flags turned off by -Wno-FLAG (clang's names, without -W). */
  readonly disabledFlags = new Set<string>();
  /** Warning flags made errors by -Werror=FLAG. */
  readonly errorFlags = new Set<string>();
  /** -WFLAG: warning flags turned on (-Wall, -Wunused-variable), for the warnings that are off by default. */
  readonly enabledFlags = new Set<string>();
  /**
   * Tokens output while `#pragma GCC diagnostic ignored "-WFLAG"` was in force, as FLAG@file:start:
   * a warning whose span starts at one of them is not shown.
   */
  readonly ignoredAt = new Set<string>();
  /** After this many errors, further errors are dropped. */
  constructor(
    readonly errorLimit = 100,
    readonly warningMode: WarningMode = 'warn',
  ) {}

  report(severity: Severity, code: Code, message: string, span?: Span, opts: ReportOptions = {}): Diagnostic {
    const info = CODES[code] as CodeInfo;
    const advice = info.loaderAdvice === true;
    if (severity === 'warning' && this.silenced(info, span)) return { severity, code, message, span, notes: opts.notes ?? [], expansion: opts.expansion };
    if (severity === 'warning' && this.warningMode === 'ignore') return { severity, code, message, span, notes: opts.notes ?? [], expansion: opts.expansion };
    const errorFlag = severity === 'warning' ? info.clangFlags?.find((f) => this.errorFlags.has(f)) : undefined;
    if (errorFlag !== undefined) {
      severity = 'error';
      message = `${message} (a warning, made an error by -Werror=${errorFlag})`;
    } else if (severity === 'warning' && this.warningMode === 'error' && !advice) {
      severity = 'error';
      message = `${message} (a warning, made an error by -Werror)`;
    }
    const d: Diagnostic = { severity, code, message, span, notes: opts.notes ?? [], expansion: opts.expansion };
    if (severity === 'error' && this.errorCount >= this.errorLimit) return d;
    this.list.push(d);
    return d;
  }

  /** Is a warning of this code at this span silenced by a system header, -Wno-FLAG or a diagnostic pragma? */
  private silenced(info: CodeInfo, span: Span | undefined): boolean {
    if (span && this.systemFiles.has(span.file)) return true;
    if (info.onlyWith && !info.onlyWith.some((f) => this.enabledFlags.has(f))) return true;
    for (const flag of info.clangFlags ?? []) {
      if (this.disabledFlags.has(flag)) return true;
      if (span && this.ignoredAt.has(`${flag}@${span.file}:${span.start}`)) return true;
    }
    return false;
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
