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
