/* ebcc freestanding header: the BPF user ABI that programs see.
 * Enum values, flag bits and context-struct layouts follow Linux 6.6.
 * The eBPF instruction-encoding macros are left out: ebcc emits
 * instructions itself. */
#if !defined(__EBCC_LINUX_BPF_H) && !defined(__LINUX_BPF_H__)
#define __EBCC_LINUX_BPF_H
#define __LINUX_BPF_H__

#include <linux/types.h>
#include <linux/bpf_common.h>
#include <ebcc/bpf-func-id.h>

/* ---- Object kinds ------------------------------------------------------ */

enum bpf_map_type {
	BPF_MAP_TYPE_UNSPEC = 0,
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PROG_ARRAY = 3,
	BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4,
	BPF_MAP_TYPE_PERCPU_HASH = 5,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_STACK_TRACE = 7,
	BPF_MAP_TYPE_CGROUP_ARRAY = 8,
	BPF_MAP_TYPE_LRU_HASH = 9,
	BPF_MAP_TYPE_LRU_PERCPU_HASH = 10,
	BPF_MAP_TYPE_LPM_TRIE = 11,
	BPF_MAP_TYPE_ARRAY_OF_MAPS = 12,
	BPF_MAP_TYPE_HASH_OF_MAPS = 13,
	BPF_MAP_TYPE_DEVMAP = 14,
	BPF_MAP_TYPE_SOCKMAP = 15,
	BPF_MAP_TYPE_CPUMAP = 16,
	BPF_MAP_TYPE_XSKMAP = 17,
	BPF_MAP_TYPE_SOCKHASH = 18,
	BPF_MAP_TYPE_CGROUP_STORAGE_DEPRECATED = 19,
	BPF_MAP_TYPE_CGROUP_STORAGE = 19, /* old name, same map type */
	BPF_MAP_TYPE_REUSEPORT_SOCKARRAY = 20,
	BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE = 21,
	BPF_MAP_TYPE_QUEUE = 22,
	BPF_MAP_TYPE_STACK = 23,
	BPF_MAP_TYPE_SK_STORAGE = 24,
	BPF_MAP_TYPE_DEVMAP_HASH = 25,
	BPF_MAP_TYPE_STRUCT_OPS = 26,
	BPF_MAP_TYPE_RINGBUF = 27,
	BPF_MAP_TYPE_INODE_STORAGE = 28,
	BPF_MAP_TYPE_TASK_STORAGE = 29,
	BPF_MAP_TYPE_BLOOM_FILTER = 30,
	BPF_MAP_TYPE_USER_RINGBUF = 31,
	BPF_MAP_TYPE_CGRP_STORAGE = 32,
};

enum bpf_prog_type {
	BPF_PROG_TYPE_UNSPEC = 0,
	BPF_PROG_TYPE_SOCKET_FILTER = 1,
	BPF_PROG_TYPE_KPROBE = 2,
	BPF_PROG_TYPE_SCHED_CLS = 3,
	BPF_PROG_TYPE_SCHED_ACT = 4,
	BPF_PROG_TYPE_TRACEPOINT = 5,
	BPF_PROG_TYPE_XDP = 6,
	BPF_PROG_TYPE_PERF_EVENT = 7,
	BPF_PROG_TYPE_CGROUP_SKB = 8,
	BPF_PROG_TYPE_CGROUP_SOCK = 9,
	BPF_PROG_TYPE_LWT_IN = 10,
	BPF_PROG_TYPE_LWT_OUT = 11,
	BPF_PROG_TYPE_LWT_XMIT = 12,
	BPF_PROG_TYPE_SOCK_OPS = 13,
	BPF_PROG_TYPE_SK_SKB = 14,
	BPF_PROG_TYPE_CGROUP_DEVICE = 15,
	BPF_PROG_TYPE_SK_MSG = 16,
	BPF_PROG_TYPE_RAW_TRACEPOINT = 17,
	BPF_PROG_TYPE_CGROUP_SOCK_ADDR = 18,
	BPF_PROG_TYPE_LWT_SEG6LOCAL = 19,
	BPF_PROG_TYPE_LIRC_MODE2 = 20,
	BPF_PROG_TYPE_SK_REUSEPORT = 21,
	BPF_PROG_TYPE_FLOW_DISSECTOR = 22,
	BPF_PROG_TYPE_CGROUP_SYSCTL = 23,
	BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE = 24,
	BPF_PROG_TYPE_CGROUP_SOCKOPT = 25,
	BPF_PROG_TYPE_TRACING = 26,
	BPF_PROG_TYPE_STRUCT_OPS = 27,
	BPF_PROG_TYPE_EXT = 28,
	BPF_PROG_TYPE_LSM = 29,
	BPF_PROG_TYPE_SK_LOOKUP = 30,
	BPF_PROG_TYPE_SYSCALL = 31,
	BPF_PROG_TYPE_NETFILTER = 32,
};

enum bpf_attach_type {
	BPF_CGROUP_INET_INGRESS = 0,
	BPF_CGROUP_INET_EGRESS = 1,
	BPF_CGROUP_INET_SOCK_CREATE = 2,
	BPF_CGROUP_SOCK_OPS = 3,
	BPF_SK_SKB_STREAM_PARSER = 4,
	BPF_SK_SKB_STREAM_VERDICT = 5,
	BPF_CGROUP_DEVICE = 6,
	BPF_SK_MSG_VERDICT = 7,
	BPF_CGROUP_INET4_BIND = 8,
	BPF_CGROUP_INET6_BIND = 9,
	BPF_CGROUP_INET4_CONNECT = 10,
	BPF_CGROUP_INET6_CONNECT = 11,
	BPF_CGROUP_INET4_POST_BIND = 12,
	BPF_CGROUP_INET6_POST_BIND = 13,
	BPF_CGROUP_UDP4_SENDMSG = 14,
	BPF_CGROUP_UDP6_SENDMSG = 15,
	BPF_LIRC_MODE2 = 16,
	BPF_FLOW_DISSECTOR = 17,
	BPF_CGROUP_SYSCTL = 18,
	BPF_CGROUP_UDP4_RECVMSG = 19,
	BPF_CGROUP_UDP6_RECVMSG = 20,
	BPF_CGROUP_GETSOCKOPT = 21,
	BPF_CGROUP_SETSOCKOPT = 22,
	BPF_TRACE_RAW_TP = 23,
	BPF_TRACE_FENTRY = 24,
	BPF_TRACE_FEXIT = 25,
	BPF_MODIFY_RETURN = 26,
	BPF_LSM_MAC = 27,
	BPF_TRACE_ITER = 28,
	BPF_CGROUP_INET4_GETPEERNAME = 29,
	BPF_CGROUP_INET6_GETPEERNAME = 30,
	BPF_CGROUP_INET4_GETSOCKNAME = 31,
	BPF_CGROUP_INET6_GETSOCKNAME = 32,
	BPF_XDP_DEVMAP = 33,
	BPF_CGROUP_INET_SOCK_RELEASE = 34,
	BPF_XDP_CPUMAP = 35,
	BPF_SK_LOOKUP = 36,
	BPF_XDP = 37,
	BPF_SK_SKB_VERDICT = 38,
	BPF_SK_REUSEPORT_SELECT = 39,
	BPF_SK_REUSEPORT_SELECT_OR_MIGRATE = 40,
	BPF_PERF_EVENT = 41,
	BPF_TRACE_KPROBE_MULTI = 42,
	BPF_LSM_CGROUP = 43,
	BPF_STRUCT_OPS = 44,
	BPF_NETFILTER = 45,
	BPF_TCX_INGRESS = 46,
	BPF_TCX_EGRESS = 47,
	BPF_TRACE_UPROBE_MULTI = 48,
	__MAX_BPF_ATTACH_TYPE
};
#define MAX_BPF_ATTACH_TYPE __MAX_BPF_ATTACH_TYPE

/* ---- Map creation and update flags -------------------------------------- */

/* The last argument of bpf_map_update_elem(). */
enum {
	BPF_ANY = 0,     /* insert or overwrite */
	BPF_NOEXIST = 1, /* insert only */
	BPF_EXIST = 2,   /* overwrite only */
	BPF_F_LOCK = 4,  /* take the value's bpf_spin_lock while copying */
};

/* map_flags of a map definition. */
enum {
	BPF_F_NO_PREALLOC = (1U << 0),
	BPF_F_NO_COMMON_LRU = (1U << 1),
	BPF_F_NUMA_NODE = (1U << 2),
	BPF_F_RDONLY = (1U << 3),   /* read-only for user space */
	BPF_F_WRONLY = (1U << 4),   /* write-only for user space */
	BPF_F_STACK_BUILD_ID = (1U << 5),
	BPF_F_ZERO_SEED = (1U << 6),
	BPF_F_RDONLY_PROG = (1U << 7), /* read-only for programs */
	BPF_F_WRONLY_PROG = (1U << 8), /* write-only for programs */
	BPF_F_CLONE = (1U << 9),
	BPF_F_MMAPABLE = (1U << 10),
	BPF_F_PRESERVE_ELEMS = (1U << 11),
	BPF_F_INNER_MAP = (1U << 12),
	BPF_F_LINK = (1U << 13),
	BPF_F_PATH_FD = (1U << 14),
};

/* ---- Program return codes ------------------------------------------------ */

enum xdp_action {
	XDP_ABORTED = 0,
	XDP_DROP = 1,
	XDP_PASS = 2,
	XDP_TX = 3,
	XDP_REDIRECT = 4,
};

/* Return codes of sk_skb stream verdict and sk_msg programs. */
enum sk_action {
	SK_DROP = 0,
	SK_PASS,
};

/* Return codes of lightweight-tunnel and flow-dissector programs. */
enum bpf_ret_code {
	BPF_OK = 0,
	BPF_DROP = 2,
	BPF_REDIRECT = 7,
	BPF_LWT_REROUTE = 128,
	BPF_FLOW_DISSECTOR_CONTINUE = 129,
};

/* ---- Helper flag arguments ---------------------------------------------- */

/* bpf_skb_store_bytes() */
enum {
	BPF_F_RECOMPUTE_CSUM = (1ULL << 0),
	BPF_F_INVALIDATE_HASH = (1ULL << 1),
};

/* bpf_l3_csum_replace() / bpf_l4_csum_replace(): the low four bits give
 * the size of the field being replaced. */
enum {
	BPF_F_HDR_FIELD_MASK = 0xfULL,
};

/* bpf_l4_csum_replace() */
enum {
	BPF_F_PSEUDO_HDR = (1ULL << 4),
	BPF_F_MARK_MANGLED_0 = (1ULL << 5),
	BPF_F_MARK_ENFORCE = (1ULL << 6),
};

/* bpf_csum_level() */
enum {
	BPF_CSUM_LEVEL_QUERY = 0,
	BPF_CSUM_LEVEL_INC = 1,
	BPF_CSUM_LEVEL_DEC = 2,
	BPF_CSUM_LEVEL_RESET = 3,
};

/* bpf_skb_{get,set}_tunnel_key() */
enum {
	BPF_F_TUNINFO_IPV6 = (1ULL << 0),
};

/* bpf_get_stackid() / bpf_get_stack() */
enum {
	BPF_F_SKIP_FIELD_MASK = 0xffULL,
	BPF_F_USER_STACK = (1ULL << 8),
	BPF_F_FAST_STACK_CMP = (1ULL << 9),
	BPF_F_REUSE_STACKID = (1ULL << 10),
	BPF_F_USER_BUILD_ID = (1ULL << 11),
};

/* bpf_skb_set_tunnel_key() */
enum {
	BPF_F_ZERO_CSUM_TX = (1ULL << 1),
	BPF_F_DONT_FRAGMENT = (1ULL << 2),
	BPF_F_SEQ_NUMBER = (1ULL << 3),
	BPF_F_NO_TUNNEL_KEY = (1ULL << 4),
};

/* bpf_skb_get_tunnel_key() */
enum {
	BPF_F_TUNINFO_FLAGS = (1ULL << 4),
};

/* bpf_perf_event_output() and friends: the low 32 bits select the CPU
 * slot, bits 32..51 the number of context bytes to append. */
enum {
	BPF_F_INDEX_MASK = 0xffffffffULL,
	BPF_F_CURRENT_CPU = BPF_F_INDEX_MASK,
	BPF_F_CTXLEN_MASK = (0xfffffULL << 32),
};

/* bpf_sk_lookup_*() / bpf_skc_lookup_tcp() netns argument */
enum {
	BPF_F_CURRENT_NETNS = (-1L),
};

/* bpf_skb_adjust_room() */
enum {
	BPF_F_ADJ_ROOM_FIXED_GSO = (1ULL << 0),
	BPF_F_ADJ_ROOM_ENCAP_L3_IPV4 = (1ULL << 1),
	BPF_F_ADJ_ROOM_ENCAP_L3_IPV6 = (1ULL << 2),
	BPF_F_ADJ_ROOM_ENCAP_L4_GRE = (1ULL << 3),
	BPF_F_ADJ_ROOM_ENCAP_L4_UDP = (1ULL << 4),
	BPF_F_ADJ_ROOM_NO_CSUM_RESET = (1ULL << 5),
	BPF_F_ADJ_ROOM_ENCAP_L2_ETH = (1ULL << 6),
	BPF_F_ADJ_ROOM_DECAP_L3_IPV4 = (1ULL << 7),
	BPF_F_ADJ_ROOM_DECAP_L3_IPV6 = (1ULL << 8),
};

/* The inner L2 header length is carried in the top byte of the flags. */
enum {
	BPF_ADJ_ROOM_ENCAP_L2_MASK = 0xff,
	BPF_ADJ_ROOM_ENCAP_L2_SHIFT = 56,
};
#define BPF_F_ADJ_ROOM_ENCAP_L2(len) \
	(((__u64)(len) & BPF_ADJ_ROOM_ENCAP_L2_MASK) << BPF_ADJ_ROOM_ENCAP_L2_SHIFT)

/* bpf_sysctl_get_name() */
enum {
	BPF_F_SYSCTL_BASE_NAME = (1ULL << 0),
};

/* bpf_{sk,inode,task,cgrp}_storage_get() */
enum {
	BPF_LOCAL_STORAGE_GET_F_CREATE = (1ULL << 0),
	BPF_SK_STORAGE_GET_F_CREATE = BPF_LOCAL_STORAGE_GET_F_CREATE,
};

/* bpf_read_branch_records() */
enum {
	BPF_F_GET_BRANCH_RECORDS_SIZE = (1ULL << 0),
};

/* bpf_ringbuf_output(), bpf_ringbuf_submit(), bpf_ringbuf_discard() */
enum {
	BPF_RB_NO_WAKEUP = (1ULL << 0),
	BPF_RB_FORCE_WAKEUP = (1ULL << 1),
};

/* bpf_ringbuf_query() */
enum {
	BPF_RB_AVAIL_DATA = 0,
	BPF_RB_RING_SIZE = 1,
	BPF_RB_CONS_POS = 2,
	BPF_RB_PROD_POS = 3,
};

/* Ring-buffer record header bits. */
enum {
	BPF_RINGBUF_BUSY_BIT = (1U << 31),
	BPF_RINGBUF_DISCARD_BIT = (1U << 30),
	BPF_RINGBUF_HDR_SZ = 8,
};

/* bpf_sk_assign() in sk_lookup programs */
enum {
	BPF_SK_LOOKUP_F_REPLACE = (1ULL << 0),
	BPF_SK_LOOKUP_F_NO_REUSEPORT = (1ULL << 1),
};

/* bpf_skb_adjust_room() mode */
enum bpf_adj_room_mode {
	BPF_ADJ_ROOM_NET = 0,
	BPF_ADJ_ROOM_MAC = 1,
};

/* bpf_skb_load_bytes_relative() start */
enum bpf_hdr_start_off {
	BPF_HDR_START_MAC = 0,
	BPF_HDR_START_NET = 1,
};

/* bpf_lwt_push_encap() */
enum bpf_lwt_encap_mode {
	BPF_LWT_ENCAP_SEG6 = 0,
	BPF_LWT_ENCAP_SEG6_INLINE = 1,
	BPF_LWT_ENCAP_IP = 2,
};

/* bpf_redirect(), bpf_redirect_map(), bpf_clone_redirect() */
enum {
	BPF_F_INGRESS = (1ULL << 0),         /* skb: deliver on the ingress path */
	BPF_F_BROADCAST = (1ULL << 3),       /* XDP devmap: send to every entry */
	BPF_F_EXCLUDE_INGRESS = (1ULL << 4), /* XDP devmap: skip the input device */
};
#define BPF_F_REDIRECT_FLAGS (BPF_F_INGRESS | BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS)

/* bpf_skb_set_tstamp() */
enum {
	BPF_SKB_TSTAMP_UNSPEC = 0,
	BPF_SKB_TSTAMP_DELIVERY_MONO = 1,
};

/* bpf_timer_start() */
enum {
	BPF_F_TIMER_ABS = (1ULL << 0),
};

/* bpf_fib_lookup() flags and results */
enum {
	BPF_FIB_LOOKUP_DIRECT = (1U << 0),
	BPF_FIB_LOOKUP_OUTPUT = (1U << 1),
	BPF_FIB_LOOKUP_SKIP_NEIGH = (1U << 2),
	BPF_FIB_LOOKUP_TBID = (1U << 3),
	BPF_FIB_LOOKUP_SRC = (1U << 4),
};

enum {
	BPF_FIB_LKUP_RET_SUCCESS = 0,
	BPF_FIB_LKUP_RET_BLACKHOLE = 1,
	BPF_FIB_LKUP_RET_UNREACHABLE = 2,
	BPF_FIB_LKUP_RET_PROHIBIT = 3,
	BPF_FIB_LKUP_RET_NOT_FWDED = 4,
	BPF_FIB_LKUP_RET_FWD_DISABLED = 5,
	BPF_FIB_LKUP_RET_UNSUPP_LWT = 6,
	BPF_FIB_LKUP_RET_NO_NEIGH = 7,
	BPF_FIB_LKUP_RET_FRAG_NEEDED = 8,
	BPF_FIB_LKUP_RET_NO_SRC_ADDR = 9,
};

/* bpf_check_mtu() flags and results */
enum bpf_check_mtu_flags {
	BPF_MTU_CHK_SEGS = (1U << 0),
};

enum bpf_check_mtu_ret {
	BPF_MTU_CHK_RET_SUCCESS = 0,
	BPF_MTU_CHK_RET_FRAG_NEEDED = 1,
	BPF_MTU_CHK_RET_SEGS_TOOBIG = 2,
};

/* bpf_flow_keys.flags (flow-dissector programs) */
enum {
	BPF_FLOW_DISSECTOR_F_PARSE_1ST_FRAG = (1U << 0),
	BPF_FLOW_DISSECTOR_F_STOP_AT_FLOW_LABEL = (1U << 1),
	BPF_FLOW_DISSECTOR_F_STOP_AT_ENCAP = (1U << 2),
};

/* bpf_sock.state and bpf_tcp_sock: the kernel's TCP states. */
enum {
	BPF_TCP_ESTABLISHED = 1,
	BPF_TCP_SYN_SENT = 2,
	BPF_TCP_SYN_RECV = 3,
	BPF_TCP_FIN_WAIT1 = 4,
	BPF_TCP_FIN_WAIT2 = 5,
	BPF_TCP_TIME_WAIT = 6,
	BPF_TCP_CLOSE = 7,
	BPF_TCP_CLOSE_WAIT = 8,
	BPF_TCP_LAST_ACK = 9,
	BPF_TCP_LISTEN = 10,
	BPF_TCP_CLOSING = 11,
	BPF_TCP_NEW_SYN_RECV = 12,
	BPF_TCP_MAX_STATES
};

/* sock_ops programs: which callbacks run (bpf_sock_ops_cb_flags_set()). */
enum {
	BPF_SOCK_OPS_RTO_CB_FLAG = (1 << 0),
	BPF_SOCK_OPS_RETRANS_CB_FLAG = (1 << 1),
	BPF_SOCK_OPS_STATE_CB_FLAG = (1 << 2),
	BPF_SOCK_OPS_RTT_CB_FLAG = (1 << 3),
	BPF_SOCK_OPS_PARSE_ALL_HDR_OPT_CB_FLAG = (1 << 4),
	BPF_SOCK_OPS_PARSE_UNKNOWN_HDR_OPT_CB_FLAG = (1 << 5),
	BPF_SOCK_OPS_WRITE_HDR_OPT_CB_FLAG = (1 << 6),
	BPF_SOCK_OPS_ALL_CB_FLAGS = 0x7F,
};

/* struct bpf_sock_ops.op: why the sock_ops program runs. */
enum {
	BPF_SOCK_OPS_VOID = 0,
	BPF_SOCK_OPS_TIMEOUT_INIT = 1,
	BPF_SOCK_OPS_RWND_INIT = 2,
	BPF_SOCK_OPS_TCP_CONNECT_CB = 3,
	BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB = 4,
	BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB = 5,
	BPF_SOCK_OPS_NEEDS_ECN = 6,
	BPF_SOCK_OPS_BASE_RTT = 7,
	BPF_SOCK_OPS_RTO_CB = 8,
	BPF_SOCK_OPS_RETRANS_CB = 9,
	BPF_SOCK_OPS_STATE_CB = 10,
	BPF_SOCK_OPS_TCP_LISTEN_CB = 11,
	BPF_SOCK_OPS_RTT_CB = 12,
	BPF_SOCK_OPS_PARSE_HDR_OPT_CB = 13,
	BPF_SOCK_OPS_HDR_OPT_LEN_CB = 14,
	BPF_SOCK_OPS_WRITE_HDR_OPT_CB = 15,
};

/* bpf_setsockopt()/bpf_getsockopt() at level SOL_TCP, only from BPF. */
enum {
	TCP_BPF_IW = 1001,
	TCP_BPF_SNDCWND_CLAMP = 1002,
	TCP_BPF_DELACK_MAX = 1003,
	TCP_BPF_RTO_MIN = 1004,
	TCP_BPF_SYN = 1005,
	TCP_BPF_SYN_IP = 1006,
	TCP_BPF_SYN_MAC = 1007,
};

/* bpf_load_hdr_opt() */
enum {
	BPF_LOAD_HDR_OPT_TCP_SYN = (1ULL << 0),
};

/* struct bpf_sock_ops.args[0] in BPF_SOCK_OPS_HDR_OPT_LEN_CB and _WRITE_HDR_OPT_CB */
enum {
	BPF_WRITE_HDR_TCP_CURRENT_MSS = 1,
	BPF_WRITE_HDR_TCP_SYNACK_COOKIE = 2,
};

/* Return values of tcx (BPF_TCX_INGRESS/EGRESS) programs. */
enum tcx_action_base {
	TCX_NEXT = -1,
	TCX_PASS = 0,
	TCX_DROP = 2,
	TCX_REDIRECT = 7,
};

/* Context and argument structures. */
#include <ebcc/bpf-structs.h>

#endif
