// The checker's state for one translation unit: scopes, the function being
// checked, and the program being built. Passed explicitly to every function.
import type { CompileContext } from '../context.js';
import type { Code } from '../diag/codes.js';
import type { Note } from '../diag/diagnostic.js';
import type { Span } from '../diag/source.js';
import type * as ast from '../parse/ast.js';
import { checkLazyDeclaration } from './lazy.js';
import type { FuncDef, FuncSym, LocalVar, Program, Sym, SwitchCase, TStmt } from './program.js';
import type { EnumInfo, RecordInfo } from './types.js';

export interface TypedefSym {
  kind: 'typedef';
  name: string;
  type: import('./types.js').CType;
  span: Span;
}

export type OrdinarySym = Sym | TypedefSym;

export interface Scope {
  names: Map<string, OrdinarySym>;
  tags: Map<string, { kind: 'record'; info: RecordInfo } | { kind: 'enum'; info: EnumInfo }>;
}

export interface FunctionState {
  sym: FuncSym;
  locals: LocalVar[];
  nextLocalId: number;
  labels: Map<string, Span>;
  gotos: { label: string; name: string; span: Span }[];
  /** Blocks that declare `__label__ x;`, innermost last: each maps a name to the function-wide label it stands for. */
  localLabels: Map<string, string>[];
  nextLocalLabel: number;
  /** Innermost switch first: collects its case labels. */
  switches: { cases: SwitchCase[]; defaultCase?: TStmt & { kind: 'Case' } }[];
  loopDepth: number;
  breakableDepth: number;
}

export interface SemaState {
  ctx: CompileContext;
  scopes: Scope[];
  program: Program;
  fn?: FunctionState;
  /** Next id for records and enums. */
  nextTypeId: number;
  /** Function definitions being collected, in source order. */
  defs: FuncDef[];
  /**
   * Restricted-C errors (E31xx) found in the body of a function without a section, by function
   * name. They are reported only when a program can reach the function (checkWholeProgram):
   * like clang, ebcc ignores a static helper that nothing calls, such as a header's userspace
   * utility.
   */
  deferred: Map<string, { code: Code; message: string; span: Span; notes: Note[] }[]>;
  /** Lazy declarations not checked yet, by the name each declares (lazy.ts). */
  lazy: Map<string, ast.LazyDecl>;
}

export function newScope(): Scope {
  return { names: new Map(), tags: new Map() };
}

export function pushScope(s: SemaState): void {
  s.scopes.push(newScope());
}

export function popScope(s: SemaState): void {
  s.scopes.pop();
}

export function lookupName(s: SemaState, name: string): OrdinarySym | undefined {
  for (let i = s.scopes.length - 1; i >= 0; i--) {
    const found = s.scopes[i]!.names.get(name);
    if (found) return found;
  }
  const lazy = s.lazy.get(name);
  return lazy ? checkLazyDeclaration(s, lazy) : undefined;
}

export function lookupTag(s: SemaState, name: string) {
  for (let i = s.scopes.length - 1; i >= 0; i--) {
    const found = s.scopes[i]!.tags.get(name);
    if (found) return found;
  }
  return undefined;
}

export function currentScope(s: SemaState): Scope {
  return s.scopes[s.scopes.length - 1]!;
}

export function isFileScope(s: SemaState): boolean {
  return s.scopes.length === 1;
}

export function error(s: SemaState, code: Code, message: string, span: Span, notes: Note[] = []): void {
  const fn = s.fn?.sym;
  if (fn !== undefined && fn.section === undefined && code.startsWith('E31')) {
    let list = s.deferred.get(fn.name);
    if (!list) s.deferred.set(fn.name, (list = []));
    list.push({ code, message, span, notes });
    return;
  }
  s.ctx.diags.error(code, message, span, { notes });
}

export function warning(s: SemaState, code: Code, message: string, span: Span, notes: Note[] = []): void {
  s.ctx.diags.warning(code, message, span, { notes });
}
