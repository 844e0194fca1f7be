/* ebcc freestanding header <bpf/bpf_core_read.h>: reading kernel memory by
 * field access chains (BPF_CORE_READ and its variants) and asking about the
 * compiled-in types (bpf_core_field_exists, bpf_core_type_size, ...), written
 * for ebcc from the documented behaviour of libbpf's header.
 *
 * A field's size, signedness and bit shifts are those of the types the
 * program is compiled with (a vmlinux.h of the kernel it runs on gives the
 * same values libbpf would compute), and so is its offset unless its struct is
 * declared preserve_access_index, as vmlinux.h declares them all: then each
 * member access, read directly or by address through bpf_probe_read, keeps a
 * CO-RE byte-offset relocation, as clang's does. A field's existence
 * (bpf_core_field_exists, which a struct flavour such as task_struct___old is
 * declared to ask) and type ids (bpf_core_type_id_local/kernel) keep theirs
 * too: libbpf computes them against the running kernel. */
#ifndef __EBCC_BPF_CORE_READ_H
#define __EBCC_BPF_CORE_READ_H
#define __BPF_CORE_READ_H__

#include <bpf/bpf_helpers.h>

/* The kinds of __builtin_preserve_field_info, _type_info and _enum_value. */
enum bpf_field_info_kind {
	BPF_FIELD_BYTE_OFFSET = 0,
	BPF_FIELD_BYTE_SIZE = 1,
	BPF_FIELD_EXISTS = 2,
	BPF_FIELD_SIGNED = 3,
	BPF_FIELD_LSHIFT_U64 = 4,
	BPF_FIELD_RSHIFT_U64 = 5,
};
enum bpf_type_id_kind {
	BPF_TYPE_ID_LOCAL = 0,
	BPF_TYPE_ID_TARGET = 1,
};
enum bpf_type_info_kind {
	BPF_TYPE_EXISTS = 0,
	BPF_TYPE_SIZE = 1,
	BPF_TYPE_MATCHES = 2,
};
enum bpf_enum_value_kind {
	BPF_ENUMVAL_EXISTS = 0,
	BPF_ENUMVAL_VALUE = 1,
};

#define __EBCC_CORE_NARG(...) __EBCC_CORE_NARG_PICK(_, ##__VA_ARGS__, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define __EBCC_CORE_NARG_PICK(_, a1, a2, a3, a4, a5, a6, a7, a8, a9, n, ...) n
#define __EBCC_CORE_JOIN2(a, b) a##b
#define __EBCC_CORE_JOIN(a, b) __EBCC_CORE_JOIN2(a, b)

#define __CORE_RELO(src, field, info) __builtin_preserve_field_info((src)->field, BPF_FIELD_##info)

/* bpf_core_field_*(EXPR.field) or bpf_core_field_*(TYPE, field). */
#define __EBCC_CORE_FIELD_1(kind, field) __builtin_preserve_field_info(field, BPF_FIELD_##kind)
#define __EBCC_CORE_FIELD_2(kind, type, field) \
	__builtin_preserve_field_info(((typeof(type) *)0)->field, BPF_FIELD_##kind)
#define __EBCC_CORE_FIELD(kind, ...) \
	__EBCC_CORE_JOIN(__EBCC_CORE_FIELD_, __EBCC_CORE_NARG(__VA_ARGS__))(kind, __VA_ARGS__)
#define bpf_core_field_exists(...) __EBCC_CORE_FIELD(EXISTS, __VA_ARGS__)
#define bpf_core_field_size(...) __EBCC_CORE_FIELD(BYTE_SIZE, __VA_ARGS__)
#define bpf_core_field_offset(...) __EBCC_CORE_FIELD(BYTE_OFFSET, __VA_ARGS__)
#define bpf_core_field_signed(...) __EBCC_CORE_FIELD(SIGNED, __VA_ARGS__)

/* The BTF id of a type: in the program's own BTF (local), or in the kernel's
 * BTF, found by name with any ___suffix ignored (kernel, 0 when it has none).
 * Each is a CO-RE relocation that libbpf resolves when it loads the object. */
#define bpf_core_type_id_local(type) __builtin_btf_type_id(*(typeof(type) *)0, BPF_TYPE_ID_LOCAL)
#define bpf_core_type_id_kernel(type) __builtin_btf_type_id(*(typeof(type) *)0, BPF_TYPE_ID_TARGET)
#define bpf_core_type_exists(type) __builtin_preserve_type_info(*(typeof(type) *)0, BPF_TYPE_EXISTS)
#define bpf_core_type_size(type) __builtin_preserve_type_info(*(typeof(type) *)0, BPF_TYPE_SIZE)
#define bpf_core_type_matches(type) __builtin_preserve_type_info(*(typeof(type) *)0, BPF_TYPE_MATCHES)
#define bpf_core_enum_value_exists(enum_type, enum_value) \
	__builtin_preserve_enum_value(*(typeof(enum_type) *)enum_value, BPF_ENUMVAL_EXISTS)
#define bpf_core_enum_value(enum_type, enum_value) \
	__builtin_preserve_enum_value(*(typeof(enum_type) *)enum_value, BPF_ENUMVAL_VALUE)

/* A bit-field's value, widened to 64 bits: load the smallest naturally aligned
 * word that holds it, shift its bits to the top, then back down (arithmetic
 * shift for a signed field). The _PROBED form reads the word with
 * bpf_probe_read_kernel(), the other loads it directly (for pointers the
 * verifier lets the program dereference, as in tp_btf and fentry programs). */
/* Shifts the loaded word V so that it holds the field's value, sign-extended if it is signed. */
#define __EBCC_BITS_SHIFT(s, field, v) \
	v <<= __CORE_RELO(s, field, LSHIFT_U64); \
	if (__CORE_RELO(s, field, SIGNED)) \
		v = ((long long)v) >> __CORE_RELO(s, field, RSHIFT_U64); \
	else \
		v = v >> __CORE_RELO(s, field, RSHIFT_U64)
#define BPF_CORE_READ_BITFIELD_PROBED(s, field) ({ \
	unsigned long long __ebcc_bits = 0; \
	bpf_probe_read_kernel(&__ebcc_bits, __CORE_RELO(s, field, BYTE_SIZE), \
			      (const void *)(s) + __CORE_RELO(s, field, BYTE_OFFSET)); \
	__EBCC_BITS_SHIFT(s, field, __ebcc_bits); \
	__ebcc_bits; })
#define BPF_CORE_READ_BITFIELD(s, field) ({ \
	const void *__ebcc_word = (const void *)(s) + __CORE_RELO(s, field, BYTE_OFFSET); \
	unsigned long long __ebcc_bits; \
	switch (__CORE_RELO(s, field, BYTE_SIZE)) { \
	case 1: __ebcc_bits = *(const unsigned char *)__ebcc_word; break; \
	case 2: __ebcc_bits = *(const unsigned short *)__ebcc_word; break; \
	case 4: __ebcc_bits = *(const unsigned int *)__ebcc_word; break; \
	case 8: __ebcc_bits = *(const unsigned long long *)__ebcc_word; break; \
	default: __ebcc_bits = 0; break; \
	} \
	__EBCC_BITS_SHIFT(s, field, __ebcc_bits); \
	__ebcc_bits; })

/* One read of SZ bytes at SRC into DST. */
#define bpf_core_read(dst, sz, src) \
	bpf_probe_read_kernel(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_user(dst, sz, src) \
	bpf_probe_read_user(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_str(dst, sz, src) \
	bpf_probe_read_kernel_str(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_user_str(dst, sz, src) \
	bpf_probe_read_user_str(dst, sz, (const void *)__builtin_preserve_access_index(src))

/* The chain SRC->a->b->...: __EBCC_CHAIN_N names the field reached after N
 * accessors (for typeof). __EBCC_READ(fn, last, dst, src, accessors) follows
 * the pointers one read at a time with FN (each pointer is kernel memory, kept
 * in __ebcc_ptr), then reads the last field into DST with LAST; its value is
 * that last read's result. __EBCC_STEP_N does the reads from a pointer of type
 * T that N accessors still have to go. */
#define __EBCC_CHAIN_1(src, a) (src)->a
#define __EBCC_CHAIN_2(src, a1, a2) __EBCC_CHAIN_1(src, a1)->a2
#define __EBCC_CHAIN_3(src, a1, a2, a3) __EBCC_CHAIN_2(src, a1, a2)->a3
#define __EBCC_CHAIN_4(src, a1, a2, a3, a4) __EBCC_CHAIN_3(src, a1, a2, a3)->a4
#define __EBCC_CHAIN_5(src, a1, a2, a3, a4, a5) __EBCC_CHAIN_4(src, a1, a2, a3, a4)->a5
#define __EBCC_CHAIN_6(src, a1, a2, a3, a4, a5, a6) __EBCC_CHAIN_5(src, a1, a2, a3, a4, a5)->a6
#define __EBCC_CHAIN_7(src, a1, a2, a3, a4, a5, a6, a7) __EBCC_CHAIN_6(src, a1, a2, a3, a4, a5, a6)->a7
#define __EBCC_CHAIN_8(src, a1, a2, a3, a4, a5, a6, a7, a8) __EBCC_CHAIN_7(src, a1, a2, a3, a4, a5, a6, a7)->a8
#define __EBCC_CHAIN_9(src, a1, a2, a3, a4, a5, a6, a7, a8, a9) __EBCC_CHAIN_8(src, a1, a2, a3, a4, a5, a6, a7, a8)->a9
#define __EBCC_CHAIN(src, ...) __EBCC_CORE_JOIN(__EBCC_CHAIN_, __EBCC_CORE_NARG(__VA_ARGS__))(src, __VA_ARGS__)
#define __EBCC_STEP_1(fn, last, dst, T, p, a) last((void *)(dst), sizeof(*(dst)), &((T)(p))->a)
#define __EBCC_STEP_2(fn, last, dst, T, p, a, ...) \
	fn(&(p), sizeof(p), &((T)(p))->a); __EBCC_STEP_1(fn, last, dst, typeof(((T)0)->a), p, __VA_ARGS__)
#define __EBCC_STEP_3(fn, last, dst, T, p, a, ...) \
	fn(&(p), sizeof(p), &((T)(p))->a); __EBCC_STEP_2(fn, last, dst, typeof(((T)0)->a), p, __VA_ARGS__)
#define __EBCC_STEP_4(fn, last, dst, T, p, a, ...) \
	fn(&(p), sizeof(p), &((T)(p))->a); __EBCC_STEP_3(fn, last, dst, typeof(((T)0)->a), p, __VA_ARGS__)
#define __EBCC_STEP_5(fn, last, dst, T, p, a, ...) \
	fn(&(p), sizeof(p), &((T)(p))->a); __EBCC_STEP_4(fn, last, dst, typeof(((T)0)->a), p, __VA_ARGS__)
#define __EBCC_STEP_6(fn, last, dst, T, p, a, ...) \
	fn(&(p), sizeof(p), &((T)(p))->a); __EBCC_STEP_5(fn, last, dst, typeof(((T)0)->a), p, __VA_ARGS__)
#define __EBCC_STEP_7(fn, last, dst, T, p, a, ...) \
	fn(&(p), sizeof(p), &((T)(p))->a); __EBCC_STEP_6(fn, last, dst, typeof(((T)0)->a), p, __VA_ARGS__)
#define __EBCC_STEP_8(fn, last, dst, T, p, a, ...) \
	fn(&(p), sizeof(p), &((T)(p))->a); __EBCC_STEP_7(fn, last, dst, typeof(((T)0)->a), p, __VA_ARGS__)
#define __EBCC_READ_1(fn, last, dst, src, a) last((void *)(dst), sizeof(*(dst)), &((src)->a))
#define __EBCC_READ_MANY(fn, last, dst, src, a, ...) ({ \
	const void *__ebcc_ptr; \
	fn(&__ebcc_ptr, sizeof(__ebcc_ptr), &((src)->a)); \
	__EBCC_CORE_JOIN(__EBCC_STEP_, __EBCC_CORE_NARG(__VA_ARGS__))(fn, last, dst, typeof((src)->a), __ebcc_ptr, __VA_ARGS__); })
#define __EBCC_READ_2 __EBCC_READ_MANY
#define __EBCC_READ_3 __EBCC_READ_MANY
#define __EBCC_READ_4 __EBCC_READ_MANY
#define __EBCC_READ_5 __EBCC_READ_MANY
#define __EBCC_READ_6 __EBCC_READ_MANY
#define __EBCC_READ_7 __EBCC_READ_MANY
#define __EBCC_READ_8 __EBCC_READ_MANY
#define __EBCC_READ_9 __EBCC_READ_MANY
#define __EBCC_READ(fn, last, dst, src, ...) \
	__EBCC_CORE_JOIN(__EBCC_READ_, __EBCC_CORE_NARG(__VA_ARGS__))(fn, last, dst, src, __VA_ARGS__)

/* BPF_CORE_READ_INTO(&dst, src, a, b, c) reads src->a->b->c into dst and
 * returns 0 or the last read's error; BPF_CORE_READ(src, a, b, c) is its value
 * (0 where a read failed). The _STR forms read the last field as a string,
 * the _USER forms read user memory, and BPF_PROBE_READ* are the same without
 * CO-RE (which ebcc does not emit anyway). */
#define BPF_CORE_READ_INTO(dst, src, a, ...) \
	__EBCC_READ(bpf_probe_read_kernel, bpf_probe_read_kernel, dst, src, a, ##__VA_ARGS__)
#define BPF_CORE_READ_USER_INTO(dst, src, a, ...) \
	__EBCC_READ(bpf_probe_read_user, bpf_probe_read_user, dst, src, a, ##__VA_ARGS__)
#define BPF_CORE_READ_STR_INTO(dst, src, a, ...) \
	__EBCC_READ(bpf_probe_read_kernel, bpf_probe_read_kernel_str, dst, src, a, ##__VA_ARGS__)
#define BPF_CORE_READ_USER_STR_INTO(dst, src, a, ...) \
	__EBCC_READ(bpf_probe_read_user, bpf_probe_read_user_str, dst, src, a, ##__VA_ARGS__)
#define BPF_PROBE_READ_INTO BPF_CORE_READ_INTO
#define BPF_PROBE_READ_USER_INTO BPF_CORE_READ_USER_INTO
#define BPF_PROBE_READ_STR_INTO BPF_CORE_READ_STR_INTO
#define BPF_PROBE_READ_USER_STR_INTO BPF_CORE_READ_USER_STR_INTO

/* The value of the chain, read with INTO (0 where a read failed: the probe-read
 * helpers zero their buffer then, and write all of it otherwise, so it needs no
 * initialiser, as in libbpf's header). */
#define __EBCC_READ_VALUE(into, src, a, ...) ({ \
	typeof(__EBCC_CHAIN(src, a, ##__VA_ARGS__)) __ebcc_val; \
	into(&__ebcc_val, src, a, ##__VA_ARGS__); \
	__ebcc_val; })
#define BPF_CORE_READ(src, a, ...) __EBCC_READ_VALUE(BPF_CORE_READ_INTO, src, a, ##__VA_ARGS__)
#define BPF_CORE_READ_USER(src, a, ...) __EBCC_READ_VALUE(BPF_CORE_READ_USER_INTO, src, a, ##__VA_ARGS__)
#define BPF_PROBE_READ BPF_CORE_READ
#define BPF_PROBE_READ_USER BPF_CORE_READ_USER

#endif
