/* ebcc freestanding header, included by <linux/bpf.h>: the structures that
 * BPF programs read as their context or pass to helpers (Linux 6.6 layouts).
 * Context fields are not real memory: the verifier rewrites each access,
 * so the offsets below are ABI and must never move. */
#ifndef __EBCC_BPF_STRUCTS_H
#define __EBCC_BPF_STRUCTS_H

#include <linux/types.h>

/* A pointer field in a context struct: always 8 bytes and 8-aligned,
 * whatever the pointer size of the compiling target. */
#define __bpf_md_ptr(type, name) \
	union { \
		type name; \
		__u64 :64; \
	} __attribute__((aligned(8)))

struct bpf_flow_keys;
struct bpf_sock;

/* XDP program context. */
struct xdp_md {
	__u32 data;      /* packet start: cast with (void *)(long) */
	__u32 data_end;  /* one past the packet end */
	__u32 data_meta; /* metadata area start (before data) */
	__u32 ingress_ifindex;
	__u32 rx_queue_index;
	__u32 egress_ifindex; /* set in devmap programs */
};

/* Context of socket-filter, tc, cgroup_skb, lwt, sk_skb and flow-dissector
 * programs: a view of the kernel's sk_buff. */
struct __sk_buff {
	__u32 len;
	__u32 pkt_type;
	__u32 mark;
	__u32 queue_mapping;
	__u32 protocol; /* ETH_P_*, network byte order */
	__u32 vlan_present;
	__u32 vlan_tci;
	__u32 vlan_proto;
	__u32 priority;
	__u32 ingress_ifindex;
	__u32 ifindex;
	__u32 tc_index;
	__u32 cb[5];
	__u32 hash;
	__u32 tc_classid;
	__u32 data;
	__u32 data_end;
	__u32 napi_id;

	/* sk_skb only */
	__u32 family;
	__u32 remote_ip4; /* network byte order */
	__u32 local_ip4;  /* network byte order */
	__u32 remote_ip6[4];
	__u32 local_ip6[4];
	__u32 remote_port; /* network byte order */
	__u32 local_port;  /* host byte order */

	__u32 data_meta;
	__bpf_md_ptr(struct bpf_flow_keys *, flow_keys);
	__u64 tstamp;
	__u32 wire_len;
	__u32 gso_segs;
	__bpf_md_ptr(struct bpf_sock *, sk);
	__u32 gso_size;
	__u8 tstamp_type;
	__u32 :24; /* padding up to hwtstamp */
	__u64 hwtstamp;
};

/* The context of sock_ops programs (BPF_PROG_TYPE_SOCK_OPS). */
struct bpf_sock_ops {
	__u32 op;
	union {
		__u32 args[4]; /* arguments of op */
		__u32 reply; /* the program's answer */
		__u32 replylong[4];
	};
	__u32 family;
	__u32 remote_ip4; /* network byte order */
	__u32 local_ip4; /* network byte order */
	__u32 remote_ip6[4];
	__u32 local_ip6[4];
	__u32 remote_port; /* network byte order */
	__u32 local_port; /* host byte order */
	__u32 is_fullsock; /* the fields below need a full socket */
	__u32 snd_cwnd;
	__u32 srtt_us;
	__u32 bpf_sock_ops_cb_flags;
	__u32 state;
	__u32 rtt_min;
	__u32 snd_ssthresh;
	__u32 rcv_nxt;
	__u32 snd_nxt;
	__u32 snd_una;
	__u32 mss_cache;
	__u32 ecn_flags;
	__u32 rate_delivered;
	__u32 rate_interval_us;
	__u32 packets_out;
	__u32 retrans_out;
	__u32 total_retrans;
	__u32 segs_in;
	__u32 data_segs_in;
	__u32 segs_out;
	__u32 data_segs_out;
	__u32 lost_out;
	__u32 sacked_out;
	__u32 sk_txhash;
	__u64 bytes_received;
	__u64 bytes_acked;
	__bpf_md_ptr(struct bpf_sock *, sk);
	__bpf_md_ptr(void *, skb_data); /* header options, in the HDR_OPT callbacks */
	__bpf_md_ptr(void *, skb_data_end);
	__u32 skb_len;
	__u32 skb_tcp_flags;
	__u64 skb_hwtstamp;
};

/* Values of BPF_MAP_TYPE_DEVMAP(_HASH) and BPF_MAP_TYPE_CPUMAP with a program attached. */
struct bpf_devmap_val {
	__u32 ifindex;
	union {
		int fd; /* written by user space */
		__u32 id; /* read back */
	} bpf_prog;
};

struct bpf_cpumap_val {
	__u32 qsize;
	union {
		int fd;
		__u32 id;
	} bpf_prog;
};

/* A socket, as returned by bpf_sk_lookup_tcp() and friends. */
struct bpf_sock {
	__u32 bound_dev_if;
	__u32 family;
	__u32 type;
	__u32 protocol;
	__u32 mark;
	__u32 priority;
	__u32 src_ip4;
	__u32 src_ip6[4];
	__u32 src_port; /* host byte order */
	__be16 dst_port;
	__u16 :16; /* zero padding */
	__u32 dst_ip4;
	__u32 dst_ip6[4];
	__u32 state;
	__s32 rx_queue_mapping;
};

/* TCP state read through bpf_tcp_sock(). */
struct bpf_tcp_sock {
	__u32 snd_cwnd;
	__u32 srtt_us; /* smoothed RTT << 3, microseconds */
	__u32 rtt_min;
	__u32 snd_ssthresh;
	__u32 rcv_nxt;
	__u32 snd_nxt;
	__u32 snd_una;
	__u32 mss_cache;
	__u32 ecn_flags;
	__u32 rate_delivered;
	__u32 rate_interval_us;
	__u32 packets_out;
	__u32 retrans_out;
	__u32 total_retrans;
	__u32 segs_in;
	__u32 data_segs_in;
	__u32 segs_out;
	__u32 data_segs_out;
	__u32 lost_out;
	__u32 sacked_out;
	__u64 bytes_received;
	__u64 bytes_acked;
	__u32 dsack_dups;
	__u32 delivered;
	__u32 delivered_ce;
	__u32 icsk_retransmits;
};

/* The key argument of bpf_sk_lookup_{tcp,udp}() and bpf_skc_lookup_tcp();
 * all fields in network byte order. */
struct bpf_sock_tuple {
	union {
		struct {
			__be32 saddr;
			__be32 daddr;
			__be16 sport;
			__be16 dport;
		} ipv4;
		struct {
			__be32 saddr[4];
			__be32 daddr[4];
			__be16 sport;
			__be16 dport;
		} ipv6;
	};
};

/* An AF_XDP socket (xskmap value). */
struct bpf_xdp_sock {
	__u32 queue_id;
};

/* bpf_skb_{get,set}_tunnel_key(); addresses in host byte order. */
struct bpf_tunnel_key {
	__u32 tunnel_id;
	union {
		__u32 remote_ipv4;
		__u32 remote_ipv6[4];
	};
	__u8 tunnel_tos;
	__u8 tunnel_ttl;
	union {
		__u16 tunnel_ext; /* padding in older kernels */
		__be16 tunnel_flags;
	};
	__u32 tunnel_label;
	union {
		__u32 local_ipv4;
		__u32 local_ipv6[4];
	};
};

/* bpf_skb_get_xfrm_state() */
struct bpf_xfrm_state {
	__u32 reqid;
	__u32 spi; /* network byte order */
	__u16 family;
	__u16 ext; /* padding */
	union {
		__u32 remote_ipv4; /* network byte order */
		__u32 remote_ipv6[4];
	};
};

/* In/out argument of bpf_fib_lookup(). */
struct bpf_fib_lookup {
	__u8 family; /* AF_INET or AF_INET6 */
	__u8 l4_protocol;
	__be16 sport;
	__be16 dport;
	union {
		__u16 tot_len;    /* input: packet length (for MTU checks) */
		__u16 mtu_result; /* output: MTU of the route */
	} __attribute__((packed, aligned(2)));
	__u32 ifindex; /* input: ingress device; output: egress device */
	union {
		__u8 tos;        /* IPv4 input */
		__be32 flowinfo; /* IPv6 input */
		__u32 rt_metric; /* output */
	};
	union {
		__be32 ipv4_src;
		__u32 ipv6_src[4];
	};
	union {
		__be32 ipv4_dst;
		__u32 ipv6_dst[4];
	};
	union {
		struct {
			__be16 h_vlan_proto; /* output */
			__be16 h_vlan_TCI;
		};
		__u32 tbid; /* input with BPF_FIB_LOOKUP_TBID */
	};
	__u8 smac[6]; /* output: ETH_ALEN bytes */
	__u8 dmac[6];
};

/* Neighbour argument of bpf_redirect_neigh(). */
struct bpf_redir_neigh {
	__u32 nh_family;
	union {
		__be32 ipv4_nh;
		__u32 ipv6_nh[4];
	};
};

/* skb->flow_keys in flow-dissector programs. */
struct bpf_flow_keys {
	__u16 nhoff;
	__u16 thoff;
	__u16 addr_proto; /* ETH_P_* of the addresses below */
	__u8 is_frag;
	__u8 is_first_frag;
	__u8 is_encap;
	__u8 ip_proto;
	__be16 n_proto;
	__be16 sport;
	__be16 dport;
	union {
		struct {
			__be32 ipv4_src;
			__be32 ipv4_dst;
		};
		struct {
			__u32 ipv6_src[4];
			__u32 ipv6_dst[4];
		};
	};
	__u32 flags;
	__be32 flow_label;
};

/* The key of a BPF_MAP_TYPE_CGROUP_STORAGE map: the cgroup's inode and the attach type. */
struct bpf_cgroup_storage_key {
	__u64 cgroup_inode_id;
	__u32 attach_type;
};

/* Embeddable in a map value; used with bpf_spin_lock()/bpf_spin_unlock(). */
struct bpf_spin_lock {
	__u32 val;
};

/* Embeddable in a map value; opaque to programs. */
struct bpf_timer {
	__u64 :64;
	__u64 :64;
} __attribute__((aligned(8)));

/* Opaque dynamic pointer. */
struct bpf_dynptr {
	__u64 :64;
	__u64 :64;
} __attribute__((aligned(8)));

/* LPM-trie key: a prefix length in bits, then the address bytes. A
 * program declares its own key struct with the same first member. */
struct bpf_lpm_trie_key {
	__u32 prefixlen;
	__u8 data[];
};

/* The newer spellings of the LPM-trie key: the header alone, and the header
 * (also reachable as prefixlen) followed by the address bytes. */
struct bpf_lpm_trie_key_hdr {
	__u32 prefixlen;
};
struct bpf_lpm_trie_key_u8 {
	union {
		struct bpf_lpm_trie_key_hdr hdr;
		__u32 prefixlen;
	};
	__u8 data[];
};

/* One instruction as the kernel stores it: opcode, two 4-bit registers,
 * a signed 16-bit offset and a signed 32-bit immediate. */
struct bpf_insn {
	__u8 code;
	__u8 dst_reg:4;
	__u8 src_reg:4;
	__s16 off;
	__s32 imm;
};

/* The context of a raw tracepoint program: the tracepoint's arguments, each
 * widened to 64 bits. */
struct bpf_raw_tracepoint_args {
	__u64 args[0];
};

/* An entry of a BPF_F_STACK_BUILD_ID stack map (bpf_get_stack() with
 * BPF_F_USER_BUILD_ID): the ELF build id and file offset of a frame, or only
 * its address when the build id could not be read. */
enum bpf_stack_build_id_status {
	BPF_STACK_BUILD_ID_EMPTY = 0,
	BPF_STACK_BUILD_ID_VALID = 1,
	BPF_STACK_BUILD_ID_IP = 2,
};
#define BPF_BUILD_ID_SIZE 20
struct bpf_stack_build_id {
	__s32 status;
	unsigned char build_id[BPF_BUILD_ID_SIZE];
	union {
		__u64 offset;
		__u64 ip;
	};
};

/* bpf_snprintf_btf() and bpf_seq_printf_btf(): a pointer and the BTF id of
 * its type. */
struct btf_ptr {
	void *ptr;
	__u32 type_id;
	__u32 flags;
};

/* What BPF_TASK_FD_QUERY reports a perf event file descriptor to be. */
enum bpf_task_fd_type {
	BPF_FD_TYPE_RAW_TRACEPOINT = 0,
	BPF_FD_TYPE_TRACEPOINT = 1,
	BPF_FD_TYPE_KPROBE = 2,
	BPF_FD_TYPE_KRETPROBE = 3,
	BPF_FD_TYPE_UPROBE = 4,
	BPF_FD_TYPE_URETPROBE = 5,
};

/* bpf_perf_event_read_value() */
struct bpf_perf_event_value {
	__u64 counter;
	__u64 enabled;
	__u64 running;
};

/* bpf_get_ns_current_pid_tgid() */
struct bpf_pidns_info {
	__u32 pid;
	__u32 tgid;
};

/* sk_msg program context. */
struct sk_msg_md {
	__bpf_md_ptr(void *, data);
	__bpf_md_ptr(void *, data_end);
	__u32 family;
	__u32 remote_ip4; /* network byte order */
	__u32 local_ip4;
	__u32 remote_ip6[4];
	__u32 local_ip6[4];
	__u32 remote_port; /* network byte order */
	__u32 local_port;  /* host byte order */
	__u32 size;
	__bpf_md_ptr(struct bpf_sock *, sk);
};

/* sk_reuseport program context. */
struct sk_reuseport_md {
	__bpf_md_ptr(void *, data);
	__bpf_md_ptr(void *, data_end);
	__u32 len;
	__u32 eth_protocol;
	__u32 ip_protocol;
	__u32 bind_inany;
	__u32 hash;
	__bpf_md_ptr(struct bpf_sock *, sk);
	__bpf_md_ptr(struct bpf_sock *, migrating_sk);
};

/* cgroup sock_addr program context. */
struct bpf_sock_addr {
	__u32 user_family;
	__u32 user_ip4; /* network byte order */
	__u32 user_ip6[4];
	__u32 user_port; /* network byte order */
	__u32 family;
	__u32 type;
	__u32 protocol;
	__u32 msg_src_ip4;
	__u32 msg_src_ip6[4];
	__bpf_md_ptr(struct bpf_sock *, sk);
};

/* sk_lookup program context. */
struct bpf_sk_lookup {
	union {
		__bpf_md_ptr(struct bpf_sock *, sk);
		__u64 cookie;
	};
	__u32 family;
	__u32 protocol;
	__u32 remote_ip4; /* network byte order */
	__u32 remote_ip6[4];
	__be16 remote_port;
	__u16 :16; /* zero padding */
	__u32 local_ip4;
	__u32 local_ip6[4];
	__u32 local_port; /* host byte order */
	__u32 ingress_ifindex;
};

/* cgroup device program context. */
struct bpf_cgroup_dev_ctx {
	__u32 access_type; /* (BPF_DEVCG_ACC_* << 16) | BPF_DEVCG_DEV_* */
	__u32 major;
	__u32 minor;
};

enum {
	BPF_DEVCG_ACC_MKNOD = (1ULL << 0),
	BPF_DEVCG_ACC_READ = (1ULL << 1),
	BPF_DEVCG_ACC_WRITE = (1ULL << 2),
};

enum {
	BPF_DEVCG_DEV_BLOCK = (1ULL << 0),
	BPF_DEVCG_DEV_CHAR = (1ULL << 1),
};

/* cgroup sysctl program context. */
struct bpf_sysctl {
	__u32 write;    /* 1 when the sysctl is being written */
	__u32 file_pos; /* read and writable */
};

/* cgroup sockopt program context. */
struct bpf_sockopt {
	__bpf_md_ptr(struct bpf_sock *, sk);
	__bpf_md_ptr(void *, optval);
	__bpf_md_ptr(void *, optval_end);
	__s32 level;
	__s32 optname;
	__s32 optlen;
	__s32 retval;
};

#endif
