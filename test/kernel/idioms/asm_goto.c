// Inline assembly in the forms of the kernel's own BPF programs: asm goto to C labels, local
// labels (__label__) in statement expressions that are expanded more than once, memory operands
// ("m", "+m"), "+g" (a register or memory), "p", more than four outputs, a naked function that
// calls a helper and loads a map's address through "i" operands, and one that calls a naked
// subprogram by name. Results go into the packet.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* An unsigned compare written as one conditional jump: true when the jump is taken. */
#define jump_if_below(LHS, RHS)						\
	({								\
		__label__ taken;					\
		_Bool res = 1;						\
		asm volatile goto("if %[l] < %[r] goto %l[taken]"	\
				  :: [l] "r"(LHS), [r] "ri"(RHS) :: taken); \
		res = 0;						\
	taken:								\
		res;							\
	})

/* The same for any compare operator, signed when the left side is a signed type, chosen the way
 * the kernel's bpf_experimental.h chooses: both templates are written, and the one in the branch
 * that constant folding removes ("if r1 s== r2") is never assembled. */
#define is_signed(x) _Generic((x), int: 1, long: 1, long long: 1, default: 0)
#define jump_if(LHS, OP, RHS)							\
	({									\
		__label__ yes;							\
		_Bool res = 1;							\
		if (__builtin_strcmp(#OP, "==") == 0 || !is_signed(LHS))	\
			asm volatile goto("if %[l] " #OP " %[r] goto %l[yes]"	\
					  :: [l] "r"(LHS), [r] "ri"(RHS) :: yes); \
		else								\
			asm volatile goto("if %[l] s" #OP " %[r] goto %l[yes]"	\
					  :: [l] "r"(LHS), [r] "ri"(RHS) :: yes); \
		res = 0;							\
	yes:									\
		res;								\
	})

/* Leaves the enclosing loop when the kernel's may_goto budget runs out. */
#define budget_break							\
	({								\
		__label__ out, go_on;					\
		asm volatile goto("may_goto %l[out]" :::: out);	\
		goto go_on;						\
	out:	break;							\
	go_on:;							\
	})

#define keep(x) asm volatile("" : "+g"(x))

SEC("xdp")
int asm_goto(struct xdp_md *ctx)
{
	__u8 *data = (void *)(long)ctx->data;
	__u64 *out = (void *)data;
	__u64 len = ctx->data_end - ctx->data;
	__u64 small = 0, medium = 0, sum = 0, i, n;
	long diff;

	if ((void *)(out + 6) > (void *)(long)ctx->data_end)
		return XDP_ABORTED;
	n = data[0];
	if (jump_if_below(len, 64))
		small = 1;
	if (jump_if_below(len, n))	/* a register on the right */
		medium = 1;
	/* Two labels: %l1 is numbered after the one input. */
	asm volatile goto("if %0 == 0 goto %l1; if %0 == 1 goto %l[one]"
			  :: "r"(n) :: zero, one);
	sum = 100;
	goto loop;
zero:
	sum = 200;
	goto loop;
one:
	sum = 300;
loop:
	for (i = 0; i < n; budget_break, i++)	/* a break in the step leaves this loop */
		sum += i;
	keep(sum);
	out[0] = small;
	out[1] = medium;
	out[2] = sum;
	out[3] = len;
	diff = (long)n - 100;
	out[4] = jump_if(diff, <, 0);	/* if rX s< 0 */
	out[5] = jump_if(len, ==, 64);
	return XDP_PASS;
}

/* Memory operands: the template reads and writes the variables in their stack slots. */
SEC("xdp")
int asm_memory(struct xdp_md *ctx)
{
	__u64 *out = (void *)(long)ctx->data;
	__u64 a = ctx->data_end - ctx->data, b = 7, c, d, e, f, g;

	if ((void *)(out + 6) > (void *)(long)ctx->data_end)
		return XDP_ABORTED;
	asm volatile("r1 = *(u64 *)%[a]; r1 *= 3; *(u64 *)%[b] = r1"
		     : [b] "=m"(b) : [a] "m"(a) : "r1", "memory");
	asm volatile("r1 = *(u64 *)%[b]; r1 += 1; *(u64 *)%[b] = r1" : [b] "+m"(b) :: "r1");
	/* Five outputs, each in a register of its own (the input is read first: without '&' an
	 * output may share its register). */
	asm volatile("%2 = %5; %0 = 1; %1 = 2; %3 = 4; %4 = 5; %2 += %1"
		     : "=r"(c), "=r"(d), "=r"(e), "=r"(f), "=r"(g) : "p"(a));
	out[0] = a;
	out[1] = b;
	out[2] = c + d;
	out[3] = e;
	out[4] = f + g;
	out[5] = 0;
	return XDP_PASS;
}

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

/* A naked program in the style of the kernel's verifier tests: "r1 = %[map] ll" and "call %[helper]"
 * with the map and the helper as "i" operands; it adds the packet length to the map's value. */
SEC("xdp")
__attribute__((naked)) int naked_add(void)
{
	asm volatile("r6 = *(u32 *)(r1 + %[data]);"
		     "r7 = *(u32 *)(r1 + %[data_end]);"
		     "r7 -= r6;"
		     "r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[seen] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "lock *(u64 *)(r0 + 0) += r7;"
		     "l0_%=: r0 = %[pass];"
		     "exit;"
		     :
		     : [seen] "i"(&seen), [bpf_map_lookup_elem] "i"(bpf_map_lookup_elem),
		       [data] "i"(__builtin_offsetof(struct xdp_md, data)),
		       [data_end] "i"(__builtin_offsetof(struct xdp_md, data_end)), [pass] "i"(XDP_PASS)
		     : "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "memory");
}

/* A naked subprogram that a template calls by name ("call len_of"), as the verifier's tests
 * call theirs: it gets the context in R1 and returns the packet's length. */
static __attribute__((naked, noinline, used)) int len_of(void)
{
	asm volatile("r0 = *(u32 *)(r1 + %[data_end]);"
		     "r2 = *(u32 *)(r1 + %[data]);"
		     "r0 -= r2;"
		     "exit;"
		     :
		     : [data] "i"(__builtin_offsetof(struct xdp_md, data)),
		       [data_end] "i"(__builtin_offsetof(struct xdp_md, data_end))
		     : "r0", "r1", "r2", "r3", "r4", "r5");
}

SEC("xdp")
__attribute__((naked)) int naked_call(void)
{
	asm volatile("call len_of;"
		     "if r0 > 50 goto l0_%=;"
		     "r0 = %[drop];"
		     "exit;"
		     "l0_%=: r0 = %[pass];"
		     "exit;"
		     :
		     : [drop] "i"(XDP_DROP), [pass] "i"(XDP_PASS)
		     : "r0", "r1", "r2", "r3", "r4", "r5");
}

char _license[] SEC("license") = "GPL";
