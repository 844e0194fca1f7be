// Inline assembly with operands, in the forms BPF programs use: "+r", "=r" with numbered
// operands, "=w"/"w" (32-bit halves), an input tied to the output ("0"), "i" immediates
// (a constant, a helper's id, a slot known after inlining), barrier_var(), and a tail call
// written in assembly so that the slot is an immediate in R3. Results go into the packet.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} jmp SEC(".maps");

static __always_inline void tail_call_asm(void *ctx, void *map, const __u32 slot)
{
	asm volatile("r1 = %[ctx]\n\t"
		     "r2 = %[map]\n\t"
		     "r3 = %[slot]\n\t"
		     "call 12"
		     :
		     : [ctx] "r"(ctx), [map] "r"(map), [slot] "i"(slot)
		     : "r0", "r1", "r2", "r3", "r4", "r5");
}

SEC("xdp")
int asm_ops(struct xdp_md *ctx)
{
	__u64 *out = (void *)(long)ctx->data;
	__u64 len = ctx->data_end - ctx->data;
	__u64 sum = len, shifted, tripled = len, cpu_plus;
	__u32 low;

	if ((void *)(out + 5) > (void *)(long)ctx->data_end)
		return XDP_ABORTED;
	asm volatile("%[s] += %[k]" : [s] "+r"(sum) : [k] "i"(100));
	asm volatile("%0 = %1; %0 <<= 3" : "=r"(shifted) : "r"(len));
	asm volatile("%0 = %1; %0 += -1" : "=w"(low) : "w"((__u32)0));
	asm volatile("%0 *= 3" : "=r"(tripled) : "0"(tripled));
	asm volatile("call %[get_cpu]; %[r] = r0; %[r] += 1000"
		     : [r] "=r"(cpu_plus)
		     : [get_cpu] "i"(bpf_get_smp_processor_id)
		     : "r0", "r1", "r2", "r3", "r4", "r5");
	barrier_var(len);
	out[0] = sum;
	out[1] = shifted;
	out[2] = low;
	out[3] = tripled;
	out[4] = cpu_plus;
	if (len >= 200)
		tail_call_asm(ctx, &jmp, 1);
	return XDP_PASS;
}

/* Two outputs, an "ri" operand, a negative immediate and a jump inside the template: bounds-checks
 * [off, off + len) against the packet and returns a pointer to it, or -EINVAL. */
static __always_inline int packet_window(struct xdp_md *ctx, __u64 off, const __u64 len, void **where)
{
	void *p;
	int ret;

	asm volatile("r1 = *(u32 *)(%[ctx] +0)\n\t"
		     "r2 = *(u32 *)(%[ctx] +4)\n\t"
		     "%[off] &= 0xff\n\t"
		     "r1 += %[off]\n\t"
		     "%[p] = r1\n\t"
		     "r1 += %[len]\n\t"
		     "if r1 > r2 goto +2\n\t"
		     "%[ret] = 0\n\t"
		     "goto +1\n\t"
		     "%[ret] = %[err]\n\t"
		     : [ret] "=r"(ret), [p] "=r"(p)
		     : [ctx] "r"(ctx), [off] "r"(off), [len] "ri"(len), [err] "i"(-22)
		     : "r1", "r2");
	*where = p;
	return ret;
}

/* Copies the 2 bytes at the offset in byte 0 to the start of the packet; -22 (as the verdict's
 * low byte, 234) when they are out of bounds. */
SEC("xdp")
int window(struct xdp_md *ctx)
{
	__u8 *data = (void *)(long)ctx->data;
	__u8 *src;
	__u64 off;
	int ret;

	if ((void *)(data + 2) > (void *)(long)ctx->data_end)
		return XDP_ABORTED;
	off = data[0];
	ret = packet_window(ctx, off, 2, (void **)&src);
	if (ret)
		return ret & 0xff;
	data = (void *)(long)ctx->data;
	if ((void *)(data + 2) > (void *)(long)ctx->data_end)
		return XDP_ABORTED;
	__builtin_memcpy(data, src, 2);
	return XDP_PASS;
}

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counter SEC(".maps");

/* A naked program in the style of the kernel's verifier tests: the whole body is assembly, with
 * a map and a helper as "i" operands and a local label made unique with %=. */
SEC("xdp")
__attribute__((naked)) int naked_count(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[counter] ll;"
		     "call %[lookup];"
		     "if r0 == 0 goto out_%=;"
		     "r1 = 1;"
		     "lock *(u64 *)(r0 + 0) += r1;"
		     "out_%=: r0 = 2;"
		     "exit;"
		     :
		     : [counter] "i"(&counter), [lookup] "i"(bpf_map_lookup_elem)
		     : "r0", "r1", "r2", "r3", "r4", "r5", "memory");
}

SEC("xdp")
int target(struct xdp_md *ctx)
{
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
