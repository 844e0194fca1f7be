// Looking into a list or tree without taking anything off it: bpf_list_front/back and
// bpf_rbtree_root/left/right give pointers to nodes that stay in the list or tree (non-owning:
// usable until the lock is released), or NULL.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;
struct bpf_list_head { __u64 __opaque[2]; } __attribute__((aligned(8)));
struct bpf_list_node { __u64 __opaque[3]; } __attribute__((aligned(8)));
struct bpf_rb_root { __u64 __opaque[2]; } __attribute__((aligned(8)));
struct bpf_rb_node { __u64 __opaque[4]; } __attribute__((aligned(8)));
extern int bpf_list_push_back_impl(struct bpf_list_head *head, struct bpf_list_node *node, void *meta, __u64 off) __ksym;
extern struct bpf_list_node *bpf_list_front(struct bpf_list_head *head) __ksym;
extern struct bpf_list_node *bpf_list_back(struct bpf_list_head *head) __ksym;
extern struct bpf_rb_node *bpf_rbtree_root(struct bpf_rb_root *root) __ksym;
extern struct bpf_rb_node *bpf_rbtree_left(struct bpf_rb_root *root, struct bpf_rb_node *node) __ksym;
extern struct bpf_rb_node *bpf_rbtree_right(struct bpf_rb_root *root, struct bpf_rb_node *node) __ksym;
extern struct bpf_rb_node *bpf_rbtree_remove(struct bpf_rb_root *root, struct bpf_rb_node *node) __ksym;
extern int bpf_rbtree_add_impl(struct bpf_rb_root *root, struct bpf_rb_node *node,
			       _Bool (less)(struct bpf_rb_node *a, const struct bpf_rb_node *b),
			       void *meta, __u64 off) __ksym;

#define new_obj(T) ((T *)bpf_obj_new_impl(__builtin_btf_type_id(*(T *)0, 0), 0))
#define drop_obj(p) bpf_obj_drop_impl(p, 0)
#define contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))
#define private(name) SEC(".data." #name) __attribute__((visibility("hidden"), aligned(8)))
#define job_of(n) ((struct job *)((char *)(n) - __builtin_offsetof(struct job, link)))
#define slot_of(n) ((struct slot *)((char *)(n) - __builtin_offsetof(struct slot, rb)))

struct job { __u64 prio; struct bpf_list_node link; };
struct slot { __u64 key; struct bpf_rb_node rb; __u64 hits; };

private(L) struct bpf_spin_lock jobs_lock;
private(L) struct bpf_list_head jobs contains(job, link);
private(T) struct bpf_spin_lock slots_lock;
private(T) struct bpf_rb_root slots contains(slot, rb);

// @case list_front_and_back_read accept
SEC("tc")
int list_front_and_back_read(struct __sk_buff *skb)
{
	struct bpf_list_node *f, *b;
	__u64 sum = 0;

	bpf_spin_lock(&jobs_lock);
	f = bpf_list_front(&jobs);
	b = bpf_list_back(&jobs);
	if (f)
		sum += job_of(f)->prio;
	if (b)
		job_of(b)->prio = skb->len;
	bpf_spin_unlock(&jobs_lock);
	return sum & 1;
}

// @case list_front_after_push accept
SEC("tc")
int list_front_after_push(struct __sk_buff *skb)
{
	struct job *j = new_obj(struct job);
	struct bpf_list_node *f;
	int r = 0;

	if (!j)
		return 0;
	bpf_spin_lock(&jobs_lock);
	bpf_list_push_back_impl(&jobs, &j->link, 0, 0);
	f = bpf_list_front(&jobs);
	if (f)
		r = job_of(f)->prio & 1;
	bpf_spin_unlock(&jobs_lock);
	return r;
}

// @case list_front_unchecked reject EACCES "invalid mem access"
SEC("tc")
int list_front_unchecked(struct __sk_buff *skb)
{
	struct bpf_list_node *f;
	int r;

	bpf_spin_lock(&jobs_lock);
	f = bpf_list_front(&jobs);
	r = job_of(f)->prio & 1;
	bpf_spin_unlock(&jobs_lock);
	return r;
}

// @case list_back_after_unlock reject EACCES "invalid mem access 'scalar'"
SEC("tc")
int list_back_after_unlock(struct __sk_buff *skb)
{
	struct bpf_list_node *b;

	bpf_spin_lock(&jobs_lock);
	b = bpf_list_back(&jobs);
	bpf_spin_unlock(&jobs_lock);
	if (!b)
		return 0;
	return job_of(b)->prio & 1;
}

// @case list_front_without_lock reject EINVAL "bpf_spin_lock at off=0 must be held for bpf_list_head"
SEC("tc")
int list_front_without_lock(struct __sk_buff *skb)
{
	return bpf_list_front(&jobs) != 0;
}

static _Bool slot_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return slot_of(a)->key < slot_of(b)->key;
}

// @case tree_add_then_root accept
SEC("tc")
int tree_add_then_root(struct __sk_buff *skb)
{
	struct slot *s = new_obj(struct slot);
	struct bpf_rb_node *n;
	int r = 0;

	if (!s)
		return 0;
	s->key = skb->len;
	bpf_spin_lock(&slots_lock);
	bpf_rbtree_add_impl(&slots, &s->rb, slot_less, 0, 0);
	n = bpf_rbtree_root(&slots);
	if (n)
		r = slot_of(n)->key & 1;
	bpf_spin_unlock(&slots_lock);
	return r;
}

// @case tree_walk_from_root accept
SEC("tc")
int tree_walk_from_root(struct __sk_buff *skb)
{
	struct bpf_rb_node *n, *l, *r;
	struct slot *s;
	__u64 key = 0;

	bpf_spin_lock(&slots_lock);
	n = bpf_rbtree_root(&slots);
	if (!n)
		goto out;
	l = bpf_rbtree_left(&slots, n);
	r = bpf_rbtree_right(&slots, n);
	if (l)
		key += slot_of(l)->key;
	if (r) {
		s = slot_of(r);
		s->hits = skb->len;
		n = bpf_rbtree_remove(&slots, r);
		if (n) {
			bpf_spin_unlock(&slots_lock);
			drop_obj(slot_of(n));
			return 0;
		}
	}
out:
	bpf_spin_unlock(&slots_lock);
	return key & 1;
}

// @case tree_left_of_unchecked reject EACCES "Possibly NULL pointer passed to trusted arg1"
SEC("tc")
int tree_left_of_unchecked(struct __sk_buff *skb)
{
	struct bpf_rb_node *n, *l;
	int r = 0;

	bpf_spin_lock(&slots_lock);
	n = bpf_rbtree_root(&slots);
	l = bpf_rbtree_left(&slots, n);
	if (l)
		r = slot_of(l)->key & 1;
	bpf_spin_unlock(&slots_lock);
	return r;
}

// @case tree_right_after_unlock reject EINVAL "bpf_rbtree_right can only take non-owning or refcounted bpf_rb_node pointer"
SEC("tc")
int tree_right_after_unlock(struct __sk_buff *skb)
{
	struct bpf_rb_node *n, *r;
	int k = 0;

	bpf_spin_lock(&slots_lock);
	n = bpf_rbtree_root(&slots);
	bpf_spin_unlock(&slots_lock);
	if (!n)
		return 0;
	bpf_spin_lock(&slots_lock);
	r = bpf_rbtree_right(&slots, n);
	if (r)
		k = slot_of(r)->key & 1;
	bpf_spin_unlock(&slots_lock);
	return k;
}

// @case tree_root_result_dropped reject EINVAL "R1 must be referenced or trusted"
SEC("tc")
int tree_root_result_dropped(struct __sk_buff *skb)
{
	struct bpf_rb_node *n;

	bpf_spin_lock(&slots_lock);
	n = bpf_rbtree_root(&slots);
	bpf_spin_unlock(&slots_lock);
	if (n)
		drop_obj(slot_of(n));
	return 0;
}
