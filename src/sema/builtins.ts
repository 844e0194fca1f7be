// The compiler builtins BPF code uses. Each entry says how many arguments it
// takes and what it returns; lowering gives each one its instructions.
import type * as ast from '../parse/ast.js';
import { bitCountBuiltin, tryEval } from './const-eval.js';
import { castTo } from './convert.js';
import { CORE_BUILTINS, checkCoreBuiltin } from './core-builtins.js';
import { checkExpr } from './expr.js';
import type { TExpr } from './program.js';
import { error, type SemaState } from './state.js';
import * as T from './types.js';
import type { CType } from './types.js';

interface BuiltinSpec {
  /** Number of arguments (exact). */
  arity: number;
  /** Result type, from the checked arguments. */
  result: (args: TExpr[]) => CType;
}

const pointeeOfFirst = (args: TExpr[]): CType => T.pointee(args[0]?.type ?? T.INT) ?? T.INT;

const ATOMIC_RMW = ['add', 'sub', 'or', 'and', 'xor'];
/** The atomic builtins that only load, store or exchange the object, so it may be a pointer. */
const ATOMIC_MOVES: ReadonlySet<string> = new Set(['__atomic_load_n', '__atomic_store_n', '__atomic_exchange_n', '__atomic_compare_exchange_n', '__sync_lock_test_and_set', '__sync_val_compare_and_swap', '__sync_bool_compare_and_swap']);

function table(): Map<string, BuiltinSpec> {
  const m = new Map<string, BuiltinSpec>();
  m.set('__builtin_memcpy', { arity: 3, result: () => T.ptrTo(T.VOID) });
  m.set('__builtin_memmove', { arity: 3, result: () => T.ptrTo(T.VOID) });
  m.set('__builtin_memset', { arity: 3, result: () => T.ptrTo(T.VOID) });
  m.set('__builtin_memcmp', { arity: 3, result: () => T.INT });
  // bcmp: zero when the bytes are equal, non-zero otherwise; memcmp's result is one such value.
  m.set('__builtin_bcmp', { arity: 3, result: () => T.INT });
  m.set('__builtin_bswap16', { arity: 1, result: () => T.USHORT });
  m.set('__builtin_bswap32', { arity: 1, result: () => T.UINT });
  m.set('__builtin_bswap64', { arity: 1, result: () => T.ULLONG });
  for (const op of ['ctz', 'clz', 'popcount', 'ffs', 'parity']) for (const w of ['', 'l', 'll']) m.set(`__builtin_${op}${w}`, { arity: 1, result: () => T.INT });
  m.set('__builtin_unreachable', { arity: 0, result: () => T.VOID });
  m.set('__builtin_trap', { arity: 0, result: () => T.VOID });
  for (const op of ATOMIC_RMW) {
    m.set(`__sync_fetch_and_${op}`, { arity: 2, result: pointeeOfFirst });
    m.set(`__sync_${op}_and_fetch`, { arity: 2, result: pointeeOfFirst });
    m.set(`__atomic_fetch_${op}`, { arity: 3, result: pointeeOfFirst });
    m.set(`__atomic_${op}_fetch`, { arity: 3, result: pointeeOfFirst });
  }
  m.set('__sync_val_compare_and_swap', { arity: 3, result: pointeeOfFirst });
  m.set('__sync_bool_compare_and_swap', { arity: 3, result: () => T.BOOL });
  m.set('__sync_lock_test_and_set', { arity: 2, result: pointeeOfFirst });
  m.set('__atomic_exchange_n', { arity: 3, result: pointeeOfFirst });
  m.set('__atomic_load_n', { arity: 2, result: pointeeOfFirst });
  m.set('__atomic_store_n', { arity: 3, result: () => T.VOID });
  m.set('__atomic_compare_exchange_n', { arity: 6, result: () => T.BOOL });
  return m;
}

/** Builtins folded or rewritten entirely in sema. */
const SEMA_BUILTINS = new Set(['__builtin_strcmp', '__builtin_expect', '__builtin_expect_with_probability', '__builtin_constant_p', '__builtin_preserve_access_index', '__builtin_assume_aligned']);

/** Built once at load; never changed afterwards. */
const BUILTINS: ReadonlyMap<string, BuiltinSpec> = table();

function builtinTable(): ReadonlyMap<string, BuiltinSpec> {
  return BUILTINS;
}

export function isBuiltinName(name: string): boolean {
  return SEMA_BUILTINS.has(name) || CORE_BUILTINS.has(name) || builtinTable().has(name);
}

export function checkBuiltinCall(s: SemaState, name: string, argAsts: ast.Expr[], span: ast.Expr['span']): TExpr {
  if (name === '__builtin_constant_p') {
    const arg = argAsts[0] ? checkExpr(s, argAsts[0]) : undefined;
    let e = arg;
    while (e?.kind === 'Cast') e = e.operand;
    const constLocal = e?.kind === 'Local' && e.sym.constValue !== undefined;
    return { kind: 'Const', value: arg && (constLocal || tryEval(arg) !== undefined) ? 1n : 0n, type: T.INT, span };
  }
  const args = argAsts.map((a) => checkExpr(s, a));
  if (name === '__builtin_strcmp') return foldStrcmp(s, args, span);
  if (name === '__builtin_expect' || name === '__builtin_expect_with_probability') {
    return args[0] ? castTo(args[0], T.LONG) : { kind: 'Const', value: 0n, type: T.LONG, span };
  }
  if (name === '__builtin_preserve_access_index' || name === '__builtin_assume_aligned') {
    return args[0] ?? { kind: 'Const', value: 0n, type: T.INT, span };
  }
  if (CORE_BUILTINS.has(name)) return checkCoreBuiltin(s, name, args, span);
  const spec = builtinTable().get(name)!;
  if (args.length !== spec.arity) {
    error(s, 'E3009', `too ${args.length < spec.arity ? 'few' : 'many'} arguments to '${name}', expected ${spec.arity}, have ${args.length}`, span);
    return { kind: 'Const', value: 0n, type: T.INT, span };
  }
  if (name.startsWith('__sync_') || name.startsWith('__atomic_')) {
    const p = args[0]!;
    const to = T.pointee(p.type);
    // Loads, stores and exchanges also move pointers (8 bytes), as in the kernel's
    // WRITE_ONCE(*pprev, next) on list links; arithmetic needs an integer.
    const movesPointer = to !== undefined && to.kind === 'ptr' && ATOMIC_MOVES.has(name);
    if (!to || (!movesPointer && (!T.isInteger(to) || ![1, 2, 4, 8].includes(T.sizeOf(to) ?? 0)))) {
      error(s, 'E3004', `the first argument to '${name}' must be a pointer to a 1, 2, 4 or 8-byte integer${ATOMIC_MOVES.has(name) ? ' or to a pointer' : ''} ('${T.typeToString(p.type)}' given)`, p.span);
      return { kind: 'Const', value: 0n, type: T.INT, span };
    }
    // The value operands take the pointee's type.
    for (let i = 1; i < args.length; i++) {
      if ((name === '__atomic_compare_exchange_n' && i === 1) || (name.startsWith('__atomic_') && i === args.length - 1) || (name === '__atomic_compare_exchange_n' && i >= 3)) continue;
      args[i] = castTo(args[i]!, to);
    }
  }
  if (name === '__builtin_bswap16' || name === '__builtin_bswap32' || name === '__builtin_bswap64') {
    args[0] = castTo(args[0]!, spec.result(args));
  }
  const count = bitCountBuiltin(name);
  if (count) args[0] = castTo(args[0]!, count.bits === 64 ? T.ULLONG : T.UINT);
  if (name === '__builtin_memcpy' || name === '__builtin_memmove' || name === '__builtin_memset' || name === '__builtin_memcmp' || name === '__builtin_bcmp') {
    args[2] = castTo(args[2]!, T.SIZE_T);
    if (name === '__builtin_memset') args[1] = castTo(args[1]!, T.INT);
  }
  return { kind: 'Builtin', name, args, type: spec.result(args), span };
}

/**
 * __builtin_strcmp of two string literals folds to -1, 0 or 1, as clang folds it (the kernel's
 * bpf_experimental.h picks a compare by `__builtin_strcmp(#OP, "==") == 0`). BPF has no C
 * library, so any other argument is an error.
 */
function foldStrcmp(s: SemaState, args: TExpr[], span: ast.Expr['span']): TExpr {
  const literal = (e: TExpr | undefined): number[] | undefined => {
    while (e && (e.kind === 'Decay' || e.kind === 'Cast')) e = e.operand;
    return e?.kind === 'StringLit' ? e.bytes : undefined;
  };
  const a = literal(args[0]);
  const b = literal(args[1]);
  if (args.length !== 2 || !a || !b) {
    error(s, 'E3011', "'__builtin_strcmp' is folded at compile time only: both arguments must be string literals (BPF programs have no C library to call at run time)", span);
    return { kind: 'Const', value: 0n, type: T.INT, span };
  }
  let k = 0;
  while (a[k] === b[k] && a[k] !== 0 && a[k] !== undefined) k++;
  const d = (a[k] ?? 0) - (b[k] ?? 0);
  return { kind: 'Const', value: BigInt(Math.sign(d)), type: T.INT, span };
}
