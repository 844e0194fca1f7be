// ebcc's stdlib headers next to a project's own copies of kernel user-ABI headers (the kernel's
// tools/include/uapi, searched first with -I): each stdlib header must give what the kernel's
// header of that name gives, since the project's copy may rely on it and define nothing else.
import { describe, expect, it } from 'vitest';
import { compileString } from '../util/compile.js';

const errors = (text: string): string[] => text.split('\n').filter((l) => / error: /.test(l));

// A project's linux/types.h in the style of the kernel's tools copy: the fixed-width types come
// from <asm-generic/int-ll64.h>, only the byte-order names are its own.
const PROJECT_TYPES = `#ifndef PROJ_TYPES_H
#define PROJ_TYPES_H
#include <asm-generic/int-ll64.h>
typedef __u16 __be16;
typedef __u32 __be32;
#endif
`;

// A project's linux/in.h that asks <linux/libc-compat.h> which definitions are its to make.
const PROJECT_IN = `#ifndef PROJ_IN_H
#define PROJ_IN_H
#include <linux/types.h>
#include <linux/libc-compat.h>
#include <linux/socket.h>
#if __UAPI_DEF_IN_IPPROTO
enum { PROJ_IPPROTO_UDP = 17 };
#endif
#if __UAPI_DEF_SOCKADDR_IN
struct proj_sockaddr_in { __kernel_sa_family_t family; __be16 port; __be32 addr; };
#endif
#endif
`;

const files = { 'proj/linux/types.h': PROJECT_TYPES, 'proj/linux/in.h': PROJECT_IN };

describe('stdlib headers under a project\'s own user-ABI headers', () => {
  it('<asm-generic/int-ll64.h> and <asm/types.h> define the fixed-width types themselves', () => {
    const src = `#include <linux/types.h>
#include <asm/types.h>
_Static_assert(sizeof(__u8) == 1 && sizeof(__s16) == 2 && sizeof(__u32) == 4 && sizeof(__u64) == 8, "widths");
_Static_assert((__s8)-1 < 0 && (__u64)-1 > 0, "signedness");
int f(__be16 x) { return x; }
`;
    const r = compileString(src, { includeDirs: ['proj'] }, 'sema', 'test.c', files);
    expect(errors(r.text)).toEqual([]);
  });

  it('<linux/libc-compat.h> switches every definition on, and <linux/socket.h> defines __kernel_sa_family_t', () => {
    const src = `#include <linux/in.h>
_Static_assert(PROJ_IPPROTO_UDP == 17, "enum defined");
_Static_assert(sizeof(struct proj_sockaddr_in) == 8, "struct defined");
_Static_assert(sizeof(struct __kernel_sockaddr_storage) == 128, "storage");
`;
    const r = compileString(src, { includeDirs: ['proj'] }, 'sema', 'test.c', files);
    expect(errors(r.text)).toEqual([]);
  });

  it('a switch the program sets first stays as set', () => {
    const src = `#define __UAPI_DEF_IN_IPPROTO 0
#include <linux/in.h>
int x = PROJ_IPPROTO_UDP;
`;
    const r = compileString(src, { includeDirs: ['proj'] }, 'sema', 'test.c', files);
    expect(r.text).toContain("use of undeclared identifier 'PROJ_IPPROTO_UDP'");
  });

  it('<sys/types.h> and <features.h> exist, with the sizes of the BPF target', () => {
    const src = `#include <features.h>
#include <sys/types.h>
_Static_assert(sizeof(ssize_t) == 8 && sizeof(size_t) == 8 && sizeof(pid_t) == 4 && sizeof(u_int32_t) == 4, "sizes");
_Static_assert((ssize_t)-1 < 0, "ssize_t is signed");
`;
    const r = compileString(src, {}, 'sema', 'test.c', files);
    expect(errors(r.text)).toEqual([]);
  });
});

describe('C library headers that BPF programs include for constants and types', () => {
  it('<netinet/in.h> gives the kernel\'s address structs and protocol numbers, with <linux/in.h> in either order', () => {
    const body = `_Static_assert(IPPROTO_TCP == 6 && IPPROTO_IPV6 == 41, "protocols");
_Static_assert(sizeof(struct in_addr) == 4 && sizeof(struct in6_addr) == 16 && sizeof(struct sockaddr_in6) == 28, "structs");
_Static_assert(sizeof(in_port_t) == 2 && sizeof(in_addr_t) == 4 && INET6_ADDRSTRLEN == 46, "names");
`;
    for (const src of [`#include <netinet/in.h>\n#include <linux/in.h>\n${body}`, `#include <linux/in.h>\n#include <linux/in6.h>\n#include <netinet/in.h>\n${body}`]) {
      expect(errors(compileString(src, {}, 'sema').text)).toEqual([]);
    }
  });

  it('<time.h> has the clock ids of bpf_timer_init, <inttypes.h> the conversion macros', () => {
    const src = `#include <time.h>
#include <sys/types.h>
#include <inttypes.h>
_Static_assert(CLOCK_MONOTONIC == 1 && CLOCK_BOOTTIME == 7 && CLOCK_REALTIME == 0, "clocks");
_Static_assert(sizeof(struct timespec) == 16 && sizeof(time_t) == 8, "timespec");
_Static_assert(sizeof("%" PRIu64 " %" PRIx32) == 7 && sizeof(PRIu64) == 3 && sizeof(PRId8) == 2, "%lu %x");
`;
    expect(errors(compileString(src, {}, 'sema').text)).toEqual([]);
  });

  it('<netinet/in.h> has the C library\'s option levels and byte-order macros, <arpa/inet.h> brings them', () => {
    const src = `#include <arpa/inet.h>
_Static_assert(SOL_IP == 0 && SOL_IPV6 == 41 && SOL_ICMPV6 == 58, "levels");
_Static_assert(sizeof(htons(1)) == 2 && sizeof(ntohl(1)) == 4, "widths");
int f(unsigned short proto, unsigned int addr) { return proto == htons(0x0800) && ntohl(addr) == 0x0a000001; }
`;
    expect(errors(compileString(src, {}, 'sema').text)).toEqual([]);
  });

  it('<linux/types.h> brings <linux/stddef.h>, as the kernel\'s header does, but not the POSIX types a vmlinux.h also defines', () => {
    // 4.x-era selftests write `static __always_inline` having included only <linux/bpf.h>.
    const src = `#include <linux/bpf.h>
static __always_inline int twice(int x) { return 2 * x; }
int f(int x) { return twice(x); }
`;
    expect(errors(compileString(src, {}, 'sema').text)).toEqual([]);
    // A vmlinux.h-style definition of a POSIX type next to libbpf's headers.
    const vmlinux = `typedef struct { unsigned long fds_bits[16]; } __kernel_fd_set;
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
_Static_assert(sizeof(__kernel_fd_set) == 128, "the program's own");
`;
    expect(errors(compileString(vmlinux, {}, 'sema').text)).toEqual([]);
  });
});

describe('kernel-tree code (-D__KERNEL__)', () => {
  it('<linux/socket.h> has the address families, levels and options, as the kernel\'s internal header', () => {
    const src = `#include <linux/socket.h>
_Static_assert(AF_INET == 2 && AF_INET6 == 10 && SOL_SOCKET == 1 && SOL_TCP == 6 && SO_REUSEADDR == 2, "socket constants");
`;
    expect(errors(compileString(src, { defines: [{ name: '__KERNEL__' }] }, 'sema').text)).toEqual([]);
    expect(compileString(src, {}, 'sema').text).toContain("use of undeclared identifier 'AF_INET'");
  });
});

describe('macros of ebcc\'s headers', () => {
  it('a project header may redefine a macro of ebcc\'s headers without a warning; its own macros still warn', () => {
    const src = `#include <bpf/bpf_helpers.h>
#define ___bpf_nth(_, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, N, ...) N
#define MINE 1
#define MINE 2
int x = ___bpf_nth(_, a, b, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
`;
    const r = compileString(src, {}, 'sema');
    expect(r.ctx.diags.list.map((d) => [d.code, d.message])).toEqual([['E1008', "'MINE' macro redefined"]]);
  });
});

describe('<linux/bpf.h> structs of stack maps, raw tracepoints and LPM keys', () => {
  it('has the user-ABI layouts', () => {
    const src = `#include <linux/bpf.h>
_Static_assert(sizeof(struct bpf_stack_build_id) == 32 && __builtin_offsetof(struct bpf_stack_build_id, ip) == 24, "build id");
_Static_assert(BPF_BUILD_ID_SIZE == 20 && BPF_STACK_BUILD_ID_IP == 2, "build id constants");
_Static_assert(sizeof(struct bpf_lpm_trie_key_u8) == 4 && __builtin_offsetof(struct bpf_lpm_trie_key_u8, data) == 4, "lpm");
_Static_assert(sizeof(struct bpf_insn) == 8 && sizeof(struct btf_ptr) == 16 && BPF_FD_TYPE_URETPROBE == 5, "misc");
unsigned long long first(struct bpf_raw_tracepoint_args *ctx) { return ctx->args[0]; }
`;
    const r = compileString(src, {}, 'sema');
    expect(errors(r.text)).toEqual([]);
  });
});

describe('headers that projects share between a BPF program and its loader', () => {
  it('<endian.h> gives the byte-order names and the htobe/betoh family', () => {
    const src = `#include <endian.h>
_Static_assert(__BYTE_ORDER == __LITTLE_ENDIAN && BYTE_ORDER == LITTLE_ENDIAN && __BIG_ENDIAN == 4321, "order");
_Static_assert(htobe16(0x1234) == 0x3412 && be32toh(0x11223344) == 0x44332211 && htole64(5) == 5, "swaps");
_Static_assert(htobe64(1) == 0x0100000000000000ULL && sizeof(be16toh(1)) == 2, "widths");
`;
    const r = compileString(src, {}, 'sema');
    expect(errors(r.text)).toEqual([]);
  });
});

describe('byte swaps of constants', () => {
  it('are constant expressions, as in clang (switch cases, static assertions)', () => {
    const src = `#include <endian.h>
int f(unsigned short port) { switch (port) { case htobe16(53): return 1; case __builtin_bswap16(80): return 2; } return 0; }
_Static_assert(__builtin_bswap32(0x01020304) == 0x04030201 && __builtin_bswap64(0xff) == 0xff00000000000000ULL, "swaps");
_Static_assert(__builtin_bswap16(0x12345) == 0x4523, "only the low 16 bits");
`;
    const r = compileString(src, {}, 'sema');
    expect(errors(r.text)).toEqual([]);
  });
});

describe('user-ABI headers of tracing and LIRC programs', () => {
  it('<linux/sched.h> has the clone flags, policies and struct clone_args', () => {
    const src = `#include <linux/sched.h>
_Static_assert(CLONE_NEWPID == 0x20000000 && CLONE_INTO_CGROUP == 0x200000000ULL && SCHED_DEADLINE == 6, "values");
_Static_assert(sizeof(struct clone_args) == CLONE_ARGS_SIZE_VER2 && __builtin_offsetof(struct clone_args, tls) == 56, "layout");
int threads(unsigned long long flags) { return (flags & CLONE_THREAD) != 0; }
`;
    expect(errors(compileString(src, {}, 'sema').text)).toEqual([]);
  });

  it('<linux/lirc.h> decodes mode2 samples and numbers the protocols', () => {
    const src = `#include <linux/lirc.h>
_Static_assert(LIRC_IS_PULSE(LIRC_PULSE(560)) && LIRC_VALUE(LIRC_SPACE(1690)) == 1690 && !LIRC_IS_SPACE(LIRC_TIMEOUT(1)), "mode2");
_Static_assert(RC_PROTO_NEC == 9 && RC_PROTO_MAX == 27 && sizeof(struct lirc_scancode) == 24, "protocols");
`;
    expect(errors(compileString(src, {}, 'sema').text)).toEqual([]);
  });
});

describe('<netinet/tcp.h>', () => {
  it('gives SOL_TCP, the socket options and the header with BSD and Linux member names', () => {
    const src = `#include <netinet/tcp.h>
#include <stddef.h>
_Static_assert(sizeof(struct tcphdr) == 20 && offsetof(struct tcphdr, th_win) == 14 && offsetof(struct tcphdr, window) == 14, "layout");
_Static_assert(SOL_TCP == 6 && TCP_CONGESTION == 13 && TCP_TX_DELAY == 37 && TCPOPT_TSTAMP_HDR == 0x0101080a, "values");
int f(struct tcphdr *t) { return t->doff * 4 + t->syn + (t->th_flags & TH_SYN); }
`;
    expect(errors(compileString(src, {}, 'sema').text)).toEqual([]);
  });

  it('goes with <linux/tcp.h> in either order, which then gives the header', () => {
    for (const order of [['netinet/tcp.h', 'linux/ipv6.h'], ['linux/tcp.h', 'netinet/tcp.h']]) {
      const src = `${order.map((h) => `#include <${h}>`).join('\n')}
int f(struct tcphdr *t) { return t->doff + TCP_NODELAY + SOL_TCP; }
`;
      expect(errors(compileString(src, {}, 'sema').text)).toEqual([]);
    }
  });
});

describe('<netinet/udp.h>', () => {
  it('gives SOL_UDP, the socket options and the header with BSD and Linux member names', () => {
    const src = `#include <netinet/udp.h>
#include <stddef.h>
_Static_assert(sizeof(struct udphdr) == 8 && offsetof(struct udphdr, uh_ulen) == 4 && offsetof(struct udphdr, len) == 4, "layout");
_Static_assert(SOL_UDP == 17 && UDP_SEGMENT == 103 && UDP_ENCAP_ESPINUDP == 2, "values");
int f(struct udphdr *u) { return u->uh_dport + u->dest + u->check; }
`;
    expect(errors(compileString(src, {}, 'sema').text)).toEqual([]);
  });

  it('goes with <linux/udp.h> in either order', () => {
    for (const order of [['netinet/udp.h', 'linux/udp.h'], ['linux/udp.h', 'netinet/udp.h']]) {
      const src = `${order.map((h) => `#include <${h}>`).join('\n')}
int f(struct udphdr *u) { return u->source + u->len + UDP_GRO + SOL_UDP; }
`;
      expect(errors(compileString(src, {}, 'sema').text)).toEqual([]);
    }
  });
});
