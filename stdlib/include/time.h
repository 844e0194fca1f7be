/* ebcc freestanding header <time.h>: the clock ids BPF programs pass to bpf_timer_init() and
 * the time types; no time functions, which BPF programs cannot call (bpf_ktime_get_ns() reads
 * the clock). */
#ifndef __EBCC_TIME_H
#define __EBCC_TIME_H
/* Only size_t and NULL from <stddef.h>, as the C library's header does: a program built on a
 * vmlinux.h has the kernel's wchar_t (u16), which <stddef.h>'s would contradict. */
typedef unsigned long size_t;
#ifndef NULL
#define NULL ((void *)0)
#endif

typedef long time_t;
typedef long clock_t;
typedef int clockid_t;

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define CLOCK_TAI 11
#endif
