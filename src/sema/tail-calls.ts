// Tail calls of a function to itself: `return f(...);`, or an arm of a conditional that is
// returned (`return n >= 4 ? f(h, p + 4, n - 4) : done(h);`, as xxhash's finalize steps through
// its input). They are no recursion: lowering makes them assignments to the parameters and a
// jump back to the start of the body (lower/stmt.ts), a loop that the unroller unrolls when the
// arguments are constants, as clang's tail-call elimination does. Other calls of a function to
// itself are still recursion (E3102).
import type { FuncDef, TExpr, TStmt } from './program.js';

/** The calls of `name` in tail position of a returned expression. */
export function tailSelfCallsOf(e: TExpr, name: string): TExpr[] {
  if (e.kind === 'Call') return e.callee.name === name ? [e] : [];
  if (e.kind === 'Cond') return [...tailSelfCallsOf(e.then, name), ...tailSelfCallsOf(e.else, name)];
  return [];
}

/** Every call of the function to itself in tail position of one of its return statements. */
export function tailSelfCalls(fd: FuncDef): Set<TExpr> {
  const out = new Set<TExpr>();
  const name = fd.sym.name;
  const visit = (st: TStmt): void => {
    switch (st.kind) {
      case 'Block':
        st.items.forEach(visit);
        return;
      case 'If':
        visit(st.then);
        if (st.else) visit(st.else);
        return;
      case 'Loop':
        if (st.init) visit(st.init);
        visit(st.body);
        return;
      case 'Switch':
      case 'Case':
      case 'Label':
        visit(st.body);
        return;
      case 'Return':
        if (st.expr) for (const c of tailSelfCallsOf(st.expr, name)) out.add(c);
        return;
      default:
        return;
    }
  };
  visit(fd.body);
  return out;
}
