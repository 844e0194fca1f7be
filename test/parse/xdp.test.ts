import { expect, test } from 'vitest';
import type * as ast from '../../src/parse/ast.js';
import { declStr, parseOk, sexpr } from './util.js';

// A realistic XDP program with the usual libbpf macros written out by hand.
const XDP = `
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef __u16 __be16;
typedef __u32 __be32;

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __always_inline inline __attribute__((always_inline))
#define BPF_MAP_TYPE_ARRAY 2
#define XDP_PASS 2
#define XDP_DROP 1
#define ETH_P_IP 0x0800
#define bpf_htons(x) __builtin_bswap16(x)

struct xdp_md { __u32 data; __u32 data_end; __u32 data_meta; };
struct ethhdr { __u8 h_dest[6]; __u8 h_source[6]; __be16 h_proto; } __attribute__((packed));
struct iphdr {
  __u8 ihl : 4, version : 4;
  __u8 tos;
  __be16 tot_len;
  __be32 saddr, daddr;
};

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 256);
  __type(key, __u32);
  __type(value, __u64);
} counters SEC(".maps");

static __always_inline int parse_eth(void *data, void *data_end, __u16 *proto)
{
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > data_end)
    return -1;
  *proto = eth->h_proto;
  return sizeof(*eth);
}

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
  void *data_end = (void *)(long)ctx->data_end;
  void *data = (void *)(long)ctx->data;
  __u16 proto;
  int off = parse_eth(data, data_end, &proto);
  if (off < 0)
    return XDP_DROP;
  if (proto != bpf_htons(ETH_P_IP))
    return XDP_PASS;
  struct iphdr *ip = data + off;
  if ((void *)(ip + 1) > data_end)
    return XDP_DROP;
  __u32 key = ip->saddr & 0xff;
  __u64 *value = bpf_map_lookup_elem(&counters, &key);
  if (value)
    __sync_fetch_and_add(value, 1);
  #pragma unroll
  for (int i = 0; i < 4; i++)
    asm volatile("" ::: "memory");
  return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
`;

test('a realistic XDP program parses', () => {
  const unit = parseOk(XDP);
  const kinds = unit.items.map((i) => i.kind);
  expect(kinds.filter((k) => k === 'FunctionDef').length).toBe(2);

  const maps = unit.items.find((i) => i.kind === 'Declaration' && i.declarators[0] && declStr(i.declarators[0].declarator) === 'counters:') as ast.Declaration;
  const d = maps.declarators[0]!;
  expect(d.attributes.map((a) => `${a.name}(${a.args.map(sexpr).join(',')})`)).toEqual(['section(".maps")', 'used()']);
  const members = (maps.specifiers.type as ast.StructOrUnionSpec).members!;
  expect(members.map((m) => declStr(m.declarators[0]!.declarator!))).toEqual([
    'type: pointer to array[2] of',
    'max_entries: pointer to array[256] of',
    'key: pointer to',
    'value: pointer to',
  ]);
  expect(members[2]!.specifiers.type.kind).toBe('Typeof');

  const helper = unit.items.find((i) => i.kind === 'FunctionDef' && declStr(i.declarator).startsWith('parse_eth')) as ast.FunctionDef;
  expect(helper.specifiers.storage).toEqual(['static']);
  expect(helper.specifiers.inline).toBe(true);
  expect(helper.specifiers.attributes.map((a) => a.name)).toEqual(['always_inline']);

  const prog = unit.items.find((i) => i.kind === 'FunctionDef' && declStr(i.declarator).startsWith('xdp_count')) as ast.FunctionDef;
  expect(prog.specifiers.attributes.map((a) => `${a.name}(${a.args.map(sexpr).join(',')})`)).toEqual(['section("xdp")', 'used()']);
  const loop = prog.body.items.find((i) => i.kind === 'ForStmt') as ast.ForStmt;
  expect(loop.pragmas.map((p) => p.text)).toEqual(['unroll']);
  const bounds = prog.body.items[7] as ast.IfStmt;
  expect(sexpr(bounds.cond)).toBe('(> (cast pointer to void (+ ip 1)) data_end)');

  const license = unit.items.at(-1) as ast.Declaration;
  expect((license.declarators[0]!.init as ast.StringLit).value).toBe('GPL');
});

test('node spans of macro-expanded code point at the macro use', () => {
  const unit = parseOk(XDP);
  const prog = unit.items.find((i) => i.kind === 'FunctionDef' && declStr(i.declarator).startsWith('xdp_count')) as ast.FunctionDef;
  expect(XDP.slice(prog.span.start, prog.span.start + 9)).toBe('SEC("xdp"');
  expect(XDP.slice(prog.span.end - 1, prog.span.end)).toBe('}');
});
