/* ebcc freestanding header: the kernel's compiler macros (linux/compiler.h,
 * compiler_types.h, compiler_attributes.h) that kernel-tree BPF code uses:
 * branch hints, attributes and the ONCE accessors. <linux/types.h> includes
 * this header when __KERNEL__ is defined, as the kernel's headers do. */
#ifndef __EBCC_LINUX_COMPILER_H
#define __EBCC_LINUX_COMPILER_H

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#ifndef noinline
#define noinline __attribute__((noinline))
#endif
#ifndef __packed
#define __packed __attribute__((packed))
#endif
#ifndef __aligned
#define __aligned(x) __attribute__((aligned(x)))
#endif
#ifndef __maybe_unused
#define __maybe_unused __attribute__((unused))
#endif
#ifndef __always_unused
#define __always_unused __attribute__((unused))
#endif
#ifndef __used
#define __used __attribute__((used))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif
#ifndef __pure
#define __pure __attribute__((pure))
#endif
#ifndef __user
#define __user
#endif
#ifndef __force
#define __force
#endif
#ifndef __rcu
#define __rcu
#endif
#ifndef __iomem
#define __iomem
#endif

#ifndef barrier
#define barrier() asm volatile("" ::: "memory")
#endif

/* One access of exactly the object's size, never merged or repeated. */
#ifndef READ_ONCE
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#endif
#ifndef WRITE_ONCE
#define WRITE_ONCE(x, val) (*(volatile __typeof__(x) *)&(x) = (val))
#endif
#ifndef ACCESS_ONCE
#define ACCESS_ONCE(x) (*(volatile __typeof__(x) *)&(x))
#endif

#endif
