/* ebcc freestanding header: the kernel's string functions are the C ones. */
#if !defined(__EBCC_LINUX_STRING_H) && !defined(_LINUX_STRING_H_)
#define __EBCC_LINUX_STRING_H
#define _LINUX_STRING_H_
#include <string.h>
#endif
