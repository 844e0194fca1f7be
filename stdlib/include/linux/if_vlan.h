/* ebcc freestanding header: 802.1Q VLANs.
 * The kernel's user-space <linux/if_vlan.h> holds only ioctl definitions,
 * which BPF programs never use, so outside kernel-tree code this header
 * defines nothing that could clash with a program's own `struct vlan_hdr`
 * and VLAN_* masks. A tag is 4 bytes: the 16-bit TCI (priority 3 bits,
 * drop-eligible 1 bit, VLAN id 12 bits) followed by the encapsulated
 * EtherType.
 *
 * Kernel-tree code (-D__KERNEL__, samples/bpf and the like) includes the
 * kernel's own <linux/if_vlan.h>, which declares the tag and the tagged
 * Ethernet header; so does this header then. A program that also defines
 * `struct vlan_hdr` with the same two members still compiles: a second
 * identical definition of a struct is the same type. */
#if !defined(__EBCC_LINUX_IF_VLAN_H) && !defined(_LINUX_IF_VLAN_H_)
#define __EBCC_LINUX_IF_VLAN_H
#define _LINUX_IF_VLAN_H_

#include <linux/types.h>

#ifdef __KERNEL__
#include <ebcc/kernel-if-vlan.h>
#endif

#endif
