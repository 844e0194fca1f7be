// The "packet shorter than an Ethernet header" branch of every sample. BPF_PROG_TEST_RUN refuses
// packets under 14 bytes, so only ebcc run can take it; the expectations are read from the C.
// For socket buffer programs ebcc run can pull no Ethernet header from such a packet: skb->protocol
// is 0 and skb->len the whole packet (tc) or 0 (socket filters, which start after the header).
import { describe, expect, it } from 'vitest';
import { createSession, type RunSession } from '../../src/run/session.js';
import { compileFile, REPO_DIR } from '../util/compile.js';

const XDP_DROP = 1;
const XDP_PASS = 2;
const TC_ACT_OK = 0;

const SHORT = [new Uint8Array(0), Uint8Array.of(0xff), new Uint8Array(10).fill(0xab), new Uint8Array(13).fill(0x08)];

function session(sample: string, program?: string): RunSession {
  const out = compileFile(`${REPO_DIR}/samples/${sample}`);
  expect(out.ctx.diags.hasErrors(), out.text).toBe(false); // legacy_maps.c warns about its map definitions
  const s = createSession(out.object!, { program, sources: out.ctx.sources });
  if (!s.ok) throw new Error(s.message);
  return s.session;
}

/** The map's entries as "keyhex=valuehex", skipping all-zero array slots. */
function entries(s: RunSession, map: string): string[] {
  const d = s.dumpMaps().find((x) => x.name === map)!;
  const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
  return d.entries.filter((e) => !d.type.endsWith('array') || e.value.some((b) => b !== 0)).map((e) => `${hex(e.key)}=${hex(e.value)}`);
}

function runAll(s: RunSession, program?: string): number[] {
  return SHORT.map((packet) => {
    expect(s.kernelRefusal({ program, packet })).toMatch(/shorter than 14 bytes/);
    const r = s.run({ program, packet });
    expect(r.error).toBeUndefined();
    expect(r.packetOut).toEqual(packet); // nothing writes to a packet this short
    return r.retval;
  });
}

describe('samples on packets shorter than an Ethernet header (ebcc run only)', () => {
  it('xdp_count: passes them and counts each in drop_stats[0]', () => {
    // if ((void *)(eth + 1) > data_end) { bump(&drop_stats, 0); return XDP_PASS; }
    const s = session('xdp_count.c');
    expect(runAll(s)).toEqual([XDP_PASS, XDP_PASS, XDP_PASS, XDP_PASS]);
    expect(entries(s, 'drop_stats')).toEqual(['00000000=0400000000000000']);
    expect(entries(s, 'ethertype_count')).toEqual([]);
  });

  it('xdp_count_all: counts them under 0xffff like any other packet', () => {
    const s = session('xdp_count.c', 'xdp_count_all');
    expect(runAll(s, 'xdp_count_all')).toEqual([XDP_PASS, XDP_PASS, XDP_PASS, XDP_PASS]);
    expect(entries(s, 'ethertype_count')).toEqual(['ffff0000=0400000000000000']);
  });

  it('xdp_firewall: drops them and counts the drop verdict', () => {
    // if ((void *)(eth + 1) > data_end) return count_verdict(XDP_DROP);
    const s = session('xdp_firewall.c');
    expect(runAll(s)).toEqual([XDP_DROP, XDP_DROP, XDP_DROP, XDP_DROP]);
    expect(entries(s, 'verdicts')).toEqual(['01000000=0400000000000000']);
    expect(entries(s, 'blocked_sources')).toEqual([]);
  });

  it('l4lb: drops them before any lookup or counter', () => {
    // if ((void *)(eth + 1) > data_end) return XDP_DROP;
    const s = session('l4lb.c');
    expect(runAll(s)).toEqual([XDP_DROP, XDP_DROP, XDP_DROP, XDP_DROP]);
    for (const m of ['vip_stats', 'vip_map', 'ch_rings', 'reals', 'lb_config']) expect(entries(s, m)).toEqual([]);
  });

  it('legacy_maps: passes them (no room for the IPv4 header) and counts nothing', () => {
    // if ((void *)(iph + 1) > data_end) return XDP_PASS;
    const s = session('legacy_maps.c');
    expect(runAll(s)).toEqual([XDP_PASS, XDP_PASS, XDP_PASS, XDP_PASS]);
    expect(entries(s, 'proto_count')).toEqual([]);
  });

  it('tc_classifier: not IPv4 (protocol 0), so unclassified: TC_ACT_OK and the bytes go to class 0', () => {
    // if (skb->protocol != bpf_htons(ETH_P_IP)) { account(CLASS_NONE, skb->len); return TC_ACT_OK; }
    const s = session('tc_classifier.c');
    expect(runAll(s)).toEqual([TC_ACT_OK, TC_ACT_OK, TC_ACT_OK, TC_ACT_OK]);
    const total = SHORT.reduce((n, p) => n + p.length, 0); // 0 + 1 + 10 + 13 = 24
    expect(entries(s, 'class_bytes')).toEqual([`00000000=${total.toString(16).padStart(2, '0')}00000000000000`]);
  });

  it('socket_filter: not IPv4 (protocol 0), so it keeps 0 bytes', () => {
    // if (skb->protocol != bpf_htons(ETH_P_IP)) return 0;
    const s = session('socket_filter.c');
    for (const packet of SHORT) {
      const r = s.run({ packet });
      expect(r.error).toBeUndefined();
      expect(r.retval).toBe(0);
    }
  });
});
