// bpf_obj_new/bpf_obj_drop: an object of the program's own struct type, allocated by the
// kernel. The program owns a reference to it until it drops it; it may read and write its
// fields, but not the special fields the kernel keeps (list nodes, tree nodes, locks).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;

/* The kernel's own definitions: only their names and sizes matter to the verifier. */
struct bpf_list_node { __u64 __opaque[3]; } __attribute__((aligned(8)));

#define new_obj(T) ((T *)bpf_obj_new_impl(__builtin_btf_type_id(*(T *)0, 0), 0))
#define drop_obj(p) bpf_obj_drop_impl(p, 0)

struct counter { __u64 hits; __u32 len; __u32 flags; };
struct entry { __u64 key; struct bpf_list_node node; __u64 value; };
struct holder { struct counter *next; __u64 n; };

struct val { struct bpf_spin_lock lock; __u64 n; };
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct val);
} vals SEC(".maps");

// @case alloc_fill_read_drop accept
SEC("tc")
int alloc_fill_read_drop(struct __sk_buff *skb)
{
	struct counter *c = new_obj(struct counter);
	int r;

	if (!c)
		return 0;
	c->hits = 1;
	c->len = skb->len;
	r = c->len + c->hits;
	drop_obj(c);
	return r & 1;
}

// @case alloc_not_dropped reject EINVAL "Unreleased reference"
SEC("tc")
int alloc_not_dropped(struct __sk_buff *skb)
{
	struct counter *c = new_obj(struct counter);

	if (!c)
		return 0;
	c->len = skb->len;
	return 0;
}

// @case alloc_dropped_on_one_path reject EINVAL "Unreleased reference"
SEC("tc")
int alloc_dropped_on_one_path(struct __sk_buff *skb)
{
	struct counter *c = new_obj(struct counter);

	if (!c)
		return 0;
	if (skb->len > 100)
		return 1;
	drop_obj(c);
	return 0;
}

// @case alloc_no_null_check reject EACCES "R0 invalid mem access 'ptr_or_null_'"
SEC("tc")
int alloc_no_null_check(struct __sk_buff *skb)
{
	struct counter *c = new_obj(struct counter);

	c->len = skb->len;
	drop_obj(c);
	return 0;
}

// @case alloc_use_after_drop reject EACCES "invalid mem access 'scalar'"
SEC("tc")
int alloc_use_after_drop(struct __sk_buff *skb)
{
	struct counter *c = new_obj(struct counter);

	if (!c)
		return 0;
	drop_obj(c);
	return c->len;
}

// @case alloc_read_beyond reject EACCES "access beyond struct"
SEC("tc")
int alloc_read_beyond(struct __sk_buff *skb)
{
	struct counter *c = new_obj(struct counter);
	int r;

	if (!c)
		return 0;
	r = *(__u32 *)((char *)c + sizeof(*c));
	drop_obj(c);
	return r;
}

// @case alloc_variable_offset reject EACCES "invalid variable offset"
SEC("tc")
int alloc_variable_offset(struct __sk_buff *skb)
{
	struct counter *c = new_obj(struct counter);
	int r;

	if (!c)
		return 0;
	r = *((char *)c + (skb->len & 7));
	drop_obj(c);
	return r;
}

// @case alloc_touch_list_node reject EACCES "direct access to bpf_list_node is disallowed"
SEC("tc")
int alloc_touch_list_node(struct __sk_buff *skb)
{
	struct entry *e = new_obj(struct entry);

	if (!e)
		return 0;
	e->key = 1;
	e->node.__opaque[0] = 0;
	drop_obj(e);
	return 0;
}

// @case alloc_fields_around_list_node accept
SEC("tc")
int alloc_fields_around_list_node(struct __sk_buff *skb)
{
	struct entry *e = new_obj(struct entry);

	if (!e)
		return 0;
	e->key = 1;
	e->value = skb->len;
	drop_obj(e);
	return 0;
}

// @case alloc_pointer_field_read accept
SEC("tc")
int alloc_pointer_field_read(struct __sk_buff *skb)
{
	struct holder *h = new_obj(struct holder);
	struct counter *n;

	if (!h)
		return 0;
	h->n = 2;
	n = h->next;
	drop_obj(h);
	return n != 0;
}

// @case alloc_double_drop reject EINVAL "R1 must be referenced or trusted"
SEC("tc")
int alloc_double_drop(struct __sk_buff *skb)
{
	struct counter *c = new_obj(struct counter);

	if (!c)
		return 0;
	drop_obj(c);
	drop_obj(c);
	return 0;
}

// @case alloc_drop_maybe_null reject EACCES "Possibly NULL pointer passed to trusted arg0"
SEC("tc")
int alloc_drop_maybe_null(struct __sk_buff *skb)
{
	struct counter *c = new_obj(struct counter);

	drop_obj(c);
	return 0;
}

// @case alloc_drop_inner_pointer reject EINVAL "must have zero offset"
SEC("tc")
int alloc_drop_inner_pointer(struct __sk_buff *skb)
{
	struct counter *c = new_obj(struct counter);

	if (!c)
		return 0;
	drop_obj(&c->len);
	return 0;
}

// @case alloc_drop_map_value reject EINVAL "R1 must be referenced or trusted"
SEC("tc")
int alloc_drop_map_value(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);

	if (!v)
		return 0;
	drop_obj(v);
	return 0;
}

// @case alloc_int_type reject EINVAL "bpf_obj_new/bpf_percpu_obj_new type ID argument must be of a struct"
SEC("tc")
int alloc_int_type(struct __sk_buff *skb)
{
	__u64 *p = new_obj(__u64);

	if (!p)
		return 0;
	drop_obj(p);
	return 0;
}

// @case alloc_under_spin_lock reject EINVAL "function calls are not allowed while holding a lock"
SEC("tc")
int alloc_under_spin_lock(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);
	struct counter *c;

	if (!v)
		return 0;
	bpf_spin_lock(&v->lock);
	c = new_obj(struct counter);
	bpf_spin_unlock(&v->lock);
	if (c)
		drop_obj(c);
	return 0;
}

// @case alloc_atomic_add accept
SEC("tc")
int alloc_atomic_add(struct __sk_buff *skb)
{
	struct counter *c = new_obj(struct counter);

	if (!c)
		return 0;
	c->hits = 0;
	__sync_fetch_and_add(&c->hits, 1);
	drop_obj(c);
	return 0;
}
