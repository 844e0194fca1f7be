// Debug info reaches the kernel: samples/xdp_count.c compiled with debug info
// (.BTF.ext line_info plus DWARF) loads, the verifier log quotes the sample's
// lines exactly, and `bpftool prog dump xlated ... linum` shows file:line.
// samples/legacy_maps.c (struct bpf_map_def SEC("maps")) loads with its maps
// converted to BTF-defined maps. Skipped loudly when bpf() is unavailable.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { runBpftool } from './bpftool.js';
import { concat, eth, ETH_P_IP, ipv4, udp } from './packets.js';
import { Shadow } from '../run/dual.js';
import { describeKernel, dumpMap, kernelIt, loadObjectBytes, lookupMap, readU64LE, runProgram, u32LE, type LoadedObject } from './harness.js';

const SAMPLE = `${REPO_DIR}samples/xdp_count.c`;
const LEGACY = `${REPO_DIR}samples/legacy_maps.c`;

describeKernel('debug info in the kernel', () => {
  let obj: LoadedObject;
  const sampleLines = readFileSync(SAMPLE, 'utf8').split('\n');

  beforeAll(() => {
    const out = compileFile(SAMPLE, { debugInfo: true });
    expect(out.text).toBe('');
    obj = loadObjectBytes(out.elf!); // bpftool -d: the log holds each program's verifier log
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('the verifier log quotes at least 10 distinct source lines, each exactly', () => {
    const quoted = new Map<number, string>();
    for (const m of obj.log.matchAll(/^; (.*) @ xdp_count\.c:(\d+)$/gm)) quoted.set(Number(m[2]), m[1]!);
    expect(quoted.size).toBeGreaterThanOrEqual(10);
    for (const [line, text] of quoted) expect(text, `line ${line}`).toBe(sampleLines[line - 1]!.trim());
    expect(quoted.get(40)).toBe('void *data = (void *)(long)ctx->data;');
    expect(quoted.get(72)).toBe('bump(&ethertype_count, 0xffff);');
  });

  kernelIt('bpftool prog dump xlated ... linum shows file and line for the instructions', () => {
    const res = runBpftool(['prog', 'dump', 'xlated', 'pinned', obj.prog('xdp_count').pinPath, 'linum'], { timeoutMs: 30_000 });
    expect(res.status, res.stderr).toBe(0);
    const lines = res.stdout.split('\n');
    const first = lines.findIndex((l) => l.includes('line_num:40'));
    expect(lines[first]).toBe(`; void *data = (void *)(long)ctx->data; [file:${SAMPLE.replace('//', '/')} line_num:40 line_col:8]`);
    expect(lines[first + 1]).toMatch(/^\s+0: \(79\) r\d = \*\(u64 \*\)\(r1 \+0\)$/);
    const numbered = new Set([...res.stdout.matchAll(/line_num:(\d+)/g)].map((m) => Number(m[1])));
    expect(numbered.size).toBeGreaterThanOrEqual(10);
  });
});

describeKernel('samples/legacy_maps.c: struct bpf_map_def SEC("maps") loads as BTF-defined maps', () => {
  let obj: LoadedObject;
  let notes = '';
  let shadow: Shadow;

  beforeAll(() => {
    const out = compileFile(LEGACY);
    notes = out.text;
    shadow = new Shadow(out.object!); // ebcc run runs the converted maps too
    expect(out.ctx.diags.hasErrors()).toBe(false);
    obj = loadObjectBytes(out.elf!, { verbose: false });
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  kernelIt('each legacy map is reported with note E6020', () => {
    expect([...notes.matchAll(/note: legacy map '(\w+)'.*\[E6020\]/g)].map((m) => m[1])).toEqual(['proto_count', 'blocked']);
  });

  kernelIt('bpftool map show lists both maps with the legacy definitions', () => {
    const show = (name: string) => JSON.parse(runBpftool(['-j', 'map', 'show', 'pinned', obj.map(name).pinPath]).stdout);
    expect(show('proto_count')).toMatchObject({ name: 'proto_count', type: 'array', bytes_key: 4, bytes_value: 16, max_entries: 256, flags: 0 });
    expect(show('blocked')).toMatchObject({ name: 'blocked', type: 'hash', bytes_key: 4, bytes_value: 4, max_entries: 16, flags: 0 });
  });

  kernelIt('the program counts packets per IP protocol in the converted array map', () => {
    const pkt = concat(
      eth({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: ETH_P_IP }),
      ipv4({ src: '10.0.0.1', dst: '10.0.0.2', ttl: 64, payload: udp({ sport: 1, dport: 2 }) }),
    );
    const res = runProgram(obj.prog('xdp_legacy').pinPath, pkt);
    expect(res.retval).toBe(2); // XDP_PASS
    shadow.check('xdp_legacy', pkt, res);
    shadow.checkMap('proto_count', dumpMap(obj.map('proto_count').pinPath));
    const entry = lookupMap(obj.map('proto_count').pinPath, u32LE(17));
    expect(readU64LE(entry!.value)).toBe(1n); // packets
    expect(readU64LE(entry!.value.subarray(8))).toBe(BigInt(pkt.length)); // bytes
  });
});
