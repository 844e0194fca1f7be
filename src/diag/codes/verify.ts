import type { CodeInfo } from './info.js';

// Codes of the built-in verifier (src/verify/): V1001–V1099. Each rejection the Linux verifier
// would make is reported once, at the C line of the instruction, with the kernel's own message.
// `ebcc verify` reports them as errors. `ebcc build` reports them as warnings of the flag
// bpf-verifier and still writes the object, as clang would: -Werror=bpf-verifier makes them
// errors, -Wno-bpf-verifier silences them.
const E = (name: string, title: string, explanation: string): CodeInfo => ({ name, title, explanation, loaderAdvice: true, clangFlags: ['bpf-verifier'] });

export const verifyCodes = {
  V1001: E('verify-scalar-deref', 'the program dereferences a value that is not a pointer',
    'The verifier tracks which registers hold pointers. A number (a "scalar") cannot be used as\n' +
    'an address, even if it came from a pointer: casting a pointer to an integer and back, or a\n' +
    'pointer the verifier had to forget (after a helper that changes packet data, for example).\n' +
    '\n' +
    'Wrong:\n' +
    '    __u64 addr = (__u64)data;\n' +
    '    __u8 b = *(__u8 *)(addr + 14);     /* R1 invalid mem access \'scalar\' */\n' +
    'Right:\n' +
    '    __u8 *p = data;\n' +
    '    if (p + 15 > data_end) return XDP_PASS;\n' +
    '    __u8 b = p[14];\n' +
    'After bpf_xdp_adjust_head() or bpf_skb_store_bytes(), load data and data_end again.'),
  V1002: E('verify-null-deref', 'a pointer that may be NULL is used before it is checked',
    'bpf_map_lookup_elem() and other helpers return NULL when there is nothing to return. The\n' +
    'kernel refuses any load, store or arithmetic through such a pointer until a comparison\n' +
    'with NULL proves it is not NULL on that path.\n' +
    '\n' +
    'Wrong:\n' +
    '    __u64 *v = bpf_map_lookup_elem(&counts, &key);\n' +
    '    *v += 1;                 /* R0 invalid mem access \'map_value_or_null\' */\n' +
    'Right:\n' +
    '    __u64 *v = bpf_map_lookup_elem(&counts, &key);\n' +
    '    if (!v)\n' +
    '        return XDP_PASS;\n' +
    '    *v += 1;'),
  V1003: E('verify-packet-bounds', 'a packet access is not covered by a comparison with data_end',
    'Every byte read from or written to the packet must be proven to lie before data_end. The\n' +
    'proof is a comparison of a pointer with data_end; it covers the bytes up to that pointer,\n' +
    'for every pointer derived from the same base with the same variable offset.\n' +
    '\n' +
    'Wrong:\n' +
    '    struct ethhdr *eth = data;\n' +
    '    if (eth->h_proto == bpf_htons(ETH_P_IP))   /* invalid access to packet */\n' +
    'Right:\n' +
    '    struct ethhdr *eth = data;\n' +
    '    if ((void *)(eth + 1) > data_end)\n' +
    '        return XDP_PASS;\n' +
    '    if (eth->h_proto == bpf_htons(ETH_P_IP))\n' +
    'Check the end of the whole header you read, after any variable offset was added.'),
  V1004: E('verify-map-value-bounds', 'an access to a map value may fall outside the value',
    'A pointer into a map value may only reach the value_size bytes of the value. With a\n' +
    'variable index, the verifier must know the index\'s range: compare it with the array size\n' +
    '(as an unsigned number) before using it.\n' +
    '\n' +
    'Wrong:\n' +
    '    struct stats *s = bpf_map_lookup_elem(&m, &key);\n' +
    '    if (!s) return 0;\n' +
    '    s->slot[idx] += 1;        /* unbounded memory access */\n' +
    'Right:\n' +
    '    if (idx >= 16)            /* 16 = number of slots; idx unsigned */\n' +
    '        return 0;\n' +
    '    s->slot[idx] += 1;'),
  V1005: E('verify-uninit-register', 'a register is read before anything was written to it',
    'Every register the program reads must hold a value on every path to the read. After a\n' +
    'helper call R1-R5 hold nothing. This is usually an uninitialised variable in C, or an\n' +
    'object from a compiler that assumed a register survives a call.\n' +
    '\n' +
    'Wrong:\n' +
    '    int x;\n' +
    '    if (cond) x = 1;\n' +
    '    return x;                 /* R0 !read_ok on the path where cond is false */\n' +
    'Right:\n' +
    '    int x = 0;\n' +
    '    if (cond) x = 1;\n' +
    '    return x;'),
  V1006: E('verify-r0-at-exit', 'the program can reach its end without a return value',
    'R0 holds the program\'s return value. The kernel refuses the program when some path reaches\n' +
    'the exit instruction with nothing written to R0.\n' +
    '\n' +
    'Wrong (hand-written or inline assembly):\n' +
    '    if r1 == 0 goto out\n' +
    '    r0 = 2\n' +
    'out:\n' +
    '    exit                      /* R0 !read_ok */\n' +
    'Right: set R0 on every path (in C: return a value on every path).'),
  V1007: E('verify-ctx-access', 'a context field is read that this program type may not read, or at a bad offset or size',
    'The context (struct xdp_md, struct __sk_buff, ...) is not memory: the kernel rewrites every\n' +
    'access to it. Only the fields the program type allows may be read, at their offsets, with\n' +
    'the allowed sizes (xdp_md and the data/data_end/data_meta fields: whole 4-byte reads).\n' +
    '\n' +
    'Wrong (a socket filter):\n' +
    '    void *data = (void *)(long)skb->data;     /* invalid bpf_context access */\n' +
    'Right: use bpf_skb_load_bytes() in a socket filter, or attach as tc, where data is readable.'),
  V1008: E('verify-ctx-write', 'the program writes a context field that this program type may not write',
    'Most context fields are read-only. XDP programs may not write any field of struct xdp_md;\n' +
    'tc programs may write mark, priority, tc_index, tc_classid, cb[], queue_mapping and tstamp.\n' +
    '\n' +
    'Wrong (XDP):\n' +
    '    ctx->data = ctx->data + 14;          /* invalid bpf_context access */\n' +
    'Right:\n' +
    '    if (bpf_xdp_adjust_head(ctx, 14))    /* moves the start of the packet */\n' +
    '        return XDP_DROP;'),
  V1009: E('verify-helper-not-allowed', 'the program type may not call this helper',
    'Each program type has its own set of helpers: bpf_skb_store_bytes() works on a socket\n' +
    'buffer (tc), bpf_xdp_adjust_head() on an XDP buffer, bpf_probe_read_kernel() in tracing.\n' +
    '\n' +
    'Wrong (XDP):\n' +
    '    bpf_skb_store_bytes(ctx, 0, &eth, sizeof(eth), 0);  /* cannot use helper */\n' +
    'Right (XDP): write through the packet pointer after a bounds check:\n' +
    '    if ((void *)(eth + 1) > data_end) return XDP_DROP;\n' +
    '    __builtin_memcpy(eth->h_dest, mac, 6);'),
  V1010: E('verify-helper-arg', 'a helper argument has the wrong kind of value',
    'The kernel checks every helper argument against the helper\'s prototype: a map must be a\n' +
    'map loaded directly (&my_map), a key or value pointer must point to initialised memory of\n' +
    'the map\'s key or value size, a context argument must be the unmodified context pointer.\n' +
    '\n' +
    'Wrong:\n' +
    '    __u32 key;\n' +
    '    bpf_map_lookup_elem(&counts, key);     /* R2 type=scalar expected=fp, ... */\n' +
    'Right:\n' +
    '    bpf_map_lookup_elem(&counts, &key);'),
  V1011: E('verify-stack', 'a stack access is out of the 512-byte frame, misaligned, or reads bytes never written',
    'Each function has 512 bytes of stack below the frame pointer. Accesses must stay inside\n' +
    'it, be aligned to their size, and pointers stored there must be stored whole (8 bytes).\n' +
    'Memory a helper reads (a key, a value, a buffer) must have been written first.\n' +
    '\n' +
    'Wrong:\n' +
    '    struct key k;            /* k.pad never written */\n' +
    '    k.addr = ip;\n' +
    '    bpf_map_lookup_elem(&m, &k);\n' +
    'Right:\n' +
    '    struct key k = {};\n' +
    '    k.addr = ip;\n' +
    '    bpf_map_lookup_elem(&m, &k);'),
  V1012: E('verify-return-range', 'the return value may lie outside the range this program type allows',
    'Some program types give the return value a fixed meaning and the kernel checks its range\n' +
    'at the exit: cgroup programs return 0 or 1 (egress cgroup_skb: 0..3), sock_ops 0 or 1.\n' +
    '\n' +
    'Wrong (cgroup_skb/ingress):\n' +
    '    return skb->len;          /* R0 has smin=0 smax=4294967295 should have been in [0, 1] */\n' +
    'Right:\n' +
    '    return skb->len > 1500 ? 0 : 1;'),
  V1013: E('verify-reference-leak', 'an acquired object is not released on some path',
    'Sockets from bpf_sk_lookup_tcp()/bpf_sk_lookup_udp()/bpf_skc_lookup_tcp() must be released\n' +
    'with bpf_sk_release(), and ring buffer records from bpf_ringbuf_reserve() must be submitted\n' +
    'or discarded, on every path before the program exits.\n' +
    '\n' +
    'Wrong:\n' +
    '    struct bpf_sock *sk = bpf_sk_lookup_tcp(ctx, &t, sizeof(t.ipv4), -1, 0);\n' +
    '    if (sk && sk->state == 10) return TC_ACT_SHOT;      /* Unreleased reference */\n' +
    'Right:\n' +
    '    if (sk) { int st = sk->state; bpf_sk_release(sk); if (st == 10) return TC_ACT_SHOT; }'),
  V1014: E('verify-pointer-arith', 'arithmetic the kernel does not allow on this pointer',
    'Only addition and subtraction of numbers are allowed on pointers, in 64 bits, and not on\n' +
    'every kind: no arithmetic on data_end, on a map pointer, or on a pointer that may be NULL.\n' +
    '\n' +
    'Wrong:\n' +
    '    void *end = (void *)(long)ctx->data_end - 4;    /* pointer arithmetic on pkt_end */\n' +
    'Right:\n' +
    '    if (data + 4 > (void *)(long)ctx->data_end) return XDP_PASS;'),
  V1015: E('verify-modified-ctx', 'the context pointer is used after arithmetic on it',
    'Context fields must be read as ctx->field, a constant offset from the unmodified context\n' +
    'pointer, because the kernel rewrites each such access.\n' +
    '\n' +
    'Wrong:\n' +
    '    __u32 *p = (__u32 *)ctx + i;\n' +
    '    __u32 v = *p;             /* dereference of modified ctx ptr */\n' +
    'Right:\n' +
    '    __u32 v = i == 0 ? ctx->data : ctx->data_end;'),
  V1016: E('verify-cfg', 'the control flow is malformed: unreachable code, a jump out of range, or no exit',
    'Before simulating, the kernel checks the control flow graph: every instruction must be\n' +
    'reachable, jumps must land on instructions of the program (not in the middle of an\n' +
    'ld_imm64), and the last instruction must be an exit or a jump. Opcodes must be known and\n' +
    'reserved fields zero.\n' +
    '\n' +
    'Wrong (assembly):\n' +
    '    r0 = 0\n' +
    '    exit\n' +
    '    r0 = 1                    /* unreachable insn 2 */\n' +
    'Right: remove the dead code, or jump to it.'),
  V1017: E('verify-too-complex', 'the verifier would give up: too many instructions or branches to explore',
    'The kernel explores every path, up to 1,000,000 instructions in total and 8192 branches\n' +
    'waiting. Long loops with state that differs every iteration and many independent branches\n' +
    'multiply the paths.\n' +
    '\n' +
    'Wrong:\n' +
    '    for (int i = 0; i < 100000; i++) sum += data[i & 0xff];\n' +
    'Right: bound loops tightly, move work into bpf_loop() callbacks, or split the program with\n' +
    'tail calls.'),
  V1018: E('verify-stack-size', 'the functions of a call chain use more than 512 bytes of stack together',
    'The stack of every function on a call chain counts against one limit of 512 bytes, each\n' +
    'frame rounded up to 16 bytes (with the JIT).\n' +
    '\n' +
    'Wrong:\n' +
    '    static int parse(...) { char buf[400]; ... }\n' +
    '    int prog(...) { char tmp[200]; ... parse(...); }\n' +
    'Right: keep large buffers in a per-CPU array map instead of on the stack.'),
  V1019: E('verify-packet-write', 'this program type may not write packet data',
    'Direct writes to the packet are allowed for XDP, tc, lwt_xmit, sk_skb and sk_msg programs.\n' +
    'cgroup_skb, lwt_in/out, flow_dissector and socket filters may only read.\n' +
    '\n' +
    'Wrong (cgroup_skb):\n' +
    '    iph->ttl--;               /* cannot write into packet */\n' +
    'Right: attach as tc (SEC("tc")), where the packet may be changed.'),
  V1020: E('verify-helper-size', 'a helper size argument is not bounded, or may be zero or negative',
    'When a helper takes a pointer and a size, the kernel checks the memory for the largest size\n' +
    'the size register may hold. The size must be bounded from above (and may not be zero for\n' +
    'most helpers, nor negative).\n' +
    '\n' +
    'Wrong:\n' +
    '    bpf_skb_load_bytes(skb, 0, buf, len);           /* unbounded memory access */\n' +
    'Right:\n' +
    '    if (len == 0 || len > sizeof(buf)) return 0;\n' +
    '    bpf_skb_load_bytes(skb, 0, buf, len);'),
  V1021: E('verify-unknown-helper', 'the call names a helper the kernel does not have',
    'A helper call carries the helper\'s number. This number is not a helper of Linux 6.18.\n' +
    '\n' +
    'Wrong (assembly):\n' +
    '    call 999\n' +
    'Right:\n' +
    '    call bpf_ktime_get_ns'),
  V1022: E('verify-gpl-only', 'a GPL-only helper is called from a program that is not GPL',
    'Some helpers (bpf_trace_printk, bpf_probe_read_kernel, bpf_perf_event_output, ...) are only\n' +
    'offered to programs whose license section names a GPL-compatible license.\n' +
    '\n' +
    'Wrong:\n' +
    '    char LICENSE[] SEC("license") = "Proprietary";\n' +
    'Right:\n' +
    '    char LICENSE[] SEC("license") = "GPL";'),
  V1023: E('verify-packet-var-offset', 'a variable packet offset is not bounded',
    'Adding a variable to a packet pointer gives a pointer with a new identity and no proven\n' +
    'range. To access through it, the variable must be bounded (at most 0xffff) and the new\n' +
    'pointer itself compared with data_end after the addition.\n' +
    '\n' +
    'Wrong:\n' +
    '    __u8 *opt = data + off;                  /* off: any __u32 */\n' +
    '    if (opt + 1 > data_end) return XDP_PASS; /* does not help: off unbounded */\n' +
    '    v = *opt;\n' +
    'Right:\n' +
    '    if (off > 1500) return XDP_PASS;\n' +
    '    __u8 *opt = data + off;\n' +
    '    if (opt + 1 > data_end) return XDP_PASS;\n' +
    '    v = *opt;'),
  V1024: E('verify-infinite-loop', 'a loop can run forever',
    'The kernel simulates loops iteration by iteration. When it reaches a loop head in exactly a\n' +
    'state it has seen before on the same path, the loop cannot end.\n' +
    '\n' +
    'Wrong:\n' +
    '    while (i < n) { }         /* i never changes */\n' +
    'Right:\n' +
    '    for (i = 0; i < n && i < 64; i++) { ... }'),
  V1025: E('verify-bad-instruction', 'an instruction the kernel refuses on its own',
    'Some instructions are refused whatever the state: writes to the frame pointer R10, division\n' +
    'by a zero immediate, shifts by more than the register width, LD_ABS/LD_IND outside socket\n' +
    'filters and tc, or in a subprogram that does not return int (so does a tail call), or in\n' +
    'any subprogram of a program loaded without BTF (`--no-btf`), or calls nested more than 8\n' +
    'frames deep.\n' +
    '\n' +
    'Wrong (assembly):\n' +
    '    r10 = r1                  /* frame pointer is read only */\n' +
    'Right:\n' +
    '    r2 = r10\n' +
    '    r2 += -8'),
  V1026: E('verify-uninit-stack', 'a helper reads stack bytes that were never written',
    'A buffer passed to a helper (a map key or value, data to copy) has bytes the program never\n' +
    'wrote: struct padding, or a field left out. Loaded as root (with CAP_PERFMON) the kernel\n' +
    'accepts it and the helper sees whatever was on the stack, so a hash lookup may miss at\n' +
    'random; without CAP_PERFMON the kernel refuses the program. ebcc warns by default.\n' +
    '\n' +
    'Wrong:\n' +
    '    struct key k;             /* 8 bytes: addr, port, 2 bytes of padding */\n' +
    '    k.addr = ip; k.port = port;\n' +
    '    bpf_map_lookup_elem(&m, &k);\n' +
    'Right:\n' +
    '    struct key k = {};\n' +
    '    k.addr = ip; k.port = port;\n' +
    '    bpf_map_lookup_elem(&m, &k);'),
  V1027: E('verify-spin-lock', 'a bpf_spin_lock rule is broken',
    'A struct bpf_spin_lock in a map value may only be taken with bpf_spin_lock() and released\n' +
    'with bpf_spin_unlock() on the same value. Between the two the program may call no helper\n' +
    'and take no second lock, and it must release the lock before it returns. The lock field\n' +
    'itself may not be read or written, and tracing programs (kprobe, tracepoint, perf_event,\n' +
    'raw_tracepoint) and socket filters may not use a map whose value holds one.\n' +
    '\n' +
    'Wrong:\n' +
    '    bpf_spin_lock(&v->lock);\n' +
    '    v->stamp = bpf_ktime_get_ns();    /* function calls are not allowed while holding a lock */\n' +
    '    bpf_spin_unlock(&v->lock);\n' +
    'Right:\n' +
    '    __u64 now = bpf_ktime_get_ns();\n' +
    '    bpf_spin_lock(&v->lock);\n' +
    '    v->stamp = now;\n' +
    '    bpf_spin_unlock(&v->lock);'),
  V1028: E('verify-kfunc', 'a kernel function (kfunc) call the kernel refuses, or one ebcc cannot judge',
    'Kernel functions declared `extern ... __ksym` are checked against their prototype (from the\n' +
    'object\'s BTF) and their flags (not in BTF: ebcc keeps a table of the kfuncs programs use):\n' +
    'the program type must be one the kfunc is offered to, sleepable kfuncs need a sleepable\n' +
    'program, bpf_rcu_read_lock()/bpf_preempt_disable() must be undone before the exit, and\n' +
    'objects an acquiring kfunc returns must be released. bpf_throw() ends the program as an\n' +
    'exit does: nothing may be held there, and it may not be reached from a callback. ebcc\n' +
    'refuses calls of kfuncs it does not know or whose rules it does not model (dynptrs,\n' +
    'refcounted and per-CPU objects, exception callbacks): it says so in the message,\n' +
    'rather than guess that the kernel accepts.\n' +
    '\n' +
    'Wrong:\n' +
    '    bpf_rcu_read_lock();\n' +
    '    if (!task) return 0;      /* BPF_EXIT ... inside bpf_rcu_read_lock-ed region */\n' +
    '    bpf_rcu_read_unlock();\n' +
    'Right:\n' +
    '    bpf_rcu_read_lock();\n' +
    '    if (task) { ... }\n' +
    '    bpf_rcu_read_unlock();'),
  V1029: E('verify-alloc-object', 'an object from bpf_obj_new is accessed or released the way the kernel refuses',
    'bpf_obj_new(struct NAME) allocates an object of a struct the program defines; the program\n' +
    'owns it until it gives it to bpf_obj_drop() or adds it to a list or tree. A list head or\n' +
    'tree root (in a map value, global data or an object) is used only while the bpf_spin_lock\n' +
    'beside it is held, and holds the struct its __contains(struct, member) tag names; after an\n' +
    'add the program\'s pointer to the object is usable until bpf_spin_unlock(), and never\n' +
    'dropped; a popped or removed object is owned again. Its fields are\n' +
    'read and written at constant offsets, each access within one member and inside the struct;\n' +
    'the fields the kernel manages (struct bpf_list_node, bpf_rb_node, bpf_spin_lock,\n' +
    'bpf_refcount, ...) may not be touched. bpf_obj_drop() takes the pointer bpf_obj_new\n' +
    'returned, NULL-checked and not moved, and only once: after it every copy of the pointer is\n' +
    'dead. The type given to bpf_obj_new must be a struct.\n' +
    '\n' +
    'Wrong:\n' +
    '    struct elem *e = bpf_obj_new(typeof(*e));\n' +
    '    if (!e) return 0;\n' +
    '    bpf_obj_drop(e);\n' +
    '    bpf_obj_drop(e);          /* R1 must be referenced or trusted */\n' +
    'Right:\n' +
    '    struct elem *e = bpf_obj_new(typeof(*e));\n' +
    '    if (!e) return 0;\n' +
    '    e->value = 1;\n' +
    '    bpf_obj_drop(e);'),
  V1031: E('verify-global-func', 'a call of a global function does not match its prototype, or the function fails on its own',
    'A function that is not static is "global": the kernel does not follow its calls with the\n' +
    'caller\'s values. It checks each call against the function\'s prototype (from BTF): an\n' +
    'integer parameter needs a number, a pointer to the program\'s context the context itself,\n' +
    'and a pointer to any other sized type (an int, a struct) memory of that size, or NULL. The\n' +
    'function must return an integer. Then it verifies the function once, on its own, with\n' +
    'unknown integers and pointers that may be NULL: the function must check them itself, and a\n' +
    'pointer it reads from that memory is only a number.\n' +
    '\n' +
    'Wrong:\n' +
    '    int get(struct pair *p) { return p->a; }     /* R1 invalid mem access \'mem_or_null\' */\n' +
    '    void set(int *p) { *p = 1; }                 /* doesn\'t return scalar */\n' +
    'Right:\n' +
    '    int get(struct pair *p) { return p ? p->a : 0; }\n' +
    '    static void set(int *p) { *p = 1; }          /* verified with the caller\'s values */'),
  V1030: E('verify-unmodelled', 'the program uses something ebcc\'s verifier does not model, so it cannot predict the kernel',
    'Some of what the kernel\'s verifier tracks has no model in ebcc yet: the const struct\n' +
    'bpf_dynptr that bpf_user_ringbuf_drain() gives its callback (CONST_PTR_TO_DYNPTR). Dynptrs on\n' +
    'the program\'s own stack are modelled: made by bpf_dynptr_from_mem(), bpf_ringbuf_reserve_dynptr(),\n' +
    'bpf_dynptr_from_skb/xdp() or bpf_dynptr_clone(), used while both stack slots hold them, released\n' +
    'once when they hold a ring buffer record. Rather than accept a program the kernel may refuse,\n' +
    'ebcc refuses what it does not model and says so; `--no-verify` builds the object anyway, and\n' +
    'the kernel (`bpftool prog load`) gives the verdict.\n' +
    '\n' +
    'Instead of bpf_user_ringbuf_drain(), a ring buffer that the program fills and user space\n' +
    'reads (bpf_ringbuf_reserve() and bpf_ringbuf_submit()) is modelled.'),
  V1032: E('verify-core-relocation', 'a CO-RE relocation cannot be resolved against the kernel\'s BTF',
    'clang records a CO-RE relocation (.BTF.ext core_relo) for each instruction that depends on a\n' +
    'kernel type\'s layout: bpf_core_read(), BPF_CORE_READ(), preserve_access_index structs,\n' +
    'bpf_core_field_exists(), bpf_core_type_exists(), bpf_core_enum_value()... Before loading, libbpf\n' +
    'looks the type up in the running kernel\'s BTF (/sys/kernel/btf/vmlinux) by name, ignoring a\n' +
    '"___suffix", then the fields by name. When it finds no match, an existence check becomes 0, and\n' +
    'any other relocated instruction becomes `call 0xbad2310`: the kernel refuses the program with\n' +
    '"invalid func unknown#195896080" if that instruction can run. ebcc verify does the same\n' +
    'relocation against /sys/kernel/btf/vmlinux, or the file given with --kernel-btf.\n' +
    '\n' +
    'Wrong (the field does not exist in every kernel):\n' +
    '    return BPF_CORE_READ(task, some_new_field);\n' +
    'Right:\n' +
    '    if (bpf_core_field_exists(task->some_new_field))\n' +
    '        return BPF_CORE_READ(task, some_new_field);\n' +
    '    return 0;'),
  V1033: E('verify-unresolved-extern', 'the object refers to an extern variable or function that no loader resolves',
    'libbpf resolves two kinds of extern variables: `__kconfig` ones (in BTF DATASEC ".kconfig",\n' +
    'filled in from the kernel\'s configuration) and `__ksym` ones (in DATASEC ".ksyms", kernel\n' +
    'symbols). A plain `extern int x;` is meant to be defined by another BPF object; it is resolved\n' +
    'only by linking the objects first (`bpftool gen object out.o a.o b.o`), and so is a call of a\n' +
    'function that another object defines (`extern int f(void);` without __ksym). libbpf refuses to\n' +
    'open an object that still has one ("failed to find BTF for extern"), so no program of it loads.\n' +
    '\n' +
    'Wrong (one object alone):\n' +
    '    extern int shared_counter;\n' +
    'Right:\n' +
    '    bpftool gen object linked.o a.bpf.o b.bpf.o    /* then load linked.o */'),
  V1034: E('verify-missing-ksym', 'a `__ksym` variable the object needs is not in the running kernel',
    'Before it loads any program, libbpf looks up every `extern ... __ksym` variable in the running\n' +
    'kernel: a typed one (`extern const int bpf_prog_active __ksym;`) in its BTF, a typeless one\n' +
    '(`extern const void init_task __ksym;`) in /proc/kallsyms, which lists data symbols only when\n' +
    'the kernel is built with CONFIG_KALLSYMS_ALL. When a strong one is missing, libbpf refuses the\n' +
    'whole object ("extern \'x\' (strong): not resolved"); a loader that goes on and loads the\n' +
    'programs raw has no BTF id for the variable, and the kernel refuses each program that loads it\n' +
    '("pseudo btf_id 0 in ldimm64 isn\'t KIND_VAR or KIND_FUNC"). ebcc verify looks the variables up\n' +
    'in /sys/kernel/btf/vmlinux and /proc/kallsyms when they are there.\n' +
    '\n' +
    'Wrong (the symbol may be absent):\n' +
    '    extern const void some_symbol __ksym;\n' +
    'Right (0 when absent; test it before use):\n' +
    '    extern const void some_symbol __ksym __weak;\n' +
    '    if (&some_symbol) ...'),
  V1035: E('verify-kernel-struct', 'a read through a kernel pointer falls outside the struct it points to, or across its members',
    'A pointer that BTF describes (an argument of a tp_btf, fentry or lsm program, a kernel\n' +
    'object a kfunc returns such as bpf_xdp_ct_lookup\'s struct nf_conn, or a pointer member read\n' +
    'through one) may be read only inside the struct it points to, and each read\n' +
    'must stay inside one member: a pointer member read whole, a number or array member read up\n' +
    'to its end (a nested struct may be entered). The kernel checks this against its own BTF\n' +
    '(btf_struct_access), also for the memory a helper such as bpf_strncmp reads; ebcc checks it\n' +
    'against /sys/kernel/btf/vmlinux when it can read it.\n' +
    '\n' +
    'Wrong (comm is char[16]: 17 bytes run past its end):\n' +
    '    bpf_strncmp(task->comm, 17, "foo");\n' +
    'Right:\n' +
    '    bpf_strncmp(task->comm, sizeof(task->comm), "foo");'),
  V1036: E('verify-btf-refused', 'the kernel refuses the object\'s BTF, so libbpf loads the programs without it',
    'The kernel checks the BTF an object brings before any program is loaded. Every parameter\n' +
    'of a function (BTF FUNC) must have a name: one without a name makes the kernel refuse the\n' +
    'whole BTF ("Invalid arg#1"). libbpf then goes on without BTF ("BTF is optional, ignoring"):\n' +
    'maps lose their value types and programs their func_info, so bpf_spin_lock, bpf_timer,\n' +
    'kptrs and callbacks (bpf_loop) are refused ("missing btf func_info"). ebcc verifies such an\n' +
    'object as the kernel will see it, without BTF.\n' +
    '\n' +
    'Wrong (no name for the parameter):\n' +
    '    SEC("xdp") int prog(struct xdp_md *) { return XDP_PASS; }\n' +
    'Right:\n' +
    '    SEC("xdp") int prog(struct xdp_md *ctx) { return XDP_PASS; }'),
  V1099: E('verify-other', 'the kernel verifier would refuse the program for another reason',
    'This rejection has no more specific explanation in ebcc yet. The message carries the\n' +
    'kernel\'s own text, which the kernel documentation (Documentation/bpf/verifier.rst) and\n' +
    'search engines know. If you believe the program is fine and the kernel loads it, please\n' +
    'report it with the object file.'),
} satisfies Record<string, CodeInfo>;

export type VerifyCode = keyof typeof verifyCodes;
