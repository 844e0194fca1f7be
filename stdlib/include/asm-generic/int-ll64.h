/* ebcc freestanding header: the 64-bit-as-long-long integer model (see linux/types.h). */
#if !defined(__EBCC_ASM_GENERIC_INT_LL64_H) && !defined(_ASM_GENERIC_INT_LL64_H)
#define __EBCC_ASM_GENERIC_INT_LL64_H
#define _ASM_GENERIC_INT_LL64_H
#include <linux/types.h>
#endif
