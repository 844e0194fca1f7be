/* ebcc freestanding header: BPF programs run little-endian (bpfel). */
#if !defined(__EBCC_ASM_BYTEORDER_H) && !defined(_ASM_X86_BYTEORDER_H)
#define __EBCC_ASM_BYTEORDER_H
#define _ASM_X86_BYTEORDER_H
#include <linux/byteorder/little_endian.h>
#endif
