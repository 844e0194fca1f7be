/* ebcc freestanding header: what the kernel's internal <linux/if_vlan.h>
 * declares for BPF programs built in the kernel tree (-D__KERNEL__), which
 * ebcc's <linux/if_vlan.h> includes then: the 4-byte 802.1Q tag, the tagged
 * Ethernet header, and the sizes and TCI masks. */
#ifndef __EBCC_KERNEL_IF_VLAN_H
#define __EBCC_KERNEL_IF_VLAN_H

#include <linux/types.h>
#include <linux/if_ether.h>
#include <ebcc/kernel-minmax.h>

#define VLAN_HLEN 4                /* bytes a tag adds to the Ethernet header */
#define VLAN_ETH_HLEN 18           /* Ethernet header with one tag */
#define VLAN_ETH_ZLEN 64
#define VLAN_ETH_DATA_LEN 1500
#define VLAN_ETH_FRAME_LEN 1518
#define VLAN_MAX_DEPTH 8

#define VLAN_PRIO_MASK 0xe000      /* priority code point */
#define VLAN_PRIO_SHIFT 13
#define VLAN_CFI_MASK 0x1000       /* drop-eligible indicator */
#define VLAN_VID_MASK 0x0fff       /* VLAN id */
#define VLAN_N_VID 4096

struct vlan_hdr {
	__be16 h_vlan_TCI;
	__be16 h_vlan_encapsulated_proto;
};

struct vlan_ethhdr {
	unsigned char h_dest[ETH_ALEN];
	unsigned char h_source[ETH_ALEN];
	__be16 h_vlan_proto;
	__be16 h_vlan_TCI;
	__be16 h_vlan_encapsulated_proto;
};

#endif
