/* Maps shared by the programs of test/kernel/linked: a map type declared once, defined in one object and
 * declared extern in the other, as samples/bpf's xdp_sample.bpf.h does. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

typedef struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} counter_map;

extern counter_map proto_counts;
extern const volatile __u32 proto_offset;
