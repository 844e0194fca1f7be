/* ebcc freestanding header: kernel stddef helpers. */
#if !defined(__EBCC_LINUX_STDDEF_H) && !defined(_LINUX_STDDEF_H)
#define __EBCC_LINUX_STDDEF_H
#define _LINUX_STDDEF_H

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

/* Declares the members twice over the same storage: once as anonymous
 * members and once inside `struct TAG NAME`, so both `p->a` and
 * `p->NAME.a` work. */
#define __struct_group(TAG, NAME, ATTRS, ...) \
	union { \
		struct { __VA_ARGS__ } ATTRS; \
		struct TAG { __VA_ARGS__ } ATTRS NAME; \
	} ATTRS

#endif
