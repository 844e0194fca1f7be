// `ebcc run` end to end: printed reports, --json, map input and output, captures, traces,
// run-time errors as diagnostics at the C line, exit statuses; and the whole command as a user
// without privileges. Expected text is written from the C of the programs.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { REPO_DIR } from '../util/compile.js';
import { concat, eth, ipv4, udp, ETH_P_IP } from '../kernel/packets.js';

let stderr = '';
let stdout = '';
const dir = mkdtempSync(join(tmpdir(), 'ebcc-run-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  stderr = '';
  stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  process.exitCode = undefined;
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const XDP_COUNT = `${REPO_DIR}/samples/xdp_count.c`;
const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
const ttl1 = concat(eth({ ...mac, type: ETH_P_IP }), ipv4({ src: '10.0.0.1', dst: '10.0.0.2', ttl: 1, payload: udp({ sport: 1, dport: 2 }) }));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function file(name: string, text: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const run = (...args: string[]): Promise<number> => main(['run', ...args, '--no-color']);

describe('ebcc run', () => {
  it('prints the verdict, the unchanged output and the map changes of each packet; exit 0', async () => {
    // The instruction count depends on the code ebcc generates; it must equal the traced count.
    const traced: number[] = [];
    for (const pkt of [hex(ttl1), '0102']) {
      expect(await run(XDP_COUNT, '--packet-hex', pkt, '--trace')).toBe(0);
      traced.push(stdout.split('\n').filter((l) => /^ {4} *\d+: /.test(l)).length);
      stdout = '';
    }
    expect(traced[0]).toBeGreaterThan(traced[1]!);
    expect(await run(XDP_COUNT, '--packet-hex', hex(ttl1), '--packet-hex', '0102')).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(`packet 1: ${ttl1.length} bytes
  verdict: XDP_DROP (1)
  output: ${ttl1.length} bytes, unchanged
  map changes:
    ethertype_count[00080000]: added 0100000000000000
    drop_stats[01000000]: 0000000000000000 -> 0100000000000000
  instructions: ${traced[0]}
packet 2: 2 bytes
  note: BPF_PROG_TEST_RUN refuses packets shorter than 14 bytes (after the metadata); ebcc run runs it anyway
  verdict: XDP_PASS (2)
  output: 2 bytes, unchanged
  map changes:
    drop_stats[00000000]: 0000000000000000 -> 0100000000000000
  instructions: ${traced[1]}
`);
  });

  it('--json prints one object: program, runs (retval, packet_out, error) and the present map entries', async () => {
    expect(await run(XDP_COUNT, '--packet-hex', hex(ttl1), '--packet-hex', '0102', '--json')).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      program: 'xdp_count',
      runs: [
        { retval: 1, packet_out: hex(ttl1), error: null },
        { retval: 2, packet_out: '0102', error: null },
      ],
      maps: {
        ethertype_count: [['00080000', '0100000000000000']],
        drop_stats: [['00000000', '0100000000000000'], ['01000000', '0100000000000000']],
      },
    });
  });

  it('runs the program named by --program; retval is unsigned', async () => {
    const p = file('neg.s', '.prog first xdp\n r0 = 2\n exit\n.prog minus_one socket\n r0 = -1\n exit\n');
    expect(await run(p, '--program', 'minus_one', '--packet-hex', '00'.repeat(20), '--json')).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ program: 'minus_one', runs: [{ retval: 4294967295 }] });
  });

  it('sets maps from --map and --maps-in, carries them across packets, and writes --maps-out', async () => {
    const mapsIn = file('in.json', JSON.stringify({ ethertype_count: [['00080000', '0a00000000000000']] }));
    const out = join(dir, 'out.json');
    expect(await run(XDP_COUNT, '--maps-in', mapsIn, '--map', 'drop_stats=1:41', '--packet-hex', hex(ttl1),
      '--packet-hex', hex(ttl1), '--maps-out', out)).toBe(0);
    expect(stdout).toContain('    ethertype_count[00080000]: 0a00000000000000 -> 0b00000000000000\n');
    expect(stdout).toContain('    ethertype_count[00080000]: 0b00000000000000 -> 0c00000000000000\n');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      ethertype_count: [['00080000', '0c00000000000000']],
      drop_stats: [['01000000', '2b00000000000000']], // 41 + 2
    });
  });

  it('marks the bytes a program changed in the output dump', async () => {
    // Writes 0xff at packet offset 17 and grows the tail by 2 zero bytes.
    const p = file('poke.s', `.prog poke xdp
    r6 = r1
    r2 = *(u32 *)(r6 +0)
    r3 = *(u32 *)(r6 +4)
    r4 = r2
    r4 += 18
    if r4 > r3 goto done
    *(u8 *)(r2 +17) = 255
    r1 = r6
    r2 = 2
    call bpf_xdp_adjust_tail
done:
    r0 = 2
    exit
`);
    expect(await run(p, '--packet-hex', '00'.repeat(18))).toBe(0);
    expect(stdout).toContain(`  output: 20 bytes (+2)
    0000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
    0010  00 ff 00 00                                       |....|
             ^^ ^^ ^^
`);
  });

  it('reads every packet of a pcap capture', async () => {
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0xa1b2c3d4, 0);
    header.writeUInt16LE(2, 4);
    header.writeUInt16LE(4, 6);
    header.writeUInt32LE(65535, 16);
    header.writeUInt32LE(1, 20); // Ethernet
    const rec = (pkt: Uint8Array): Buffer => {
      const h = Buffer.alloc(16);
      h.writeUInt32LE(pkt.length, 8);
      h.writeUInt32LE(pkt.length, 12);
      return Buffer.concat([h, pkt]);
    };
    const pcap = file('two.pcap', Buffer.concat([header, rec(ttl1), rec(Uint8Array.of(1, 2, 3))]));
    expect(await run(XDP_COUNT, '--pcap', pcap, '--json')).toBe(0);
    expect(JSON.parse(stdout).runs.map((r: { retval: number }) => r.retval)).toEqual([1, 2]);
  });

  it('--trace prints each instruction with its C line and the registers it changed', async () => {
    expect(await run(XDP_COUNT, '--packet-hex', '0102', '--trace')).toBe(0);
    expect(stdout).toContain(`; if ((void *)(eth + 1) > data_end) { @ ${XDP_COUNT}:46`);
    expect(stdout).toMatch(/\n +1: r\d = \*\(u32 \*\)\(r1 \+4\) +; r\d=0x[0-9a-f]+ \(pkt\+2\)\n/); // data_end of a 2-byte packet
  });

  it('a NULL dereference is a run-time error at the C line (E9001), and the status is 1', async () => {
    const p = file('null.c', `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); } counts SEC(".maps");
SEC("xdp") int oops(struct xdp_md *ctx)
{
	__u32 key = 7;
	__u64 *v = bpf_map_lookup_elem(&counts, &key);
	return *v;
}
char _license[] SEC("license") = "GPL";
`);
    expect(await run(p, '--packet-hex', '00'.repeat(14), '--json')).toBe(1);
    expect(JSON.parse(stdout).runs[0].error).toBe('invalid read of 8 bytes at address 0x0, which is in no object (a NULL pointer)');
    expect(stderr).toMatch(new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:8:2: error: packet 1: invalid read of 8 bytes at address 0x0, which is in no object \\(a NULL pointer\\) \\(instruction \\d+ in oops: r0 = \\*\\(u64 \\*\\)\\(r0 \\+0\\)\\) \\[E9001\\]\n    8 \\|  return \\*v;\n`));
    // with the key present, the same program runs
    stdout = '';
    stderr = '';
    expect(await run(p, '--packet-hex', '00'.repeat(14), '--map', 'counts=7:5', '--json')).toBe(0);
    expect(JSON.parse(stdout).runs[0]).toEqual({ retval: 5, packet_out: '00'.repeat(14), error: null });
  });

  it('an out-of-bounds packet read names the packet and its size (E9001)', async () => {
    const p = file('oob.s', '.prog oob xdp\n r2 = *(u32 *)(r1 +0)\n r0 = *(u8 *)(r2 +20)\n exit\n');
    expect(await run(p, '--packet-hex', '00'.repeat(16))).toBe(1);
    expect(stderr).toBe(`${p}:3:2: error: packet 1: invalid read of 1 byte at packet offset 20 of packet, which has 16 bytes (instruction 1 in oob: r0 = *(u8 *)(r2 +20)) [E9001]\n    3 |  r0 = *(u8 *)(r2 +20)\n      |  ^~~~~~~~~~~~~~~~~~~~\n`);
  });

  it('a helper ebcc run does not implement is an error naming it (E9002)', async () => {
    const p = file('helper.s', '.prog h xdp\n call bpf_get_current_pid_tgid\n r0 = 2\n exit\n');
    expect(await run(p, '--packet-hex', '00'.repeat(14))).toBe(1);
    expect(stderr).toContain('error: packet 1: helper bpf_get_current_pid_tgid (#14) is not implemented by ebcc run (instruction 0 in h: call bpf_get_current_pid_tgid#14) [E9002]');
  });

  it('bad map input is E9005, an object without a runnable program E9006; both exit 1', async () => {
    expect(await run(XDP_COUNT, '--packet-hex', '00'.repeat(14), '--map', 'drop_stats=1:123456789012345678901')).toBe(1);
    expect(stderr).toBe("ebcc: error: --map drop_stats=1:123456789012345678901: the value must be 8 bytes of hex or a number that fits in them [E9005]\n");
    stderr = '';
    expect(await run(XDP_COUNT, '--packet-hex', '00'.repeat(14), '--map', 'nope=1:2')).toBe(1);
    expect(stderr).toBe("ebcc: error: --map nope=1:2: no map named 'nope' (the object has ethertype_count, drop_stats) [E9005]\n");
    stderr = '';
    const p = file('kprobe.s', '.prog k kprobe/sys_open\n r0 = 0\n exit\n');
    expect(await run(p, '--packet-hex', '00'.repeat(14))).toBe(1);
    expect(stderr).toBe('ebcc: error: ebcc run has no context model for kprobe programs (it runs xdp, tc and socket buffer programs) [E9006]\n');
    stderr = '';
    const q = file('nosection.s', '.prog n not_a_program_type\n r0 = 0\n exit\n');
    expect(await run(q, '--packet-hex', '00'.repeat(14))).toBe(1);
    expect(stderr).toBe("ebcc: error: section 'not_a_program_type' of 'n' names no program type ebcc run knows (it runs xdp, tc and socket buffer programs) [E9006]\n");
  });

  it('captures ring buffer and perf events, prints trace_printk, follows --clock and --fib routes', async () => {
    const p = file('events.c', `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } events SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); __uint(key_size, 4); __uint(value_size, 4); } perf SEC(".maps");
SEC("xdp") int ev(struct xdp_md *ctx)
{
	__u64 t = bpf_ktime_get_ns();
	struct bpf_fib_lookup p = {};

	bpf_ringbuf_output(&events, &t, sizeof(t), 0);
	bpf_perf_event_output(ctx, &perf, BPF_F_CURRENT_CPU, &t, sizeof(t));
	bpf_printk("t=%llu", t);
	p.family = 2; /* AF_INET */
	p.ipv4_dst = bpf_htonl(0x0a000005);
	if (bpf_fib_lookup(ctx, &p, sizeof(p), 0) != 0)
		return XDP_PASS;
	return p.ifindex == 7 && p.dmac[5] == 0x22 ? XDP_TX : XDP_DROP;
}
char _license[] SEC("license") = "GPL";
`);
    const fib = file('routes.json', JSON.stringify([
      { dst: '10.0.0.0/8', ifindex: 3, smac: '02:00:00:00:00:01', dmac: '02:00:00:00:00:11' },
      { dst: '10.0.0.0/24', ifindex: 7, smac: '02:00:00:00:00:01', dmac: '02:00:00:00:00:22' },
      { dst: 'fc00::/7', ifindex: 9, smac: '02:00:00:00:00:01', dmac: '02:00:00:00:00:33' },
    ]));
    expect(await run(p, '--packet-hex', '00'.repeat(14), '--clock', '4096', '--fib', fib)).toBe(0);
    expect(stdout).toContain('  verdict: XDP_TX (3)\n'); // the /24 route wins over the /8
    expect(stdout).toContain("  event: ring buffer 'events', 8 bytes: 0010000000000000\n");
    expect(stdout).toContain("  event: perf event (cpu 0) 'perf', 8 bytes: 0010000000000000\n");
    expect(stdout).toContain('  trace_printk: t=4096\n');
    stdout = '';
    expect(await run(p, '--packet-hex', '00'.repeat(14))).toBe(0);
    expect(stdout).toContain('  verdict: XDP_PASS (2)\n'); // no routes: BPF_FIB_LKUP_RET_NOT_FWDED
    expect(stdout).toContain('  trace_printk: t=1000000000\n');
  });

  it('a compile error stops before running (exit 1); no packets is a usage error (exit 2)', async () => {
    const p = file('broken.c', 'int f(void) { return x; }\n');
    expect(await run(p, '--packet-hex', '00')).toBe(1);
    expect(stderr).toContain("error: use of undeclared identifier 'x' [E3001]");
    expect(await run(XDP_COUNT)).toBe(2);
    expect(await run(XDP_COUNT, '--packet-hex', '00', '--pcap', 'x.pcap')).toBe(2);
  });

  it('runs an object file written by ebcc build', async () => {
    const obj = join(dir, 'xdp_count.o');
    expect(await main([XDP_COUNT, '-o', obj])).toBe(0);
    expect(await run(obj, '--packet-hex', hex(ttl1), '--json')).toBe(0);
    expect(JSON.parse(stdout.slice(stdout.indexOf('{'))).runs[0].retval).toBe(1);
  });
});

describe('ebcc run without privileges', () => {
  it('runs samples/xdp_count.c as an unprivileged user and prints the verdict and the map change', async () => {
    const isRoot = process.getuid?.() === 0;
    const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
    if (isRoot && !setpriv) throw new Error('running as root without setpriv (util-linux) to drop privileges');
    // The command as one CommonJS file beside a copy of stdlib/include and the sample, in a
    // directory the other user can read (the checkout itself may not be readable to it).
    const bundleDir = mkdtempSync(join(tmpdir(), 'ebcc-run-bundle-'));
    try {
      chmodSync(bundleDir, 0o755);
      const bundle = join(bundleDir, 'ebcc.cjs');
      await build({
        entryPoints: [join(REPO_DIR, 'src/cli/main.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs',
        define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(bundleDir, 'src/cli/main.ts')).href) }, logLevel: 'error',
      });
      chmodSync(bundle, 0o644);
      cpSync(join(REPO_DIR, 'stdlib/include'), join(bundleDir, 'stdlib/include'), { recursive: true });
      const sample = join(bundleDir, 'xdp_count.c');
      cpSync(XDP_COUNT, sample);
      const readable = (p: string): void => {
        const dir = statSync(p).isDirectory();
        chmodSync(p, dir ? 0o755 : 0o644);
        if (dir) for (const n of readdirSync(p)) readable(join(p, n));
      };
      readable(join(bundleDir, 'stdlib'));
      readable(sample);
      const script = `require(${JSON.stringify(bundle)}).main(process.argv.slice(1)).then((s) => { process.exitCode = s; })`;
      const args = ['-e', script, 'run', sample, '--packet-hex', hex(ttl1)];
      const cmd = isRoot ? [setpriv!, '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args] : [process.execPath, ...args];
      const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8', cwd: bundleDir, timeout: 120_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('  verdict: XDP_DROP (1)\n');
      expect(r.stdout).toContain('    drop_stats[01000000]: 0000000000000000 -> 0100000000000000\n');
      // it really ran as another user
      const who = spawnSync(cmd[0]!, [...cmd.slice(1, isRoot ? 4 : 0), process.execPath, '-e', 'process.stdout.write(String(process.getuid()))'], { encoding: 'utf8' });
      expect(Number(who.stdout)).not.toBe(0);
    } finally {
      rmSync(bundleDir, { recursive: true, force: true });
    }
  }, 120_000);
});
