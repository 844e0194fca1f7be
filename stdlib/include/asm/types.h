/* ebcc freestanding header: the architecture's integer types are the generic ones. */
#ifndef __EBCC_ASM_TYPES_H
#define __EBCC_ASM_TYPES_H
#include <linux/types.h>
#endif
