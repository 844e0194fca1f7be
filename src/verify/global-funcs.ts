// Global (non-static) functions, verified the way the kernel verifies them
// (btf_prepare_func_args, btf_check_subprog_call, do_check_subprogs): a function whose BTF
// linkage is global is not followed at its calls. A call is checked against the function's BTF
// prototype and leaves an unknown scalar in R0; the function itself is verified once, on its
// own, from a state built from the prototype: integers are unknown scalars, a pointer to the
// program's context is the context, and a pointer to a sized type is memory of that size that
// may be NULL. Needs: the object's BTF and the linked program's functions. Breaks nothing.
import type { BtfType } from '../bpf/btf.js';
import { progTypeByName } from '../bpf/prog-types.js';
import { checkHelperMem, describe, MEM_EXPECTED } from './assertions.js';
import type { Env } from './env.js';
import { newId } from './env.js';
import { assertNever } from '../util/assert-never.js';
import { Reject } from './reject.js';
import { useDynptr } from './dynptr.js';
import { curFrame, newFrame, regNotInit, regPtr, regScalar, typeText, type Reg, type State } from './state.js';

/** How the kernel passes one argument of a global function (bpf_subprog_arg_info). */
export type GlobalArg =
  | { kind: 'scalar' }
  | { kind: 'ctx' }
  /** ARG_PTR_TO_MEM | PTR_MAYBE_NULL of the pointee's size (any sized type, pointers inside or not). */
  | { kind: 'mem'; sizeBytes: number }
  /** A struct bpf_dynptr * (ARG_PTR_TO_DYNPTR | MEM_RDONLY): an initialised dynptr, a const local one in the function. */
  | { kind: 'dynptr' };

export interface GlobalFunc {
  name: string;
  /** First instruction in the linked program. */
  start: number;
  /** The kernel's func#N: the function's rank by start in the linked program. */
  funcNo: number;
  args: GlobalArg[];
  /** Why the kernel refuses every call of the function (its prototype is not supported). */
  unsupported?: string;
}

function typeAt(btf: readonly BtfType[], id: number): BtfType | undefined {
  return id > 0 ? btf[id - 1] : undefined;
}

/** The type behind qualifiers and typedefs; a typedef whose name is in `stopAt` is returned as is. */
function resolve(btf: readonly BtfType[], id: number, stopAt: readonly string[] = []): BtfType | undefined {
  let t = typeAt(btf, id);
  for (let n = 0; t && n < 32; n++) {
    if (t.kind === 'typedef' && stopAt.includes(t.name)) return t;
    if (t.kind !== 'typedef' && t.kind !== 'const' && t.kind !== 'volatile' && t.kind !== 'restrict') return t;
    t = typeAt(btf, t.type);
  }
  return t;
}

/** __btf_type_is_scalar_struct: a struct (or union) of integers, enums, arrays of them and such structs. */
function isScalarStruct(btf: readonly BtfType[], t: BtfType, depth: number): boolean {
  if (t.kind !== 'struct' && t.kind !== 'union') return false;
  if (depth > 2) return false;
  for (const m of t.members) {
    let mt = resolve(btf, m.type);
    while (mt?.kind === 'array') mt = resolve(btf, mt.elem);
    if (!mt) return false;
    if (mt.kind === 'int' || mt.kind === 'enum') continue;
    if ((mt.kind === 'struct' || mt.kind === 'union') && isScalarStruct(btf, mt, depth + 1)) continue;
    return false;
  }
  return true;
}

/** The size of a type, or undefined (void, functions, forward declarations). */
function sizeOf(btf: readonly BtfType[], t: BtfType | undefined): number | undefined {
  if (!t) return undefined;
  switch (t.kind) {
    case 'int': case 'enum': case 'struct': case 'union': return t.sizeBytes;
    case 'ptr': return 8;
    case 'array': {
      const e = sizeOf(btf, resolve(btf, t.elem));
      return e === undefined ? undefined : e * t.nelems;
    }
    default: return undefined;
  }
}

/**
 * check_btf_func: the subprograms (not the entry) whose BTF prototype does not return an integer
 * or enum, by first instruction. The kernel refuses LD_ABS/LD_IND and tail calls in them.
 */
export function nonScalarReturns(btf: readonly BtfType[], functions: readonly { start: number; fn: { btfFuncId: number } }[]): Set<number> {
  const out = new Set<number>();
  for (const f of functions.slice(1)) {
    const func = typeAt(btf, f.fn.btfFuncId);
    if (!func || func.kind !== 'func') continue;
    const proto = typeAt(btf, func.type);
    if (!proto || proto.kind !== 'func_proto') continue;
    const ret = resolve(btf, proto.ret);
    if (ret === undefined || (ret.kind !== 'int' && ret.kind !== 'enum')) out.add(f.start);
  }
  return out;
}

/**
 * The global functions of a linked program other than its entry, by first instruction. A
 * function whose prototype ebcc cannot map the way the kernel does (an argument with an
 * `arg:` decl tag, which ebcc's BTF reader does not attach to a parameter, or a pointer that
 * may be the context of a program type whose context ebcc does not describe) is left out, and
 * its calls are followed as a static function's.
 */
export function globalFuncs(btf: readonly BtfType[], functions: readonly { name: string; start: number; fn: { btfFuncId: number } }[],
  progType: string): Map<number, GlobalFunc> {
  const out = new Map<number, GlobalFunc>();
  const starts = functions.map((f) => f.start).sort((a, b) => a - b);
  const ctxStruct = progTypeByName(progType)?.ctxStruct;
  // Functions that carry an `arg:...` decl tag (read as a typedef naming the function).
  const tagged = new Set<number>();
  btf.forEach((t) => { if (t.kind === 'typedef' && t.name.startsWith('arg:')) tagged.add(t.type); });
  for (const f of functions.slice(1)) {
    const func = typeAt(btf, f.fn.btfFuncId);
    if (!func || func.kind !== 'func' || func.linkage !== 'global' || tagged.has(f.fn.btfFuncId)) continue;
    const proto = typeAt(btf, func.type);
    if (!proto || proto.kind !== 'func_proto') continue;
    const gf: GlobalFunc = { name: f.name, start: f.start, funcNo: starts.indexOf(f.start), args: [] };
    const ret = resolve(btf, proto.ret);
    if (ret === undefined || ret.kind !== 'int' && ret.kind !== 'enum') {
      gf.unsupported = `Global function ${f.name}() doesn't return scalar. Only those are supported.`;
    }
    let fallBack = false;
    proto.params.forEach((p, i) => {
      if (gf.unsupported || fallBack) return;
      const t = resolve(btf, p.type);
      if (t && (t.kind === 'int' || t.kind === 'enum')) {
        gf.args.push({ kind: 'scalar' });
        return;
      }
      if (t?.kind === 'ptr') {
        const target = resolve(btf, t.type);
        const name = target && 'name' in target ? target.name : '';
        if (ctxStruct === undefined) {
          // The context's type is not known here: a pointer to void or to a struct may be it.
          if (!target || target.kind !== 'int' && target.kind !== 'enum' && !(target.kind === 'struct' && isScalarStruct(btf, target, 0))) fallBack = true;
          if (target?.kind === 'struct' && /pt_regs|ctx|args/.test(name)) fallBack = true;
        } else if (target?.kind === 'struct' && name === ctxStruct) {
          gf.args.push({ kind: 'ctx' });
          return;
        }
        if (target?.kind === 'struct' && name === 'bpf_dynptr') {
          gf.args.push({ kind: 'dynptr' });
          return;
        }
        if (fallBack) return;
        // Any other pointer is user memory of its target's size, or NULL (btf_prepare_func_args'
        // generic user data pointer): a struct that holds pointers too.
        const size = sizeOf(btf, target);
        if (size === undefined) {
          gf.unsupported = `arg#${i} reference type('${kindText(target)}') size cannot be determined: -22`;
          return;
        }
        if (size > 0) gf.args.push({ kind: 'mem', sizeBytes: size });
        else fallBack = true;
        return;
      }
      // Structs by value, floats read as ints aside: what ebcc does not know, it does not judge.
      fallBack = true;
    });
    if (fallBack) continue;
    out.set(f.start, gf);
  }
  return out;
}

/** A type as the kernel's log names it: 'FWD S', 'STRUCT task_struct', 'UNKNOWN ' (void). */
function kindText(t: BtfType | undefined): string {
  if (!t) return 'UNKNOWN ';
  return `${t.kind.toUpperCase()} ${'name' in t ? t.name : ''}`;
}

function invalidArgs(gf: GlobalFunc, detail: string, info: { proven?: string; needed?: string }): Reject {
  return new Reject('V1031', `Caller passes invalid args into func#${gf.funcNo} ('${gf.name}')`, {
    ...info, fix: `pass what the prototype of ${gf.name}() says, or make ${gf.name}() static so that it is verified with the caller's values`,
  }, detail);
}

/**
 * btf_check_subprog_call and the rest of check_func_call for a global function: each argument
 * register against the prototype, then R0 an unknown scalar and R1-R5 unreadable.
 */
export function globalCall(env: Env, st: State, gf: GlobalFunc): void {
  const regs = curFrame(st).regs;
  if (st.lock) {
    throw new Reject('V1027', 'use static function instead', {
      proven: `${gf.name}() is global and is called while a bpf_spin_lock is held`, needed: 'no global function calls under a lock',
    }, 'global function calls are not allowed while holding a lock,');
  }
  if (gf.unsupported) throw invalidArgs(gf, gf.unsupported, { proven: `the prototype of ${gf.name}() in BTF`, needed: 'integer, enum or pointer arguments and an integer result' });
  gf.args.forEach((a, i) => {
    const regno = i + 1;
    const r = regs[regno]!;
    switch (a.kind) {
      case 'scalar':
        if (r.type !== 'scalar') {
          throw invalidArgs(gf, `R${regno} is not a scalar`, { proven: `R${regno} is ${describe(env, r)}`, needed: `an integer, as parameter ${i + 1} of ${gf.name}() says` });
        }
        return;
      case 'ctx':
        if (r.type !== 'ctx') {
          throw invalidArgs(gf, `arg#${i} expects pointer to ctx`, { proven: `R${regno} is ${describe(env, r)}`, needed: 'the program\'s context pointer' });
        }
        if (r.off !== 0) {
          throw invalidArgs(gf, `dereference of modified ctx ptr R${regno} off=${r.off} disallowed`, { proven: `R${regno} is the context moved by ${r.off} bytes`, needed: 'the context pointer itself' });
        }
        return;
      case 'mem': {
        if (r.type === 'scalar' && r.s.smin === 0n && r.s.smax === 0n && r.s.umax === 0n) return;
        const p: Reg = { ...r, maybeNull: false };
        try {
          checkHelperMem(env, st, regno, p, a.sizeBytes, 'read', false, MEM_EXPECTED);
          checkHelperMem(env, st, regno, p, a.sizeBytes, 'write', false, MEM_EXPECTED);
        } catch (e) {
          if (e instanceof Reject) {
            throw invalidArgs(gf, e.kernel, { proven: e.info.proven ?? `R${regno} is ${typeText(r)}`, needed: `${a.sizeBytes} bytes of readable and writable memory, as parameter ${i + 1} of ${gf.name}() says` });
          }
          throw e;
        }
        return;
      }
      case 'dynptr':
        try {
          useDynptr(env, st, regno, r, gf.name);
        } catch (e) {
          if (e instanceof Reject) throw invalidArgs(gf, e.kernel, { proven: e.info.proven, needed: 'an initialised struct bpf_dynptr, as the prototype says' });
          throw e;
        }
        return;
      default:
        assertNever(a);
    }
  });
  regs[0] = regScalar();
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
}

/** The state a global function is verified from (btf_prepare_func_args, then do_check_common). */
export function globalEntryState(env: Env, gf: GlobalFunc): State {
  const st: State = { frames: [newFrame(-1, gf.start, 0)], refs: [], rcuLocks: 0, preemptOff: 0 };
  const regs = curFrame(st).regs;
  gf.args.forEach((a, i) => {
    switch (a.kind) {
      case 'scalar': regs[i + 1] = regScalar(); return;
      case 'ctx': regs[i + 1] = regPtr('ctx'); return;
      case 'mem': regs[i + 1] = regPtr('mem', { maybeNull: true, id: newId(env), memSize: a.sizeBytes }); return;
      // The kernel assumes a local dynptr (do_check_common).
      case 'dynptr': regs[i + 1] = regPtr('const_dynptr', { btf: 'local', id: newId(env) }); return;
      default: assertNever(a);
    }
  });
  return st;
}
