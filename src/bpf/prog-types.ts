// Program types and the SEC() names that select them, as data.
// Program type numbers are enum bpf_prog_type, attach type numbers enum bpf_attach_type
// (linux/bpf.h, Linux 6.6). Section names follow libbpf 1.x: a section either equals a
// name exactly, or (for names listed with `slash: true`) is "name/anything". libbpf 1.0
// dropped the "sloppy" prefix matching that accepted names like "xdp_foo" or "socket1";
// findProgType reports those as legacy and names the modern spelling.
import type { CtxStructName } from './ctx-layouts.js';

export interface ReturnValue {
  name: string;
  value: number;
}

export interface ReturnRule {
  /** The range the kernel verifier enforces on R0 at exit; undefined when it only needs a scalar. */
  checked?: { min: number; max: number };
  /** The values with a defined meaning (for messages and lint). */
  values: readonly ReturnValue[];
  /** The kernel uses only the low 32 bits of R0 (bpf_prog_run returns u32) and checks no range,
   * so the upper half of a 32-bit C return value need not be cleared. */
  low32?: true;
}

export interface ProgTypeInfo {
  /** Lower-case enumerator name without prefix: "xdp", "sched_cls". */
  name: string;
  cName: string;
  value: number;
  /** The struct the context pointer (R1) points to; undefined where ebcc has no layout. */
  ctx: CtxStructName | undefined;
  /** The C struct name of the context, also for types without a layout here; undefined for
   * tracing types, whose context is whatever the attach point passes. */
  ctxStruct: string | undefined;
  ret: ReturnRule;
  /** Every read of the context gives a number, never a pointer (pt_regs, a tracepoint's record). */
  ctxNumbers?: true;
}

const XDP_ACTIONS: readonly ReturnValue[] = [
  { name: 'XDP_ABORTED', value: 0 }, { name: 'XDP_DROP', value: 1 }, { name: 'XDP_PASS', value: 2 },
  { name: 'XDP_TX', value: 3 }, { name: 'XDP_REDIRECT', value: 4 },
];
const TC_ACTIONS: readonly ReturnValue[] = [
  { name: 'TC_ACT_UNSPEC', value: -1 }, { name: 'TC_ACT_OK', value: 0 }, { name: 'TC_ACT_RECLASSIFY', value: 1 },
  { name: 'TC_ACT_SHOT', value: 2 }, { name: 'TC_ACT_PIPE', value: 3 }, { name: 'TC_ACT_STOLEN', value: 4 },
  { name: 'TC_ACT_QUEUED', value: 5 }, { name: 'TC_ACT_REPEAT', value: 6 }, { name: 'TC_ACT_REDIRECT', value: 7 },
];
const SK_VERDICT: readonly ReturnValue[] = [{ name: 'SK_DROP', value: 0 }, { name: 'SK_PASS', value: 1 }];
const BPF_OK_DROP: readonly ReturnValue[] = [
  { name: 'BPF_OK', value: 0 }, { name: 'BPF_DROP', value: 2 }, { name: 'BPF_REDIRECT', value: 7 },
];
const ALLOW_DENY: readonly ReturnValue[] = [{ name: 'deny', value: 0 }, { name: 'allow', value: 1 }];

function progType(
  name: string,
  value: number,
  ctxStruct: string | undefined,
  ret: ReturnRule,
  ctxNumbers?: true,
): ProgTypeInfo {
  const ctx: CtxStructName | undefined = ctxStruct === 'xdp_md' || ctxStruct === '__sk_buff' ? ctxStruct : undefined;
  return { name, cName: `BPF_PROG_TYPE_${name.toUpperCase()}`, value, ctx, ctxStruct, ret, ...(ctxNumbers ? { ctxNumbers } : {}) };
}

/** The program types (and their numbers): the networking ones with their contexts, and the
 * tracing and cgroup ones libbpf's section names select. */
export const PROG_TYPES: readonly ProgTypeInfo[] = [
  // A socket filter returns how many bytes of the packet to keep (0 drops it).
  progType('socket_filter', 1, '__sk_buff', { values: [], low32: true }),
  progType('kprobe', 2, undefined, { values: [] }, true),
  progType('sched_cls', 3, '__sk_buff', { values: TC_ACTIONS, low32: true }),
  progType('sched_act', 4, '__sk_buff', { values: TC_ACTIONS, low32: true }),
  progType('tracepoint', 5, undefined, { values: [] }, true),
  progType('xdp', 6, 'xdp_md', { values: XDP_ACTIONS, low32: true }),
  progType('perf_event', 7, 'bpf_perf_event_data', { values: [] }, true),
  // cgroup_skb: ingress 0..1; egress may also return 2/3 (congestion notification), see sections.
  progType('cgroup_skb', 8, '__sk_buff', { checked: { min: 0, max: 1 }, values: ALLOW_DENY }),
  progType('cgroup_sock', 9, 'bpf_sock', { checked: { min: 0, max: 1 }, values: ALLOW_DENY }),
  progType('lwt_in', 10, '__sk_buff', { values: BPF_OK_DROP, low32: true }),
  progType('lwt_out', 11, '__sk_buff', { values: BPF_OK_DROP, low32: true }),
  progType('lwt_xmit', 12, '__sk_buff', { values: BPF_OK_DROP, low32: true }),
  progType('sock_ops', 13, 'bpf_sock_ops', { checked: { min: 0, max: 1 }, values: [] }),
  progType('sk_skb', 14, '__sk_buff', { values: SK_VERDICT, low32: true }),
  progType('cgroup_device', 15, 'bpf_cgroup_dev_ctx', { checked: { min: 0, max: 1 }, values: ALLOW_DENY }),
  progType('sk_msg', 16, 'sk_msg_md', { values: SK_VERDICT, low32: true }),
  progType('raw_tracepoint', 17, 'bpf_raw_tracepoint_args', { values: [] }, true),
  progType('cgroup_sock_addr', 18, 'bpf_sock_addr', { checked: { min: 0, max: 1 }, values: ALLOW_DENY }),
  progType('lwt_seg6local', 19, '__sk_buff', { values: BPF_OK_DROP }),
  progType('lirc_mode2', 20, undefined, { values: [] }),
  progType('sk_reuseport', 21, 'sk_reuseport_md', { values: SK_VERDICT }),
  progType('flow_dissector', 22, '__sk_buff', {
    values: [{ name: 'BPF_OK', value: 0 }, { name: 'BPF_DROP', value: 2 }],
  }),
  progType('cgroup_sysctl', 23, 'bpf_sysctl', { checked: { min: 0, max: 1 }, values: ALLOW_DENY }),
  progType('cgroup_sockopt', 25, 'bpf_sockopt', { checked: { min: 0, max: 1 }, values: ALLOW_DENY }),
  progType('tracing', 26, undefined, { values: [] }),
  progType('struct_ops', 27, undefined, { values: [] }),
  progType('lsm', 29, undefined, { values: [] }),
  progType('sk_lookup', 30, 'bpf_sk_lookup', { checked: { min: 0, max: 1 }, values: SK_VERDICT }),
  progType('syscall', 31, undefined, { values: [] }),
  progType('netfilter', 32, 'bpf_nf_ctx', {
    checked: { min: 0, max: 1 },
    values: [{ name: 'NF_DROP', value: 0 }, { name: 'NF_ACCEPT', value: 1 }],
  }),
];

export interface AttachType {
  cName: string;
  value: number;
}

function attach(cName: string, value: number): AttachType {
  return { cName, value };
}

/** A SEC() name libbpf recognises. */
export interface SectionDef {
  /** The name as written in SEC(). */
  section: string;
  /** True when "section/anything" also matches (libbpf writes these names with a trailing '+'). */
  slash: boolean;
  progType: string;
  expectedAttachType?: AttachType;
  /** XDP multi-buffer ("frags") program. */
  frags?: boolean;
  /** libbpf loads the program with BPF_F_SLEEPABLE (its SEC_SLEEPABLE names: `.s` and syscall). */
  sleepable?: boolean;
  /** Return range this attach point enforces, when it differs from the program type's. */
  checkedRet?: { min: number; max: number };
  /** The first libbpf release that knows the name. */
  sinceLibbpf: '1.0' | '1.3';
}

function sec(
  section: string,
  progTypeName: string,
  extra: Partial<Omit<SectionDef, 'section' | 'progType'>> = {},
): SectionDef {
  return { section, slash: false, progType: progTypeName, sinceLibbpf: '1.0', ...extra };
}

// Most specific first: lookups take the first match.
export const SECTION_DEFS: readonly SectionDef[] = [
  sec('socket', 'socket_filter'),
  sec('sk_reuseport/migrate', 'sk_reuseport', { expectedAttachType: attach('BPF_SK_REUSEPORT_SELECT_OR_MIGRATE', 40) }),
  sec('sk_reuseport', 'sk_reuseport', { expectedAttachType: attach('BPF_SK_REUSEPORT_SELECT', 39) }),
  sec('tc/ingress', 'sched_cls', { expectedAttachType: attach('BPF_TCX_INGRESS', 46), sinceLibbpf: '1.3' }),
  sec('tc/egress', 'sched_cls', { expectedAttachType: attach('BPF_TCX_EGRESS', 47), sinceLibbpf: '1.3' }),
  sec('tcx/ingress', 'sched_cls', { expectedAttachType: attach('BPF_TCX_INGRESS', 46), sinceLibbpf: '1.3' }),
  sec('tcx/egress', 'sched_cls', { expectedAttachType: attach('BPF_TCX_EGRESS', 47), sinceLibbpf: '1.3' }),
  sec('tc', 'sched_cls'),
  sec('classifier', 'sched_cls'),
  sec('action', 'sched_act'),
  sec('xdp.frags/devmap', 'xdp', { expectedAttachType: attach('BPF_XDP_DEVMAP', 33), frags: true }),
  sec('xdp/devmap', 'xdp', { expectedAttachType: attach('BPF_XDP_DEVMAP', 33) }),
  sec('xdp.frags/cpumap', 'xdp', { expectedAttachType: attach('BPF_XDP_CPUMAP', 35), frags: true }),
  sec('xdp/cpumap', 'xdp', { expectedAttachType: attach('BPF_XDP_CPUMAP', 35) }),
  sec('xdp.frags', 'xdp', { expectedAttachType: attach('BPF_XDP', 37), frags: true }),
  sec('xdp', 'xdp', { expectedAttachType: attach('BPF_XDP', 37) }),
  sec('lwt_in', 'lwt_in'),
  sec('lwt_out', 'lwt_out'),
  sec('lwt_xmit', 'lwt_xmit'),
  sec('lwt_seg6local', 'lwt_seg6local'),
  sec('sockops', 'sock_ops', { expectedAttachType: attach('BPF_CGROUP_SOCK_OPS', 3) }),
  sec('sk_skb/stream_parser', 'sk_skb', { expectedAttachType: attach('BPF_SK_SKB_STREAM_PARSER', 4) }),
  sec('sk_skb/stream_verdict', 'sk_skb', { expectedAttachType: attach('BPF_SK_SKB_STREAM_VERDICT', 5) }),
  sec('sk_skb/verdict', 'sk_skb', { expectedAttachType: attach('BPF_SK_SKB_VERDICT', 38) }),
  sec('sk_skb', 'sk_skb'),
  sec('sk_msg', 'sk_msg', { expectedAttachType: attach('BPF_SK_MSG_VERDICT', 7) }),
  sec('flow_dissector', 'flow_dissector', { expectedAttachType: attach('BPF_FLOW_DISSECTOR', 17) }),
  sec('cgroup_skb/ingress', 'cgroup_skb', { expectedAttachType: attach('BPF_CGROUP_INET_INGRESS', 0) }),
  sec('cgroup_skb/egress', 'cgroup_skb', {
    expectedAttachType: attach('BPF_CGROUP_INET_EGRESS', 1),
    checkedRet: { min: 0, max: 3 },
  }),
  sec('cgroup/skb', 'cgroup_skb'),
  sec('cgroup/sock_create', 'cgroup_sock', { expectedAttachType: attach('BPF_CGROUP_INET_SOCK_CREATE', 2) }),
  sec('cgroup/sock', 'cgroup_sock', { expectedAttachType: attach('BPF_CGROUP_INET_SOCK_CREATE', 2) }),
  // bind may also return 2 and 3: bit 1 lets the bind skip the CAP_NET_BIND_SERVICE check.
  sec('cgroup/bind4', 'cgroup_sock_addr', { expectedAttachType: attach('BPF_CGROUP_INET4_BIND', 8), checkedRet: { min: 0, max: 3 } }),
  sec('cgroup/bind6', 'cgroup_sock_addr', { expectedAttachType: attach('BPF_CGROUP_INET6_BIND', 9), checkedRet: { min: 0, max: 3 } }),
  sec('cgroup/connect4', 'cgroup_sock_addr', { expectedAttachType: attach('BPF_CGROUP_INET4_CONNECT', 10) }),
  sec('cgroup/connect6', 'cgroup_sock_addr', { expectedAttachType: attach('BPF_CGROUP_INET6_CONNECT', 11) }),
  sec('cgroup/post_bind4', 'cgroup_sock', { expectedAttachType: attach('BPF_CGROUP_INET4_POST_BIND', 12) }),
  sec('cgroup/post_bind6', 'cgroup_sock', { expectedAttachType: attach('BPF_CGROUP_INET6_POST_BIND', 13) }),
  sec('cgroup/sock_release', 'cgroup_sock', { expectedAttachType: attach('BPF_CGROUP_INET_SOCK_RELEASE', 34) }),
  sec('cgroup/sendmsg4', 'cgroup_sock_addr', { expectedAttachType: attach('BPF_CGROUP_UDP4_SENDMSG', 14) }),
  sec('cgroup/sendmsg6', 'cgroup_sock_addr', { expectedAttachType: attach('BPF_CGROUP_UDP6_SENDMSG', 15) }),
  sec('cgroup/recvmsg4', 'cgroup_sock_addr', { expectedAttachType: attach('BPF_CGROUP_UDP4_RECVMSG', 19), checkedRet: { min: 1, max: 1 } }),
  sec('cgroup/recvmsg6', 'cgroup_sock_addr', { expectedAttachType: attach('BPF_CGROUP_UDP6_RECVMSG', 20), checkedRet: { min: 1, max: 1 } }),
  sec('cgroup/getpeername4', 'cgroup_sock_addr', { expectedAttachType: attach('BPF_CGROUP_INET4_GETPEERNAME', 29), checkedRet: { min: 1, max: 1 } }),
  sec('cgroup/getpeername6', 'cgroup_sock_addr', { expectedAttachType: attach('BPF_CGROUP_INET6_GETPEERNAME', 30), checkedRet: { min: 1, max: 1 } }),
  sec('cgroup/getsockname4', 'cgroup_sock_addr', { expectedAttachType: attach('BPF_CGROUP_INET4_GETSOCKNAME', 31), checkedRet: { min: 1, max: 1 } }),
  sec('cgroup/getsockname6', 'cgroup_sock_addr', { expectedAttachType: attach('BPF_CGROUP_INET6_GETSOCKNAME', 32), checkedRet: { min: 1, max: 1 } }),
  sec('cgroup/sysctl', 'cgroup_sysctl', { expectedAttachType: attach('BPF_CGROUP_SYSCTL', 18) }),
  sec('cgroup/getsockopt', 'cgroup_sockopt', { expectedAttachType: attach('BPF_CGROUP_GETSOCKOPT', 21) }),
  sec('cgroup/setsockopt', 'cgroup_sockopt', { expectedAttachType: attach('BPF_CGROUP_SETSOCKOPT', 22) }),
  sec('cgroup/dev', 'cgroup_device', { expectedAttachType: attach('BPF_CGROUP_DEVICE', 6) }),
  sec('lirc_mode2', 'lirc_mode2', { expectedAttachType: attach('BPF_LIRC_MODE2', 16) }),
  sec('sk_lookup', 'sk_lookup', { expectedAttachType: attach('BPF_SK_LOOKUP', 36) }),
  sec('netfilter', 'netfilter', { expectedAttachType: attach('BPF_NETFILTER', 45) }),
  // Tracing: "name" alone or "name/target" (libbpf's "name+").
  sec('kprobe', 'kprobe', { slash: true }),
  sec('kretprobe', 'kprobe', { slash: true }),
  sec('uprobe', 'kprobe', { slash: true }),
  sec('uretprobe', 'kprobe', { slash: true }),
  sec('ksyscall', 'kprobe', { slash: true }),
  sec('kretsyscall', 'kprobe', { slash: true }),
  sec('kprobe.multi', 'kprobe', { slash: true, expectedAttachType: attach('BPF_TRACE_KPROBE_MULTI', 42) }),
  sec('kretprobe.multi', 'kprobe', { slash: true, expectedAttachType: attach('BPF_TRACE_KPROBE_MULTI', 42) }),
  sec('kprobe.session', 'kprobe', { slash: true, expectedAttachType: attach('BPF_TRACE_KPROBE_SESSION', 56) }),
  sec('uprobe.multi.s', 'kprobe', { slash: true, sleepable: true, expectedAttachType: attach('BPF_TRACE_UPROBE_MULTI', 48) }),
  sec('uretprobe.multi.s', 'kprobe', { slash: true, sleepable: true, expectedAttachType: attach('BPF_TRACE_UPROBE_MULTI', 48) }),
  sec('uprobe.multi', 'kprobe', { slash: true, expectedAttachType: attach('BPF_TRACE_UPROBE_MULTI', 48) }),
  sec('uretprobe.multi', 'kprobe', { slash: true, expectedAttachType: attach('BPF_TRACE_UPROBE_MULTI', 48) }),
  sec('uprobe.s', 'kprobe', { slash: true, sleepable: true }),
  sec('uretprobe.s', 'kprobe', { slash: true, sleepable: true }),
  sec('usdt.s', 'kprobe', { slash: true, sleepable: true }),
  sec('usdt', 'kprobe', { slash: true }),
  sec('tracepoint', 'tracepoint', { slash: true }),
  sec('tp', 'tracepoint', { slash: true }),
  sec('raw_tracepoint', 'raw_tracepoint', { slash: true }),
  sec('raw_tp', 'raw_tracepoint', { slash: true }),
  sec('perf_event', 'perf_event'),
  sec('tp_btf', 'tracing', { slash: true, expectedAttachType: attach('BPF_TRACE_RAW_TP', 23) }),
  sec('fentry.s', 'tracing', { slash: true, sleepable: true, expectedAttachType: attach('BPF_TRACE_FENTRY', 24) }),
  sec('fexit.s', 'tracing', { slash: true, sleepable: true, expectedAttachType: attach('BPF_TRACE_FEXIT', 25) }),
  sec('fmod_ret.s', 'tracing', { slash: true, sleepable: true, expectedAttachType: attach('BPF_MODIFY_RETURN', 26) }),
  sec('iter.s', 'tracing', { slash: true, sleepable: true, expectedAttachType: attach('BPF_TRACE_ITER', 28) }),
  sec('lsm.s', 'lsm', { slash: true, sleepable: true, expectedAttachType: attach('BPF_LSM_MAC', 27) }),
  sec('lsm_cgroup', 'lsm', { slash: true, expectedAttachType: attach('BPF_LSM_CGROUP', 43) }),
  sec('fentry', 'tracing', { slash: true, expectedAttachType: attach('BPF_TRACE_FENTRY', 24) }),
  sec('fexit', 'tracing', { slash: true, expectedAttachType: attach('BPF_TRACE_FEXIT', 25) }),
  sec('fmod_ret', 'tracing', { slash: true, expectedAttachType: attach('BPF_MODIFY_RETURN', 26) }),
  sec('iter', 'tracing', { slash: true, expectedAttachType: attach('BPF_TRACE_ITER', 28) }),
  sec('lsm', 'lsm', { slash: true, expectedAttachType: attach('BPF_LSM_MAC', 27) }),
  sec('struct_ops.s', 'struct_ops', { slash: true, sleepable: true }),
  sec('struct_ops', 'struct_ops', { slash: true }),
  sec('syscall', 'syscall', { sleepable: true }),
];

/** Section names of older loaders (iproute2, libbpf 0.x) that libbpf 1.x no longer maps. */
// iproute2's default section for `ip link set … xdp obj` was "prog".
const LEGACY_EXACT: Readonly<Record<string, string>> = { prog: 'xdp' };

/** The spelling to suggest when a legacy name matched by prefix (classifier* is best written tc). */
const PREFERRED_NAME: Readonly<Record<string, string>> = { classifier: 'tc' };

export type SectionMatch =
  | { kind: 'modern'; def: SectionDef; progType: ProgTypeInfo }
  /** A name libbpf 1.x refuses to open without a forced type; `replacement` is the name to use. */
  | { kind: 'legacy'; replacement: string; progType: ProgTypeInfo | undefined };

export function progTypeByName(name: string): ProgTypeInfo | undefined {
  return PROG_TYPES.find((p) => p.name === name || p.cName === name);
}

function matches(def: SectionDef, section: string): boolean {
  if (section === def.section) return true;
  return def.slash && section.startsWith(`${def.section}/`);
}

/** The program type a SEC() name selects, or undefined when the section is not a program section. */
export function findProgType(section: string): SectionMatch | undefined {
  // SEC("?name"): libbpf does not load the program unless asked to; the type is the name's.
  if (section.startsWith('?')) section = section.slice(1);
  for (const def of SECTION_DEFS) {
    if (matches(def, section)) return { kind: 'modern', def, progType: progTypeByName(def.progType)! };
  }
  const legacy = LEGACY_EXACT[section];
  if (legacy !== undefined) {
    return { kind: 'legacy', replacement: legacy, progType: progTypeByName(legacy) };
  }
  // libbpf 0.x prefix matching: "xdp_foo", "socket1", "classifier/ingress", "tc_egress".
  for (const def of SECTION_DEFS) {
    if (def.section.includes('/') || !section.startsWith(def.section)) continue;
    const next = section.charAt(def.section.length);
    if (next === '' || next === '.') continue;
    const replacement = PREFERRED_NAME[def.section] ?? def.section;
    return { kind: 'legacy', replacement, progType: progTypeByName(def.progType) };
  }
  return undefined;
}

/** The section name to suggest for a program type: its shortest name without '/' ("xdp", "tc", "socket"). */
export function preferredSection(progTypeName: string): string | undefined {
  let best: string | undefined;
  for (const d of SECTION_DEFS) {
    if (d.progType !== progTypeName || d.section.includes('/')) continue;
    if (best === undefined || d.section.length < best.length) best = d.section;
  }
  return best;
}

/** Whether libbpf loads a program of this section sleepable (BPF_F_SLEEPABLE). */
export function sectionSleepable(match: SectionMatch | undefined): boolean {
  return match?.kind === 'modern' && match.def.sleepable === true;
}

/**
 * Whether the kernel reads only the low 32 bits of what a program of this section returns. A
 * section that names no type libbpf knows leaves the type to the loader: then the context struct
 * decides when only one type takes it (`struct xdp_md *`: XDP, and no attach type, so no checked
 * return range, can come from such a section); `struct __sk_buff *` does not (cgroup_skb checks
 * its return range).
 */
export function returnsLow32(section: string, ctxStruct?: string): boolean {
  const match = findProgType(section);
  if (match === undefined) {
    const types = ctxStruct === undefined ? [] : PROG_TYPES.filter((t) => t.ctxStruct === ctxStruct);
    return types.length === 1 && types[0]!.ret.low32 === true && types[0]!.ret.checked === undefined;
  }
  return match.progType?.ret.low32 === true && checkedReturnRange(match) === undefined;
}

/** Whether every read of a program's context gives a number (a kprobe's pt_regs), by its section. */
export function contextReadsNumbers(section: string): boolean {
  return findProgType(section)?.progType?.ctxNumbers === true;
}

/** The return range the verifier enforces for this section, if any. */
export function checkedReturnRange(match: SectionMatch): { min: number; max: number } | undefined {
  if (match.kind === 'modern') return match.def.checkedRet ?? match.progType.ret.checked;
  return match.progType?.ret.checked;
}
