/* ebcc freestanding header: the netdev netlink family's feature bits (Linux 6.3+), which
 * XDP programs compare against what a device advertises. */
#if !defined(__EBCC_LINUX_NETDEV_H) && !defined(_UAPI_LINUX_NETDEV_H)
#define __EBCC_LINUX_NETDEV_H
#define _UAPI_LINUX_NETDEV_H

/* XDP features of a device. */
enum netdev_xdp_act {
	NETDEV_XDP_ACT_BASIC = 1, /* XDP_PASS, XDP_DROP, XDP_ABORTED and XDP_TX */
	NETDEV_XDP_ACT_REDIRECT = 2,
	NETDEV_XDP_ACT_NDO_XMIT = 4, /* can be the target of a redirect */
	NETDEV_XDP_ACT_XSK_ZEROCOPY = 8,
	NETDEV_XDP_ACT_HW_OFFLOAD = 16,
	NETDEV_XDP_ACT_RX_SG = 32, /* multi-buffer frames on receive */
	NETDEV_XDP_ACT_NDO_XMIT_SG = 64,
	NETDEV_XDP_ACT_MASK = 127,
};

/* Receive metadata kfuncs a device implements. */
enum netdev_xdp_rx_metadata {
	NETDEV_XDP_RX_METADATA_TIMESTAMP = 1,
	NETDEV_XDP_RX_METADATA_HASH = 2,
	NETDEV_XDP_RX_METADATA_VLAN_TAG = 4,
};

/* AF_XDP transmit metadata a device supports. */
enum netdev_xsk_flags {
	NETDEV_XSK_FLAGS_TX_TIMESTAMP = 1,
	NETDEV_XSK_FLAGS_TX_CHECKSUM = 2,
};

#endif
