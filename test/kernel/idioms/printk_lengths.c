// bpf_printk with 0 to 12 arguments, format strings in .rodata (static const arrays) and string
// literals passed straight to helpers. bpf_trace_printk() and bpf_trace_vprintk() return the
// length of the line they print, so the program records each length in a map.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 10);
	__type(key, __u32);
	__type(value, __s64);
} lens SEC(".maps");

static const char len_fmt[] = "pkt len=%u";

struct service {
	__u16 port;
	char name[6];
};

static const struct service services[] = {
	{ 53, "dns" },
	{ 80, "http" },
	{ 443, "https" },
};

static __always_inline void record(__u32 slot, long n)
{
	__s64 *v = bpf_map_lookup_elem(&lens, &slot);

	if (v)
		*v = n;
}

SEC("xdp")
int printk_lengths(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data;
	__s64 wide = (__s64)len - 100;	/* negative: the upper half is all ones */
	int i;

	record(0, bpf_printk("no args"));
	record(1, bpf_printk("len=%u", len));
	record(2, bpf_printk("%d %d %d", -1, 22, 333));
	record(3, bpf_printk("%u %d %d %d %d", len, 1, 2, 3, 4));
	record(4, bpf_printk("%d%d%d%d%d%d%d%d%d%d%d%d", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
	record(5, bpf_trace_printk(len_fmt, sizeof(len_fmt), len));
	record(6, bpf_trace_printk("lit %s", sizeof("lit %s"), "abc"));
	record(7, bpf_printk("%s", __func__));
	record(9, bpf_printk("%d", (int)wide));
	for (i = 0; i < 3; i++) {
		if (services[i].port == len) {
			record(8, bpf_printk("%s:%d", services[i].name, services[i].port));
			return XDP_DROP;
		}
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
