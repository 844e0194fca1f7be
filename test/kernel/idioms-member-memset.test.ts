// A memset of a byte-array member of a record through a pointer (a ring buffer record's or a map
// value's header bytes): the array's address is as aligned as the record and the member's offset
// make it, so the fill is written a word at a time, as clang writes it, not a byte at a time. In
// the kernel and in ebcc run; the expected value is worked out from the C.
import { expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { u32LE } from './maps.js';

const SRC = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct record {
	__u32 len;
	__u8 header[24];
	__u16 tail;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct record);
	__uint(max_entries, 1);
} records SEC(".maps");

SEC("xdp")
int fill(struct xdp_md *ctx)
{
	__u32 zero = 0;
	struct record *r = bpf_map_lookup_elem(&records, &zero);

	if (!r)
		return XDP_ABORTED;
	__builtin_memset(r->header, 0x5a, sizeof(r->header));
	r->len = sizeof(r->header);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SRC);

it('fills the 4-aligned member with 4-byte stores', () => {
  const out = compiled();
  expect(out.ctx.diags.list).toEqual([]);
  const code = disasm(out.object!.functions[0]!.insns);
  // offsets 4..24 of the record: the 8-aligned words need the record's own alignment (4) too
  expect(code.filter((l) => /^\*\(u32 \*\)\(r\d \+(4|8|12|16|20|24)\) = /.test(l))).toHaveLength(6);
  expect(code.filter((l) => /^\*\(u8 \*\)/.test(l))).toEqual([]);
});

describeDual('a member array filled word by word', compiled, (obj) => {
  it('sets every header byte and nothing around them', () => {
    const value = new Uint8Array(32);
    value.fill(0x11);
    obj().update('records', u32LE(0), value);
    expect(obj().run('fill', new Uint8Array(64)).retval).toBe(2);
    const want = Uint8Array.from([24, 0, 0, 0, ...new Array(24).fill(0x5a), 0x11, 0x11, 0x11, 0x11]);
    expect(Buffer.from(obj().lookup('records', u32LE(0))!.value).toString('hex')).toBe(Buffer.from(want).toString('hex'));
  });
});
