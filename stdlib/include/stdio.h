/* ebcc freestanding header <stdio.h>: declarations only. BPF programs have no
 * C library; this header exists because BPF programs often include a header they
 * share with their userspace loader (bpf_util.h and the like), whose static
 * helpers use stdio. Such helpers type-check; a call that a program reaches is
 * reported (E5008). To print from a BPF program, use bpf_printk(). */
#ifndef __EBCC_STDIO_H
#define __EBCC_STDIO_H

/* Only size_t and NULL from <stddef.h>, as the C library's header does: a program built on a
 * vmlinux.h has the kernel's wchar_t (u16), which <stddef.h>'s would contradict. */
typedef unsigned long size_t;
#ifndef NULL
#define NULL ((void *)0)
#endif

typedef struct _IO_FILE FILE;
extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

#define EOF (-1)
#define BUFSIZ 8192

int printf(const char *format, ...);
int fprintf(FILE *stream, const char *format, ...);
int sprintf(char *str, const char *format, ...);
int snprintf(char *str, size_t size, const char *format, ...);
int scanf(const char *format, ...);
int fscanf(FILE *stream, const char *format, ...);
int sscanf(const char *str, const char *format, ...);
FILE *fopen(const char *path, const char *mode);
int fclose(FILE *stream);
char *fgets(char *s, int size, FILE *stream);
int fputs(const char *s, FILE *stream);
int puts(const char *s);
int fflush(FILE *stream);
size_t fread(void *ptr, size_t size, size_t nmemb, FILE *stream);
size_t fwrite(const void *ptr, size_t size, size_t nmemb, FILE *stream);
void perror(const char *s);

#endif
