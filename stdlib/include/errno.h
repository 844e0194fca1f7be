/* ebcc freestanding header: error numbers only; BPF programs have no errno
 * variable (helpers return negative error numbers instead). */
#ifndef __EBCC_ERRNO_H
#define __EBCC_ERRNO_H
#include <linux/errno.h>

/* Declared for headers shared with userspace code (their helpers type-check,
 * and are never part of a BPF program unless a program calls them). */
int *__errno_location(void);
#define errno (*__errno_location())
#endif
