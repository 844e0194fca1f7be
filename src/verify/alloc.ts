// Objects a program allocates with bpf_obj_new (PTR_TO_BTF_ID | MEM_ALLOC in the kernel): an
// instance of a struct of the program's own BTF, which the program owns (a reference) until it
// gives it to bpf_obj_drop. Loads and stores reach its fields as btf_struct_access allows them:
// at a constant offset, within one member, never in a special field the kernel manages (list
// and tree nodes and heads, locks, the refcount). Lists and trees of such objects, bpf_refcount_
// acquire and per-CPU objects are not modelled: their kfuncs stay refused (kfuncs.ts).
import type { BtfType } from '../bpf/btf.js';
import { isConst } from './bounds.js';
import { assertInit, describe } from './assertions.js';
import { newId, type Env } from './env.js';
import { Reject } from './reject.js';
import { allRegs, curFrame, regNotInit, regPtr, regScalar, type Reg, type State } from './state.js';
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
  for (const x of allRegs(st)) if (x.refId === id) Object.assign(x, regScalar());
  for (let i = 1; i <= 5; i++) regs[i] = regNotInit();
  regs[0] = regNotInit();
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
