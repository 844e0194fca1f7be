/* ebcc freestanding header: error numbers only; BPF programs have no errno
 * variable (helpers return negative error numbers instead). */
#ifndef __EBCC_ERRNO_H
#define __EBCC_ERRNO_H
#include <linux/errno.h>
#endif
