// A socket filter in the style of the kernel's old samples: packet bytes are read with the
// LD_ABS/LD_IND loads that LLVM exposes as intrinsics. On an IP socket (and in
// BPF_PROG_TEST_RUN for socket filters) offset 0 is the start of the IPv4 header.
#include <linux/bpf.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <stddef.h>
#include <bpf/bpf_helpers.h>

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");

#define TRUSTED_NET 0x0a000000 /* 10.0.0.0/8 */

SEC("socket")
int ldabs_filter(struct __sk_buff *skb)
{
	__u32 ihl, sum = 0;
	__u16 dport;
	int i;

	if ((load_byte(skb, 0) >> 4) != 4)
		return 0;
	if (load_byte(skb, offsetof(struct iphdr, protocol)) != IPPROTO_UDP)
		return 0;
	if ((load_word(skb, offsetof(struct iphdr, saddr)) & 0xff000000) != TRUSTED_NET)
		return 0;
	ihl = (load_byte(skb, 0) & 0x0f) * 4;
	dport = load_half(skb, ihl + offsetof(struct udphdr, dest));
	if (dport == 53)
		return -1; /* keep the whole packet */
	if (dport == 7) {
		/* The sum of the source address's bytes: values live across the loads. */
		for (i = 0; i < 4; i++)
			sum += load_byte(skb, offsetof(struct iphdr, saddr) + i) * (i + 1);
		return sum;
	}
	if (dport >= 1000 && dport < 2000)
		return load_half(skb, ihl + offsetof(struct udphdr, len)); /* keep the UDP datagram */
	return 0;
}

char _license[] SEC("license") = "GPL";
