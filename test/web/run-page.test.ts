// The Run pane's engine without a browser: it runs packets through the object the page built,
// keeps map contents from run to run until reset, and ties the trace to the page's C lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePage } from '../../web/src/analyze.js';
import { buildPacket, DEFAULT_PACKET } from '../../web/src/packet.js';
import { PageRunner, type RunView } from '../../web/src/run-page.js';
import { REPO_DIR } from '../util/compile.js';
import { stdlib } from './stdlib.js';

const SOURCE = readFileSync(join(REPO_DIR, 'samples/xdp_count.c'), 'utf8');

function runner(source = SOURCE): PageRunner {
  const c = compilePage(source, stdlib());
  expect(c.result.built).toBe(true);
  return new PageRunner(c.object!, c.sources);
}

function ipv4(ttl: number): Uint8Array {
  const r = buildPacket({ ...DEFAULT_PACKET, ttl });
  if (!r.ok) throw new Error(r.message);
  return r.bytes;
}

function ran(v: RunView | string): RunView {
  if (typeof v === 'string') throw new Error(v);
  return v;
}

describe('PageRunner', () => {
  it('runs xdp_count: the verdict, the map entries it adds, and the counts carried to the next run', () => {
    const r = runner();
    expect(r.programs()).toEqual(['xdp_count', 'xdp_count_all']);
    const first = ran(r.run('xdp_count', ipv4(64), false));
    expect(first.error).toBeUndefined();
    expect(first.verdict).toBe('XDP_PASS (2)');
    // ethertype_count[0x0800] = 1, keys and values in the target's (little-endian) byte order.
    expect(first.mapChanges).toEqual(['ethertype_count[00080000]: added 0100000000000000']);
    const second = ran(r.run('xdp_count', ipv4(1), false));
    expect(second.verdict).toBe('XDP_DROP (1)');
    expect(second.mapChanges).toContain('ethertype_count[00080000]: 0100000000000000 -> 0200000000000000');
    expect(second.mapChanges).toContain('drop_stats[01000000]: 0000000000000000 -> 0100000000000000');
    expect(second.mapsAfter.find((m) => m.name === 'ethertype_count')!.entries).toEqual([{ key: '00080000', value: '0200000000000000' }]);
    r.reset();
    const fresh = ran(r.run('xdp_count', ipv4(64), false));
    expect(fresh.mapChanges).toEqual(['ethertype_count[00080000]: added 0100000000000000']);
  });

  it('runs a packet shorter than an Ethernet header, which the kernel test runner refuses', () => {
    const v = ran(runner().run('xdp_count', new Uint8Array(6), false));
    expect(v.verdict).toBe('XDP_PASS (2)');
    expect(v.kernelRefusal).toBeTruthy();
    expect(v.mapChanges).toEqual(['drop_stats[00000000]: 0000000000000000 -> 0100000000000000']);
  });

  it('marks the bytes a program changes and ties the trace to C lines', () => {
    const src = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int swap(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;

	if (p + 2 > end)
		return XDP_ABORTED;
	p[1] = p[1] + 1;
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
`;
    const v = ran(runner(src).run('swap', Uint8Array.from([1, 2, 3]), true));
    expect(v.verdict).toBe('XDP_TX (3)');
    expect(v.output).toEqual([1, 3, 3]);
    expect(v.changed).toEqual([false, true, false]);
    const lines = new Set(v.trace.map((t) => t.line));
    expect(lines).toContain(10);
    expect(lines).toContain(12);
    expect(v.trace.find((t) => t.line === 12)!.source).toBe('p[1] = p[1] + 1;');
    expect(v.trace.length).toBe(v.insnCount);
  });

  it('reports a run error at its line instead of a verdict, in a program the verifier rejects', () => {
    const src = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int peek(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;

	return p[100];
}

char _license[] SEC("license") = "GPL";
`;
    const c = compilePage(src, stdlib());
    expect(c.result.verifier.map((p) => [p.name, p.accepted])).toEqual([['peek', false]]);
    const v = ran(runner(src).run('peek', new Uint8Array(20), false));
    expect(v.verdict).toBe('error');
    expect(v.error).toMatch(/read/);
    expect(v.errorLine).toBe(9);
  });

  it('says why when there is nothing it can run', () => {
    expect(runner().run('nope', new Uint8Array(20), false)).toMatch(/no program named 'nope'/);
  });
});
