// Atomic builtins and byte swaps in the kernel: __sync_fetch_and_{add,or,and,xor},
// __sync_*_and_fetch, __sync_val/bool_compare_and_swap and __sync_lock_test_and_set on a map
// value and on the stack, with and without a used result; __builtin_bswap16/32/64 and the
// bpf_endian.h macros on values from the packet.
import { describeKernel, kernelIt } from '../harness.js';
import { expectAllPass } from './run-c.js';

const INPUTS = [10n, 0xf0n, 0xffffffffn, 0x100000000n, 0x0102030405060708n, 0x11223344n, 0xaabbn, 20n];

const ATOMICS = `
struct counters { __u64 q; __u32 d; __u32 pad; };

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct counters);
} cnt SEC(".maps");

BEGIN(prog)
  __u64 ten = IN(0), xf0 = IN(1), ones32 = IN(2), hi = IN(3), twenty = IN(7);
  __u32 key = 0;
  struct counters *c = bpf_map_lookup_elem(&cnt, &key);
  if (!c)
    return 9998;
  c->q = ten;
  c->d = xf0;

  ASSERT(10, __sync_fetch_and_add(&c->q, 5));
  ASSERT(15, c->q);
  ASSERT(0xf0, __sync_fetch_and_or(&c->d, 0x0f));
  ASSERT(0xff, c->d);
  ASSERT(0xff, __sync_fetch_and_and(&c->d, 0x3c));
  ASSERT(0x3c, c->d);
  ASSERT(0x3c, __sync_fetch_and_xor(&c->d, 0xff));
  ASSERT(0xc3, c->d);
  ASSERT(20, __sync_add_and_fetch(&c->q, 5));
  ASSERT(0xc3 | 0x100, __sync_or_and_fetch(&c->d, 0x100));
  ASSERT(20, __sync_val_compare_and_swap(&c->q, twenty, 7));
  ASSERT(7, c->q);
  ASSERT(7, __sync_val_compare_and_swap(&c->q, twenty, 9));
  ASSERT(7, c->q);
  ASSERT(1, __sync_bool_compare_and_swap(&c->q, 7, 8));
  ASSERT(0, __sync_bool_compare_and_swap(&c->q, 7, 9));
  ASSERT(8, c->q);
  ASSERT(8, __sync_lock_test_and_set(&c->q, 100));
  ASSERT(100, c->q);
  __sync_fetch_and_add(&c->q, hi);
  ASSERT(0x100000064, c->q);
  __sync_fetch_and_add(&c->q, -1);
  ASSERT(0x100000063, c->q);
  c->d = ones32;
  ASSERT(0xffffffff, __sync_fetch_and_add(&c->d, 1));
  ASSERT(0, c->d);
  ASSERT(0, c->pad);
  __sync_fetch_and_or(&c->q, hi << 4);
  ASSERT(0x1100000063, c->q);
  __sync_fetch_and_and(&c->q, ones32);
  ASSERT(0x63, c->q);
  __sync_fetch_and_xor(&c->q, ten);
  ASSERT(0x69, c->q);

  __u64 s = ten;
  __u32 s32 = ones32;
  ASSERT(10, __sync_fetch_and_add(&s, ten));
  ASSERT(20, s);
  ASSERT(20, __sync_lock_test_and_set(&s, hi));
  ASSERT(0x100000000, s);
  ASSERT(0x100000000, __sync_val_compare_and_swap(&s, hi, ten));
  ASSERT(10, s);
  ASSERT(0xffffffff, __sync_fetch_and_and(&s32, 0xf0f0));
  ASSERT(0xf0f0, s32);
  __sync_fetch_and_xor(&s32, 0xffff);
  ASSERT(0x0f0f, s32);
  ASSERT(0x0f0f, __sync_val_compare_and_swap(&s32, 0x0f0f, ones32));
  ASSERT(0xffffffff, s32);
END
`;

const BSWAP = `
BEGIN(prog)
  __u64 v64 = IN(4), v32 = IN(5), v16 = IN(6);

  ASSERT(0x0807060504030201, __builtin_bswap64(v64));
  ASSERT(0x44332211, __builtin_bswap32(v32));
  ASSERT(0xbbaa, __builtin_bswap16(v16));
  ASSERT(0x08070605, __builtin_bswap32(v64));
  ASSERT(0x0807, __builtin_bswap16(v64));
  ASSERT(0x4433, __builtin_bswap16(v32));
  ASSERT(v64, __builtin_bswap64(__builtin_bswap64(v64)));
  ASSERT(0xbbaa, bpf_htons(v16));
  ASSERT(0xbbaa, bpf_ntohs(v16));
  ASSERT(0x44332211, bpf_htonl(v32));
  ASSERT(0x44332211, bpf_ntohl(v32));
  ASSERT(0x0807060504030201, bpf_cpu_to_be64(v64));
  ASSERT(0x0807060504030201, bpf_be64_to_cpu(v64));
  ASSERT(0x3412, bpf_htons(0x1234));
  ASSERT(0x78563412, bpf_htonl(0x12345678));
  ASSERT(0x0201, bpf_ntohs(*(__u16 *)(IN_PTR + 38)));
  ASSERT(0x04030201, bpf_ntohl(*(__u32 *)(IN_PTR + 36)));
  ASSERT(0x0807, bpf_ntohs(*(__u16 *)(IN_PTR + 32)));
  ASSERT(0x08070605, bpf_ntohl(*(__u32 *)(IN_PTR + 32)));
  ASSERT(0x0807060504030201, bpf_be64_to_cpu(*(__u64 *)(IN_PTR + 32)));
  ASSERT(1, bpf_ntohs(v16) > 0x8000);
  ASSERT(0xbbab, bpf_ntohs(v16) + 1);
  ASSERT(0x55, bpf_ntohs(v16) >> 8 ^ 0xee);
  ASSERT(0x33, (__u8)(bpf_ntohl(v32) >> 16));
END
`;

describeKernel('atomics and byte swaps in the kernel', () => {
  kernelIt('atomic builtins on a map value and on the stack', () => expectAllPass(ATOMICS, INPUTS, 38));
  kernelIt('byte swaps and bpf_endian.h', () => expectAllPass(BSWAP, INPUTS, 24));
  kernelIt('byte swaps with -mcpu=v4 (bswap instructions)', () => expectAllPass(BSWAP, INPUTS, 24, { mcpu: 4 }));
});
