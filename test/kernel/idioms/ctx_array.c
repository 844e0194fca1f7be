/* Context fields reached through an array member indexed in a loop: after unrolling,
 * each skb->cb[i] is read, then written back through the address computed for the
 * compound assignment, in the next block. Written for ebcc's tests. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

/* Doubles each control-block word below 1000 and puts how many it doubled in the mark. */
SEC("tc")
int double_cb(struct __sk_buff *skb)
{
	__u32 n = 0;

	for (int i = 0; i < 5; i++) {
		if (skb->cb[i] >= 1000)
			continue;
		skb->cb[i] *= 2;
		n++;
	}
	skb->mark = n;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
