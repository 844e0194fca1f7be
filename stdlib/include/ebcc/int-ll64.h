/* ebcc freestanding header: the kernel's fixed-width integer types (the ll64 model: 64-bit
 * types are `long long`), for <linux/types.h> and <asm-generic/int-ll64.h>. C11 allows a
 * typedef to be repeated with the same type, so both may define them. */
#ifndef __EBCC_INT_LL64_TYPES
#define __EBCC_INT_LL64_TYPES
typedef signed char __s8;
typedef unsigned char __u8;
typedef signed short __s16;
typedef unsigned short __u16;
typedef signed int __s32;
typedef unsigned int __u32;
typedef signed long long __s64;
typedef unsigned long long __u64;
#endif
