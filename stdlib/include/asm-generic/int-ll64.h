/* ebcc freestanding header: the 64-bit-as-long-long integer model (see linux/types.h). */
#ifndef __EBCC_ASM_GENERIC_INT_LL64_H
#define __EBCC_ASM_GENERIC_INT_LL64_H
#include <linux/types.h>
#endif
