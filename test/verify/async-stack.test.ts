// An async callback (bpf_timer_set_callback's) is verified by the kernel as a root of its own:
// check_max_stack_depth walks from it as from the entry, with its own 512 bytes, so a callback
// that uses 300 bytes and calls a function that uses 256 is refused although the program's own
// call chain is small. ebcc does not explore the callback; it reads the depth of each function
// from its frame-pointer accesses. The verdicts are checked against the kernel when it is there.
import { describe, expect, it } from 'vitest';
import { verifyObject } from '../../src/verify/index.js';
import { describeKernel, loadObjectBytes } from '../kernel/harness.js';
import { compileString } from '../util/compile.js';

const program = (callbackBytes: number): string => `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct elem {
	struct bpf_timer timer;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct elem);
} timers SEC(".maps");

__attribute__((noinline)) static int deep(int i)
{
	volatile char buf[256] = {};
	return buf[i & 127];
}

__attribute__((noinline)) static int on_timer(void *map, int *key, struct elem *e)
{
	volatile char buf[${callbackBytes}] = {};
	return buf[7] + deep(3);
}

SEC("tc")
int arm(struct __sk_buff *skb)
{
	int key = 0;
	struct elem *e = bpf_map_lookup_elem(&timers, &key);

	if (!e)
		return 0;
	bpf_timer_init(&e->timer, &timers, 1);
	bpf_timer_set_callback(&e->timer, on_timer);
	return 0;
}

char _license[] SEC("license") = "GPL";
`;

function build(callbackBytes: number) {
  const out = compileString(program(callbackBytes), { verify: false });
  expect(out.ctx.diags.list.filter((d) => d.severity === 'error')).toEqual([]);
  return out;
}

const CASES = [[300, false], [200, true]] as const;

describe('stack depth of an async callback', () => {
  for (const [bytes, accepted] of CASES) {
    it(`a ${bytes}-byte callback that calls a 256-byte function is ${accepted ? 'accepted' : 'refused'}`, () => {
      const p = verifyObject(build(bytes).object!).programs[0]!;
      expect(p.accepted).toBe(accepted);
      if (!accepted) expect(p.kernelMessage).toMatch(/^combined stack size of 2 calls is \d+\. Too large$/);
    });
  }
});

describeKernel('stack depth of an async callback: the kernel agrees', () => {
  for (const [bytes, accepted] of CASES) {
    it(`${bytes}-byte callback`, () => {
      const loaded = loadObjectBytes(build(bytes).elf!);
      loaded.cleanup();
      expect(loaded.ok, loaded.log.slice(-1500)).toBe(accepted);
    });
  }
});
