// Sockets in maps: a lookup in a sockmap or sockhash acquires the socket (released with
// bpf_sk_release, a socket after the NULL check), a value stored into one is a socket, and only
// some program types may update or delete their elements. Also the socket pointers of sk_msg
// and cgroup_sock contexts.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} peers SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} by_port SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u32);
	__type(value, __u64);
} owners SEC(".maps");

// @case sockmap_lookup_released accept
SEC("tc")
int sockmap_lookup_released(struct __sk_buff *skb)
{
	__u32 key = 1;
	struct bpf_sock *sk = bpf_map_lookup_elem(&peers, &key);
	__u32 family;
	if (!sk)
		return 0;
	family = sk->family;
	bpf_sk_release(sk);
	return family == 2;
}

// @case sockmap_lookup_kept reject EINVAL "Unreleased reference"
SEC("tc")
int sockmap_lookup_kept(struct __sk_buff *skb)
{
	__u32 key = 1;
	struct bpf_sock *sk = bpf_map_lookup_elem(&peers, &key);
	if (!sk)
		return 0;
	return sk->protocol == 6;
}

// @case sockhash_to_sockmap accept
SEC("tc")
int sockhash_to_sockmap(struct __sk_buff *skb)
{
	__u32 key = skb->mark & 3;
	struct bpf_sock *sk = bpf_map_lookup_elem(&by_port, &key);
	if (!sk)
		return 0;
	bpf_map_update_elem(&peers, &key, sk, BPF_ANY);
	bpf_sk_release(sk);
	return 0;
}

// @case sockmap_store_stack_value reject EACCES "type=fp"
SEC("tc")
int sockmap_store_stack_value(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 cookie = 7;
	bpf_map_update_elem(&peers, &key, &cookie, BPF_ANY);
	return 0;
}

// @case sockmap_delete_from_raw_tp reject EINVAL "cannot update sockmap in this context"
SEC("raw_tp/sys_enter")
int sockmap_delete_from_raw_tp(void *ctx)
{
	__u32 key = 0;
	bpf_map_delete_elem(&peers, &key);
	return 0;
}

// @case sockmap_delete_from_xdp accept
SEC("xdp")
int sockmap_delete_from_xdp(struct xdp_md *ctx)
{
	__u32 key = 0;
	bpf_map_delete_elem(&by_port, &key);
	return XDP_PASS;
}

// @case sk_msg_socket_not_null accept
SEC("sk_msg")
int sk_msg_socket_not_null(struct sk_msg_md *msg)
{
	__u64 *owner = bpf_sk_storage_get(&owners, msg->sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
	if (!owner)
		return SK_DROP;
	*owner += 1;
	return SK_PASS;
}

// @case cgroup_sock_storage_of_ctx accept
SEC("cgroup/sock_create")
int cgroup_sock_storage_of_ctx(struct bpf_sock *sk)
{
	__u64 *owner = bpf_sk_storage_get(&owners, sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
	if (owner)
		*owner = bpf_get_current_pid_tgid();
	return 1;
}

// @case flow_dissector_no_csum_diff reject EINVAL "program of this type cannot use helper bpf_csum_diff#28"
SEC("flow_dissector")
int flow_dissector_no_csum_diff(struct __sk_buff *skb)
{
	__u32 a = bpf_get_prandom_u32();
	return bpf_csum_diff(&a, 4, 0, 0, 0) == 0 ? BPF_OK : BPF_DROP;
}
