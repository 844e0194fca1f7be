// Writable globals and static locals live in .data (a non-zero initializer), .bss (none or all
// zero), or the .data.* section their attribute names: libbpf turns each section into a one-element
// array map, and each reference into the map value's address. State kept there lasts across runs.
// Expected values are worked out from the C below.
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const SOURCE = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u32 packets;
__u64 bytes;
int limit = 3;
static __u16 ports[4] = { 53, 80, 443, 8080 };
struct sizes { __u32 small, large; } sizes SEC(".data.sizes");

SEC("tc")
int count(struct __sk_buff *skb)
{
	static __u32 calls;

	calls++;
	packets++;
	bytes += skb->len;
	if (skb->len < 100)
		sizes.small++;
	else
		sizes.large++;
	return calls > limit ? 100 + calls : calls;
}

SEC("tc")
int report(struct __sk_buff *skb)
{
	return packets * 1000 + sizes.small * 100 + sizes.large * 10 + (ports[2] == 443) + (bytes == 440 ? 2 : 0);
}

SEC("tc")
int set_limit(struct __sk_buff *skb)
{
	limit = 1;
	ports[2] = 444;
	return limit + ports[3];
}

char _license[] SEC("license") = "GPL";
`;

const compiled = () => compileString(SOURCE);

it('places each object in its section, with a symbol and a BTF variable', () => {
  const out = compiled();
  expect(out.text).toBe('');
  const sec = (name: string) => out.object!.data.find((d) => d.name === name);
  expect(sec('.bss')!.symbols.map((s) => [s.name, s.offset, s.global])).toEqual([['packets', 0, true], ['bytes', 8, true], ['count.calls', 16, false]]);
  expect(sec('.data')!.symbols.map((s) => [s.name, s.offset, s.global])).toEqual([['limit', 0, true], ['ports', 4, false]]);
  expect(Array.from(sec('.data')!.bytes)).toEqual([3, 0, 0, 0, 53, 0, 80, 0, 187, 1, 144, 31]);
  expect(sec('.data.sizes')!.symbols.map((s) => s.name)).toEqual(['sizes']);
  for (const name of ['.bss', '.data', '.data.sizes']) {
    expect(out.object!.btf.some((t) => t.kind === 'datasec' && t.name === name), name).toBe(true);
  }
});

describeDual('global data (.data, .bss, .data.sizes)', compiled, (obj) => {
  const small = new Uint8Array(60);
  const large = new Uint8Array(200);

  it('keeps counters across runs and reads initialised data', () => {
    expect([1, 2, 3, 4].map(() => obj().run('count', small).retval)).toEqual([1, 2, 3, 104]);
    expect(obj().run('report', small).retval).toBe(4 * 1000 + 4 * 100 + 1);
    expect(obj().run('count', large).retval).toBe(105);
    // 4 * 60 + 200 bytes
    expect(obj().run('report', small).retval).toBe(5 * 1000 + 4 * 100 + 10 + 1 + 2);
  });

  it('writes initialised data', () => {
    expect(obj().run('set_limit', small).retval).toBe(1 + 8080);
    expect(obj().run('report', small).retval).toBe(5 * 1000 + 4 * 100 + 10 + 2);
    expect(obj().run('count', small).retval).toBe(106);
  });
});

// A `const` scalar is folded where it is read, but where its address is taken (a map key, as in
// the kernel's sk_lookup selftest) it also needs bytes in .rodata: `&KEY` used to be the key's
// value, so bpf_map_lookup_elem got the scalar 2 as its key pointer.
const KEYS = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

static const __u32 KEY_FIRST = 2;
static const __u32 KEY_SECOND = 5;
const __u64 STEP = 10;

SEC("tc")
int keyed(struct __sk_buff *skb)
{
	const __u32 *key = skb->len > 100 ? &KEY_SECOND : &KEY_FIRST;
	__u64 *n = bpf_map_lookup_elem(&seen, key);

	if (!n) {
		bpf_map_update_elem(&seen, key, &STEP, BPF_NOEXIST);
		return 1;
	}
	*n += STEP;
	return *n + *key + KEY_FIRST;
}

char _license[] SEC("license") = "GPL";
`;

const keys = () => compileString(KEYS);

it('puts a const scalar whose address is taken in .rodata and still folds its reads', () => {
  const out = keys();
  expect(out.text).toBe('');
  const ro = out.object!.data.find((d) => d.name === '.rodata')!;
  expect(ro.symbols.map((s) => s.name).sort()).toEqual(['KEY_FIRST', 'KEY_SECOND', 'STEP']);
});

describeDual('const scalars addressed as map keys', keys, (obj) => {
  it('looks the map up under the constant keys', () => {
    const small = new Uint8Array(60);
    const large = new Uint8Array(200);
    // first sight of each key: inserted with STEP (10)
    expect(obj().run('keyed', small).retval).toBe(1);
    expect(obj().run('keyed', large).retval).toBe(1);
    // then 10 more each time, plus the key (2 or 5), plus KEY_FIRST (2)
    expect(obj().run('keyed', small).retval).toBe(20 + 2 + 2);
    expect(obj().run('keyed', small).retval).toBe(30 + 2 + 2);
    expect(obj().run('keyed', large).retval).toBe(20 + 5 + 2);
  });
});
