/* ebcc freestanding header: Linux error numbers. */
#ifndef __EBCC_LINUX_ERRNO_H
#define __EBCC_LINUX_ERRNO_H
#include <asm/errno.h>
#endif
