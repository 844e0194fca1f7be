// The smallest useful XDP program: it passes every packet. The bench holds
// ebcc's whole-process compile time for it against `node -e 0`, the floor of
// any Node program: what is left is ebcc's own start-up and its headers.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
