/* A sock_ops program written against the UAPI headers alone: struct bpf_sock_ops, the
 * BPF_SOCK_OPS_* callbacks and flags, the TCP_BPF_* options and the IPv6 socket options. */
#include <linux/bpf.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/socket.h>
#include <linux/seg6_local.h>
#include <linux/netdev.h>
#include <sys/socket.h>
#include <stddef.h>
#include <bpf/bpf_helpers.h>

/* Layout of the context, as the kernel reads it. */
_Static_assert(sizeof(struct bpf_sock_ops) == 224, "bpf_sock_ops size");
_Static_assert(offsetof(struct bpf_sock_ops, reply) == 4, "reply shares args[0]");
_Static_assert(offsetof(struct bpf_sock_ops, family) == 20, "family");
_Static_assert(offsetof(struct bpf_sock_ops, remote_port) == 64, "remote_port");
_Static_assert(offsetof(struct bpf_sock_ops, is_fullsock) == 72, "is_fullsock");
_Static_assert(offsetof(struct bpf_sock_ops, sk_txhash) == 164, "sk_txhash");
_Static_assert(offsetof(struct bpf_sock_ops, bytes_received) == 168, "bytes_received");
_Static_assert(offsetof(struct bpf_sock_ops, sk) == 184, "sk");
_Static_assert(offsetof(struct bpf_sock_ops, skb_tcp_flags) == 212, "skb_tcp_flags");
_Static_assert(sizeof(struct bpf_devmap_val) == 8 && sizeof(struct bpf_cpumap_val) == 8, "map values");
_Static_assert(BPF_SOCK_OPS_TCP_LISTEN_CB == 11 && BPF_SOCK_OPS_WRITE_HDR_OPT_CB == 15, "ops");
_Static_assert(BPF_SOCK_OPS_ALL_CB_FLAGS == 0x7f && TCP_BPF_SYN_MAC == 1007, "flags");
_Static_assert(IPV6_TCLASS == 67 && SR6_TLV_PADDING == 4 && TCX_NEXT == -1, "constants");
_Static_assert(NETDEV_XDP_ACT_MASK == 127, "netdev");

SEC("sockops")
int tune(struct bpf_sock_ops *skops)
{
	int rv = -1;
	int op = (int)skops->op;

	switch (op) {
	case BPF_SOCK_OPS_TIMEOUT_INIT:
		rv = 10; /* SYN-RTO in jiffies */
		break;
	case BPF_SOCK_OPS_RWND_INIT:
		rv = skops->family == AF_INET6 ? 40 : 20;
		break;
	case BPF_SOCK_OPS_TCP_CONNECT_CB: {
		int iw = 10;

		rv = bpf_setsockopt(skops, IPPROTO_TCP, TCP_BPF_IW, &iw, sizeof(iw));
		break;
	}
	case BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB:
	case BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB: {
		int tclass = 0x10;

		if (skops->family == AF_INET6)
			bpf_setsockopt(skops, IPPROTO_IPV6, IPV6_TCLASS, &tclass, sizeof(tclass));
		rv = bpf_sock_ops_cb_flags_set(skops, BPF_SOCK_OPS_RTT_CB_FLAG | BPF_SOCK_OPS_STATE_CB_FLAG);
		break;
	}
	case BPF_SOCK_OPS_RTT_CB:
		if (skops->is_fullsock && skops->bytes_received > 1000 && skops->snd_cwnd < 4)
			rv = 1;
		break;
	default:
		rv = -1;
	}
	skops->reply = rv;
	return 1;
}

char _license[] SEC("license") = "GPL";
