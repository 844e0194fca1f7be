/* ebcc freestanding header: ERSPAN (GRE mirroring) tunnel metadata, as bpf_skb_set_tunnel_opt takes it. */
#if !defined(__EBCC_LINUX_ERSPAN_H) && !defined(_ERSPAN_H)
#define __EBCC_LINUX_ERSPAN_H
#define _ERSPAN_H

#include <linux/types.h>
#include <asm/byteorder.h>

/* ERSPAN type II/III: version 2 adds a timestamp, security group tag, hardware id,
 * direction, frame type. Bit-fields are listed low bit first (little endian). */
struct erspan_md2 {
	__be32 timestamp;
	__be16 sgt;
	__u8 hwid_upper : 2, ft : 5, p : 1;
	__u8 o : 1, gra : 2, dir : 1, hwid : 4;
};

struct erspan_metadata {
	int version;
	union {
		__be32 index; /* version 1 */
		struct erspan_md2 md2; /* version 2 */
	} u;
};

#endif
