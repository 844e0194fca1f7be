/* ebcc freestanding header: BPF programs run little-endian (bpfel). */
#ifndef __EBCC_ASM_BYTEORDER_H
#define __EBCC_ASM_BYTEORDER_H
#include <linux/byteorder/little_endian.h>
#endif
