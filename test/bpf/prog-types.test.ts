import { describe, expect, it } from 'vitest';
import { ctxFieldAllowed, ctxFieldAt, SK_BUFF, XDP_MD } from '../../src/bpf/ctx-layouts.js';
import { mapFlagByName, mapTypeByName, mapTypeByValue, mapTypeTable } from '../../src/bpf/maps.js';
import { checkedReturnRange, findProgType, preferredSection, PROG_TYPES, SECTION_DEFS, sectionSleepable } from '../../src/bpf/prog-types.js';

describe('findProgType', () => {
  const modern: [string, string, string | undefined][] = [
    ['xdp', 'xdp', 'BPF_XDP'],
    ['xdp.frags', 'xdp', 'BPF_XDP'],
    ['xdp/devmap', 'xdp', 'BPF_XDP_DEVMAP'],
    ['tc', 'sched_cls', undefined],
    ['classifier', 'sched_cls', undefined],
    ['tc/ingress', 'sched_cls', 'BPF_TCX_INGRESS'],
    ['tcx/egress', 'sched_cls', 'BPF_TCX_EGRESS'],
    ['action', 'sched_act', undefined],
    ['socket', 'socket_filter', undefined],
    ['sk_skb', 'sk_skb', undefined],
    ['sk_skb/stream_parser', 'sk_skb', 'BPF_SK_SKB_STREAM_PARSER'],
    ['sk_msg', 'sk_msg', 'BPF_SK_MSG_VERDICT'],
    ['cgroup_skb/ingress', 'cgroup_skb', 'BPF_CGROUP_INET_INGRESS'],
    ['cgroup_skb/egress', 'cgroup_skb', 'BPF_CGROUP_INET_EGRESS'],
    ['cgroup/skb', 'cgroup_skb', undefined],
    ['flow_dissector', 'flow_dissector', 'BPF_FLOW_DISSECTOR'],
    ['lwt_xmit', 'lwt_xmit', undefined],
    ['sk_reuseport', 'sk_reuseport', 'BPF_SK_REUSEPORT_SELECT'],
    ['sk_lookup', 'sk_lookup', 'BPF_SK_LOOKUP'],
    // A leading '?' only turns off autoload in libbpf.
    ['?tc', 'sched_cls', undefined],
    ['?cgroup/post_bind4', 'cgroup_sock', 'BPF_CGROUP_INET4_POST_BIND'],
    ['kprobe.multi/do_*', 'kprobe', 'BPF_TRACE_KPROBE_MULTI'],
    ['usdt', 'kprobe', undefined],
    ['fentry.s/do_sys_open', 'tracing', 'BPF_TRACE_FENTRY'],
  ];
  for (const [section, type, attach] of modern) {
    it(section, () => {
      const m = findProgType(section);
      expect(m?.kind).toBe('modern');
      if (m?.kind !== 'modern') return;
      expect(m.progType.name).toBe(type);
      expect(m.def.expectedAttachType?.cName).toBe(attach);
    });
  }

  it('flags legacy names with their replacement', () => {
    const legacy: [string, string, string][] = [
      ['xdp_foo', 'xdp', 'xdp'],
      ['socket1', 'socket', 'socket_filter'],
      ['classifier/ingress', 'tc', 'sched_cls'],
      ['classifier_x', 'tc', 'sched_cls'],
      ['tc/foo', 'tc', 'sched_cls'],
      ['prog', 'xdp', 'xdp'],
    ];
    for (const [section, replacement, type] of legacy) {
      expect(findProgType(section), section).toMatchObject({ kind: 'legacy', replacement, progType: { name: type } });
    }
  });

  it('matches like libbpf 1.x: exact names, and "name/..." only for its "name+" entries', () => {
    // libbpf 1.x (tools/lib/bpf/libbpf.c, section_defs): "xdp", "socket", "tc" are exact;
    // "tracepoint+", "kprobe+", "raw_tp+", "fentry+" also take "/target".
    for (const s of ['xdp1', 'socket2', 'xdp_prog', 'sk_skb1']) expect(findProgType(s)?.kind, s).toBe('legacy');
    const tracing: [string, string][] = [
      ['tracepoint/xdp/xdp_exception', 'tracepoint'],
      ['tp/syscalls/sys_enter_open', 'tracepoint'],
      ['kprobe/tcp_v4_connect', 'kprobe'],
      ['kretprobe', 'kprobe'],
      ['raw_tp/sched_switch', 'raw_tracepoint'],
      ['fentry/tcp_rcv', 'tracing'],
      ['perf_event', 'perf_event'],
      ['cgroup/sendmsg4', 'cgroup_sock_addr'],
      ['cgroup/dev', 'cgroup_device'],
    ];
    for (const [section, type] of tracing) expect(findProgType(section), section).toMatchObject({ kind: 'modern', progType: { name: type } });
    expect(findProgType('perf_event/x')?.kind).not.toBe('modern');
  });

  it('suggests the plain section name of a program type', () => {
    expect(['xdp', 'sched_cls', 'socket_filter', 'sched_act', 'sk_skb', 'lwt_xmit'].map(preferredSection)).toEqual([
      'xdp', 'tc', 'socket', 'action', 'sk_skb', 'lwt_xmit',
    ]);
  });

  it('does not treat data sections as programs', () => {
    for (const s of ['license', '.maps', '.text', 'maps', '.rodata', 'version']) expect(findProgType(s), s).toBeUndefined();
  });

  it('knows program type numbers, contexts and return rules', () => {
    const byName = Object.fromEntries(PROG_TYPES.map((p) => [p.name, p]));
    expect([byName.socket_filter!.value, byName.sched_cls!.value, byName.xdp!.value, byName.sk_lookup!.value]).toEqual([1, 3, 6, 30]);
    expect(byName.xdp!.ctx).toBe('xdp_md');
    expect(byName.sched_cls!.ctx).toBe('__sk_buff');
    expect(byName.xdp!.ret.values.find((v) => v.name === 'XDP_PASS')?.value).toBe(2);
    expect(checkedReturnRange(findProgType('xdp')!)).toBeUndefined();
    expect(checkedReturnRange(findProgType('cgroup_skb/ingress')!)).toEqual({ min: 0, max: 1 });
    expect(checkedReturnRange(findProgType('cgroup_skb/egress')!)).toEqual({ min: 0, max: 3 });
    for (const d of SECTION_DEFS) expect(PROG_TYPES.some((p) => p.name === d.progType), d.section).toBe(true);
  });

  it('knows which sections libbpf loads sleepable', () => {
    const sleepable = ['syscall', 'iter.s/task', 'fentry.s/f', 'fmod_ret.s/f', 'lsm.s/file_open', 'uprobe.s', 'uprobe.multi.s/x', 'usdt.s', 'struct_ops.s/x', '?syscall'];
    const not = ['iter/task', 'fentry/f', 'lsm/file_open', 'uprobe', 'uprobe.multi/x', 'struct_ops/x', 'xdp', 'tp_btf/x'];
    for (const s of sleepable) expect(sectionSleepable(findProgType(s)), s).toBe(true);
    for (const s of not) expect(sectionSleepable(findProgType(s)), s).toBe(false);
    expect(findProgType('iter.s/cgroup')?.progType?.name).toBe('tracing');
  });
});

describe('context layouts', () => {
  it('has the offsets of linux/bpf.h', () => {
    const off = (name: string): number | undefined => SK_BUFF.fields.find((f) => f.name === name)?.offsetBytes;
    expect([off('len'), off('mark'), off('cb'), off('hash'), off('data'), off('data_end'), off('data_meta')]).toEqual([0, 8, 48, 68, 76, 80, 140]);
    expect([off('remote_ip6'), off('local_port'), off('flow_keys'), off('tstamp'), off('sk'), off('hwtstamp')]).toEqual([100, 136, 144, 152, 168, 184]);
    expect(XDP_MD.fields.map((f) => [f.name, f.offsetBytes])).toEqual([
      ['data', 0], ['data_end', 4], ['data_meta', 8], ['ingress_ifindex', 12], ['rx_queue_index', 16], ['egress_ifindex', 20],
    ]);
  });

  it('is laid out without overlap, in order, inside the struct', () => {
    for (const layout of [SK_BUFF, XDP_MD]) {
      let end = 0;
      for (const f of layout.fields) {
        expect(f.offsetBytes, `${layout.name}.${f.name}`).toBeGreaterThanOrEqual(end);
        expect(f.offsetBytes % Math.min(8, f.sizeBytes / f.count)).toBe(0);
        end = f.offsetBytes + f.sizeBytes;
      }
      expect(end).toBeLessThanOrEqual(layout.sizeBytes);
    }
  });

  it('finds fields by offset and marks packet pointers', () => {
    expect(ctxFieldAt(SK_BUFF, 56)?.name).toBe('cb');
    expect(ctxFieldAt(SK_BUFF, 181)).toBeUndefined();
    expect(ctxFieldAt(SK_BUFF, 76)?.pointer).toBe('pkt');
    expect(ctxFieldAt(SK_BUFF, 80)?.pointer).toBe('pkt_end');
    expect(ctxFieldAt(XDP_MD, 8)?.pointer).toBe('pkt_meta');
  });

  it('applies per-type access rules', () => {
    expect(ctxFieldAllowed('sched_cls', 'data', 'read')).toBe(true);
    expect(ctxFieldAllowed('sched_cls', 'mark', 'write')).toBe(true);
    expect(ctxFieldAllowed('sched_cls', 'len', 'write')).toBe(false);
    expect(ctxFieldAllowed('sched_cls', 'family', 'read')).toBe(false);
    expect(ctxFieldAllowed('socket_filter', 'data', 'read')).toBe(false);
    expect(ctxFieldAllowed('socket_filter', 'cb', 'write')).toBe(true);
    expect(ctxFieldAllowed('xdp', 'data', 'write')).toBe(false);
    expect(ctxFieldAllowed('xdp', 'egress_ifindex', 'read')).toBe(false);
    expect(ctxFieldAllowed('xdp', 'egress_ifindex', 'read', 'BPF_XDP_DEVMAP')).toBe(true);
    expect(ctxFieldAllowed('flow_dissector', 'flow_keys', 'read')).toBe(true);
    expect(ctxFieldAllowed('flow_dissector', 'len', 'read')).toBe(false);
    expect(ctxFieldAllowed('sk_msg', 'data', 'read')).toBeUndefined();
  });
});

describe('map types and flags', () => {
  it('numbers map types as enum bpf_map_type', () => {
    expect(mapTypeTable().length).toBe(33);
    expect(mapTypeByName('hash')?.value).toBe(1);
    expect(mapTypeByName('BPF_MAP_TYPE_PROG_ARRAY')?.value).toBe(3);
    expect(mapTypeByName('lru_hash')?.value).toBe(9);
    expect(mapTypeByName('devmap')?.value).toBe(14);
    expect(mapTypeByName('xskmap')?.value).toBe(17);
    expect(mapTypeByName('ringbuf')?.value).toBe(27);
    expect(mapTypeByName('user_ringbuf')?.value).toBe(31);
    expect(mapTypeByValue(32)?.cName).toBe('BPF_MAP_TYPE_CGRP_STORAGE');
  });

  it('knows the flag values', () => {
    expect(mapFlagByName('BPF_F_NO_PREALLOC')?.value).toBe(1);
    expect(mapFlagByName('BPF_F_MMAPABLE')?.value).toBe(1024);
    expect(mapFlagByName('BPF_NOEXIST')?.value).toBe(1);
    expect(mapFlagByName('BPF_F_LOCK')?.value).toBe(4);
  });
});
