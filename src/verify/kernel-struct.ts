// Accesses through kernel pointers that BTF describes (the kernel's PTR_TO_BTF_ID): the bytes
// [off, off+size) must lie inside the pointee struct and, for anything but a nested struct, inside
// one member (btf_struct_access in kernel/bpf/btf.c). The types are the running kernel's BTF
// (/sys/kernel/btf/vmlinux); without it ebcc does not know the layout and accepts as the kernel
// most often does.
import type { BtfId, BtfType } from '../bpf/btf.js';
import type { ObjectProgram } from '../bpf/object.js';
import type { TargetBtf } from './core-relocate.js';
import type { Env } from './env.js';
import { Reject } from './reject.js';
import type { Reg } from './state.js';

/** What a read of `size` bytes at `off` of a kernel struct finds. */
export type StructAccess =
  | { kind: 'scalar' }
  /** A pointer member to a struct: the loaded value points to that struct (its id). */
  | { kind: 'ptr'; struct: BtfId }
  /** A pointer member to something else: read-only untrusted memory for the kernel. */
  | { kind: 'ptr_untrusted' }
  | { kind: 'error'; message: string };

const MODIFIERS: readonly string[] = ['typedef', 'const', 'volatile', 'restrict'];

/** Through typedefs, type tags and qualifiers (btf_type_skip_modifiers). */
export function skipModifiers(types: readonly BtfType[], id: BtfId): BtfId {
  for (let guard = 0; guard < 64 && id !== 0; guard++) {
    const t = types[id - 1];
    if (!t || !MODIFIERS.includes(t.kind)) return id;
    id = (t as { type: BtfId }).type;
  }
  return id;
}

const isStruct = (t: BtfType | undefined): t is Extract<BtfType, { kind: 'struct' | 'union' }> => t?.kind === 'struct' || t?.kind === 'union';

interface Sized {
  /** The member's type after modifiers (an array stays an array). */
  type: BtfType;
  size: number;
  /** For arrays: the innermost element type (id) and the number of elements over every dimension. */
  elem: BtfId;
  nelems: number;
}

/** __btf_resolve_size: the byte size of a member's type, arrays flattened; undefined when it has none. */
function resolveSize(types: readonly BtfType[], id: BtfId): Sized | undefined {
  let nelems = 1;
  let outer: BtfType | undefined;
  for (let guard = 0; guard < 64; guard++) {
    id = skipModifiers(types, id);
    const t = types[id - 1];
    if (!t) return undefined;
    if (t.kind === 'array') {
      outer ??= t;
      nelems *= t.nelems;
      id = t.elem;
      continue;
    }
    let size: number;
    if (t.kind === 'ptr') size = 8;
    else if (t.kind === 'int' || t.kind === 'enum' || t.kind === 'struct' || t.kind === 'union') size = t.sizeBytes;
    else return undefined;
    return { type: outer ?? t, size: size * nelems, elem: id, nelems };
  }
  return undefined;
}

/** btf_struct_walk and btf_struct_access for a read of `size` bytes at `off` of struct `id`. */
export function structAccess(types: readonly BtfType[], id: BtfId, off: number, size: number): StructAccess {
  let untrusted = false;
  let t = types[skipModifiers(types, id) - 1];
  for (let guard = 0; guard < 64; guard++) {
    if (!isStruct(t)) return { kind: 'error', message: `Type '${t && 'name' in t ? t.name : ''}' is not a struct` };
    const tname = t.name;
    const members = t.members;
    if (t.kind === 'union' && members.length !== 1) untrusted = true;
    if (off + size > t.sizeBytes) {
      // A struct that ends with a flexible array may be read past its size, inside the array.
      const last = members[members.length - 1];
      const lastType = last ? types[skipModifiers(types, last.type) - 1] : undefined;
      const moff = last ? Math.floor(last.bitOffset / 8) : 0;
      if (last && lastType?.kind === 'array' && lastType.nelems === 0 && off >= moff) {
        const elem = types[skipModifiers(types, lastType.elem) - 1];
        if (elem?.kind === 'int') return { kind: 'scalar' };
        if (isStruct(elem) && elem.sizeBytes > 0) {
          off = (off - moff) % elem.sizeBytes;
          t = elem;
          continue;
        }
      }
      return { kind: 'error', message: `access beyond struct ${tname} at off ${off} size ${size}` };
    }
    let next: { type: BtfType; off: number } | undefined;
    for (const m of members) {
      let moff = Math.floor(m.bitOffset / 8);
      if (off + size <= moff) break;
      if (m.bitfieldSize) {
        const endByte = Math.ceil((m.bitOffset + m.bitfieldSize) / 8);
        if (off <= moff && endByte <= off + size) return { kind: 'scalar' };
        continue;
      }
      if (off < moff) break;
      const sized = resolveSize(types, m.type);
      if (!sized) return { kind: 'error', message: `field ${m.name} doesn't have size` };
      const trueEnd = moff + sized.size;
      if (off >= trueEnd) continue;
      let mtype = sized.type;
      let msize = sized.size;
      if (mtype.kind === 'array') {
        if (moff === trueEnd) continue;
        msize = sized.size / sized.nelems;
        moff += Math.floor((off - moff) / msize) * msize;
        mtype = types[sized.elem - 1]!;
      }
      if (isStruct(mtype)) {
        // Inside a nested struct or union: at its start the walk goes on there from offset 0.
        next = { type: mtype, off: off - moff };
        break;
      }
      if (mtype.kind === 'ptr') {
        if (msize !== size || off !== moff) {
          return { kind: 'error', message: `cannot access ptr member ${m.name} with moff ${moff} in struct ${tname} with off ${off} size ${size}` };
        }
        const target = skipModifiers(types, mtype.type);
        return isStruct(types[target - 1]) ? { kind: 'ptr', struct: target } : { kind: 'ptr_untrusted' };
      }
      if (off + size > trueEnd && !untrusted) {
        return { kind: 'error', message: `access beyond the end of member ${m.name} (mend:${trueEnd}) in struct ${tname} with off ${off} size ${size}` };
      }
      return { kind: 'scalar' };
    }
    if (!next) return { kind: 'error', message: `struct ${tname} doesn't have field at offset ${off}` };
    t = next.type;
    off = next.off;
  }
  return { kind: 'scalar' };
}

/** The name of a kernel struct, for messages ("task_struct"). */
export function structName(types: readonly BtfType[], id: BtfId): string {
  const t = types[id - 1];
  return t && 'name' in t ? t.name : '';
}

/**
 * The struct a BTF-typed context argument points to (its id in the kernel BTF), or 0 when the
 * argument is not a pointer to a struct or ebcc cannot find the attach point: for tp_btf the
 * prototype of `btf_trace_NAME` after its leading context pointer, for fentry, fexit and
 * fmod_ret the function NAME, for lsm the hook `bpf_lsm_NAME`.
 */
export function ctxArgStruct(btf: TargetBtf, attach: string | undefined, section: string, arg: number): BtfId {
  const target = section.slice(section.indexOf('/') + 1);
  if (!section.includes('/') || target === '' || target.includes(':')) return 0;
  let name: string;
  let skip = 0;
  if (attach === 'BPF_TRACE_RAW_TP') {
    name = `btf_trace_${target}`;
    skip = 1;
  } else if (attach === 'BPF_TRACE_FENTRY' || attach === 'BPF_TRACE_FEXIT' || attach === 'BPF_MODIFY_RETURN') {
    name = target;
  } else if (attach === 'BPF_LSM_MAC') {
    name = `bpf_lsm_${target}`;
  } else return 0;
  const types = btf.types;
  for (const id of btf.byName.get(name) ?? []) {
    const t = types[id - 1];
    let proto: BtfType | undefined;
    if (t?.kind === 'func' && skip === 0) proto = types[t.type - 1];
    else if (t?.kind === 'typedef' && skip === 1) {
      const p = types[skipModifiers(types, t.type) - 1];
      if (p?.kind === 'ptr') proto = types[skipModifiers(types, p.type) - 1];
    }
    if (proto?.kind !== 'func_proto') continue;
    const param = proto.params[arg + skip];
    if (!param) return 0;
    const p = types[skipModifiers(types, param.type) - 1];
    if (p?.kind !== 'ptr') return 0;
    const s = skipModifiers(types, p.type);
    return isStruct(types[s - 1]) ? s : 0;
  }
  return 0;
}

/**
 * check_ptr_to_btf_access for R`regno`, a kernel pointer whose struct is known: a read of `size`
 * bytes `insnOff` bytes past where it points. Returns what the read finds; rejects what the kernel
 * rejects, with its message.
 */
export function checkKernelStruct(env: Env, regno: number, r: Reg, insnOff: number, size: number): Exclude<StructAccess, { kind: 'error' }> {
  const types = env.kernelStructs!.btf;
  const name = structName(types, r.kstruct);
  const off = r.kstructOff + insnOff;
  const what = `a ${size}-byte read at offset ${off} of struct ${name}`;
  if (off < 0) {
    throw new Reject('V1035', `R${regno} is ptr_${name} invalid negative access: off=${off}`, {
      proven: `R${regno} points ${r.kstructOff} bytes into a struct ${name}; ${what}`,
      needed: 'an offset inside the struct',
    });
  }
  const found = structAccess(types, r.kstruct, off, size);
  if (found.kind === 'error') {
    throw new Reject('V1035', found.message, {
      proven: `R${regno} points ${r.kstructOff} bytes into a struct ${name} (kernel BTF); ${what}`,
      needed: 'bytes inside the struct and inside one of its members (a nested struct may be read across its members)',
    });
  }
  return found;
}

/**
 * Whether a program of the object has BTF-typed context arguments, or calls kernel functions
 * (which may return kernel pointers), that ebcc can look up in the kernel BTF.
 */
export function needsKernelStructs(obj: ObjectProgram): boolean {
  const defined = new Set(obj.functions.map((f) => f.name));
  return obj.functions.some((f) => /^(tp_btf|fentry|fexit|fmod_ret|lsm)(\.s)?\//.test(f.section) || f.relocs.some((r) => r.kind === 'call' && !defined.has(r.symbol)));
}
