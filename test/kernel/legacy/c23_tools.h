/* A project header in the style of xdp-tools' shared headers: it carries its own
 * copy of an argument-counting macro that <bpf/bpf_helpers.h> also defines
 * (spelled differently), and C library byte-order names from <endian.h>.
 * Written for ebcc's tests. */
#ifndef C23_TOOLS_H
#define C23_TOOLS_H
#include <endian.h>

#define ___bpf_nth(_, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, N, ...) N
#define count_args(...) ___bpf_nth(_, ##__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)

#if __BYTE_ORDER == __LITTLE_ENDIAN
#define wire16(x) htobe16(x)
#else
#define wire16(x) (x)
#endif

/* A list link in the kernel's hlist shape: pprev points at the previous link's next. */
struct link {
	struct link *next;
	struct link **pprev;
};
#endif
