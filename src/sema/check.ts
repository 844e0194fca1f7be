// sema entry: type-checks a translation unit and applies the restricted-C
// rules, producing the typed program that lowering reads.
import type { CompileContext } from '../context.js';
import type { TranslationUnit } from '../parse/ast.js';
import { assertNever } from '../util/assert-never.js';
import { checkWholeProgram } from './bpf-rules.js';
import { checkDeclaration, checkFunctionDef } from './decl.js';
import type { Program } from './program.js';
import { newScope, type SemaState } from './state.js';
import * as T from './types.js';

export function check(tu: TranslationUnit, ctx: CompileContext): Program {
  const program: Program = { functions: [], globals: [], funcs: new Map() };
  const s: SemaState = { ctx, scopes: [newScope()], program, nextTypeId: 1, defs: [], deferred: new Map() };
  // GCC's variadic-argument list type, which headers name even when unused.
  s.scopes[0]!.names.set('__builtin_va_list', { kind: 'typedef', name: '__builtin_va_list', type: T.ptrTo(T.CHAR), span: tu.span });
  for (const item of tu.items) {
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
      case 'TopLevelAsm':
        ctx.diags.error('E3112', 'file-scope inline assembly is not supported in BPF programs', item.span);
        break;
      default:
        assertNever(item);
    }
  }
  checkWholeProgram(s, program);
  return program;
}
