// Objects of the program's own structs kept in a map value's __kptr field (a local kptr):
// bpf_kptr_xchg gives an owned object to the map and takes back the one the field held, which
// the program then owns (or NULL).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;
extern void *bpf_refcount_acquire_impl(void *kptr, void *meta) __ksym;
struct bpf_rb_root { __u64 __opaque[2]; } __attribute__((aligned(8)));
struct bpf_rb_node { __u64 __opaque[4]; } __attribute__((aligned(8)));
struct bpf_refcount { __u32 __opaque[1]; } __attribute__((aligned(4)));
extern int bpf_rbtree_add_impl(struct bpf_rb_root *root, struct bpf_rb_node *node,
			       _Bool (less)(struct bpf_rb_node *a, const struct bpf_rb_node *b),
			       void *meta, __u64 off) __ksym;

#define new_obj(T) ((T *)bpf_obj_new_impl(__builtin_btf_type_id(*(T *)0, 0), 0))
#define drop_obj(p) bpf_obj_drop_impl(p, 0)
#define ref_acquire(p) ((typeof(p))bpf_refcount_acquire_impl(p, 0))
#define kptr __attribute__((btf_type_tag("kptr")))
#define contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))
#define private(name) SEC(".data." #name) __attribute__((visibility("hidden"), aligned(8)))
#define ticket_of(n) ((struct ticket *)((char *)(n) - __builtin_offsetof(struct ticket, rb)))

struct counter { __u64 hits; __u64 bytes; };
struct ticket { __u64 key; struct bpf_rb_node rb; struct bpf_refcount ref; };
struct other { __u64 hits; __u64 bytes; };

struct slot { __u64 seen; struct counter kptr *c; struct ticket kptr *t; };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct slot);
} slots SEC(".maps");

private(S) struct bpf_spin_lock queue_lock;
private(S) struct bpf_rb_root queue contains(ticket, rb);

static _Bool ticket_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return ticket_of(a)->key < ticket_of(b)->key;
}

// @case stash_new_drop_old accept
SEC("tc")
int stash_new_drop_old(struct __sk_buff *skb)
{
	struct counter *c, *old;
	struct slot *s;
	__u32 key = 0;

	s = bpf_map_lookup_elem(&slots, &key);
	if (!s)
		return 0;
	c = new_obj(struct counter);
	if (!c)
		return 0;
	c->bytes = skb->len;
	old = bpf_kptr_xchg(&s->c, c);
	if (old)
		drop_obj(old);
	return 0;
}

// @case unstash_read_drop accept
SEC("tc")
int unstash_read_drop(struct __sk_buff *skb)
{
	struct counter *c;
	struct slot *s;
	__u32 key = 1;
	int r;

	s = bpf_map_lookup_elem(&slots, &key);
	if (!s)
		return 0;
	c = bpf_kptr_xchg(&s->c, 0);
	if (!c)
		return 0;
	r = c->bytes & 1;
	drop_obj(c);
	return r;
}

// @case stash_refcounted_and_queue accept
SEC("tc")
int stash_refcounted_and_queue(struct __sk_buff *skb)
{
	struct ticket *t, *m;
	struct slot *s;
	__u32 key = 2;

	s = bpf_map_lookup_elem(&slots, &key);
	if (!s)
		return 0;
	t = new_obj(struct ticket);
	if (!t)
		return 0;
	t->key = skb->len;
	m = ref_acquire(t);
	t = bpf_kptr_xchg(&s->t, t);
	if (t) {
		drop_obj(t);
		drop_obj(m);
		return 0;
	}
	bpf_spin_lock(&queue_lock);
	bpf_rbtree_add_impl(&queue, &m->rb, ticket_less, 0, 0);
	bpf_spin_unlock(&queue_lock);
	return 0;
}

// @case unstashed_not_dropped reject EINVAL "Unreleased reference"
SEC("tc")
int unstashed_not_dropped(struct __sk_buff *skb)
{
	struct counter *c;
	struct slot *s;
	__u32 key = 1;

	s = bpf_map_lookup_elem(&slots, &key);
	if (!s)
		return 0;
	c = bpf_kptr_xchg(&s->c, 0);
	if (!c)
		return 0;
	return c->hits & 1;
}

// @case unstashed_unchecked reject EACCES "invalid mem access"
SEC("tc")
int unstashed_unchecked(struct __sk_buff *skb)
{
	struct counter *c;
	struct slot *s;
	__u32 key = 1;

	s = bpf_map_lookup_elem(&slots, &key);
	if (!s)
		return 0;
	c = bpf_kptr_xchg(&s->c, 0);
	c->hits = 1;
	drop_obj(c);
	return 0;
}

// @case stash_other_struct reject EACCES "invalid kptr access"
SEC("tc")
int stash_other_struct(struct __sk_buff *skb)
{
	struct other *o;
	struct counter *old;
	struct slot *s;
	__u32 key = 0;

	s = bpf_map_lookup_elem(&slots, &key);
	if (!s)
		return 0;
	o = new_obj(struct other);
	if (!o)
		return 0;
	old = bpf_kptr_xchg(&s->c, o);
	if (old)
		drop_obj(old);
	return 0;
}

// @case stash_then_use reject EACCES "invalid mem access"
SEC("tc")
int stash_then_use(struct __sk_buff *skb)
{
	struct counter *c, *old;
	struct slot *s;
	__u32 key = 0;

	s = bpf_map_lookup_elem(&slots, &key);
	if (!s)
		return 0;
	c = new_obj(struct counter);
	if (!c)
		return 0;
	old = bpf_kptr_xchg(&s->c, c);
	if (old)
		drop_obj(old);
	c->hits = 2;
	return 0;
}

// @case stash_node_member reject EACCES "invalid kptr access, R2 type=ptr_ticket expected=ptr_ticket"
SEC("tc")
int stash_node_member(struct __sk_buff *skb)
{
	struct ticket *t, *old;
	struct slot *s;
	__u32 key = 2;

	s = bpf_map_lookup_elem(&slots, &key);
	if (!s)
		return 0;
	t = new_obj(struct ticket);
	if (!t)
		return 0;
	old = bpf_kptr_xchg(&s->t, (struct ticket *)&t->rb);
	if (old)
		drop_obj(old);
	return 0;
}
