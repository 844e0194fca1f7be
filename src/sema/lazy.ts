// Lazy declarations (parse/lazy-decls.ts): a header's helper pointer declarations that the parser
// kept as tokens. Each is checked, at file scope, when its name is first looked up or
// declared again, so that it has the effects it would have had where it stands: the same symbol,
// the same redeclaration diagnostics. One whose tags or enumerators are not all declared yet is
// checked at once (checking it would declare the tags, or report the names).
import { parseLazyDeclaration } from '../parse/parse.js';
import type * as ast from '../parse/ast.js';
import { checkDeclaration } from './decl.js';
import type { OrdinarySym, SemaState } from './state.js';

/** Sema meets a lazy declaration where it stands: it is kept until its name is needed. */
export function noteLazyDeclaration(s: SemaState, lazy: ast.LazyDecl): void {
  const scope = s.scopes[0]!;
  const tagsDeclared = lazy.tags.every(([tag, name]) => {
    const found = scope.tags.get(name);
    return tag === 'enum' ? found?.kind === 'enum' : found?.kind === 'record' && found.info.tag === tag;
  });
  const constantsDeclared = lazy.constants.every((name) => scope.names.get(name)?.kind === 'enumconst');
  if (!tagsDeclared || !constantsDeclared || scope.names.has(lazy.name)) {
    checkLazyDeclaration(s, lazy);
    return;
  }
  // Two lazy declarations of one name: the first is checked now, as it would have been.
  const earlier = s.lazy.get(lazy.name);
  if (earlier) checkLazyDeclaration(s, earlier);
  s.lazy.set(lazy.name, lazy);
}

/** Checks a lazy declaration at file scope; returns what its name then names there. */
export function checkLazyDeclaration(s: SemaState, lazy: ast.LazyDecl): OrdinarySym | undefined {
  if (s.lazy.get(lazy.name) === lazy) s.lazy.delete(lazy.name);
  const decl = parseLazyDeclaration(lazy, s.ctx.options.c23 === true);
  if (!decl || decl.kind !== 'Declaration') throw new Error(`the lazy declaration of '${lazy.name}' does not parse as one declaration`);
  const { scopes, fn } = s;
  s.scopes = [scopes[0]!];
  s.fn = undefined;
  try {
    checkDeclaration(s, decl);
  } finally {
    s.scopes = scopes;
    s.fn = fn;
  }
  return s.scopes[0]!.names.get(lazy.name);
}

/** A file-scope declaration of `name` is about to be checked: a lazy one before it is checked first. */
export function claimName(s: SemaState, name: string): void {
  const lazy = s.lazy.get(name);
  if (lazy) checkLazyDeclaration(s, lazy);
}
