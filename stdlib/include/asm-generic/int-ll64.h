/* ebcc freestanding header: the 64-bit-as-long-long integer model. The fixed-width types are
 * defined here, not taken from <linux/types.h>: a project's own linux/types.h (the kernel's
 * tools/include/uapi copy) includes this header for them and defines only the byte-order names. */
#if !defined(__EBCC_ASM_GENERIC_INT_LL64_H) && !defined(_ASM_GENERIC_INT_LL64_H) && !defined(_UAPI_ASM_GENERIC_INT_LL64_H)
#define __EBCC_ASM_GENERIC_INT_LL64_H
#define _ASM_GENERIC_INT_LL64_H
#define _UAPI_ASM_GENERIC_INT_LL64_H
#include <ebcc/int-ll64.h>
#endif
