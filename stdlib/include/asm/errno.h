/* ebcc freestanding header: Linux error numbers. */
#ifndef __EBCC_ASM_ERRNO_H
#define __EBCC_ASM_ERRNO_H
#include <asm-generic/errno.h>
#endif
