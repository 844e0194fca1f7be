// Program context layouts as data: the fields of struct xdp_md and struct __sk_buff
// (linux/bpf.h, Linux 6.6) with byte offsets, and which fields each program type may
// read or write (the kernel's per-type is_valid_access rules). The verifier and codegen
// read these; context accesses are always `ctx + constant offset`.
import { assertNever } from '../util/assert-never.js';

/** What a load from the field yields when it is not a plain scalar. */
export type CtxPointerKind = 'pkt' | 'pkt_end' | 'pkt_meta' | 'flow_keys' | 'sock_common_or_null';

export interface CtxField {
  name: string;
  offsetBytes: number;
  /** Total size; for arrays, count * element size. */
  sizeBytes: number;
  /** Number of elements for arrays (cb[5], remote_ip6[4]); 1 otherwise. */
  count: number;
  /** Loads must use exactly the element size (no narrow loads). */
  exactSize: boolean;
  pointer?: CtxPointerKind;
}

export type CtxStructName = 'xdp_md' | '__sk_buff';

export interface CtxLayout {
  name: CtxStructName;
  sizeBytes: number;
  fields: readonly CtxField[];
}

function field(name: string, offsetBytes: number, sizeBytes: number, extra: Partial<CtxField> = {}): CtxField {
  return { name, offsetBytes, sizeBytes, count: 1, exactSize: false, ...extra };
}

/** struct xdp_md: every field is a __u32 and must be read with a 4-byte load. */
export const XDP_MD: CtxLayout = {
  name: 'xdp_md',
  sizeBytes: 24,
  fields: [
    field('data', 0, 4, { exactSize: true, pointer: 'pkt' }),
    field('data_end', 4, 4, { exactSize: true, pointer: 'pkt_end' }),
    field('data_meta', 8, 4, { exactSize: true, pointer: 'pkt_meta' }),
    field('ingress_ifindex', 12, 4, { exactSize: true }),
    field('rx_queue_index', 16, 4, { exactSize: true }),
    field('egress_ifindex', 20, 4, { exactSize: true }),
  ],
};

/** struct __sk_buff (192 bytes). */
export const SK_BUFF: CtxLayout = {
  name: '__sk_buff',
  sizeBytes: 192,
  fields: [
    field('len', 0, 4),
    field('pkt_type', 4, 4),
    field('mark', 8, 4),
    field('queue_mapping', 12, 4),
    field('protocol', 16, 4),
    field('vlan_present', 20, 4),
    field('vlan_tci', 24, 4),
    field('vlan_proto', 28, 4),
    field('priority', 32, 4),
    field('ingress_ifindex', 36, 4),
    field('ifindex', 40, 4),
    field('tc_index', 44, 4),
    field('cb', 48, 20, { count: 5 }),
    field('hash', 68, 4),
    field('tc_classid', 72, 4),
    field('data', 76, 4, { exactSize: true, pointer: 'pkt' }),
    field('data_end', 80, 4, { exactSize: true, pointer: 'pkt_end' }),
    field('napi_id', 84, 4),
    field('family', 88, 4),
    field('remote_ip4', 92, 4),
    field('local_ip4', 96, 4),
    field('remote_ip6', 100, 16, { count: 4 }),
    field('local_ip6', 116, 16, { count: 4 }),
    field('remote_port', 132, 4),
    field('local_port', 136, 4),
    field('data_meta', 140, 4, { exactSize: true, pointer: 'pkt_meta' }),
    field('flow_keys', 144, 8, { exactSize: true, pointer: 'flow_keys' }),
    field('tstamp', 152, 8, { exactSize: true }),
    field('wire_len', 160, 4),
    field('gso_segs', 164, 4),
    field('sk', 168, 8, { exactSize: true, pointer: 'sock_common_or_null' }),
    field('gso_size', 176, 4),
    field('tstamp_type', 180, 1, { exactSize: true }),
    field('hwtstamp', 184, 8, { exactSize: true }),
  ],
};

export function ctxLayout(name: CtxStructName): CtxLayout {
  switch (name) {
    case 'xdp_md':
      return XDP_MD;
    case '__sk_buff':
      return SK_BUFF;
    default:
      return assertNever(name);
  }
}

/** The field containing byte offset `offsetBytes`, if any (padding gives undefined). */
export function ctxFieldAt(layout: CtxLayout, offsetBytes: number): CtxField | undefined {
  return layout.fields.find((f) => offsetBytes >= f.offsetBytes && offsetBytes < f.offsetBytes + f.sizeBytes);
}

/** Which context fields a program type may touch. */
export interface CtxAccessPolicy {
  ctx: CtxStructName;
  /** Fields that may not be read (nor written). All others may be read. */
  deny: readonly string[];
  /** Fields that may be written (with a full-width store). */
  write: readonly string[];
}

// The sk_skb-only socket fields of __sk_buff (family … local_port).
const SOCKET_FIELDS = ['family', 'remote_ip4', 'local_ip4', 'remote_ip6', 'local_ip6', 'remote_port', 'local_port'];

/** Access rules, keyed by program type name (see prog-types.ts). */
export const CTX_ACCESS: Readonly<Record<string, CtxAccessPolicy>> = {
  // XDP: read-only; egress_ifindex is readable only for BPF_XDP_DEVMAP programs (see xdpDevmapOnly).
  xdp: { ctx: 'xdp_md', deny: [], write: [] },
  socket_filter: {
    ctx: '__sk_buff',
    deny: ['tc_classid', 'data', 'data_meta', 'data_end', ...SOCKET_FIELDS, 'tstamp', 'wire_len', 'hwtstamp', 'flow_keys'],
    write: ['cb'],
  },
  sched_cls: {
    ctx: '__sk_buff',
    deny: [...SOCKET_FIELDS, 'flow_keys'],
    write: ['mark', 'tc_index', 'priority', 'tc_classid', 'cb', 'tstamp', 'queue_mapping'],
  },
  sched_act: {
    ctx: '__sk_buff',
    deny: [...SOCKET_FIELDS, 'flow_keys'],
    write: ['mark', 'tc_index', 'priority', 'tc_classid', 'cb', 'tstamp', 'queue_mapping'],
  },
  cgroup_skb: {
    ctx: '__sk_buff',
    deny: ['tc_classid', 'data_meta', 'flow_keys', 'wire_len'],
    write: ['mark', 'priority', 'cb', 'tstamp'],
  },
  lwt_in: {
    ctx: '__sk_buff',
    deny: ['tc_classid', ...SOCKET_FIELDS, 'data_meta', 'tstamp', 'wire_len', 'hwtstamp', 'flow_keys'],
    write: ['mark', 'priority', 'cb'],
  },
  lwt_out: {
    ctx: '__sk_buff',
    deny: ['tc_classid', ...SOCKET_FIELDS, 'data_meta', 'tstamp', 'wire_len', 'hwtstamp', 'flow_keys'],
    write: ['mark', 'priority', 'cb'],
  },
  lwt_xmit: {
    ctx: '__sk_buff',
    deny: ['tc_classid', ...SOCKET_FIELDS, 'data_meta', 'tstamp', 'wire_len', 'hwtstamp', 'flow_keys'],
    write: ['mark', 'priority', 'cb'],
  },
  // lwt_seg6local shares the other lwt types' rules (lwt_is_valid_access): data and data_end are
  // packet pointers.
  lwt_seg6local: {
    ctx: '__sk_buff',
    deny: ['tc_classid', ...SOCKET_FIELDS, 'data_meta', 'tstamp', 'wire_len', 'hwtstamp', 'flow_keys'],
    write: ['mark', 'priority', 'cb'],
  },
  sk_skb: {
    ctx: '__sk_buff',
    deny: ['tc_classid', 'data_meta', 'tstamp', 'wire_len', 'hwtstamp', 'mark', 'flow_keys'],
    write: ['tc_index', 'priority'],
  },
  flow_dissector: {
    ctx: '__sk_buff',
    deny: SK_BUFF.fields.map((f) => f.name).filter((n) => n !== 'data' && n !== 'data_end' && n !== 'flow_keys'),
    write: [],
  },
};

/** Fields of xdp_md readable only when expected_attach_type is BPF_XDP_DEVMAP. */
export const XDP_DEVMAP_ONLY_FIELDS: readonly string[] = ['egress_ifindex'];

export type CtxAccessKind = 'read' | 'write';

/** Whether `progType` may access `fieldName` this way (undefined policy: the type has no layout here). */
export function ctxFieldAllowed(
  progType: string,
  fieldName: string,
  access: CtxAccessKind,
  expectedAttachType?: string,
): boolean | undefined {
  const policy = CTX_ACCESS[progType];
  if (!policy) return undefined;
  if (!ctxLayout(policy.ctx).fields.some((f) => f.name === fieldName)) return false;
  if (policy.deny.includes(fieldName)) return false;
  if (policy.ctx === 'xdp_md' && XDP_DEVMAP_ONLY_FIELDS.includes(fieldName) && expectedAttachType !== 'BPF_XDP_DEVMAP') {
    return false;
  }
  return access === 'read' || policy.write.includes(fieldName);
}
