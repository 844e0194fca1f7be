/* ebcc freestanding header <iproute2/bpf_elf.h>: what tc's (iproute2's) object loader reads from
 * a BPF object: its section names, the pinning values and the legacy map definition. ebcc turns
 * a `struct bpf_elf_map` in SEC("maps") into a BTF-defined map (libbpf 1.x refuses the legacy
 * section), reading size_key, size_value and max_elem as key_size, value_size and max_entries. */
#ifndef __BPF_ELF__
#define __BPF_ELF__

#include <asm/types.h>

#define ELF_SECTION_LICENSE "license"
#define ELF_SECTION_MAPS "maps"
#define ELF_SECTION_PROG "prog"
#define ELF_SECTION_CLASSIFIER "classifier"
#define ELF_SECTION_ACTION "action"

#define ELF_MAX_MAPS 64
#define ELF_MAX_LICENSE_LEN 128

/* Where tc pins a map: not at all, under the object's name, or globally by the map's name. */
#define PIN_NONE 0
#define PIN_OBJECT_NS 1
#define PIN_GLOBAL_NS 2

struct bpf_elf_map {
	__u32 type;
	__u32 size_key;
	__u32 size_value;
	__u32 max_elem;
	__u32 flags;
	__u32 id;
	__u32 pinning;
	__u32 inner_id;
	__u32 inner_idx;
};

/* Gives tc the BTF key and value types of a legacy map: a struct whose two members have them. */
#define BPF_ANNOTATE_KV_PAIR(name, type_key, type_val) \
	struct ____btf_map_##name {                    \
		type_key key;                          \
		type_val value;                        \
	};                                             \
	struct ____btf_map_##name __attribute__((section(".maps." #name), used)) ____btf_map_##name = {}

#endif
