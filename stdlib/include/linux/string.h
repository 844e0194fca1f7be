/* ebcc freestanding header: the kernel's string functions are the C ones. */
#ifndef __EBCC_LINUX_STRING_H
#define __EBCC_LINUX_STRING_H
#include <string.h>
#endif
