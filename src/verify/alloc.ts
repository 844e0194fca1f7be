// Objects a program allocates with bpf_obj_new (PTR_TO_BTF_ID | MEM_ALLOC in the kernel): an
// instance of a struct of the program's own BTF, which the program owns (a reference) until it
// gives it to bpf_obj_drop. Loads and stores reach its fields as btf_struct_access allows them:
// at a constant offset, within one member, never in a special field the kernel manages (list
// and tree nodes and heads, locks, the refcount). Lists and red-black trees: adding gives the
// object to the list or tree (the program's pointers become non-owning, dead at unlock), popping
// or removing gives an owned object back, all under the lock beside the head or root (in a map
// value, global data or an object); a tree's less() callback is called by check.ts.
// bpf_refcount_acquire gives the program another owned reference to an object with a struct
// bpf_refcount (owned, or in a list or tree). bpf_list_front/back and bpf_rbtree_root/left/right
// give non-owning pointers, as bpf_rbtree_first does. Per-CPU objects are not modelled: their
// kfuncs are refused (kfuncs.ts).
import type { BtfType } from '../bpf/btf.js';
import { isConst } from './bounds.js';
import { assertInit, describe } from './assertions.js';
import { newId, type Env } from './env.js';
import { spinLockCall } from './locks.js';
import { Reject } from './reject.js';
import { regsWhere, curFrame, regNotInit, regPtr, regScalar, type Reg, type State } from './state.js';
import { tnumText } from './tnum.js';

export function typeAt(btf: readonly BtfType[], id: number): BtfType | undefined {
  return id > 0 ? btf[id - 1] : undefined;
}

/** The type behind typedefs and qualifiers. */
export function resolve(btf: readonly BtfType[], id: number): BtfType | undefined {
  let t = typeAt(btf, id);
  for (let n = 0; t && n < 32 && (t.kind === 'typedef' || t.kind === 'const' || t.kind === 'volatile' || t.kind === 'restrict'); n++) {
    t = typeAt(btf, t.type);
  }
  return t;
}

/** Structs the kernel manages inside an allocated object, and the names its messages give them (btf_field_type_name). */
const SPECIAL_FIELDS: Readonly<Record<string, string>> = {
  bpf_spin_lock: 'bpf_spin_lock', bpf_res_spin_lock: 'bpf_res_spin_lock', bpf_list_head: 'bpf_list_head',
  bpf_list_node: 'bpf_list_node', bpf_rb_root: 'bpf_rb_root', bpf_rb_node: 'bpf_rb_node', bpf_refcount: 'bpf_refcount',
  bpf_timer: 'bpf_timer', bpf_wq: 'bpf_wq', bpf_task_work: 'bpf_task_work',
};

/** BTF type tags (read as typedefs) that make a pointer member a kptr field, which ebcc does not model in allocated objects. */
const KPTR_TAGS: readonly string[] = ['kptr', 'kptr_untrusted', 'percpu_kptr', 'uptr'];

type Struct = Extract<BtfType, { kind: 'struct' | 'union' }>;

export interface LocalStruct {
  type: Struct;
  special: { off: number; size: number; name: string }[];
}

function sizeOf(btf: readonly BtfType[], t: BtfType | undefined): number {
  if (!t) return 0;
  switch (t.kind) {
    case 'int': case 'enum': case 'struct': case 'union': return t.sizeBytes;
    case 'ptr': return 8;
    case 'array': return t.nelems * sizeOf(btf, resolve(btf, t.elem));
    default: return 0;
  }
}

/**
 * The struct `id` of the program's BTF with its special fields (btf_parse_fields), or why
 * bpf_obj_new of it cannot be judged: `undefined` type means it is no struct at all.
 */
export function localStruct(btf: readonly BtfType[], id: number): LocalStruct | { why: string; notStruct?: boolean } {
  const t = resolve(btf, id);
  if (!t || (t.kind !== 'struct' && t.kind !== 'union')) return { why: 'not a struct', notStruct: true };
  if (t.kind === 'union') return { why: 'a union, which ebcc does not model as an allocated object' };
  const special: LocalStruct['special'] = [];
  const scan = (s: Struct, base: number, depth: number): string | undefined => {
    if (depth > 8) return 'structs nested too deep';
    for (const m of s.members) {
      const off = base + m.bitOffset / 8;
      const mt = resolve(btf, m.type);
      if (!mt) return `a member (${m.name}) of a type ebcc cannot read`;
      if ((mt.kind === 'struct' || mt.kind === 'union') && SPECIAL_FIELDS[mt.name]) {
        special.push({ off, size: mt.sizeBytes, name: SPECIAL_FIELDS[mt.name]! });
      } else if (mt.kind === 'struct' || mt.kind === 'union') {
        const why = scan(mt, off, depth + 1);
        if (why) return why;
      } else if (mt.kind === 'array') {
        const et = resolve(btf, mt.elem);
        if (et && (et.kind === 'struct' || et.kind === 'union')) return `an array of structs (${m.name})`;
      } else if (mt.kind === 'ptr') {
        const tag = typeAt(btf, mt.type);
        if (tag?.kind === 'typedef' && KPTR_TAGS.includes(tag.name)) return `a ${tag.name} field (${m.name})`;
      }
    }
    return undefined;
  };
  const why = scan(t, 0, 0);
  return why ? { why } : { type: t, special };
}

const unmodelled = (what: string): Reject => new Reject('V1028', `${what} is not supported by ebcc's verifier`, {
  proven: what, needed: 'ebcc cannot tell whether the kernel accepts this; it refuses the program rather than guess',
});

/** bpf_obj_new_impl(local_type_id__k, meta__ign): R0 is a new object of that struct, or NULL; the program owns it. */
export function objNew(env: Env, st: State, insnIdx: number): void {
  const regs = curFrame(st).regs;
  const r1 = regs[1]!;
  if (r1.type !== 'scalar' || !isConst(r1.s)) {
    throw new Reject('V1028', 'R1 must be a known constant', {
      proven: `the type id given to bpf_obj_new is ${describe(env, r1)}`, needed: 'bpf_obj_new(struct NAME), a constant BTF type id',
    });
  }
  const id = Number(r1.s.var.v);
  const ls = localStruct(env.btf, id);
  if ('why' in ls) {
    if (ls.notStruct) {
      throw new Reject('V1029', 'bpf_obj_new/bpf_percpu_obj_new type ID argument must be of a struct', {
        proven: `BTF type ${id} of the program is not a struct`, needed: 'bpf_obj_new(struct NAME) of a struct the program defines',
      });
    }
    throw unmodelled(`bpf_obj_new of a struct with ${ls.why}`);
  }
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
  const refId = newId(env);
  st.refs.push({ id: refId, insn: insnIdx });
  regs[0] = regPtr('btf_id', { maybeNull: true, id: newId(env), refId, trusted: true, btf: ls.type.name, alloc: id, origin: insnIdx });
}

/** bpf_obj_drop_impl(p__alloc, meta__ign): frees an object the program owns; every copy of the pointer becomes unusable. */
export function objDrop(env: Env, st: State): void {
  const regs = curFrame(st).regs;
  const r = regs[1]!;
  assertInit(r, 1);
  if (r.maybeNull) {
    throw new Reject('V1002', 'Possibly NULL pointer passed to trusted arg0', {
      proven: `R1 is ${describe(env, r)}: it may be NULL`, needed: 'a NULL check before bpf_obj_drop()',
      notes: r.origin >= 0 ? [{ insn: r.origin, message: 'the pointer that may be NULL comes from here' }] : [],
    });
  }
  if (r.type === 'btf_id' && r.refId && !r.alloc) throw unmodelled('bpf_obj_drop of an object bpf_obj_new did not return on this path');
  if (r.type !== 'btf_id' || !r.alloc || !r.refId) {
    throw new Reject('V1029', 'R1 must be referenced or trusted', {
      proven: `R1 is ${describe(env, r)}${r.type === 'scalar' ? ' (an object already dropped is no longer a pointer)' : ''}`,
      needed: 'an object bpf_obj_new returned and the program still owns',
    });
  }
  if (r.off !== 0 || !isConst(r.s) || r.s.var.v !== 0n) {
    throw new Reject('V1029', 'R1 must have zero offset when passed to release func or trusted arg to kfunc', {
      proven: `R1 points ${r.off} bytes into the object`, needed: 'the object pointer itself, as bpf_obj_new returned it',
    });
  }
  const id = r.refId;
  st.refs = st.refs.filter((x) => x.id !== id);
  for (const x of regsWhere(st, (x) => x.refId === id)) Object.assign(x, regScalar());
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
  regs[0] = regNotInit();
}

/**
 * bpf_refcount_acquire_impl(p__refcounted_kptr, meta__ign) (KF_ARG_PTR_TO_REFCOUNTED_KPTR): R1
 * is an object the program owns or a non-owning pointer to one in a list or tree, of a struct
 * with a bpf_refcount; R0 is a new owned reference to it, never NULL when R1 is owned
 * (is_kfunc_ret_null), possibly NULL when not (the object may be on its way to being freed).
 */
export function refcountAcquire(env: Env, st: State, insnIdx: number): void {
  const regs = curFrame(st).regs;
  const r = regs[1]!;
  assertInit(r, 1);
  if (r.maybeNull || (r.type === 'scalar' && isConst(r.s) && r.s.var.v === 0n)) {
    throw new Reject('V1002', 'Possibly NULL pointer passed to trusted arg0', {
      proven: `R1 is ${describe(env, r)}: it may be NULL`, needed: 'a NULL check before bpf_refcount_acquire()',
      notes: r.origin >= 0 ? [{ insn: r.origin, message: 'the pointer that may be NULL comes from here' }] : [],
    });
  }
  if (r.type !== 'btf_id' || !r.alloc) {
    throw new Reject('V1029', 'arg#0 is neither owning or non-owning ref', {
      proven: `R1 is ${describe(env, r)}${r.type === 'scalar' ? ' (an object pointer dies at bpf_obj_drop and bpf_spin_unlock)' : ''}`,
      needed: 'an object of the program (from bpf_obj_new, a list or a tree) with a struct bpf_refcount',
    });
  }
  if (r.off !== 0) {
    throw new Reject('V1029', `dereference of modified ptr_ ptr R1 off=${r.off} disallowed`, {
      proven: `R1 points ${r.off} bytes into the object`, needed: 'the object pointer itself (container_of a node pointer)',
    });
  }
  if (!isConst(r.s) || r.s.var.v !== 0n) throw unmodelled('bpf_refcount_acquire of a pointer at a variable offset');
  const ls = localStruct(env.btf, r.alloc);
  if ('why' in ls) throw unmodelled(`bpf_refcount_acquire of a struct with ${ls.why}`);
  // A struct with no special field has no btf_record at all: the kernel reports a bug of its own.
  if (ls.special.length === 0) {
    throw new Reject('V1029', 'verifier bug: Couldn\'t find btf_record', {
      proven: `the struct ${ls.type.name} has no special field (no struct bpf_refcount)`, needed: 'an object whose struct has a struct bpf_refcount member',
    });
  }
  if (!ls.special.some((f) => f.name === 'bpf_refcount')) {
    throw new Reject('V1029', 'arg#0 doesn\'t point to a type with bpf_refcount field', {
      proven: `the struct ${ls.type.name} has no struct bpf_refcount`, needed: 'an object whose struct has a struct bpf_refcount member',
    });
  }
  const owning = r.refId !== 0;
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
  const refId = newId(env);
  st.refs.push({ id: refId, insn: insnIdx });
  regs[0] = regPtr('btf_id', { maybeNull: !owning, id: newId(env), refId, trusted: true, btf: ls.type.name, alloc: r.alloc, origin: insnIdx });
}

type Walk = { kind: 'scalar' } | { kind: 'ptr'; toStruct: boolean } | { kind: 'error'; message: string } | { kind: 'unmodelled'; what: string };

/** btf_struct_walk: what the `size` bytes at `off` of struct `s` are. */
function walk(btf: readonly BtfType[], s: Struct, off: number, size: number, depth = 0): Walk {
  if (depth > 8) return { kind: 'unmodelled', what: 'an access into structs nested too deep' };
  for (const m of s.members) {
    const moff = m.bitOffset / 8;
    const mt = resolve(btf, m.type);
    const msize = sizeOf(btf, mt);
    if (off + size <= moff) break;
    if (off >= moff + msize) continue;
    if (m.bitfieldSize || m.bitOffset % 8 !== 0) return { kind: 'unmodelled', what: 'an access to a bit-field of an allocated object' };
    if (off < moff) break;
    if (mt!.kind === 'struct' || mt!.kind === 'union') return walk(btf, mt as Struct, off - moff, size, depth + 1);
    if (mt!.kind === 'ptr') {
      if (off !== moff || size !== 8) return { kind: 'unmodelled', what: 'a partial access to a pointer member of an allocated object' };
      const to = resolve(btf, mt!.type);
      return { kind: 'ptr', toStruct: to !== undefined && (to.kind === 'struct' || to.kind === 'union') };
    }
    if (mt!.kind !== 'int' && mt!.kind !== 'enum' && mt!.kind !== 'array') return { kind: 'unmodelled', what: `an access to a member (${m.name}) of a kind ebcc does not model` };
    if (off + size > moff + msize) {
      return { kind: 'error', message: `access beyond the end of member ${m.name} (mend:${moff + msize}) in struct ${s.name} with off ${off} size ${size}` };
    }
    return { kind: 'scalar' };
  }
  return { kind: 'error', message: `struct ${s.name} doesn't have field at offset ${off}` };
}

/**
 * check_ptr_to_btf_access for an allocated object: a load or store of `size` bytes at `insnOff`
 * from R`regno` (`value`: the stored register, absent for an immediate). Returns the loaded
 * register (a read), or undefined (a write).
 */
export function allocAccess(env: Env, regno: number, r: Reg, insnOff: number, size: number, access: 'read' | 'write', value: Reg | undefined): Reg | undefined {
  const ls = localStruct(env.btf, r.alloc);
  if ('why' in ls) throw unmodelled(`an access to an allocated object of a struct with ${ls.why}`);
  const name = ls.type.name;
  const off = insnOff + r.off;
  if (off < 0) {
    throw new Reject('V1029', `R${regno} is ptr_${name} invalid negative access: off=${off}`, {
      proven: `an access ${-off} bytes before the object`, needed: 'an access within the struct',
    });
  }
  if (!isConst(r.s) || r.s.var.v !== 0n) {
    throw new Reject('V1029', `R${regno} is ptr_${name} invalid variable offset: off=${off}, var_off=${tnumText(r.s.var)}`, {
      proven: `R${regno} points a variable number of bytes into the object (${tnumText(r.s.var)})`, needed: 'fields reached at constant offsets',
    });
  }
  if (off + size > ls.type.sizeBytes) {
    throw new Reject('V1029', `access beyond struct ${name} at off ${off} size ${size}`, {
      proven: `a ${size}-byte access at offset ${off} of a struct ${name} of ${ls.type.sizeBytes} bytes`, needed: 'an access within the struct',
    });
  }
  for (const f of ls.special) {
    if (off < f.off + f.size && f.off < off + size) {
      throw new Reject('V1029', `direct access to ${f.name} is disallowed`, {
        proven: `bytes ${off}..${off + size} of the struct ${name} overlap its struct ${f.name} (bytes ${f.off}..${f.off + f.size})`,
        needed: `only the kernel functions for ${f.name} touch that field`,
      });
    }
  }
  const w = walk(env.btf, ls.type, off, size);
  if (w.kind === 'unmodelled') throw unmodelled(w.what);
  if (w.kind === 'error') throw new Reject('V1029', w.message, { proven: `a ${size}-byte access at offset ${off} of a struct ${name}`, needed: 'an access within one member' });
  if (access === 'write') {
    if (value && (value.type !== 'scalar' || value.kptr)) throw unmodelled('a pointer stored into an allocated object');
    if (w.kind === 'ptr') throw unmodelled('a store into a pointer member of an allocated object');
    return undefined;
  }
  const out = regScalar();
  if (w.kind === 'ptr' && w.toStruct) out.kptr = true;
  return out;
}

// ---------------------------------------------------------------------------
// Lists and trees (a bpf_list_head or bpf_rb_root holding objects by a node member)

/** A graph root of a map value: where it is, and the struct and member its decl tag "contains:STRUCT:MEMBER" names. */
export interface GraphRoot {
  off: number;
  kind: 'bpf_list_head' | 'bpf_rb_root';
  contains?: { struct: string; member: string };
}

/**
 * The special fields of a map value of BTF type `id` that the kernel keeps apart from loads and
 * stores besides the lock and the timer (graph roots and nodes, the refcount), and its graph
 * roots with what they contain.
 */
export function valueFields(btf: readonly BtfType[], id: number): { special: LocalStruct['special']; roots: GraphRoot[] } {
  const special: LocalStruct['special'] = [];
  const roots: GraphRoot[] = [];
  // `tagged`: the VAR a one-member stand-in for a global variable has its tags on.
  const scan = (sid: number, s: Struct, base: number, depth: number, tagged?: number): void => {
    if (depth > 8) return;
    s.members.forEach((m, k) => {
      const off = base + m.bitOffset / 8;
      let mid = m.type;
      let mt = typeAt(btf, mid);
      for (let n = 0; mt && n < 32 && (mt.kind === 'typedef' || mt.kind === 'const' || mt.kind === 'volatile' || mt.kind === 'restrict'); n++) {
        mid = mt.type;
        mt = typeAt(btf, mid);
      }
      if (!mt || (mt.kind !== 'struct' && mt.kind !== 'union')) return;
      const field = SPECIAL_FIELDS[mt.name];
      if (field === undefined) {
        scan(mid, mt, off, depth + 1);
        return;
      }
      if (field !== 'bpf_spin_lock' && field !== 'bpf_timer') special.push({ off, size: mt.sizeBytes, name: field });
      if (field === 'bpf_list_head' || field === 'bpf_rb_root') {
        const tag = btf.find((t) => t.kind === 'typedef' && t.name.startsWith('contains:') &&
          (tagged !== undefined ? t.type === tagged && t.component === -1 : t.type === sid && t.component === k));
        const parts = tag?.kind === 'typedef' ? tag.name.split(':') : [];
        roots.push({ off, kind: field, contains: parts.length === 3 ? { struct: parts[1]!, member: parts[2]! } : undefined });
      }
    });
  };
  const sec = typeAt(btf, id);
  if (sec?.kind === 'datasec') {
    // Global data: each variable is a member, its decl tags on the VAR itself.
    for (const v of sec.vars) {
      const vt = typeAt(btf, v.type);
      if (vt?.kind !== 'var') continue;
      scan(0, { kind: 'struct', name: sec.name, sizeBytes: sec.sizeBytes, members: [{ name: vt.name, type: vt.type, bitOffset: v.offset * 8, bitfieldSize: 0 }] }, 0, 0, v.type);
    }
    return { special, roots };
  }
  const t = resolve(btf, id);
  if (t && (t.kind === 'struct' || t.kind === 'union')) {
    let sid = id;
    for (let x = typeAt(btf, sid); x && x.kind !== 'struct' && x.kind !== 'union' && 'type' in x; x = typeAt(btf, sid)) sid = x.type;
    scan(sid, t, 0, 0);
  }
  return { special, roots };
}

/** The struct of the program's BTF named `name` and the offset of its member `member`. */
function containedNode(btf: readonly BtfType[], c: GraphRoot['contains'], nodeType = 'bpf_list_node'): { id: number; name: string; nodeOff: number } | undefined {
  if (!c) return undefined;
  const id = btf.findIndex((t) => t.kind === 'struct' && t.name === c.struct) + 1;
  const s = typeAt(btf, id);
  if (!s || s.kind !== 'struct') return undefined;
  const m = s.members.find((x) => x.name === c.member);
  const mt = m && resolve(btf, m.type);
  if (!m || !mt || mt.kind !== 'struct' || mt.name !== nodeType) return undefined;
  return { id, name: s.name, nodeOff: m.bitOffset / 8 };
}

/**
 * The list head argument (R1) of a list kfunc (process_kf_arg_ptr_to_list_head and
 * check_reg_allocation_locked): a map value at a constant offset where a bpf_list_head is, whose
 * value's bpf_spin_lock this path holds.
 */
function listHead(env: Env, st: State, kind: GraphRoot['kind'] = 'bpf_list_head'): { id: number; name: string; nodeOff: number } {
  const nodeType = kind === 'bpf_list_head' ? 'bpf_list_node' : 'bpf_rb_node';
  const r = curFrame(st).regs[1]!;
  assertInit(r, 1);
  if (r.type === 'btf_id' && r.alloc && !r.maybeNull) return allocListHead(env, st, r, kind);
  if (r.type !== 'map_value' || r.maybeNull) {
    throw new Reject('V1029', 'arg#0 expected pointer to map value or allocated object', {
      proven: `R1 is ${describe(env, r)}`, needed: 'the address of a struct bpf_list_head in a map value',
    });
  }
  if (!isConst(r.s)) {
    throw new Reject('V1029', `R1 doesn't have constant offset. ${kind} has to be at the constant offset`, {
      proven: `R1 is ${describe(env, r)}`, needed: 'the address of the list head itself',
    });
  }
  const m = env.maps[r.map]!;
  if (!m.valueTypeId) throw unmodelled('a list head in a map value without BTF');
  const at = r.off + Number(r.s.var.v);
  const root = m.valueTypeId ? valueFields(env.btf, m.valueTypeId).roots.find((x) => x.off === at && x.kind === kind) : undefined;
  if (!root) {
    throw new Reject('V1029', `${kind} not found at offset=${at}`, {
      proven: `R1 points ${at} bytes into the value of map ${m.name}, where no struct ${kind} is`, needed: `the address of a struct ${kind} in the value`,
    });
  }
  const node = containedNode(env.btf, root.contains, nodeType);
  if (!node) throw unmodelled('a list head whose "contains" tag ebcc cannot read');
  if (!st.lock || m.spinLockOff === undefined) {
    throw new Reject('V1029', `bpf_spin_lock at off=${m.spinLockOff ?? 0} must be held for ${kind}`, {
      proven: 'no bpf_spin_lock is held on this path', needed: 'bpf_spin_lock() on the lock of the same map value before the list operation',
    });
  }
  if (st.lock.map !== r.map || st.lock.id !== r.id) {
    throw new Reject('V1029', 'held lock and object are not in the same allocation', {
      proven: 'the lock held on this path is not the one of the list head\'s value', needed: 'the lock of the same map value (or global data section) as the list head',
      notes: [{ insn: st.lock.insn, message: 'the lock held is taken here' }],
    });
  }
  return node;
}

/**
 * bpf_list_push_front_impl/back_impl(head, node, meta__ign, off) and bpf_rbtree_add_impl(root,
 * node, less, meta__ign, off): the object (owned, at its node member) goes to the list or tree;
 * the program's pointers to it become non-owning (valid until the lock is released, never
 * dropped). Returns the node: a tree's `less` callback gets two such pointers.
 */
export function graphAdd(env: Env, st: State, kind: GraphRoot['kind']): { id: number; name: string; nodeOff: number } {
  const regs = curFrame(st).regs;
  const node = listHead(env, st, kind);
  const nodeType = kind === 'bpf_list_head' ? 'bpf_list_node' : 'bpf_rb_node';
  const r = regs[2]!;
  for (let i = 2; i <= 4; i++) assertInit(regs[i]!, i);
  if (r.maybeNull) throw nullNode(env, r);
  if (r.type !== 'btf_id' || !r.alloc) {
    throw new Reject('V1029', 'arg#1 expected pointer to allocated object', {
      proven: `R2 is ${describe(env, r)}${r.type === 'btf_id' && r.alloc && !r.refId ? ' (already in a list)' : ''}`,
      needed: `the ${nodeType} member of an object bpf_obj_new returned, NULL-checked, that the program still owns`,
    });
  }
  if (!r.refId) {
    throw new Reject('V1029', 'arg#1 expected pointer to allocated object', {
      proven: 'R2 points into an object already given to a list or tree (a non-owning reference)', needed: 'an object the program owns',
    });
  }
  checkGraphNode(env, r, kind, node);
  const id = r.refId;
  st.refs = st.refs.filter((x) => x.id !== id);
  for (const x of regsWhere(st, (x) => x.refId === id)) x.refId = 0;
  return node;
}

function nullNode(env: Env, r: Reg): Reject {
  return new Reject('V1002', 'Possibly NULL pointer passed to trusted arg1', {
    proven: `R2 is ${describe(env, r)}: it may be NULL`, needed: 'a NULL check before the call',
    notes: r.origin >= 0 ? [{ insn: r.origin, message: 'the pointer that may be NULL comes from here' }] : [],
  });
}

/** __process_kf_arg_ptr_to_graph_node: R2 points at the node member the root's "contains" tag names. */
function checkGraphNode(env: Env, r: Reg, kind: GraphRoot['kind'], node: { name: string; nodeOff: number }): void {
  const nodeType = kind === 'bpf_list_head' ? 'bpf_list_node' : 'bpf_rb_node';
  if (!isConst(r.s)) throw unmodelled(`a ${nodeType} at a variable offset`);
  const at = r.off + Number(r.s.var.v);
  const ls = localStruct(env.btf, r.alloc);
  if ('why' in ls) throw unmodelled(`a ${nodeType} in a struct with ${ls.why}`);
  if (!ls.special.some((f) => f.off === at && f.name === nodeType)) {
    throw new Reject('V1029', `${nodeType} not found at offset=${at}`, {
      proven: `R2 points ${at} bytes into a struct ${ls.type.name}, where no struct ${nodeType} is`, needed: `the address of the object's ${nodeType} member`,
    });
  }
  if (ls.type.name !== node.name || at !== node.nodeOff) {
    throw new Reject('V1029', `operation on ${kind} expects arg#1 ${nodeType} at offset=${node.nodeOff} in struct ${node.name}, but arg is at offset=${at} in struct ${ls.type.name}`, {
      proven: `the node is the member at offset ${at} of a struct ${ls.type.name}`, needed: `the ${kind} holds struct ${node.name} by its member at offset ${node.nodeOff} (its "contains" tag)`,
    });
  }
}

/** bpf_list_push_front/back_impl: R0 is 0, or -EINVAL (the object was freed). */
export function listPush(env: Env, st: State): void {
  graphAdd(env, st, 'bpf_list_head');
  const regs = curFrame(st).regs;
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
  regs[0] = regScalar();
}

/**
 * bpf_rbtree_add_impl: as a push; R0 is 0 or -EINVAL; then the kernel calls `less` (R3, a
 * function of the program) with two non-owning node pointers, still under the lock. Returns the
 * callback's first instruction and its two arguments, for check.ts to call it.
 */
export function rbtreeAdd(env: Env, st: State): { start: number; args: [Reg, Reg] } {
  const regs = curFrame(st).regs;
  const less = regs[3]!;
  assertInit(less, 3);
  if (less.type !== 'func') throw unmodelled('a bpf_rbtree_add whose less() is not a function of the program');
  const node = graphAdd(env, st, 'bpf_rb_root');
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
  regs[0] = regScalar();
  const arg = (): Reg => regPtr('btf_id', { trusted: true, btf: node.name, alloc: node.id, off: node.nodeOff });
  return { start: less.off, args: [arg(), arg()] };
}

/**
 * bpf_rbtree_first(root), bpf_rbtree_root(root), bpf_list_front(head), bpf_list_back(head):
 * R0 is a non-owning pointer to that node, or NULL.
 */
export function graphPeek(env: Env, st: State, insnIdx: number, kind: GraphRoot['kind']): void {
  const regs = curFrame(st).regs;
  const node = listHead(env, st, kind);
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
  regs[0] = regPtr('btf_id', { maybeNull: true, id: newId(env), trusted: true, btf: node.name, alloc: node.id, off: node.nodeOff, origin: insnIdx });
}

/**
 * The root and node arguments of bpf_rbtree_remove/left/right (KF_ARG_PTR_TO_RB_NODE): the node
 * is a non-owning pointer (a node of the tree) or one the program owns.
 */
function treeNodeArg(env: Env, st: State, name: string): { id: number; name: string; nodeOff: number } {
  const node = listHead(env, st, 'bpf_rb_root');
  const r = curFrame(st).regs[2]!;
  assertInit(r, 2);
  if (r.maybeNull) throw nullNode(env, r);
  if (r.type !== 'btf_id' || !r.alloc) {
    throw new Reject('V1029', `${name} can only take non-owning or refcounted bpf_rb_node pointer`, {
      proven: `R2 is ${describe(env, r)}${r.type === 'scalar' ? ' (a node pointer dies at bpf_spin_unlock)' : ''}`,
      needed: 'a node of the tree (from bpf_rbtree_first() or bpf_rbtree_root(), or an object added under this lock)',
    });
  }
  checkGraphNode(env, r, 'bpf_rb_root', node);
  return node;
}

/** bpf_rbtree_left/right(root, node): R0 is a non-owning pointer to the node's child, or NULL. */
export function rbtreeChild(env: Env, st: State, insnIdx: number, name: string): void {
  const regs = curFrame(st).regs;
  const node = treeNodeArg(env, st, name);
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
  regs[0] = regPtr('btf_id', { maybeNull: true, id: newId(env), trusted: true, btf: node.name, alloc: node.id, off: node.nodeOff, origin: insnIdx });
}

/**
 * bpf_rbtree_remove(root, node): the node (a non-owning pointer, or an owned one, which stays
 * owned: Linux 6.18) leaves the tree; R0 owns it, or is NULL.
 */
export function rbtreeRemove(env: Env, st: State, insnIdx: number): void {
  const regs = curFrame(st).regs;
  const node = treeNodeArg(env, st, 'bpf_rbtree_remove');
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
  const refId = newId(env);
  st.refs.push({ id: refId, insn: insnIdx });
  regs[0] = regPtr('btf_id', { maybeNull: true, id: newId(env), refId, trusted: true, btf: node.name, alloc: node.id, off: node.nodeOff, origin: insnIdx });
}

/** bpf_list_pop_front/back(head): R0 is the list node of an object taken off the list (owned), or NULL. */
export function listPop(env: Env, st: State, insnIdx: number): void {
  const regs = curFrame(st).regs;
  const node = listHead(env, st);
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
  const refId = newId(env);
  st.refs.push({ id: refId, insn: insnIdx });
  regs[0] = regPtr('btf_id', { maybeNull: true, id: newId(env), refId, trusted: true, btf: node.name, alloc: node.id, off: node.nodeOff, origin: insnIdx });
}

/** The offset of the struct's bpf_spin_lock (its record's spin_lock_off), when it has one. */
function allocLockOff(ls: LocalStruct): number | undefined {
  return ls.special.find((f) => f.name === 'bpf_spin_lock')?.off;
}

/**
 * A list head inside an allocated object (owned or not): its lock is the object's own
 * bpf_spin_lock, taken through the same object (check_reg_allocation_locked: the lock's id is
 * the object pointer's id).
 */
function allocListHead(env: Env, st: State, r: Reg, kind: GraphRoot['kind']): { id: number; name: string; nodeOff: number } {
  const nodeType = kind === 'bpf_list_head' ? 'bpf_list_node' : 'bpf_rb_node';
  if (!isConst(r.s)) {
    throw new Reject('V1029', `R1 doesn't have constant offset. ${kind} has to be at the constant offset`, {
      proven: `R1 is ${describe(env, r)}`, needed: 'the address of the list head itself',
    });
  }
  const ls = localStruct(env.btf, r.alloc);
  if ('why' in ls) throw unmodelled(`a list head in a struct with ${ls.why}`);
  const at = r.off + Number(r.s.var.v);
  const root = valueFields(env.btf, r.alloc).roots.find((x) => x.off === at && x.kind === kind);
  if (!root) {
    throw new Reject('V1029', `${kind} not found at offset=${at}`, {
      proven: `R1 points ${at} bytes into a struct ${ls.type.name}, where no struct ${kind} is`, needed: `the address of a struct ${kind} in the object`,
    });
  }
  const node = containedNode(env.btf, root.contains, nodeType);
  if (!node) throw unmodelled('a list head whose "contains" tag ebcc cannot read');
  const lockOff = allocLockOff(ls);
  if (!st.lock || lockOff === undefined) {
    throw new Reject('V1029', `bpf_spin_lock at off=${lockOff ?? 0} must be held for ${kind}`, {
      proven: 'no bpf_spin_lock is held on this path', needed: 'bpf_spin_lock() on the object\'s own lock before the list operation',
    });
  }
  if (st.lock.map !== ALLOC_LOCK || st.lock.id !== r.id || r.id === 0) {
    throw new Reject('V1029', 'held lock and object are not in the same allocation', {
      proven: 'the lock held on this path is not the one of the object holding the list head', needed: 'the lock of the same object as the list head',
      notes: [{ insn: st.lock.insn, message: 'the lock held is taken here' }],
    });
  }
  return node;
}

/** LockState.map of a lock inside an allocated object (no map): the lock is named by the pointer's id alone. */
const ALLOC_LOCK = -1;

/** process_spin_lock on an allocated object's bpf_spin_lock (the helper's argument R`regno`). */
export function allocSpinLock(env: Env, st: State, helper: number, regno: number, r: Reg): void {
  const ls = localStruct(env.btf, r.alloc);
  if ('why' in ls) throw unmodelled(`a lock in a struct with ${ls.why}`);
  const lockOff = allocLockOff(ls);
  if (!isConst(r.s)) {
    throw new Reject('V1027', `R${regno} doesn't have constant offset. bpf_spin_lock has to be at the constant offset`, {
      proven: `R${regno} is ${describe(env, r)}`, needed: 'a pointer to the lock field itself',
    });
  }
  if (lockOff === undefined) {
    throw new Reject('V1027', `${ls.type.name} doesn't have bpf_spin_lock`, {
      proven: `the struct ${ls.type.name} has no struct bpf_spin_lock`, needed: 'a struct with a bpf_spin_lock member',
    });
  }
  const at = r.off + Number(r.s.var.v);
  if (at !== lockOff) {
    throw new Reject('V1027', `off ${at} doesn't point to 'struct bpf_spin_lock' that is at ${lockOff}`, {
      proven: `R${regno} points ${at} bytes into the object`, needed: `the lock at offset ${lockOff}`,
    });
  }
  if (r.id === 0) throw unmodelled('a lock in an object ebcc cannot name');
  spinLockCall(env, st, helper, { ...r, map: ALLOC_LOCK }, env.insnIdx);
}

/** invalidate_non_owning_refs: at bpf_spin_unlock the pointers to objects in lists stop being usable. */
export function dropNonOwning(st: State): void {
  for (const x of regsWhere(st, (x) => x.type === 'btf_id' && x.alloc !== 0 && !x.refId)) Object.assign(x, regScalar());
}
