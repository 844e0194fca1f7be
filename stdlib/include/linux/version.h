/* ebcc freestanding header: the kernel version ebcc's headers describe (Linux 6.6). */
#ifndef __EBCC_LINUX_VERSION_H
#define __EBCC_LINUX_VERSION_H

/* Old kprobe programs store this in SEC("version"); loaders of that time
 * compared it with the running kernel. ebcc's headers follow Linux 6.6. */
#define LINUX_VERSION_CODE 394752
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#define LINUX_VERSION_MAJOR 6
#define LINUX_VERSION_PATCHLEVEL 6
#define LINUX_VERSION_SUBLEVEL 0

#endif
