/* ebcc freestanding header: AF_XDP sockets: socket address, descriptors and options. */
#if !defined(__EBCC_LINUX_IF_XDP_H) && !defined(_LINUX_IF_XDP_H)
#define __EBCC_LINUX_IF_XDP_H
#define _LINUX_IF_XDP_H

#include <linux/types.h>

/* sxdp_flags of struct sockaddr_xdp. */
#define XDP_SHARED_UMEM (1 << 0)
#define XDP_COPY (1 << 1)
#define XDP_ZEROCOPY (1 << 2)
#define XDP_USE_NEED_WAKEUP (1 << 3)

#define XDP_UMEM_UNALIGNED_CHUNK_FLAG (1 << 0)

struct sockaddr_xdp {
	__u16 sxdp_family;
	__u16 sxdp_flags;
	__u32 sxdp_ifindex;
	__u32 sxdp_queue_id;
	__u32 sxdp_shared_umem_fd;
};

#define XDP_RING_NEED_WAKEUP (1 << 0)

/* setsockopt/getsockopt names at level SOL_XDP. */
#define XDP_MMAP_OFFSETS 1
#define XDP_RX_RING 2
#define XDP_TX_RING 3
#define XDP_UMEM_REG 4
#define XDP_UMEM_FILL_RING 5
#define XDP_UMEM_COMPLETION_RING 6
#define XDP_STATISTICS 7
#define XDP_OPTIONS 8

struct xdp_statistics {
	__u64 rx_dropped;
	__u64 rx_invalid_descs;
	__u64 tx_invalid_descs;
	__u64 rx_ring_full;
	__u64 rx_fill_ring_empty_descs;
	__u64 tx_ring_empty_descs;
};

/* mmap offsets of the rings. */
#define XDP_PGOFF_RX_RING 0
#define XDP_PGOFF_TX_RING 0x80000000
#define XDP_UMEM_PGOFF_FILL_RING 0x100000000ULL
#define XDP_UMEM_PGOFF_COMPLETION_RING 0x180000000ULL

/* An Rx/Tx descriptor: where the frame is in the UMEM, and its length. */
struct xdp_desc {
	__u64 addr;
	__u32 len;
	__u32 options;
};

#endif
