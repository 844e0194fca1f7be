// Calls of kernel functions (check_kfunc_call): the kfunc is one the kernel has (the table of
// bpf/kfuncs.ts) and the program type may call it; its prototype comes from the object's BTF
// (the extern FUNC clang emits), and each argument is checked against its kind there:
// scalars (`__k` constants, `__sz`/`__szk` sizes of the memory argument before), memory,
// pointers to kernel structs (trusted or referenced where the kfunc's flags ask for it, not
// NULL unless `__nullable`/`__opt`), the context. Then R1-R5 are cleared, R0 takes the return
// kind, and references are acquired (KF_ACQUIRE) or released (KF_RELEASE) as for helpers.
// bpf_rcu_read_lock/unlock and bpf_preempt_disable/enable keep their nesting in the state.
// bpf_throw ends the path where it is called (check.ts, throwExit).
//
// bpf_obj_new/bpf_obj_drop, bpf_refcount_acquire and the list and rbtree kfuncs are modelled in
// alloc.ts.
//
// kfuncs whose arguments or semantics ebcc does not model (dynptrs, some iterators,
// per-CPU objects, exception callbacks, workqueues, ...) are refused with a message
// that says so: a refusal ebcc cannot justify is better than accepting what the kernel refuses.
import type { BtfType } from '../bpf/btf.js';
import { BTF_CTX_TYPES } from '../bpf/prog-helpers.js';
import { ITER_SIZES, KPTR_DTOR_STRUCTS, kfuncAllowed, kfuncByName, type KfuncInfo } from '../bpf/kfuncs.js';
import { coerceToSize, isConst, scalarText } from './bounds.js';
import { BPF_MAX_VAR_SIZ, MEM_EXPECTED, assertInit, checkHelperMem, describe } from './assertions.js';
import { newId, type Env } from './env.js';
import { PSEUDO_CALL, formOf } from '../bpf/opcodes.js';
import { subprogStarts } from './cfg.js';
import { graphPeek, listPop, listPush, localStruct, objDrop, objNew, rbtreeChild, rbtreeRemove, refcountAcquire, resolve, typeAt } from './alloc.js';
import { Reject } from './reject.js';
import { isPktKind, makeDynptr, useDynptr, type DynptrKind } from './dynptr.js';
import {
  ITER_ACTIVE, ITER_DRAINED, SLOT_INVALID, SLOT_SPILL, STACK_SIZE, regsWhere, cloneState, curFrame, regConst, regNotInit, regPtr, regScalar,
  writableBytes, writableSpill, writableSpills, type Reg, type State,
} from './state.js';

/** An argument of a kfunc, from its BTF prototype. */
type KArg =
  | { kind: 'scalar'; name: string; konst: boolean }
  /** The size of the memory argument before it (`__sz`, `__szk`: a constant). */
  | { kind: 'size'; name: string; konst: boolean }
  | { kind: 'mem'; name: string; nullable: boolean; size?: number }
  | { kind: 'btf'; name: string; struct: string; nullable: boolean }
  | { kind: 'ctx'; name: string }
  | { kind: 'ignore'; name: string }
  /** A struct bpf_dynptr on the stack: initialised, or one the kfunc makes (`__uninit`). */
  | { kind: 'dynptr'; name: string; uninit: boolean }
  | { kind: 'unmodelled'; name: string; what: string };

type KRet = { kind: 'void' } | { kind: 'scalar' } | { kind: 'btf'; struct: string } | { kind: 'unmodelled'; what: string };

/** kfuncs whose semantics go beyond their prototype and that ebcc's verifier does not model. */
const UNMODELLED: readonly string[] = [
  'bpf_percpu_obj_new_impl', 'bpf_percpu_obj_drop_impl',
  'bpf_wq_init', 'bpf_wq_set_callback_impl', 'bpf_wq_start', 'bpf_local_irq_save',
  'bpf_local_irq_restore', 'bpf_get_kmem_cache',
];

/** The dynptr each kfunc that makes one makes (the clone's is its parent's kind). */
const DYNPTR_MAKERS: Readonly<Record<string, DynptrKind>> = { bpf_dynptr_from_skb: 'skb', bpf_dynptr_from_xdp: 'xdp' };

/** The list and tree kfuncs ebcc models (alloc.ts): they need the lock beside the head or root held. */
const LIST_KFUNCS: readonly string[] = ['bpf_list_push_front_impl', 'bpf_list_push_back_impl', 'bpf_list_pop_front', 'bpf_list_pop_back',
  'bpf_rbtree_add_impl', 'bpf_rbtree_first', 'bpf_rbtree_remove', 'bpf_list_front', 'bpf_list_back', 'bpf_rbtree_root',
  'bpf_rbtree_left', 'bpf_rbtree_right'];

/** Kernel structs a kfunc taking the second may be given the first as (the second is its first member). */
const FIRST_MEMBER: Readonly<Record<string, string>> = { bpf_cpumask: 'cpumask' };

/** Struct pointers the kernel treats as the program's context (btf_is_prog_ctx_type). */
const CTX_STRUCTS: readonly string[] = ['__sk_buff', 'xdp_md', 'bpf_sock_ops', 'bpf_sock_addr', 'bpf_sk_lookup', 'sk_msg_md', 'bpf_sockopt', 'bpf_sysctl'];

/** Structs a kfunc argument of which is a special object ebcc does not model. */
const SPECIAL_STRUCT = /^(bpf_dynptr|bpf_dynptr_kern|bpf_iter_.*|bpf_list_head|bpf_list_node|bpf_rb_root|bpf_rb_node|bpf_refcount|bpf_wq|bpf_timer|bpf_spin_lock|bpf_res_spin_lock|bpf_task_work)$/;

const isScalarType = (t: BtfType | undefined): boolean => t !== undefined && (t.kind === 'int' || t.kind === 'enum');

/** Kernel structs whose own name has a `___` part (which CO-RE otherwise reads as a local flavour). */
const FLAVOURED_KERNEL_STRUCTS: readonly string[] = ['nf_conn___init'];

/** A struct's kernel name: a program's local flavour (`bpf_ct_opts___local`) names the kernel's struct. */
function structName(t: BtfType | undefined): string | undefined {
  if (!t || (t.kind !== 'struct' && t.kind !== 'union' && t.kind !== 'fwd')) return undefined;
  return FLAVOURED_KERNEL_STRUCTS.includes(t.name) ? t.name : t.name.replace(/___.*$/, '');
}

interface Proto {
  args: KArg[];
  ret: KRet;
}

/** The kfunc's prototype from the object's BTF, or why it has none. */
function protoOf(btf: readonly BtfType[], info: KfuncInfo): Proto | undefined {
  const name = info.name;
  const fn = btf.find((t) => t.kind === 'func' && t.name === name);
  if (!fn || fn.kind !== 'func') return undefined;
  const proto = typeAt(btf, fn.type);
  if (!proto || proto.kind !== 'func_proto') return undefined;
  if (info.params && info.params.length !== proto.params.length) return undefined;
  // The types from the program's declaration, the names (their suffixes) from the kernel's.
  const params = proto.params.map((p, i) => ({ type: p.type, name: info.params?.[i] ?? '' }));
  const args: KArg[] = params.map((p, i): KArg => {
    const t = resolve(btf, p.type);
    const nextName = params[i + 1]?.name ?? '';
    const sized = /__szk?$/.test(nextName);
    if (/__szk?$/.test(p.name)) return { kind: 'size', name: p.name, konst: p.name.endsWith('__szk') };
    if (isScalarType(t)) return { kind: 'scalar', name: p.name, konst: p.name.endsWith('__k') };
    if (p.name.endsWith('__ign')) return { kind: 'ignore', name: p.name };
    if (name === 'bpf_cast_to_kern_ctx') return { kind: 'ctx', name: p.name };
    if (!t || t.kind !== 'ptr') return { kind: 'unmodelled', name: p.name, what: 'an argument that is neither a number nor a pointer' };
    const target = resolve(btf, t.type);
    const nullable = /__(nullable|opt)$/.test(p.name);
    const sname = structName(target);
    if (sname === 'bpf_dynptr') return { kind: 'dynptr', name: p.name, uninit: p.name.endsWith('__uninit') };
    if (sname !== undefined && SPECIAL_STRUCT.test(sname)) return { kind: 'unmodelled', name: p.name, what: `a struct ${sname} argument` };
    if (sized) return { kind: 'mem', name: p.name, nullable };
    if (sname !== undefined && CTX_STRUCTS.includes(sname)) return { kind: 'ctx', name: p.name };
    if (sname !== undefined) return { kind: 'btf', name: p.name, struct: info.structs?.args?.[i] ?? sname, nullable };
    if (isScalarType(target)) {
      return { kind: 'mem', name: p.name, nullable, size: target!.kind === 'int' || target!.kind === 'enum' ? target!.sizeBytes : 0 };
    }
    return { kind: 'unmodelled', name: p.name, what: 'a pointer argument of a kind ebcc does not model' };
  });
  const rt = resolve(btf, proto.ret);
  let ret: KRet;
  if (proto.ret === 0) ret = { kind: 'void' };
  else if (isScalarType(rt)) ret = { kind: 'scalar' };
  else if (rt?.kind === 'ptr' && structName(resolve(btf, rt.type)) !== undefined) {
    ret = { kind: 'btf', struct: info.structs?.ret ?? structName(resolve(btf, rt.type))! };
  }
  else ret = { kind: 'unmodelled', what: 'a return value of a kind ebcc does not model' };
  return { args, ret };
}

function unmodelled(name: string, why: string): Reject {
  return new Reject('V1028', `calling kernel function ${name} is not supported by ebcc's verifier`, {
    proven: `${name} takes or returns ${why}`,
    needed: 'ebcc cannot tell whether the kernel accepts this call; it refuses the program rather than guess',
  });
}

const has = (info: KfuncInfo, f: KfuncInfo['flags'][number]): boolean => info.flags.includes(f);

/** A kernel pointer in the register: a kfunc's or helper's result, a socket, or a BTF-typed context value. */
function isKernelPtr(r: Reg): boolean {
  return r.type === 'btf_id' || r.type === 'sock' || r.type === 'sock_common' || r.type === 'tcp_sock' || (r.type === 'scalar' && r.kptr);
}

/** is_trusted_reg: referenced, or trusted (a trusted context argument, an acquired object, a socket). */
function isTrusted(r: Reg): boolean {
  if (r.refId) return true;
  if (r.type === 'sock' || r.type === 'sock_common' || r.type === 'tcp_sock') return true;
  return r.trusted;
}

/** The struct a kernel pointer points to, when ebcc knows it. */
function structOf(r: Reg): string {
  if (r.type === 'sock') return 'sock';
  if (r.type === 'sock_common') return 'sock_common';
  if (r.type === 'tcp_sock') return 'tcp_sock';
  return r.btf;
}

/**
 * check_kfunc_call for the kfunc call at `insnIdx`, applied to `st`. An iterator's next call
 * returns the state of its other outcome (an element, where `st` goes on with NULL) for the
 * caller to explore too.
 */
export function kfuncCall(env: Env, st: State, insnIdx: number): State | undefined {
  const name = env.kfuncs.get(insnIdx);
  if (name === undefined) {
    throw new Reject('V1028', 'calling kernel function is not supported by ebcc\'s verifier', {
      proven: 'a kfunc call that names no extern function of the object',
      needed: 'a call of an `extern ... __ksym` function',
    });
  }
  const info = kfuncByName(name);
  if (!info) {
    throw new Reject('V1028', `calling kernel function ${name} is not supported by ebcc's verifier`, {
      proven: `${name} is not among the kernel functions ebcc knows (their flags are not in BTF)`,
      needed: 'ebcc cannot tell whether the kernel has this kfunc or accepts this call; it refuses the program rather than guess',
    });
  }
  // kfunc_spin_allowed: the graph kfuncs (bpf_refcount_acquire among them) and bpf_iter_num_*.
  if (st.lock && !name.startsWith('bpf_iter_num_') && !LIST_KFUNCS.includes(name) && name !== 'bpf_refcount_acquire_impl') {
    // kfunc_spin_allowed: only the graph (list, rbtree) and bpf_iter_num kfuncs.
    throw new Reject('V1027', 'function calls are not allowed while holding a lock', {
      proven: `${name} is called between bpf_spin_lock() and bpf_spin_unlock()`,
      needed: 'no calls while the lock is held',
      notes: [{ insn: st.lock.insn, message: 'the lock is taken here' }],
    });
  }
  if (!kfuncAllowed(info, env.progType, env.expectedAttach)) {
    throw new Reject('V1009', `calling kernel function ${name} is not allowed`, {
      proven: `${name} is not registered for programs of type ${env.progType}`,
      needed: 'a program type the kfunc is offered to',
    });
  }
  if (has(info, 'dev_bound')) {
    throw new Reject('V1028', 'metadata kfuncs require device-bound program', {
      proven: `${name} reads metadata of the receiving device's driver`,
      needed: 'a program loaded for one device (prog_ifindex with BPF_F_XDP_DEV_BOUND_ONLY), which ebcc does not model',
    });
  }
  if (UNMODELLED.includes(name)) throw unmodelled(name, 'objects whose rules ebcc does not model');
  if (has(info, 'sleepable') && !env.sleepable) {
    throw new Reject('V1028', `program must be sleepable to call sleepable kfunc ${name}`, {
      proven: `${name} may sleep and the program is not sleepable`, needed: 'a sleepable program (a `.s` section such as fentry.s or lsm.s)',
    });
  }
  if (has(info, 'sleepable') && st.rcuLocks > 0) {
    throw new Reject('V1028', `kernel func ${name} is sleepable within rcu_read_lock region`, {
      proven: `${name} may sleep and bpf_rcu_read_lock() is held`, needed: 'bpf_rcu_read_unlock() before the call',
    });
  }
  if (has(info, 'rcu_protected') && st.rcuLocks === 0) {
    throw new Reject('V1028', `kernel func ${name} requires RCU critical section protection`, {
      proven: 'bpf_rcu_read_lock() is not held', needed: 'the call between bpf_rcu_read_lock() and bpf_rcu_read_unlock()',
    });
  }
  const regs = curFrame(st).regs;
  if (name === 'bpf_rdonly_cast') {
    rdonlyCast(env, regs, insnIdx);
    return undefined;
  }
  if (lockKfunc(env, st, name)) {
    clobber(regs);
    return undefined;
  }
  const proto = protoOf(env.btf, info);
  if (!proto) throw unmodelled(name, 'a prototype the object\'s BTF does not give');
  if (proto.args.length > 5) throw unmodelled(name, 'more than five arguments');
  if (has(info, 'iter_new') || has(info, 'iter_next') || has(info, 'iter_destroy')) return iterKfunc(env, st, info, proto, insnIdx);
  if (LIST_KFUNCS.includes(name)) {
    // In a tree's less() callback the kernel refuses graph kfuncs ("not allowed in rbtree cb").
    if (st.frames.some((f) => f.callback)) throw unmodelled(name, 'a list or tree from a callback');
    if (name.startsWith('bpf_list_push_')) listPush(env, st);
    else if (name.startsWith('bpf_list_pop_')) listPop(env, st, insnIdx);
    else if (name === 'bpf_rbtree_remove') rbtreeRemove(env, st, insnIdx);
    else if (name === 'bpf_list_front' || name === 'bpf_list_back') graphPeek(env, st, insnIdx, 'bpf_list_head');
    else if (name === 'bpf_rbtree_first' || name === 'bpf_rbtree_root') graphPeek(env, st, insnIdx, 'bpf_rb_root');
    else if (name === 'bpf_rbtree_left' || name === 'bpf_rbtree_right') rbtreeChild(env, st, insnIdx, name);
    // bpf_rbtree_add_impl: check.ts, which calls less() after it (rbtreeAdd)
    return undefined;
  }
  if (name === 'bpf_obj_new_impl' || name === 'bpf_obj_drop_impl' || name === 'bpf_refcount_acquire_impl') {
    for (let i = 2; i <= proto.args.length; i++) assertInit(regs[i]!, i);
    if (name === 'bpf_obj_new_impl') objNew(env, st, insnIdx);
    else if (name === 'bpf_obj_drop_impl') objDrop(env, st);
    else if (st.frames.some((f) => f.callback)) throw unmodelled(name, 'an object in a tree from a callback');
    else refcountAcquire(env, st, insnIdx);
    return undefined;
  }
  if (name === 'bpf_throw') throwChecks(env, st, insnIdx);
  const release = checkArgs(env, st, info, proto, 0);
  const slice = name === 'bpf_dynptr_slice' || name === 'bpf_dynptr_slice_rdwr' ? dynptrSlice(env, st, name, insnIdx) : undefined;
  if (has(info, 'release') && !release) throw unmodelled(name, 'no kernel object to release');
  if (release) {
    const id = release.refId;
    st.refs = st.refs.filter((x) => x.id !== id);
    for (const x of regsWhere(st, (x) => x.refId === id)) Object.assign(x, regScalar());
  }
  clobber(regs);
  switch (proto.ret.kind) {
    case 'void':
      regs[0] = regNotInit();
      break;
    case 'scalar':
      regs[0] = regScalar();
      break;
    case 'unmodelled':
      if (slice) {
        regs[0] = slice;
        break;
      }
      if (name !== 'bpf_cast_to_kern_ctx') throw unmodelled(name, proto.ret.what);
      // The context as the kernel's own struct (sk_buff, xdp_buff, ...): trusted, never NULL.
      regs[0] = regPtr('btf_id', { trusted: true, origin: insnIdx });
      break;
    case 'btf': {
      const acquire = has(info, 'acquire');
      const retNull = has(info, 'ret_null');
      const refId = acquire ? newId(env) : 0;
      if (acquire) st.refs.push({ id: refId, insn: insnIdx });
      regs[0] = regPtr('btf_id', {
        maybeNull: retNull, id: retNull ? newId(env) : 0, refId, trusted: acquire, btf: proto.ret.struct, origin: insnIdx,
      });
      break;
    }
  }
  return undefined;
}

/**
 * bpf_throw (check_kfunc_call): it may not be called from a callback (bpf_loop's, a timer's),
 * nor from a function a callback calls. The path ends after the call (check.ts, throwExit).
 */
function throwChecks(env: Env, st: State, insnIdx: number): void {
  if (st.frames.some((f) => f.callback)) throw throwInCallback(env, insnIdx, curFrame(st).subprog);
}

function throwInCallback(env: Env, insnIdx: number, subprogStart: number): Reject {
  const subprog = subprogStarts(env.insns).indexOf(subprogStart);
  return new Reject('V1028', `bpf_throw kfunc (insn ${insnIdx}) cannot be called from callback subprog ${subprog}`, {
    proven: 'bpf_throw() is reached from a callback (of bpf_loop(), bpf_for_each_map_elem(), a timer, ...)',
    needed: 'the throw in the program itself or a function it calls directly; a callback returns 1 to stop instead',
  });
}

/**
 * An exception callback (a decl tag "exception_callback:NAME" on the program's function, which
 * ebcc reads as a typedef): the kernel verifies that function as a second entry with rules of
 * its own, which ebcc does not model. Returns the rejection, or undefined without one.
 */
export function exceptionCallback(env: Env): Reject | undefined {
  const tag = env.btf.find((t) => {
    if (t.kind !== 'typedef' || !t.name.startsWith('exception_callback:')) return false;
    const fn = typeAt(env.btf, t.type);
    return fn?.kind === 'func' && fn.name === env.progName;
  });
  if (!tag || tag.kind !== 'typedef') return undefined;
  return new Reject('V1028', `exception callback ${tag.name.slice('exception_callback:'.length)} is not supported by ebcc's verifier`, {
    proven: 'the program names an exception callback (__exception_cb), which the kernel verifies as a second entry',
    needed: 'ebcc cannot tell whether the kernel accepts it; it refuses the program rather than guess',
  });
}

/**
 * A callback the kernel runs later (bpf_timer_set_callback's), which ebcc does not explore:
 * the kernel refuses it when it can reach bpf_throw. `start` is its first instruction; the
 * functions it calls are searched too.
 */
export function checkAsyncCallbackThrow(env: Env, start: number): void {
  const found = reachableThrow(env, start);
  if (found) throw throwInCallback(env, found.insn, found.fn);
}

/**
 * A call of bpf_throw in the function that starts at `start` or in one it calls (the kernel's
 * might_throw of a subprogram, found from the call graph, whatever the values): its instruction
 * and the function it is in.
 */
export function reachableThrow(env: Env, start: number): { insn: number; fn: number } | undefined {
  const starts = subprogStarts(env.insns);
  const todo = [start];
  const seen = new Set<number>();
  while (todo.length > 0) {
    const fn = todo.pop()!;
    if (seen.has(fn)) continue;
    seen.add(fn);
    const end = starts.find((x) => x > fn) ?? env.insns.length;
    for (let i = fn; i < end; i++) {
      const insn = env.insns[i]!;
      if (formOf(insn)?.kind !== 'call') continue;
      if (insn.src === PSEUDO_CALL.kfuncCall && env.kfuncs.get(i) === 'bpf_throw') return { insn: i, fn };
      if (insn.src === PSEUDO_CALL.call) todo.push(i + insn.imm + 1);
    }
  }
  return undefined;
}

/** check_kfunc_args from argument `first` on; returns the register a KF_RELEASE kfunc releases. */
function checkArgs(env: Env, st: State, info: KfuncInfo, proto: Proto, first: number): Reg | undefined {
  const name = info.name;
  const regs = curFrame(st).regs;
  const trustedArgs = has(info, 'trusted_args') || has(info, 'rcu') || has(info, 'release');
  let release: Reg | undefined;
  // The initialised dynptr argument before (bpf_dynptr_clone's parent).
  let parent: Reg | undefined;
  for (let i = first; i < proto.args.length; i++) {
    const arg = proto.args[i]!;
    const regno = i + 1;
    const r = regs[regno]!;
    assertInit(r, regno);
    switch (arg.kind) {
      case 'unmodelled':
        throw unmodelled(name, arg.what);
      case 'ignore':
        break;
      case 'dynptr':
        // An optional dynptr (bpf_crypto_encrypt's siv__nullable) may be NULL.
        if (/__(nullable|opt)$/.test(arg.name) && r.type === 'scalar' && !r.kptr && isConst(r.s) && r.s.var.v === 0n) break;
        if (!arg.uninit) parent = useDynptr(env, st, regno, r, name);
        else if (DYNPTR_MAKERS[name]) makeDynptr(env, st, regno, r, DYNPTR_MAKERS[name]!, name, env.insnIdx);
        else if (parent) makeDynptr(env, st, regno, r, parent.btf as DynptrKind, name, env.insnIdx, parent.refId);
        else throw unmodelled(name, 'a dynptr it makes of a kind ebcc does not know');
        break;
      case 'scalar':
        if (r.type !== 'scalar') throw new Reject('V1010', `R${regno} is not a scalar`, { proven: `argument ${i} of ${name} (${arg.name}) is ${describe(env, r)}`, needed: 'a number' });
        if (arg.konst && !isConst(r.s)) {
          throw new Reject('V1010', `R${regno} must be a known constant`, { proven: `argument ${i} of ${name} (${arg.name}) is ${scalarText(r.s)}`, needed: 'a constant' });
        }
        break;
      case 'size':
        break; // checked with its memory argument
      case 'mem': {
        const sizeArg = proto.args[i + 1];
        const zero = r.type === 'scalar' && isConst(r.s) && r.s.var.v === 0n;
        if (zero && arg.nullable) break;
        if (r.type === 'scalar' || r.maybeNull) {
          throw new Reject('V1010', `R${regno} type=${r.maybeNull ? 'ptr_or_null_' : 'scalar'} expected=${MEM_EXPECTED}`, {
            proven: `argument ${i} of ${name} (${arg.name}) is ${describe(env, r)}`, needed: 'a pointer to memory (stack, map value, packet)',
          });
        }
        if (!['stack', 'map_value', 'map_key', 'mem', 'pkt', 'pkt_meta'].includes(r.type)) throw unmodelled(name, `memory at a ${r.type} pointer`);
        if (sizeArg?.kind === 'size') {
          const sr = regs[regno + 1]!;
          assertInit(sr, regno + 1);
          if (sr.type !== 'scalar') throw new Reject('V1010', `R${regno + 1} is not a scalar`, { proven: `the size of ${arg.name} is ${describe(env, sr)}`, needed: 'a number' });
          if (sizeArg.konst && !isConst(sr.s)) {
            throw new Reject('V1010', `R${regno + 1} must be a known constant`, { proven: `the size ${sizeArg.name} is ${scalarText(sr.s)}`, needed: 'a constant size' });
          }
          if (sr.s.smin < 0n) {
            throw new Reject('V1020', `R${regno + 1} min value is negative, either use unsigned or 'var &= const'`, {
              proven: `the size (R${regno + 1}) is ${scalarText(sr.s)}`, needed: 'a size known to be >= 0',
            });
          }
          if (sr.s.umax >= BigInt(BPF_MAX_VAR_SIZ)) {
            throw new Reject('V1020', `R${regno + 1} unbounded memory access, use 'var &= const' or 'if (var < const)'`, {
              proven: `the size (R${regno + 1}) has no upper bound: ${scalarText(sr.s)}`, needed: 'a size compared with the buffer size first',
            });
          }
          checkHelperMem(env, st, regno, r, Number(sr.s.umax), 'write', true, MEM_EXPECTED);
        } else {
          if (!arg.size) throw unmodelled(name, 'memory of a size ebcc does not know');
          checkHelperMem(env, st, regno, r, arg.size, 'write', false, MEM_EXPECTED);
        }
        break;
      }
      case 'ctx':
        // A BTF-typed program's trusted sk_buff or xdp_buff stands for the __sk_buff or xdp_md
        // argument (btf_is_projection_of): bpf_dynptr_from_skb in a tp_btf program.
        if (BTF_CTX_TYPES.includes(env.progType) && r.type === 'scalar' && r.kptr && r.trusted && !r.maybeNull) break;
        if (r.type !== 'ctx') {
          throw new Reject('V1010', `arg#${i} expected pointer to ctx, but got ${r.type === 'scalar' ? 'scalar' : r.type}`, {
            proven: `argument ${i} of ${name} is ${describe(env, r)}`, needed: 'the context pointer the program received',
          });
        }
        if (r.off !== 0 || !isConst(r.s) || r.s.var.v !== 0n) {
          throw new Reject('V1015', `dereference of modified ctx ptr R${regno} off=${r.off} disallowed`, { proven: `R${regno} is the context pointer moved`, needed: 'the unmodified context pointer' });
        }
        break;
      case 'btf': {
        const zero = r.type === 'scalar' && !r.kptr && isConst(r.s) && r.s.var.v === 0n;
        if ((zero || r.maybeNull) && arg.nullable) break;
        if (r.alloc) throw unmodelled(name, 'an object bpf_obj_new allocated');
        const isRelease = has(info, 'release') && (release === undefined);
        if (zero || r.maybeNull || (r.kptr && env.ctxArgsNullable && r.s.umin === 0n)) {
          throw new Reject('V1002', `Possibly NULL pointer passed to trusted arg${i}`, {
            proven: `argument ${i} of ${name} (R${regno}) is ${describe(env, r)}: it may be NULL`, needed: 'a NULL check before the call',
            notes: r.origin >= 0 ? [{ insn: r.origin, message: 'the pointer that may be NULL comes from here' }] : [],
          });
        }
        if (!isKernelPtr(r)) {
          throw new Reject('V1010', `arg#${i} pointer type STRUCT ${arg.struct} must point to scalar, or struct with scalar`, {
            proven: `argument ${i} of ${name} is ${describe(env, r)}, not a kernel object`, needed: `a pointer to a kernel struct ${arg.struct}`,
          });
        }
        const have = structOf(r);
        if (have !== '' && have !== arg.struct && FIRST_MEMBER[have] !== arg.struct) {
          throw new Reject('V1010', `kernel function ${name} args#${i} expected pointer to STRUCT ${arg.struct} but R${regno} has a pointer to STRUCT ${have}`, {
            proven: `R${regno} points to a struct ${have}`, needed: `a struct ${arg.struct}`,
          });
        }
        if (isRelease && !r.refId) {
          throw new Reject('V1010', `release kernel function ${name} expects refcounted PTR_TO_BTF_ID`, {
            proven: `R${regno} is ${describe(env, r)}, which this program did not acquire`, needed: 'the object an acquiring kfunc returned',
          });
        }
        if (!isTrusted(r)) {
          // Without KF_TRUSTED_ARGS/KF_RCU the kernel takes some untrusted pointers too; ebcc,
          // which does not know the kernel's types, takes only trusted ones.
          if (!trustedArgs) throw unmodelled(name, 'a kernel pointer ebcc does not know to be trusted');
          const rcu = has(info, 'rcu');
          throw new Reject('V1010', rcu ? `R${regno} must be a rcu pointer` : `R${regno} must be referenced or trusted`, {
            proven: `R${regno} is ${describe(env, r)}: ebcc knows it neither acquired nor trusted (a value read through a kernel pointer is not)`,
            needed: 'an argument of a tp_btf/lsm/iter program, or an object an acquiring kfunc returned',
          });
        }
        if (r.off !== 0 || (r.type !== 'scalar' && (!isConst(r.s) || r.s.var.v !== 0n))) {
          throw new Reject('V1010', `R${regno} must have zero offset when passed to release func or trusted arg to kfunc`, {
            proven: `R${regno} is ${describe(env, r)}`, needed: 'the object pointer itself',
          });
        }
        if (isRelease) release = r;
        break;
      }
    }
  }
  return release;
}

/**
 * bpf_dynptr_slice(_rdwr)(p, offset, buffer, size): R0 is memory of the constant size (read-only
 * for bpf_dynptr_slice), or NULL; it belongs to the dynptr (the packet's, for skb and xdp
 * dynptrs). Called after the arguments are checked.
 */
function dynptrSlice(env: Env, st: State, name: string, insnIdx: number): Reg {
  const regs = curFrame(st).regs;
  const dyn = useDynptr(env, st, 1, regs[1]!, name);
  const size = regs[4]!;
  if (size.type !== 'scalar' || !isConst(size.s)) {
    throw new Reject('V1010', 'R4 must be a known constant', { proven: `the size (R4) is ${describe(env, size)}`, needed: 'a constant size (sizeof the buffer)' });
  }
  const rdwr = name === 'bpf_dynptr_slice_rdwr';
  if (rdwr && !env.pktWrite) {
    throw new Reject('V1019', 'the prog does not allow writes to packet data', {
      proven: `${name} gives writable packet memory to a program of type ${env.progType}`, needed: 'bpf_dynptr_slice() (read-only), or a program type that may write the packet',
    });
  }
  return regPtr('mem', {
    maybeNull: true, id: newId(env), memSize: Number(size.s.var.v), dynptr: dyn.id, rdonly: !rdwr, pktSlice: isPktKind(dyn.btf), origin: insnIdx,
  });
}

/**
 * bpf_rdonly_cast(obj, btf_id): any value seen as a pointer to the struct the constant btf_id
 * names (PTR_TO_BTF_ID | PTR_UNTRUSTED), which may be read (the reads are probe reads) and given
 * nowhere a trusted object is expected. A btf_id of 0 (void) makes read-only memory of no known
 * size, which ebcc does not model.
 */
function rdonlyCast(env: Env, regs: Reg[], insnIdx: number): void {
  assertInit(regs[1]!, 1);
  const idReg = regs[2]!;
  assertInit(idReg, 2);
  if (idReg.type !== 'scalar' || !isConst(idReg.s)) {
    throw new Reject('V1010', 'R2 must be a known constant', { proven: `the type id (R2) is ${describe(env, idReg)}`, needed: 'a constant BTF type id (bpf_core_type_id_kernel())' });
  }
  const id = Number(idReg.s.var.v & 0xffffffffn);
  if (id === 0) throw unmodelled('bpf_rdonly_cast', 'a cast to void (read-only memory of no known size)');
  const t = env.typeIdBtf[id - 1];
  if (t?.kind !== 'struct' && t?.kind !== 'union') {
    throw new Reject('V1010', 'kfunc bpf_rdonly_cast type ID argument must be of a struct or void', {
      proven: `type id ${id} is ${t ? `a ${t.kind}${'name' in t && t.name ? ` (${t.name})` : ''}` : 'not a type'}`,
      needed: 'the id of a struct (bpf_core_cast(p, struct name))',
    });
  }
  clobber(regs);
  regs[0] = { ...regScalar(), kptr: true, untrusted: true, origin: insnIdx };
}

function clobber(regs: Reg[]): void {
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
}

/** bpf_rcu_read_lock/unlock and bpf_preempt_disable/enable: the nesting kept in the state. */
function lockKfunc(env: Env, st: State, name: string): boolean {
  const regs = curFrame(st).regs;
  switch (name) {
    case 'bpf_rcu_read_lock':
      if (st.rcuLocks > 0) {
        throw new Reject('V1028', `nested rcu read lock (kernel function ${name})`, {
          proven: 'bpf_rcu_read_lock() is already held on this path', needed: 'one bpf_rcu_read_lock() at a time',
        });
      }
      st.rcuLocks++;
      break;
    case 'bpf_rcu_read_unlock':
      if (st.rcuLocks === 0) {
        throw new Reject('V1028', `unmatched rcu read unlock (kernel function ${name})`, {
          proven: 'bpf_rcu_read_lock() is not held on this path', needed: 'bpf_rcu_read_lock() before bpf_rcu_read_unlock()',
        });
      }
      st.rcuLocks--;
      break;
    case 'bpf_preempt_disable':
      st.preemptOff++;
      break;
    case 'bpf_preempt_enable':
      if (st.preemptOff === 0) {
        throw new Reject('V1028', `unmatched attempt to enable preemption (kernel function ${name})`, {
          proven: 'bpf_preempt_disable() is not in effect on this path', needed: 'bpf_preempt_disable() before bpf_preempt_enable()',
        });
      }
      st.preemptOff--;
      break;
    default:
      return false;
  }
  void env;
  regs[0] = regNotInit();
  return true;
}

/** The iterator kfunc's struct (bpf_iter_num for bpf_iter_num_next) and the kernel's short name (iter_num). */
function iterStruct(name: string): { struct: string; short: string } {
  const struct = name.replace(/_(new|next|destroy)$/, '');
  return { struct, short: struct.replace(/^bpf_/, '') };
}

/**
 * Open-coded iterators (process_iter_arg, process_iter_next_call): `new` makes the stack slots
 * at R1 an iterator holding a reference, `destroy` releases it, and `next` on an active
 * iterator has two outcomes: NULL with the iterator drained (the path in `st`), or an element
 * with the iterator one deeper (the state returned). Loops over an iterator converge because
 * check.ts prunes a `next` call against an earlier visit still being explored, after widening
 * the scalars that changed from that visit.
 */
function iterKfunc(env: Env, st: State, info: KfuncInfo, proto: Proto, insnIdx: number): State | undefined {
  const name = info.name;
  const { struct, short } = iterStruct(name);
  const size = ITER_SIZES[struct];
  if (size === undefined) throw unmodelled(name, `an iterator (struct ${struct}) ebcc does not model`);
  const regs = curFrame(st).regs;
  const r = regs[1]!;
  assertInit(r, 1);
  if (r.type !== 'stack' || !isConst(r.s)) {
    throw new Reject('V1010', `arg#0 expected pointer to an iterator on stack`, {
      proven: `R1 is ${describe(env, r)}`, needed: `the address of a struct ${struct} on the stack`,
    });
  }
  const at = r.off + Number(BigInt.asIntN(64, r.s.var.v));
  if (at % 8 !== 0 || at < -STACK_SIZE || at + size > 0) {
    throw new Reject('V1010', `arg#0 expected pointer to an iterator on stack`, {
      proven: `R1 points to ${at} bytes from the frame pointer`, needed: `an 8-byte aligned struct ${struct} within the frame`,
    });
  }
  const f = st.frames[r.frame]!;
  const spi = (at + STACK_SIZE) >> 3;
  const slots = size / 8;
  const slot = (k: number): Reg | undefined => {
    const x = f.spills[spi + k];
    return x && x.type === 'iter' && f.bytes[(spi + k) << 3] === SLOT_SPILL ? x : undefined;
  };
  const first = slot(0);
  let valid = first !== undefined && first.btf === struct;
  for (let k = 0; valid && k < slots; k++) valid = slot(k)?.refId === first!.refId && slot(k)!.off === k;
  if (has(info, 'iter_new')) {
    for (let k = 0; k < slots; k++) {
      if (slot(k)) {
        throw new Reject('V1028', `expected uninitialized ${short} as arg #0`, {
          proven: `the stack at ${at} already holds an iterator`, needed: `bpf_${short}_destroy() before a new ${short}`,
        });
      }
    }
    checkArgs(env, st, info, proto, 1);
    const refId = newId(env);
    st.refs.push({ id: refId, insn: insnIdx });
    for (let k = 0; k < slots; k++) {
      writableSpills(f)[spi + k] = regPtr('iter', { btf: struct, refId, off: k, range: ITER_ACTIVE, memSize: 0, origin: insnIdx });
      writableBytes(f).fill(SLOT_SPILL, (spi + k) << 3, (spi + k + 1) << 3);
    }
    f.depth = Math.max(f.depth, -at);
    clobber(regs);
    regs[0] = regScalar();
    return undefined;
  }
  if (!valid) {
    throw new Reject('V1028', `expected an initialized ${short} as arg #0`, {
      proven: `the stack at ${at} holds no ${short} (never created, destroyed, or overwritten)`, needed: `bpf_${short}_new() first`,
    });
  }
  if (has(info, 'iter_destroy')) {
    const id = first!.refId;
    st.refs = st.refs.filter((x) => x.id !== id);
    for (let k = 0; k < slots; k++) {
      writableSpills(f)[spi + k] = undefined;
      writableBytes(f).fill(SLOT_INVALID, (spi + k) << 3, (spi + k + 1) << 3);
    }
    clobber(regs);
    regs[0] = regNotInit();
    return undefined;
  }
  // next: the element is a read-only int (bpf_iter_num_next, bpf_iter_bits_next).
  if (proto.ret.kind !== 'unmodelled') throw unmodelled(name, 'an iterator element of a kind ebcc does not model');
  const active = first!.range === ITER_ACTIVE;
  let other: State | undefined;
  if (active) {
    other = cloneState(st);
    const of = other.frames[r.frame]!;
    for (let k = 0; k < slots; k++) writableSpill(of, spi + k).memSize++;
    const oregs = curFrame(other).regs;
    clobber(oregs);
    oregs[0] = regPtr('mem', { memSize: 4, origin: insnIdx });
    const prev = env.prevVisit?.(insnIdx, other);
    if (prev) widenScalars(other, prev);
  }
  for (let k = 0; k < slots; k++) writableSpill(f, spi + k).range = ITER_DRAINED;
  clobber(regs);
  regs[0] = regConst(0n);
  return other;
}

/**
 * widen_imprecise_scalars: each scalar (in a register or spilled) that differs from the previous
 * visit of the loop becomes unknown, so that the loop's states converge. The kernel keeps the
 * scalars it needed exactly; ebcc, which does not track that, widens them all (it may refuse a
 * loop the kernel accepts, never the other way round).
 */
export function widenScalars(cur: State, prev: State): void {
  if (cur.frames.length !== prev.frames.length) return;
  const same = (a: Reg, b: Reg): boolean => a.s.var.v === b.s.var.v && a.s.var.m === b.s.var.m && a.s.smin === b.s.smin &&
    a.s.smax === b.s.smax && a.s.umin === b.s.umin && a.s.umax === b.s.umax && a.s.s32min === b.s.s32min &&
    a.s.s32max === b.s.s32max && a.s.u32min === b.s.u32min && a.s.u32max === b.s.u32max && a.kptr === b.kptr;
  for (let fi = 0; fi < cur.frames.length; fi++) {
    const cf = cur.frames[fi]!, pf = prev.frames[fi]!;
    for (let r = 0; r < 10; r++) {
      const c = cf.regs[r]!, p = pf.regs[r]!;
      if (c.type === 'scalar' && p.type === 'scalar' && !same(c, p)) cf.regs[r] = regScalar();
    }
    for (let k = 0; k < cf.spills.length; k++) {
      const c = cf.spills[k], p = pf.spills[k];
      if (!c || !p || c.type !== 'scalar' || p.type !== 'scalar' || same(c, p)) continue;
      let bytes = 0;
      for (let b = 0; b < 8; b++) if (cf.bytes[(k << 3) + b] === SLOT_SPILL) bytes++;
      const w = regScalar();
      if (bytes < 8) coerceToSize(w.s, bytes);
      writableSpills(cf)[k] = w;
    }
  }
}

/**
 * bpf_kptr_xchg(field, obj): stores a referenced object (or NULL) into a `__kptr` field of a map
 * value, releasing the program's reference, and returns the object the field held, a reference
 * the program now owns (or NULL).
 */
export function kptrXchg(env: Env, st: State, insnIdx: number): void {
  const regs = curFrame(st).regs;
  const dst = regs[1]!, obj = regs[2]!;
  assertInit(dst, 1);
  assertInit(obj, 2);
  const m = dst.type === 'map_value' && !dst.maybeNull ? env.maps[dst.map] : undefined;
  const at = dst.off + Number(BigInt.asIntN(64, dst.s.var.v));
  const field = m && isConst(dst.s) ? m.kptrs?.find((k) => k.offset === at) : undefined;
  if (!field) {
    throw new Reject('V1010', 'R1 has no valid kptr', {
      proven: `R1 is ${describe(env, dst)}`, needed: 'the address of a `__kptr` field of a map value',
    });
  }
  if (field.tag !== 'kptr') {
    throw unmodelled('bpf_kptr_xchg', `a ${field.tag} field`);
  }
  const zero = obj.type === 'scalar' && !obj.kptr && isConst(obj.s) && obj.s.var.v === 0n;
  const local = KPTR_DTOR_STRUCTS.includes(field.struct) ? undefined : localKptr(env, field.struct);
  if (local !== undefined) {
    localKptrXchg(env, st, insnIdx, local, obj, zero);
    return;
  }
  if (obj.alloc) {
    throw new Reject('V1010', `invalid kptr access, R2 type=ptr_${obj.btf} expected=ptr_${field.struct}`, {
      proven: `R2 is an object of the program's struct ${obj.btf}`, needed: `a struct ${field.struct} of the kernel, the field's type`,
    });
  }
  if (!zero) {
    if (!isKernelPtr(obj) || !obj.refId) {
      throw new Reject('V1010', 'R2 must be referenced when passed to release function', {
        proven: `R2 is ${describe(env, obj)}`, needed: 'an object an acquiring kfunc returned, or NULL',
      });
    }
    const have = structOf(obj);
    if (have !== '' && have !== field.struct) {
      throw new Reject('V1010', `invalid kptr access, R2 type=ptr_${have} expected=ptr_${field.struct}`, {
        proven: `R2 points to a struct ${have}`, needed: `a struct ${field.struct}, the field's type`,
      });
    }
    if (obj.off !== 0) {
      throw new Reject('V1010', 'R2 must have zero offset when passed to release func or trusted arg to kfunc', {
        proven: `R2 is ${describe(env, obj)}`, needed: 'the object pointer itself',
      });
    }
    const id = obj.refId;
    st.refs = st.refs.filter((x) => x.id !== id);
    for (const x of regsWhere(st, (x) => x.refId === id)) Object.assign(x, regScalar());
  }
  clobber(regs);
  const refId = newId(env);
  st.refs.push({ id: refId, insn: insnIdx });
  regs[0] = regPtr('btf_id', { maybeNull: true, id: newId(env), refId, trusted: true, btf: field.struct, origin: insnIdx });
}

/**
 * The program's struct `name` a `__kptr` field holds when the kernel reads the field as a local
 * kptr (btf_parse_kptr: a type no kernel BTF has): its BTF id, or undefined when the program
 * defines no struct of that name (then the field is the kernel's).
 */
function localKptr(env: Env, name: string): number | undefined {
  const id = env.btf.findIndex((t) => t.kind === 'struct' && t.name === name) + 1;
  return id > 0 ? id : undefined;
}

/**
 * bpf_kptr_xchg into a field holding objects of the program's struct `id`: R2 is NULL or an
 * object of that struct the program owns (map_kptr_match_type, OBJ_RELEASE), which the map now
 * holds; R0 owns what the field held (MEM_ALLOC), or is NULL.
 */
function localKptrXchg(env: Env, st: State, insnIdx: number, id: number, obj: Reg, zero: boolean): void {
  const regs = curFrame(st).regs;
  const ls = localStruct(env.btf, id);
  if ('why' in ls) throw unmodelled('bpf_kptr_xchg', `a local kptr of a struct with ${ls.why}`);
  const name = ls.type.name;
  if (!zero) {
    if (obj.type !== 'btf_id' && !(obj.type === 'scalar' && obj.kptr)) {
      throw new Reject('V1010', 'R2 must be referenced when passed to release function', {
        proven: `R2 is ${describe(env, obj)}`, needed: `an object of struct ${name} the program owns, or NULL`,
      });
    }
    if (!obj.alloc || obj.btf !== name) {
      throw new Reject('V1010', `invalid kptr access, R2 type=ptr_${structOf(obj)} expected=ptr_${name}`, {
        proven: `R2 points to a struct ${structOf(obj) || '(unknown)'}`, needed: `an object of the program's struct ${name}, the field's type`,
      });
    }
    if (!obj.refId) {
      throw new Reject('V1010', 'R2 must be referenced when passed to release function', {
        proven: 'R2 points to an object in a list or tree (a non-owning reference)', needed: `an object of struct ${name} the program owns`,
      });
    }
    // btf_struct_ids_match, strict: a member of the object (a node) is no object of the field's type.
    if (obj.off !== 0 || !isConst(obj.s) || obj.s.var.v !== 0n) {
      throw new Reject('V1010', `invalid kptr access, R2 type=ptr_${name} expected=ptr_${name}`, {
        proven: `R2 is ${describe(env, obj)}, inside the object`, needed: 'the object pointer itself',
      });
    }
    const ref = obj.refId;
    st.refs = st.refs.filter((x) => x.id !== ref);
    for (const x of regsWhere(st, (x) => x.refId === ref)) Object.assign(x, regScalar());
  }
  clobber(regs);
  const refId = newId(env);
  st.refs.push({ id: refId, insn: insnIdx });
  regs[0] = regPtr('btf_id', { maybeNull: true, id: newId(env), refId, trusted: true, btf: name, alloc: id, origin: insnIdx });
}
