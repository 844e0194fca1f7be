// Map types and map flags as data (enum bpf_map_type and the BPF_F_* map flags of
// linux/bpf.h, Linux 6.6). The __uint(type, …) attribute of a BTF map definition holds
// one of these numbers; obj and the verifier look names up here.

export interface MapTypeInfo {
  /** Enumerator name without the prefix, lower case: "hash", "percpu_array", … */
  name: string;
  /** The BPF_MAP_TYPE_* enumerator. */
  cName: string;
  value: number;
}

// In enum order; the value is the index.
const MAP_TYPE_NAMES: readonly string[] = [
  'unspec', 'hash', 'array', 'prog_array', 'perf_event_array', 'percpu_hash', 'percpu_array',
  'stack_trace', 'cgroup_array', 'lru_hash', 'lru_percpu_hash', 'lpm_trie', 'array_of_maps',
  'hash_of_maps', 'devmap', 'sockmap', 'cpumap', 'xskmap', 'sockhash', 'cgroup_storage',
  'reuseport_sockarray', 'percpu_cgroup_storage', 'queue', 'stack', 'sk_storage', 'devmap_hash',
  'struct_ops', 'ringbuf', 'inode_storage', 'task_storage', 'bloom_filter', 'user_ringbuf',
  'cgrp_storage',
];

/** Every map type, in enum order (index = value). Built on first use; never changed afterwards. */
let mapTypes: readonly MapTypeInfo[] | undefined;

export function mapTypeTable(): readonly MapTypeInfo[] {
  mapTypes ??= MAP_TYPE_NAMES.map((name, value) => ({
    name,
    cName: `BPF_MAP_TYPE_${name.toUpperCase()}`,
    value,
  }));
  return mapTypes;
}

export function mapTypeByValue(value: number): MapTypeInfo | undefined {
  return mapTypeTable()[value];
}

/** Accepts "hash", "BPF_MAP_TYPE_HASH". */
export function mapTypeByName(name: string): MapTypeInfo | undefined {
  return mapTypeTable().find((t) => t.name === name || t.cName === name);
}

export interface FlagInfo {
  cName: string;
  value: number;
  description: string;
}

/** Flags for the map_flags attribute (BPF_MAP_CREATE). */
export const MAP_CREATE_FLAGS: readonly FlagInfo[] = [
  { cName: 'BPF_F_NO_PREALLOC', value: 1 << 0, description: 'allocate hash elements on update instead of at creation' },
  { cName: 'BPF_F_NO_COMMON_LRU', value: 1 << 1, description: 'per-CPU LRU lists instead of one shared list' },
  { cName: 'BPF_F_NUMA_NODE', value: 1 << 2, description: 'numa_node attribute is valid' },
  { cName: 'BPF_F_RDONLY', value: 1 << 3, description: 'user space may only read' },
  { cName: 'BPF_F_WRONLY', value: 1 << 4, description: 'user space may only write' },
  { cName: 'BPF_F_STACK_BUILD_ID', value: 1 << 5, description: 'stack trace map stores build ids' },
  { cName: 'BPF_F_ZERO_SEED', value: 1 << 6, description: 'hash with a zero seed (testing)' },
  { cName: 'BPF_F_RDONLY_PROG', value: 1 << 7, description: 'programs may only read' },
  { cName: 'BPF_F_WRONLY_PROG', value: 1 << 8, description: 'programs may only write' },
  { cName: 'BPF_F_CLONE', value: 1 << 9, description: 'sk_storage is cloned with the socket' },
  { cName: 'BPF_F_MMAPABLE', value: 1 << 10, description: 'array may be mmap()ed' },
  { cName: 'BPF_F_PRESERVE_ELEMS', value: 1 << 11, description: 'perf event array keeps elements when the fd closes' },
  { cName: 'BPF_F_INNER_MAP', value: 1 << 12, description: 'inner map may differ in max_entries' },
  { cName: 'BPF_F_LINK', value: 1 << 13, description: 'struct_ops map is attached through a link' },
  { cName: 'BPF_F_PATH_FD', value: 1 << 14, description: 'pathname is relative to path_fd' },
];

/** The flags argument of bpf_map_update_elem. */
export const MAP_UPDATE_FLAGS: readonly FlagInfo[] = [
  { cName: 'BPF_ANY', value: 0, description: 'create a new element or update an existing one' },
  { cName: 'BPF_NOEXIST', value: 1, description: 'create only if the element does not exist' },
  { cName: 'BPF_EXIST', value: 2, description: 'update only if the element exists' },
  { cName: 'BPF_F_LOCK', value: 4, description: 'take the bpf_spin_lock in the value' },
];

export function mapFlagByName(cName: string): FlagInfo | undefined {
  return MAP_CREATE_FLAGS.find((f) => f.cName === cName) ?? MAP_UPDATE_FLAGS.find((f) => f.cName === cName);
}

/**
 * Special fields of a map value (the kernel's btf_record) that programs may not read or write
 * directly, with their sizes in bytes and the names btf_field_type_name gives them.
 */
export const SPECIAL_VALUE_FIELDS: Readonly<Record<'spinLock' | 'timer', { name: string; size: number }>> = {
  spinLock: { name: 'bpf_spin_lock', size: 4 },
  timer: { name: 'bpf_timer', size: 16 },
};

/** Map types whose lookups give a socket (acquired, PTR_TO_SOCKET after the NULL check) and whose stored values are sockets. */
export const SOCK_MAP_TYPES: readonly string[] = ['sockmap', 'sockhash'];
