// Red-black trees of objects from bpf_obj_new: adding gives the object to the tree (the kernel
// orders it with the program's less() callback), bpf_rbtree_first and bpf_rbtree_remove take it
// back, all under the lock beside the root.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;
struct bpf_rb_root { __u64 __opaque[2]; } __attribute__((aligned(8)));
struct bpf_rb_node { __u64 __opaque[4]; } __attribute__((aligned(8)));
extern int bpf_rbtree_add_impl(struct bpf_rb_root *root, struct bpf_rb_node *node,
			       _Bool (less)(struct bpf_rb_node *a, const struct bpf_rb_node *b),
			       void *meta, __u64 off) __ksym;
extern struct bpf_rb_node *bpf_rbtree_first(struct bpf_rb_root *root) __ksym;
extern struct bpf_rb_node *bpf_rbtree_remove(struct bpf_rb_root *root, struct bpf_rb_node *node) __ksym;

#define new_obj(T) ((T *)bpf_obj_new_impl(__builtin_btf_type_id(*(T *)0, 0), 0))
#define drop_obj(p) bpf_obj_drop_impl(p, 0)
#define contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))
#define private(name) SEC(".data." #name) __attribute__((visibility("hidden"), aligned(8)))
#define entry_of(n) ((struct entry *)((char *)(n) - __builtin_offsetof(struct entry, rb)))

struct entry { __u64 key; struct bpf_rb_node rb; __u64 value; };

private(T) struct bpf_spin_lock tree_lock;
private(T) struct bpf_rb_root tree contains(entry, rb);

static _Bool entry_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return entry_of(a)->key < entry_of(b)->key;
}

// @case tree_add_then_remove_first accept
SEC("tc")
int tree_add_then_remove_first(struct __sk_buff *skb)
{
	struct entry *e = new_obj(struct entry);
	struct bpf_rb_node *n;

	if (!e)
		return 0;
	e->key = skb->len;
	bpf_spin_lock(&tree_lock);
	bpf_rbtree_add_impl(&tree, &e->rb, entry_less, 0, 0);
	n = bpf_rbtree_first(&tree);
	if (!n) {
		bpf_spin_unlock(&tree_lock);
		return 0;
	}
	n = bpf_rbtree_remove(&tree, n);
	bpf_spin_unlock(&tree_lock);
	if (!n)
		return 0;
	e = entry_of(n);
	e->value = 1;
	drop_obj(e);
	return 0;
}

// @case tree_add_without_lock reject EINVAL "bpf_spin_lock at off=0 must be held for bpf_rb_root"
SEC("tc")
int tree_add_without_lock(struct __sk_buff *skb)
{
	struct entry *e = new_obj(struct entry);

	if (!e)
		return 0;
	bpf_rbtree_add_impl(&tree, &e->rb, entry_less, 0, 0);
	return 0;
}

// @case tree_removed_not_dropped reject EINVAL "Unreleased reference"
SEC("tc")
int tree_removed_not_dropped(struct __sk_buff *skb)
{
	struct bpf_rb_node *n;

	bpf_spin_lock(&tree_lock);
	n = bpf_rbtree_first(&tree);
	if (n)
		n = bpf_rbtree_remove(&tree, n);
	bpf_spin_unlock(&tree_lock);
	return n != 0;
}

// @case tree_remove_owned accept
SEC("tc")
int tree_remove_owned(struct __sk_buff *skb)
{
	struct entry *e = new_obj(struct entry);
	struct bpf_rb_node *n;

	if (!e)
		return 0;
	bpf_spin_lock(&tree_lock);
	n = bpf_rbtree_remove(&tree, &e->rb);
	bpf_spin_unlock(&tree_lock);
	if (n)
		drop_obj(entry_of(n));
	drop_obj(e);
	return 0;
}

// @case tree_first_used_after_unlock reject EACCES "invalid mem access 'scalar'"
SEC("tc")
int tree_first_used_after_unlock(struct __sk_buff *skb)
{
	struct bpf_rb_node *n;

	bpf_spin_lock(&tree_lock);
	n = bpf_rbtree_first(&tree);
	bpf_spin_unlock(&tree_lock);
	if (!n)
		return 0;
	return entry_of(n)->key;
}

// @case tree_first_read_under_lock accept
SEC("tc")
int tree_first_read_under_lock(struct __sk_buff *skb)
{
	struct bpf_rb_node *n;
	__u64 k = 0;

	bpf_spin_lock(&tree_lock);
	n = bpf_rbtree_first(&tree);
	if (n)
		k = entry_of(n)->key;
	bpf_spin_unlock(&tree_lock);
	return k & 1;
}

// @case tree_remove_after_unlock reject EINVAL "bpf_rbtree_remove can only take non-owning or refcounted bpf_rb_node pointer"
SEC("tc")
int tree_remove_after_unlock(struct __sk_buff *skb)
{
	struct bpf_rb_node *n;

	bpf_spin_lock(&tree_lock);
	n = bpf_rbtree_first(&tree);
	bpf_spin_unlock(&tree_lock);
	if (!n)
		return 0;
	bpf_spin_lock(&tree_lock);
	n = bpf_rbtree_remove(&tree, n);
	bpf_spin_unlock(&tree_lock);
	if (n)
		drop_obj(entry_of(n));
	return 0;
}

// @case tree_add_unchecked reject EACCES "R6 pointer arithmetic on ptr_or_null_ prohibited, null-check it first"
SEC("tc")
int tree_add_unchecked(struct __sk_buff *skb)
{
	struct entry *e = new_obj(struct entry);

	bpf_spin_lock(&tree_lock);
	bpf_rbtree_add_impl(&tree, &e->rb, entry_less, 0, 0);
	bpf_spin_unlock(&tree_lock);
	return 0;
}
