import type { CodeInfo } from './info.js';

// Codes of the obj stage: the ELF writer (E6001–E6009), reader and objdump (E6010–E6019),
// and the map conversions (E6020-E6022).
export const objCodes = {
  E6001: {
    name: 'obj-unresolved-relocation',
    title: 'a relocation names a symbol the object does not define',
    explanation:
      'Every ld_imm64 that loads a map and every BPF-to-BPF call is recorded in the object as a\n' +
      'relocation against a symbol: the map variable in ".maps", a ".text" function, or a section.\n' +
      'The loader (libbpf) patches the instruction by looking that symbol up, so a relocation\n' +
      'against a name the object does not define can never be resolved. This is a compiler bug when\n' +
      'it comes from ebcc; please report it with the source that triggered it.',
  },
  E6002: {
    name: 'obj-relocation-on-wrong-insn',
    title: 'a relocation is attached to an instruction that cannot carry it',
    explanation:
      'libbpf accepts relocations only on two instructions: R_BPF_64_64 on the first slot of an\n' +
      'ld_imm64 (opcode 0x18), to load a map or a global data address, and R_BPF_64_32 on a\n' +
      'BPF-to-BPF call (opcode 0x85 with src_reg = 1, BPF_PSEUDO_CALL). Any other placement is\n' +
      'rejected at load time ("relocation against ... is not a call or ld_imm64"). This is a\n' +
      'compiler bug when it comes from ebcc.',
  },
  E6003: {
    name: 'obj-duplicate-symbol',
    title: 'two functions or data objects share a symbol name',
    explanation:
      'An ELF symbol table maps each name to one place. Two functions (or a function and a map)\n' +
      'with the same name make relocations against that name ambiguous, and libbpf refuses the\n' +
      'object. Rename one of them; a static function still needs a name distinct from every\n' +
      'other symbol in the same object.',
  },
  E6004: {
    name: 'obj-line-info-dropped',
    title: 'a line table entry could not be placed in .BTF.ext',
    explanation:
      'line_info records in .BTF.ext must point at the first slot of an instruction and be\n' +
      'strictly increasing within a section: the kernel rejects a record that points at the\n' +
      'second half of an ld_imm64. The writer drops such entries so that the object still loads;\n' +
      'the verifier log then shows the previous source line for that instruction.',
  },
  E6010: {
    name: 'obj-not-elf',
    title: 'the file is not an ELF object',
    explanation:
      'A BPF object file starts with the ELF magic bytes 7f 45 4c 46 ("\\x7fELF"). This file does\n' +
      'not, or it is shorter than an ELF header. Check that the path names the .o produced by\n' +
      'ebcc or clang -target bpf -c, not the C source or an archive.',
  },
  E6011: {
    name: 'obj-not-bpf-elf',
    title: 'the ELF file is not a little-endian 64-bit BPF relocatable object',
    explanation:
      'BPF loaders accept ELF64, little-endian, e_type ET_REL (1) and e_machine EM_BPF (247):\n' +
      'the output of `clang -target bpf -c` or `ebcc -c`. A host object (x86-64, aarch64), a\n' +
      'linked executable, or a big-endian bpfeb object is not a BPF object this tool reads.',
  },
  E6012: {
    name: 'obj-malformed-elf',
    title: 'the ELF structure is damaged',
    explanation:
      'A section header, symbol or string offset points outside the file, or a table has the\n' +
      'wrong entry size. The file is truncated or corrupt; rebuild it.',
  },
  E6013: {
    name: 'obj-bad-relocation',
    title: 'a relocation cannot be interpreted',
    explanation:
      'BPF program sections carry R_BPF_64_64 (type 1) relocations on ld_imm64 instructions and\n' +
      'R_BPF_64_32 (type 10) on calls. A relocation of another type, or one whose offset is not\n' +
      'on an 8-byte instruction boundary inside a function, or whose symbol index is out of\n' +
      'range, cannot be applied; the relocation is ignored.',
  },
  E6014: {
    name: 'obj-malformed-btf',
    title: 'the .BTF section is damaged',
    explanation:
      'The .BTF section holds a header (magic 0xeB9F, version 1), a type section and a string\n' +
      'table (Documentation/bpf/btf.rst). A wrong magic, an offset outside the section, a type\n' +
      'record that runs past the end, or a name offset outside the string table makes the type\n' +
      'information unusable; the object is read without BTF.',
  },
  E6015: {
    name: 'obj-unknown-btf-kind',
    title: 'a BTF type kind is not modelled by ebcc',
    explanation:
      'Newer kernels and compilers add BTF kinds (FLOAT, DECL_TAG, TYPE_TAG, and whatever comes\n' +
      'later). ebcc keeps type ids stable by replacing kinds it knows the layout of with a close\n' +
      'stand-in (FLOAT as an INT of the same size, tags as TYPEDEFs). A kind whose layout it does\n' +
      'not know ends the type section: later types are dropped.',
  },
  E6016: {
    name: 'obj-malformed-btf-ext',
    title: 'the .BTF.ext section is damaged',
    explanation:
      '.BTF.ext holds func_info (8-byte records) and line_info (16-byte records) grouped per\n' +
      'program section, each group starting with the section name offset and a record count.\n' +
      'A wrong magic, record size, count or section name makes it unusable; the object is read\n' +
      'without function and line information.',
  },
  E6017: {
    name: 'objdump-no-such-section',
    title: 'objdump --section names no program section of the object',
    explanation:
      "'ebcc objdump --section NAME' lists one program section: a section with executable code,\n" +
      'named by SEC() in the source (xdp, tc, socket, .text, ...). Data sections (.maps, license,\n' +
      '.BTF) hold no instructions. Run without --section to see every program section.',
  },
  E6018: {
    name: 'obj-malformed-dwarf',
    title: 'the DWARF .debug_line section is damaged',
    explanation:
      '.debug_line holds the line-number programs that map instruction addresses to source lines\n' +
      '(DWARF 5, section 6.2). ebcc reads versions 2 to 5 in the 32-bit format. A unit that runs\n' +
      'past the section, an unknown version or an unsupported form in the file table makes it\n' +
      'unusable; the object is listed without source lines. Rebuilding the object usually fixes it.',
  },
  E6020: {
    name: 'legacy-map-modernised',
    title: 'a legacy SEC("maps") map was emitted as a BTF-defined map in ".maps"',
    explanation:
      'Before BTF, maps were declared as "struct bpf_map_def SEC(\"maps\") name = { .type = ...,\n' +
      '.key_size = ..., .value_size = ..., .max_entries = ... };". libbpf 1.0 dropped support for\n' +
      'that section: it refuses to open an object that still has one. ebcc keeps such programs\n' +
      'working by emitting each legacy map as the BTF-defined map libbpf expects: a struct in\n' +
      'SEC(".maps") whose members type, key_size, value_size, max_entries and map_flags are\n' +
      'pointers to arrays whose length is the value (what __uint(name, value) declares). The map\n' +
      'behaves the same. iproute2\'s struct bpf_elf_map (size_key, size_value, max_elem, flags)\n' +
      'is read the same way. When BPF_ANNOTATE_KV_PAIR(name, K, V) annotates the map, the map gets\n' +
      'members key and value of types K and V instead of key_size and value_size, so its BTF\n' +
      'names them. A map of maps (BPF_MAP_TYPE_ARRAY_OF_MAPS or HASH_OF_MAPS) that names its inner\n' +
      'map, by iproute2\'s inner_id (the id of another map) or by inner_map_idx (the inner map\'s\n' +
      'index in "maps"), ends with __array(values, <the inner map>), from which libbpf creates it.\n' +
      'To silence this note, declare the map the modern way:\n' +
      '  struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 16);\n' +
      '           __type(key, __u32); __type(value, __u64); } name SEC(".maps");',
  },
  E6021: {
    name: 'map-annotation-mismatch',
    title: 'a BPF_ANNOTATE_KV_PAIR annotation does not fit its map',
    explanation:
      'Old kernel and iproute2 headers annotate a SEC("maps") map with its key and value types:\n' +
      'BPF_ANNOTATE_KV_PAIR(name, K, V) defines "struct ____btf_map_name { K key; V value; }" in\n' +
      'section ".maps.name". ebcc uses K and V as the BTF key and value types of the map it emits,\n' +
      'but only when sizeof(K) and sizeof(V) equal the map\'s key_size and value_size: otherwise\n' +
      'the loader would see two different sizes. Make the annotation name the map\'s real key and\n' +
      'value types, or remove it.',
    loaderAdvice: true,
  },
  E6022: {
    name: 'map-int-members-modernised',
    title: 'a ".maps" map with initialised integer members was emitted in the __uint form',
    explanation:
      'The first BTF-defined maps (libbpf 0.0.4) gave the map type and flags as integer members\n' +
      'with initial values: "struct { __u32 type; __u32 map_flags; int *key; __u64 *value; } m\n' +
      'SEC(\".maps\") = { .type = BPF_MAP_TYPE_SK_STORAGE, .map_flags = BPF_F_NO_PREALLOC };".\n' +
      'libbpf soon changed the encoding to what __uint(name, value) declares, a pointer to an array\n' +
      'of value ints, so that the definition needs no data, and libbpf 1.x refuses the old one\n' +
      '("attr \'type\': expected PTR, got int"). ebcc emits each initialised integer member in the\n' +
      'new form; the map is the same. Write "__uint(type, BPF_MAP_TYPE_SK_STORAGE);" and\n' +
      '"__uint(map_flags, BPF_F_NO_PREALLOC);" to silence this note.',
    loaderAdvice: true,
  },
} satisfies Record<string, CodeInfo>;
