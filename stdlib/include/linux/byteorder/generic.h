/* ebcc freestanding header: the kernel's own byte-order names (cpu_to_be16, htons, ...),
 * which kernel-tree code (-D__KERNEL__) gets from <linux/byteorder/generic.h>. BPF is
 * little endian, so each maps to the swab-based forms of <linux/byteorder/little_endian.h>. */
#ifndef __EBCC_LINUX_BYTEORDER_GENERIC_H
#define __EBCC_LINUX_BYTEORDER_GENERIC_H
#include <linux/byteorder/little_endian.h>

#define cpu_to_le64 __cpu_to_le64
#define le64_to_cpu __le64_to_cpu
#define cpu_to_le32 __cpu_to_le32
#define le32_to_cpu __le32_to_cpu
#define cpu_to_le16 __cpu_to_le16
#define le16_to_cpu __le16_to_cpu
#define cpu_to_be64 __cpu_to_be64
#define be64_to_cpu __be64_to_cpu
#define cpu_to_be32 __cpu_to_be32
#define be32_to_cpu __be32_to_cpu
#define cpu_to_be16 __cpu_to_be16
#define be16_to_cpu __be16_to_cpu

#include <ebcc/inet-byteorder.h>
#endif
