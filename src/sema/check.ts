// sema entry: type-checks a translation unit and applies the restricted-C
// rules, producing the typed program that lowering reads.
import type { CompileContext } from '../context.js';
import type { TranslationUnit } from '../parse/ast.js';
import { assertNever } from '../util/assert-never.js';
import { checkWholeProgram } from './bpf-rules.js';
import { checkDeclaration, checkFunctionDef } from './decl.js';
import { noteLazyDeclaration } from './lazy.js';
import type { Program } from './program.js';
import { newScope, type SemaState } from './state.js';
import * as T from './types.js';

export function check(tu: TranslationUnit, ctx: CompileContext, prefix?: CheckedPrefix): Program {
  let s: SemaState;
  let from = 0;
  if (prefix && prefix.items.every((item, i) => tu.items[i] === item)) {
    s = prefix.state;
    s.ctx = ctx;
    from = prefix.items.length;
  } else {
    s = startCheck(tu, ctx);
  }
  checkItems(s, tu.items, from, tu.items.length);
  checkWholeProgram(s, s.program);
  return s.program;
}

/**
 * The checker's state after the first `count` items of `tu`, before the checks of the whole
 * program: check() with it and these same item objects goes on from there (driver/header-prefix.ts).
 */
export interface CheckedPrefix {
  state: SemaState;
  items: TranslationUnit['items'];
}

export function checkPrefix(tu: TranslationUnit, ctx: CompileContext, count: number): CheckedPrefix {
  const s = startCheck(tu, ctx);
  checkItems(s, tu.items, 0, count);
  return { state: s, items: tu.items.slice(0, count) };
}

function startCheck(tu: TranslationUnit, ctx: CompileContext): SemaState {
  const program: Program = { functions: [], globals: [], funcs: new Map() };
  const s: SemaState = { ctx, scopes: [newScope()], program, nextTypeId: 1, defs: [], deferred: new Map(), lazy: new Map() };
  // GCC's variadic-argument list type, which headers name even when unused.
  s.scopes[0]!.names.set('__builtin_va_list', { kind: 'typedef', name: '__builtin_va_list', type: T.ptrTo(T.CHAR), span: tu.span });
  return s;
}

function checkItems(s: SemaState, items: TranslationUnit['items'], from: number, to: number): void {
  const ctx = s.ctx;
  for (let i = from; i < to; i++) {
    const item = items[i]!;
    switch (item.kind) {
      case 'FunctionDef':
        checkFunctionDef(s, item);
        break;
      case 'Declaration':
      case 'StaticAssert':
        checkDeclaration(s, item);
        break;
      case 'EmptyDecl':
        break;
      case 'LazyDecl':
        noteLazyDeclaration(s, item);
        break;
      case 'TopLevelAsm':
        ctx.diags.error('E3112', 'file-scope inline assembly is not supported in BPF programs', item.span);
        break;
      default:
        assertNever(item);
    }
  }
}
