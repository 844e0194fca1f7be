// Lists of objects from bpf_obj_new, with their head in a map value beside the lock that
// guards it: pushing gives the object to the list, popping takes one back.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;
struct bpf_list_head { __u64 __opaque[2]; } __attribute__((aligned(8)));
struct bpf_list_node { __u64 __opaque[3]; } __attribute__((aligned(8)));
extern int bpf_list_push_front_impl(struct bpf_list_head *head, struct bpf_list_node *node, void *meta, __u64 off) __ksym;
extern int bpf_list_push_back_impl(struct bpf_list_head *head, struct bpf_list_node *node, void *meta, __u64 off) __ksym;
extern struct bpf_list_node *bpf_list_pop_front(struct bpf_list_head *head) __ksym;
extern struct bpf_list_node *bpf_list_pop_back(struct bpf_list_head *head) __ksym;

#define new_obj(T) ((T *)bpf_obj_new_impl(__builtin_btf_type_id(*(T *)0, 0), 0))
#define drop_obj(p) bpf_obj_drop_impl(p, 0)
#define push_front(h, n) bpf_list_push_front_impl(h, n, 0, 0)
#define push_back(h, n) bpf_list_push_back_impl(h, n, 0, 0)
#define contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))

struct item { __u64 key; struct bpf_list_node link; __u64 value; };
struct other { struct bpf_list_node link; __u64 key; };

struct bucket {
	struct bpf_spin_lock lock;
	struct bpf_list_head items contains(item, link);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct bucket);
} buckets SEC(".maps");

static struct bucket *bucket_of(struct __sk_buff *skb)
{
	__u32 key = skb->len & 3;

	return bpf_map_lookup_elem(&buckets, &key);
}

// @case list_push_then_pop accept
SEC("tc")
int list_push_then_pop(struct __sk_buff *skb)
{
	struct bucket *b = bucket_of(skb);
	struct bpf_list_node *n;
	struct item *it;

	if (!b)
		return 0;
	it = new_obj(struct item);
	if (!it)
		return 0;
	it->key = skb->len;
	bpf_spin_lock(&b->lock);
	push_back(&b->items, &it->link);
	n = bpf_list_pop_front(&b->items);
	bpf_spin_unlock(&b->lock);
	if (!n)
		return 0;
	it = (struct item *)((char *)n - __builtin_offsetof(struct item, link));
	it->value = 1;
	drop_obj(it);
	return 0;
}

// @case list_push_without_lock reject EINVAL "bpf_spin_lock at off=0 must be held for bpf_list_head"
SEC("tc")
int list_push_without_lock(struct __sk_buff *skb)
{
	struct bucket *b = bucket_of(skb);
	struct item *it;

	if (!b)
		return 0;
	it = new_obj(struct item);
	if (!it)
		return 0;
	push_front(&b->items, &it->link);
	return 0;
}

// @case list_pop_not_dropped reject EINVAL "Unreleased reference"
SEC("tc")
int list_pop_not_dropped(struct __sk_buff *skb)
{
	struct bucket *b = bucket_of(skb);
	struct bpf_list_node *n;

	if (!b)
		return 0;
	bpf_spin_lock(&b->lock);
	n = bpf_list_pop_back(&b->items);
	bpf_spin_unlock(&b->lock);
	return n != 0;
}

// @case list_node_used_after_unlock reject EACCES "invalid mem access 'scalar'"
SEC("tc")
int list_node_used_after_unlock(struct __sk_buff *skb)
{
	struct bucket *b = bucket_of(skb);
	struct item *it;

	if (!b)
		return 0;
	it = new_obj(struct item);
	if (!it)
		return 0;
	bpf_spin_lock(&b->lock);
	push_back(&b->items, &it->link);
	bpf_spin_unlock(&b->lock);
	it->value = 2;
	return 0;
}

// @case list_node_written_under_lock accept
SEC("tc")
int list_node_written_under_lock(struct __sk_buff *skb)
{
	struct bucket *b = bucket_of(skb);
	struct item *it;

	if (!b)
		return 0;
	it = new_obj(struct item);
	if (!it)
		return 0;
	bpf_spin_lock(&b->lock);
	push_back(&b->items, &it->link);
	it->value = 2;
	bpf_spin_unlock(&b->lock);
	return 0;
}

// @case list_push_twice reject EINVAL "arg#1 expected pointer to allocated object"
SEC("tc")
int list_push_twice(struct __sk_buff *skb)
{
	struct bucket *b = bucket_of(skb);
	struct item *it;

	if (!b)
		return 0;
	it = new_obj(struct item);
	if (!it)
		return 0;
	bpf_spin_lock(&b->lock);
	push_back(&b->items, &it->link);
	push_front(&b->items, &it->link);
	bpf_spin_unlock(&b->lock);
	return 0;
}

// @case list_push_wrong_type reject EINVAL "operation on bpf_list_head expects arg#1 bpf_list_node at offset=8 in struct item, but arg is at offset=0 in struct other"
SEC("tc")
int list_push_wrong_type(struct __sk_buff *skb)
{
	struct bucket *b = bucket_of(skb);
	struct other *o;

	if (!b)
		return 0;
	o = new_obj(struct other);
	if (!o)
		return 0;
	bpf_spin_lock(&b->lock);
	push_back(&b->items, &o->link);
	bpf_spin_unlock(&b->lock);
	return 0;
}

// @case list_push_wrong_field reject EINVAL "bpf_list_node not found at offset=32"
SEC("tc")
int list_push_wrong_field(struct __sk_buff *skb)
{
	struct bucket *b = bucket_of(skb);
	struct item *it;

	if (!b)
		return 0;
	it = new_obj(struct item);
	if (!it)
		return 0;
	bpf_spin_lock(&b->lock);
	push_back(&b->items, (struct bpf_list_node *)&it->value);
	bpf_spin_unlock(&b->lock);
	return 0;
}

// @case list_drop_under_lock reject EINVAL "function calls are not allowed while holding a lock"
SEC("tc")
int list_drop_under_lock(struct __sk_buff *skb)
{
	struct bucket *b = bucket_of(skb);
	struct bpf_list_node *n;

	if (!b)
		return 0;
	bpf_spin_lock(&b->lock);
	n = bpf_list_pop_front(&b->items);
	if (n)
		drop_obj((char *)n - __builtin_offsetof(struct item, link));
	bpf_spin_unlock(&b->lock);
	return 0;
}

// @case list_head_read_directly reject EACCES "bpf_list_head cannot be accessed directly by load/store"
SEC("tc")
int list_head_read_directly(struct __sk_buff *skb)
{
	struct bucket *b = bucket_of(skb);

	if (!b)
		return 0;
	return b->items.__opaque[0] != 0;
}

// @case list_push_after_drop reject EINVAL "arg#1 expected pointer to allocated object"
SEC("tc")
int list_push_after_drop(struct __sk_buff *skb)
{
	struct bucket *b = bucket_of(skb);
	struct item *it;

	if (!b)
		return 0;
	it = new_obj(struct item);
	if (!it)
		return 0;
	drop_obj(it);
	bpf_spin_lock(&b->lock);
	push_back(&b->items, &it->link);
	bpf_spin_unlock(&b->lock);
	return 0;
}

// A list head in global data, guarded by a lock in the same section (libbpf makes each
// `.data.NAME` section a map whose value is the section).
#define private(name) SEC(".data." #name) __attribute__((visibility("hidden"), aligned(8)))

private(L) struct bpf_spin_lock glock;
private(L) struct bpf_list_head glist contains(item, link);
private(M) struct bpf_spin_lock other_lock;

// @case global_list_push_then_pop accept
SEC("tc")
int global_list_push_then_pop(struct __sk_buff *skb)
{
	struct bpf_list_node *n;
	struct item *it = new_obj(struct item);

	if (!it)
		return 0;
	bpf_spin_lock(&glock);
	push_front(&glist, &it->link);
	n = bpf_list_pop_back(&glist);
	bpf_spin_unlock(&glock);
	if (n)
		drop_obj((char *)n - __builtin_offsetof(struct item, link));
	return 0;
}

// @case global_list_other_lock reject EINVAL "held lock and object are not in the same allocation"
SEC("tc")
int global_list_other_lock(struct __sk_buff *skb)
{
	struct item *it = new_obj(struct item);

	if (!it)
		return 0;
	bpf_spin_lock(&other_lock);
	push_front(&glist, &it->link);
	bpf_spin_unlock(&other_lock);
	return 0;
}

// @case global_list_head_written reject EACCES "bpf_list_head cannot be accessed directly by load/store"
SEC("tc")
int global_list_head_written(struct __sk_buff *skb)
{
	glist.__opaque[1] = 0;
	return 0;
}

// A list inside an allocated object, guarded by that object's own lock.
struct shelf {
	struct bpf_spin_lock lock;
	struct bpf_list_head items contains(item, link);
	__u64 count;
};

// @case object_list_under_own_lock accept
SEC("tc")
int object_list_under_own_lock(struct __sk_buff *skb)
{
	struct shelf *s = new_obj(struct shelf);
	struct item *it;

	if (!s)
		return 0;
	it = new_obj(struct item);
	if (!it) {
		drop_obj(s);
		return 0;
	}
	bpf_spin_lock(&s->lock);
	push_back(&s->items, &it->link);
	s->count = 1;
	bpf_spin_unlock(&s->lock);
	drop_obj(s);
	return 0;
}

// @case object_list_under_other_lock reject EINVAL "held lock and object are not in the same allocation"
SEC("tc")
int object_list_under_other_lock(struct __sk_buff *skb)
{
	struct shelf *s = new_obj(struct shelf), *t;
	struct item *it;

	if (!s)
		return 0;
	t = new_obj(struct shelf);
	if (!t) {
		drop_obj(s);
		return 0;
	}
	it = new_obj(struct item);
	if (!it) {
		drop_obj(s);
		drop_obj(t);
		return 0;
	}
	bpf_spin_lock(&t->lock);
	push_back(&s->items, &it->link);
	bpf_spin_unlock(&t->lock);
	drop_obj(s);
	drop_obj(t);
	return 0;
}

// @case object_lock_read_directly reject EACCES "direct access to bpf_spin_lock is disallowed"
SEC("tc")
int object_lock_read_directly(struct __sk_buff *skb)
{
	struct shelf *s = new_obj(struct shelf);
	int r;

	if (!s)
		return 0;
	r = *(int *)&s->lock;
	drop_obj(s);
	return r;
}
