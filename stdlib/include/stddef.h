/* ebcc freestanding header <stddef.h> (C11 7.19) for the BPF target (LP64). */
#ifndef __EBCC_STDDEF_H
#define __EBCC_STDDEF_H

typedef unsigned long size_t;
typedef long ptrdiff_t;
typedef int wchar_t;

#ifndef NULL
#define NULL ((void *)0)
#endif

#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif

#endif
