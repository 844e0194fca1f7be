/* ebcc freestanding header <string.h>: the memory functions BPF programs may
 * use. There is no C library in the kernel, so each call becomes the
 * compiler builtin, which ebcc expands inline (the size must be a
 * constant). */
#ifndef __EBCC_STRING_H
#define __EBCC_STRING_H

#include <stddef.h>

void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#define memcpy(dest, src, n) __builtin_memcpy((dest), (src), (n))
#define memmove(dest, src, n) __builtin_memmove((dest), (src), (n))
#define memset(s, c, n) __builtin_memset((s), (c), (n))
#define memcmp(a, b, n) __builtin_memcmp((a), (b), (n))

#endif
