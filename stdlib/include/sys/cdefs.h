/* ebcc freestanding header <sys/cdefs.h>: the C library's declaration helpers that headers shared
 * with user space use. BPF C is C, so the C++ linkage brackets are empty. */
#ifndef __EBCC_SYS_CDEFS_H
#define __EBCC_SYS_CDEFS_H
#define _SYS_CDEFS_H 1

#define __BEGIN_DECLS
#define __END_DECLS
#define __THROW
#define __THROWNL
#define __NTH(fct) fct
#define __P(args) args
#define __PMT(args) args
#define __CONCAT(x, y) x##y
#define __STRING(x) #x
#define __ptr_t void *
#define __restrict restrict
#define __attribute_const__ __attribute__((__const__))
#define __attribute_pure__ __attribute__((__pure__))
#define __attribute_used__ __attribute__((__used__))
#define __attribute_noinline__ __attribute__((__noinline__))
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#define __wur
#define __nonnull(params)
#define __glibc_unlikely(cond) __builtin_expect((cond), 0)
#define __glibc_likely(cond) __builtin_expect((cond), 1)

#endif
