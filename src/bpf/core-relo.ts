// CO-RE relocations (Documentation/bpf/btf.rst 4.2 ".BTF.ext section", Documentation/bpf/llvm_reloc.rst
// "CO-RE Relocations", include/uapi/linux/bpf.h `struct bpf_core_relo`, `enum bpf_core_relo_kind`).
//
// clang records one `bpf_core_relo { u32 insn_off; u32 type_id; u32 access_str_off; u32 kind }` per
// instruction whose immediate or offset depends on a type's layout: insn_off is a byte offset in the
// program section, type_id the local (program's) BTF root type, and the access string "0:1:2" is the
// path from the root: the first number indexes the root as an array, each further one is a member
// index (struct/union) or an element index (array); for ENUMVAL relocations it is the enumerator's
// index. The loader rewrites the instruction against the running kernel's BTF.

export type CoreReloClass = 'field' | 'type' | 'enumval';

export interface CoreReloKindInfo {
  /** The value of enum bpf_core_relo_kind. */
  value: number;
  /** The uapi name, without the BPF_CORE_ prefix. */
  name: string;
  /** How libbpf prints it in its debug log (<byte_off>, <type_exists>, ...). */
  short: string;
  cls: CoreReloClass;
  /**
   * An existence check: when the kernel has no matching type, field or enumerator, the result is
   * 0 and the instruction stays valid. Every other field and enumerator relocation without a match
   * poisons its instruction; type relocations without a match give 0 too.
   */
  exists: boolean;
}

export const CORE_RELO_KINDS: readonly CoreReloKindInfo[] = [
  { value: 0, name: 'FIELD_BYTE_OFFSET', short: 'byte_off', cls: 'field', exists: false },
  { value: 1, name: 'FIELD_BYTE_SIZE', short: 'byte_sz', cls: 'field', exists: false },
  { value: 2, name: 'FIELD_EXISTS', short: 'field_exists', cls: 'field', exists: true },
  { value: 3, name: 'FIELD_SIGNED', short: 'signed', cls: 'field', exists: false },
  { value: 4, name: 'FIELD_LSHIFT_U64', short: 'lshift_u64', cls: 'field', exists: false },
  { value: 5, name: 'FIELD_RSHIFT_U64', short: 'rshift_u64', cls: 'field', exists: false },
  { value: 6, name: 'TYPE_ID_LOCAL', short: 'local_type_id', cls: 'type', exists: false },
  { value: 7, name: 'TYPE_ID_TARGET', short: 'target_type_id', cls: 'type', exists: false },
  { value: 8, name: 'TYPE_EXISTS', short: 'type_exists', cls: 'type', exists: true },
  { value: 9, name: 'TYPE_SIZE', short: 'type_size', cls: 'type', exists: false },
  { value: 10, name: 'ENUMVAL_EXISTS', short: 'enumval_exists', cls: 'enumval', exists: true },
  { value: 11, name: 'ENUMVAL_VALUE', short: 'enumval_value', cls: 'enumval', exists: false },
  { value: 12, name: 'TYPE_MATCHES', short: 'type_matches', cls: 'type', exists: true },
];

export function coreReloKind(value: number): CoreReloKindInfo | undefined {
  return CORE_RELO_KINDS[value];
}

/** Size of one core_relo record in .BTF.ext. */
export const CORE_RELO_RECORD_BYTES = 16;

/**
 * The helper number libbpf writes into an instruction whose relocation cannot be resolved
 * (`call 0xbad2310`): the kernel refuses it as "invalid func unknown#195896080" when the
 * instruction is reachable, and libbpf prints it as "<invalid CO-RE relocation>".
 */
export const CORE_POISON_HELPER = 0xbad2310;

/**
 * "X___Y": a name's flavour suffix, which relocation ignores when it looks for the kernel's type or
 * enumerator (struct task_struct___old matches struct task_struct). The essential name ends before
 * the last "___" that has a character other than '_' on each side.
 */
export function essentialName(name: string): string {
  for (let i = name.length - 5; i >= 0; i--) {
    if (name[i] !== '_' && name.startsWith('___', i + 1) && name[i + 4] !== '_') return name.slice(0, i + 1);
  }
  return name;
}

/**
 * Whether relocating these records needs the kernel's BTF: every kind but TYPE_ID_LOCAL
 * (bpf_core_type_id_local, bpf_obj_new's type), which names the program's own type.
 */
export function needKernelBtf(relos: readonly { kind: number }[] | undefined): boolean {
  return (relos ?? []).some((r) => coreReloKind(r.kind)?.name !== 'TYPE_ID_LOCAL');
}
