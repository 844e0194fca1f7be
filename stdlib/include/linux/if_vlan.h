/* ebcc freestanding header: 802.1Q VLANs.
 * The kernel's user-space <linux/if_vlan.h> holds only ioctl definitions,
 * which BPF programs never use. Programs that parse VLAN tags declare their
 * own `struct vlan_hdr` and VLAN_* masks, so this header deliberately
 * defines nothing that could clash with them. A tag is 4 bytes: the 16-bit
 * TCI (priority 3 bits, drop-eligible 1 bit, VLAN id 12 bits) followed by
 * the encapsulated EtherType. */
#ifndef __EBCC_LINUX_IF_VLAN_H
#define __EBCC_LINUX_IF_VLAN_H

#include <linux/types.h>

#endif
