// Programs written in the pre-libbpf style compile unchanged, load and behave: helpers
// declared as pointers initialised with BPF_FUNC_* ids, struct bpf_map_def defined by the
// program, section names libbpf 1.x cannot map (loaded with the type forced, as loaders of
// such objects do), kernel include paths and kernel short types (-D__KERNEL__), and a
// BPF_ANNOTATE_KV_PAIR annotation whose types the emitted map carries in BTF.
// The programs are in test/kernel/legacy/; the expected values are worked out from their C.
import { afterAll, beforeAll, expect } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { bpftoolJson } from './bpftool.js';
import { describeKernel, dumpMap, kernelIt, loadObjectBytes, lookupMap, readU64LE, runProgram, u32LE, updateMap, updateMapOfMaps, type LoadedObject } from './harness.js';
import { eth, ipv4, ipv6, tcp, udp, text, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6, IPPROTO_ICMP } from './packets.js';

const DIR = `${REPO_DIR}test/kernel/legacy`;
const mac = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' };
const v4 = (o: Partial<Parameters<typeof ipv4>[0]>) => eth({ ...mac, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', ...o }) });

/** struct port_key { u16 port; u8 proto; u8 pad; } */
const portKey = (port: number, proto: number) => Uint8Array.of(port & 0xff, port >> 8, proto, 0);

describeKernel('legacy tc classifier: kernel paths, old helper header, unknown section, KV-annotated map', () => {
  let obj: LoadedObject;
  const TC_ACT_OK = 0;
  const TC_ACT_SHOT = 2;

  beforeAll(() => {
    const out = compileFile(`${DIR}/tc_ports.c`, { defines: [{ name: '__KERNEL__' }] });
    expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['warning', 'E3109'], ['note', 'E6020'], ['note', 'E6020']]);
    obj = loadObjectBytes(out.elf!, { type: 'tc' });
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  // A zeroed __sk_buff in and out, to read skb->mark (offset 8) after the run.
  const run = (pkt: Uint8Array) => {
    const r = runProgram(obj.prog('count_ports').pinPath, pkt, { ctxIn: new Uint8Array(192) });
    return { retval: r.retval, mark: r.ctxOut ? r.ctxOut[8]! | (r.ctxOut[9]! << 8) : -1 };
  };
  const hits = (port: number, proto: number) => {
    const e = lookupMap(obj.map('hits').pinPath, portKey(port, proto));
    return e && [readU64LE(e.value, 0), readU64LE(e.value, 8)];
  };

  kernelIt('is a sched_cls program whose maps were created from the legacy definitions', () => {
    expect(obj.progs.map((p) => [p.name, p.type])).toEqual([['count_ports', 'sched_cls']]);
    const info = bpftoolJson(['map', 'show', 'pinned', obj.map('hits').pinPath]) as Record<string, unknown>;
    expect([info['type'], info['bytes_key'], info['bytes_value'], info['max_entries']]).toEqual(['hash', 4, 16, 64]);
    // The annotation's types are the map's BTF key and value: bpftool prints entries by field name.
    expect(Number(info['btf_id'])).toBeGreaterThan(0);
  });

  kernelIt('counts TCP and UDP packets per destination port and marks them with the port', () => {
    const syn = v4({ payload: tcp({ sport: 40000, dport: 80, flags: 0x02 }) });
    expect(run(syn)).toEqual({ retval: TC_ACT_OK, mark: 80 });
    expect(run(syn)).toEqual({ retval: TC_ACT_OK, mark: 80 });
    const dns = v4({ payload: udp({ sport: 5353, dport: 53, payload: text('query') }) });
    expect(run(dns)).toEqual({ retval: TC_ACT_OK, mark: 53 });
    expect(hits(80, 6)).toEqual([2n, BigInt(2 * syn.length)]);
    expect(hits(53, 17)).toEqual([1n, BigInt(dns.length)]);
    const formatted = dumpMapFormatted(obj.map('hits').pinPath);
    expect(formatted).toContainEqual({ key: { port: 53, proto: 17, pad: 0 }, value: { packets: 1, bytes: dns.length } });
  });

  kernelIt('drops the blocked port, passes other protocols, leaves non-IPv4 alone', () => {
    updateMap(obj.map('blocked').pinPath, u32LE(0), u32LE(22));
    expect(run(v4({ payload: tcp({ sport: 1, dport: 22 }) })).retval).toBe(TC_ACT_SHOT);
    expect(hits(22, 6)).toBeUndefined();
    expect(run(v4({ proto: IPPROTO_ICMP, payload: new Uint8Array(8) }))).toEqual({ retval: TC_ACT_OK, mark: 0 });
    // TC_ACT_UNSPEC is -1.
    expect(run(eth({ ...mac, type: ETH_P_ARP, payload: new Uint8Array(28) })).retval >>> 0).toBe(0xffffffff);
    expect(run(eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', payload: udp({ sport: 1, dport: 53 }) }) })).retval >>> 0)
      .toBe(0xffffffff);
    expect(dumpMap(obj.map('hits').pinPath).length).toBe(2);
  });
});

/** `bpftool map dump` entries as BTF-formatted objects (present only when the map has key and value types). */
function dumpMapFormatted(pinPath: string): unknown[] {
  const j = bpftoolJson(['map', 'dump', 'pinned', pinPath]) as { formatted?: unknown }[];
  return j.map((e) => e.formatted);
}

describeKernel('legacy XDP program: prefix-matched section name, old helper header', () => {
  let obj: LoadedObject;
  const XDP_DROP = 1;
  const XDP_PASS = 2;

  beforeAll(() => {
    const out = compileFile(`${DIR}/xdp_ttl.c`);
    expect(out.ctx.diags.list.map((d) => [d.severity, d.code])).toEqual([['warning', 'E3110'], ['note', 'E6020']]);
    obj = loadObjectBytes(out.elf!, { type: 'xdp' });
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  const run = (pkt: Uint8Array) => runProgram(obj.prog('ttl_guard').pinPath, pkt).retval;
  const expired = (slot: number) => readU64LE(lookupMap(obj.map('expired').pinPath, u32LE(slot))!.value);

  kernelIt('drops and counts IPv4 packets with TTL 0 or 1, passes everything else', () => {
    expect(run(v4({ ttl: 64, payload: udp({ sport: 1, dport: 2 }) }))).toBe(XDP_PASS);
    expect(run(v4({ ttl: 2, payload: udp({ sport: 1, dport: 2 }) }))).toBe(XDP_PASS);
    expect(run(v4({ ttl: 1, payload: udp({ sport: 1, dport: 2 }) }))).toBe(XDP_DROP);
    expect(run(v4({ ttl: 1, payload: tcp({ sport: 1, dport: 2 }) }))).toBe(XDP_DROP);
    expect(run(v4({ ttl: 0, payload: udp({ sport: 1, dport: 2 }) }))).toBe(XDP_DROP);
    expect(run(eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', hopLimit: 1, payload: udp({ sport: 1, dport: 2 }) }) })))
      .toBe(XDP_PASS);
    expect(run(v4({ ttl: 1, payload: udp({ sport: 1, dport: 2 }) }).subarray(0, 14 + 19))).toBe(XDP_PASS); // no room for the IPv4 header
    expect([expired(0), expired(1)]).toEqual([1n, 2n]);
  });
});

describeKernel('a -std=gnu2x XDP program: C23 bool, __builtin_bcmp, <endian.h>, atomic pointer stores, a redefined helper-header macro', () => {
  let obj: LoadedObject;
  const XDP_DROP = 1;
  const XDP_PASS = 2;

  beforeAll(() => {
    // As xdp-tools builds it: -std=gnu2x -Werror. No diagnostic at all, not even the macro
    // redefinition of c23_tools.h (its ___bpf_nth differs from <bpf/bpf_helpers.h>'s).
    const out = compileFile(`${DIR}/xdp_c23_mac.c`, { c23: true, warnings: 'error' });
    expect(out.ctx.diags.list.map((d) => [d.severity, d.code, d.message])).toEqual([]);
    obj = loadObjectBytes(out.elf!, { type: 'xdp' });
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  const run = (pkt: Uint8Array) => runProgram(obj.prog('xdp_c23_mac').pinPath, pkt).retval;
  const counter = (slot: number) => readU64LE(lookupMap(obj.map('counters').pinPath, u32LE(slot))!.value);

  kernelIt('before C23, bool is an ordinary identifier', () => {
    const out = compileFile(`${DIR}/xdp_c23_mac.c`);
    expect(out.ctx.diags.list.filter((d) => d.severity === 'error').map((d) => d.code)).toContain('E2008');
  });

  kernelIt('drops the blocked source MAC, counts DNS over IPv4 and IPv6, passes the rest', () => {
    const blocked = { dst: '02:00:00:00:00:02', src: '02:00:00:00:00:66' };
    expect(run(eth({ ...blocked, type: ETH_P_IP, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport: 1, dport: 53 }) }) }))).toBe(XDP_DROP);
    expect(run(v4({ payload: udp({ sport: 4000, dport: 53, payload: text('query') }) }))).toBe(XDP_PASS);
    expect(run(v4({ payload: udp({ sport: 4000, dport: 54 }) }))).toBe(XDP_PASS);
    expect(run(v4({ payload: tcp({ sport: 4000, dport: 53 }) }))).toBe(XDP_PASS);
    const dns6 = eth({ ...mac, type: ETH_P_IPV6, payload: ipv6({ src: 'fc00::1', dst: 'fc00::2', payload: udp({ sport: 4000, dport: 53 }) }) });
    expect(run(dns6)).toBe(XDP_PASS);
    expect(run(dns6)).toBe(XDP_PASS);
    expect(run(v4({ payload: udp({ sport: 4000, dport: 53 }) }).subarray(0, 14 + 20 + 7))).toBe(XDP_PASS); // UDP header cut short
    expect([counter(0), counter(1), counter(2)]).toEqual([1n, 1n, 2n]);
  });
});

describeKernel('legacy maps of maps: the inner map named by iproute2 inner_id and by inner_map_idx', () => {
  let obj: LoadedObject;
  const TC_ACT_OK = 0;
  const TC_ACT_SHOT = 2;

  beforeAll(() => {
    const out = compileFile(`${DIR}/map_in_map.c`);
    const notes = out.ctx.diags.list.filter((d) => d.code === 'E6020').map((d) => d.message);
    expect(notes.filter((m) => m.includes('inner map'))).toEqual([
      expect.stringContaining("'per_dev' in SEC(\"maps\") is emitted as a BTF-defined map in SEC(\".maps\") (type 12, key_size 4, value_size 4, max_entries 4, inner map 'bytes')"),
      expect.stringContaining("'per_queue' in SEC(\"maps\") is emitted as a BTF-defined map in SEC(\".maps\") (type 13, key_size 4, value_size 4, max_entries 8, inner map 'lengths')"),
    ]);
    // Without the inner map's template, libbpf cannot create a map of maps and the object does not load.
    obj = loadObjectBytes(out.elf!, { type: 'tc' });
    expect(obj.ok, obj.log).toBe(true);
  });
  afterAll(() => obj?.cleanup());

  const run = (prog: string, pkt: Uint8Array) => runProgram(obj.prog(prog).pinPath, pkt, { ctxIn: new Uint8Array(192) }).retval;
  const total = (map: string) => readU64LE(lookupMap(obj.map(map).pinPath, u32LE(0))!.value);

  kernelIt('creates the maps of maps with their types', () => {
    expect(Object.fromEntries(['per_dev', 'per_queue', 'bytes', 'lengths'].map((m) => [m, obj.map(m).type]))).toEqual({
      per_dev: 'array_of_maps',
      per_queue: 'hash_of_maps',
      bytes: 'array',
      lengths: 'array',
    });
  });

  kernelIt('finds no map in an empty slot, then adds packet lengths through the stored inner map', () => {
    const pkt = v4({ payload: udp({ sport: 1, dport: 2, payload: text('hello') }) });
    expect(run('count_by_id', pkt)).toBe(TC_ACT_SHOT);
    expect(run('count_by_idx', pkt)).toBe(TC_ACT_SHOT);
    updateMapOfMaps(obj.map('per_dev').pinPath, u32LE(0), obj.map('bytes').pinPath);
    updateMapOfMaps(obj.map('per_queue').pinPath, u32LE(0), obj.map('lengths').pinPath);
    expect(run('count_by_id', pkt)).toBe(TC_ACT_OK);
    expect(run('count_by_id', pkt)).toBe(TC_ACT_OK);
    expect(run('count_by_idx', pkt)).toBe(TC_ACT_OK);
    expect([total('bytes'), total('lengths')]).toEqual([BigInt(2 * pkt.length), BigInt(pkt.length)]);
  });
});
