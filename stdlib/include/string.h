/* ebcc freestanding header <string.h>: the memory functions BPF programs may
 * use. There is no C library in the kernel, so each call becomes the
 * compiler builtin, which ebcc expands inline (the size must be a
 * constant). */
#ifndef __EBCC_STRING_H
#define __EBCC_STRING_H

/* Only size_t and NULL from <stddef.h>, as the C library's header does: a program built on a
 * vmlinux.h has the kernel's wchar_t (u16), which <stddef.h>'s would contradict. */
typedef unsigned long size_t;
#ifndef NULL
#define NULL ((void *)0)
#endif

void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#define memcpy(dest, src, n) __builtin_memcpy((dest), (src), (n))
#define memmove(dest, src, n) __builtin_memmove((dest), (src), (n))
#define memset(s, c, n) __builtin_memset((s), (c), (n))
#define memcmp(a, b, n) __builtin_memcmp((a), (b), (n))

/* The string functions are declared so that headers shared with userspace code
 * type-check; a BPF program cannot call them (there is no C library), and ebcc
 * reports a call that a program reaches (E5008). */
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *dest, const char *src);
char *strncpy(char *dest, const char *src, size_t n);
char *strcat(char *dest, const char *src);
char *strncat(char *dest, const char *src, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strdup(const char *s);
char *strerror(int errnum);

#endif
