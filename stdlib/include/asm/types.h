/* ebcc freestanding header: the architecture's integer types are the generic ones. */
#if !defined(__EBCC_ASM_TYPES_H) && !defined(_ASM_GENERIC_TYPES_H) && !defined(_UAPI_ASM_GENERIC_TYPES_H)
#define __EBCC_ASM_TYPES_H
#include <asm-generic/int-ll64.h>
#endif
