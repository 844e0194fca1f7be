// Objects with a struct bpf_refcount: bpf_refcount_acquire gives the program one more owned
// reference to such an object, whether it owns it (the new reference is never NULL) or only
// points to it in a tree under the lock (the new reference may be NULL).
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
extern struct bpf_rb_node *bpf_rbtree_first(struct bpf_rb_root *root) __ksym;

#define new_obj(T) ((T *)bpf_obj_new_impl(__builtin_btf_type_id(*(T *)0, 0), 0))
#define drop_obj(p) bpf_obj_drop_impl(p, 0)
#define ref_acquire(p) ((typeof(p))bpf_refcount_acquire_impl(p, 0))
#define tree_add(r, n, less) bpf_rbtree_add_impl(r, n, less, 0, 0)
#define contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))
#define private(name) SEC(".data." #name) __attribute__((visibility("hidden"), aligned(8)))
#define shared_of(n) ((struct shared *)((char *)(n) - __builtin_offsetof(struct shared, rb)))

struct shared { __u64 key; struct bpf_rb_node rb; struct bpf_refcount ref; __u64 value; };
struct plain { __u64 key; __u64 value; };
struct unshared { __u64 key; struct bpf_rb_node rb; };

private(R) struct bpf_spin_lock tree_lock;
private(R) struct bpf_rb_root tree contains(shared, rb);

static _Bool shared_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return shared_of(a)->key < shared_of(b)->key;
}

// @case refcount_owned_never_null accept
SEC("tc")
int refcount_owned_never_null(struct __sk_buff *skb)
{
	struct shared *s = new_obj(struct shared);
	struct shared *t;

	if (!s)
		return 0;
	t = ref_acquire(s);
	t->value = skb->len;
	drop_obj(t);
	drop_obj(s);
	return 0;
}

// @case refcount_keep_after_add accept
SEC("tc")
int refcount_keep_after_add(struct __sk_buff *skb)
{
	struct shared *s = new_obj(struct shared);
	struct shared *t;

	if (!s)
		return 0;
	s->key = skb->len;
	bpf_spin_lock(&tree_lock);
	tree_add(&tree, &s->rb, shared_less);
	t = ref_acquire(s);
	bpf_spin_unlock(&tree_lock);
	if (!t)
		return 0;
	t->value = 2;
	drop_obj(t);
	return 0;
}

// @case refcount_of_first_readd accept
SEC("tc")
int refcount_of_first_readd(struct __sk_buff *skb)
{
	struct bpf_rb_node *n;
	struct shared *t;

	bpf_spin_lock(&tree_lock);
	n = bpf_rbtree_first(&tree);
	if (!n) {
		bpf_spin_unlock(&tree_lock);
		return 0;
	}
	t = ref_acquire(shared_of(n));
	if (t)
		tree_add(&tree, &t->rb, shared_less);
	bpf_spin_unlock(&tree_lock);
	return 0;
}

// @case refcount_acquired_not_released reject EINVAL "Unreleased reference"
SEC("tc")
int refcount_acquired_not_released(struct __sk_buff *skb)
{
	struct shared *s = new_obj(struct shared);
	struct shared *t;

	if (!s)
		return 0;
	t = ref_acquire(s);
	t->value = 1;
	drop_obj(s);
	return 0;
}

// @case refcount_non_owning_unchecked reject EACCES "invalid mem access"
SEC("tc")
int refcount_non_owning_unchecked(struct __sk_buff *skb)
{
	struct shared *s = new_obj(struct shared);
	struct shared *t;

	if (!s)
		return 0;
	bpf_spin_lock(&tree_lock);
	tree_add(&tree, &s->rb, shared_less);
	t = ref_acquire(s);
	bpf_spin_unlock(&tree_lock);
	t->value = 2;
	drop_obj(t);
	return 0;
}

// @case refcount_of_maybe_null reject EACCES "Possibly NULL pointer passed to trusted"
SEC("tc")
int refcount_of_maybe_null(struct __sk_buff *skb)
{
	struct shared *s = new_obj(struct shared);
	struct shared *t = ref_acquire(s);

	if (t)
		drop_obj(t);
	if (s)
		drop_obj(s);
	return 0;
}

// @case refcount_of_context reject EINVAL "is neither owning or non-owning ref"
SEC("tc")
int refcount_of_context(struct __sk_buff *skb)
{
	return bpf_refcount_acquire_impl(skb, 0) != 0;
}

// @case refcount_of_plain_struct reject EFAULT "Couldn't find btf_record"
SEC("tc")
int refcount_of_plain_struct(struct __sk_buff *skb)
{
	struct plain *p = new_obj(struct plain);
	struct plain *q;

	if (!p)
		return 0;
	q = ref_acquire(p);
	if (q)
		drop_obj(q);
	drop_obj(p);
	return 0;
}

// @case refcount_without_field reject EINVAL "doesn't point to a type with bpf_refcount field"
SEC("tc")
int refcount_without_field(struct __sk_buff *skb)
{
	struct unshared *u = new_obj(struct unshared);
	struct unshared *v;

	if (!u)
		return 0;
	v = ref_acquire(u);
	if (v)
		drop_obj(v);
	drop_obj(u);
	return 0;
}

// @case refcount_of_node_member reject EACCES "dereference of modified ptr_ ptr R1"
SEC("tc")
int refcount_of_node_member(struct __sk_buff *skb)
{
	struct shared *s = new_obj(struct shared);
	struct bpf_rb_node *n;

	if (!s)
		return 0;
	n = bpf_refcount_acquire_impl(&s->rb, 0);
	if (n)
		drop_obj(shared_of(n));
	drop_obj(s);
	return 0;
}

// @case refcount_after_unlock reject EINVAL "is neither owning or non-owning ref"
SEC("tc")
int refcount_after_unlock(struct __sk_buff *skb)
{
	struct shared *s = new_obj(struct shared);
	struct shared *t;

	if (!s)
		return 0;
	bpf_spin_lock(&tree_lock);
	tree_add(&tree, &s->rb, shared_less);
	bpf_spin_unlock(&tree_lock);
	t = ref_acquire(s);
	if (t)
		drop_obj(t);
	return 0;
}
