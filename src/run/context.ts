// Program contexts as BPF_PROG_TEST_RUN builds them (net/bpf/test_run.c), and context field
// accesses as the verifier's convert_ctx_access rewrites them: a 32-bit load of xdp_md->data or
// __sk_buff->data yields a full pointer into the packet, narrow loads of scalar fields read the
// low-order bytes of the field, and stores reach the socket buffer fields they name. Which field
// sits at which offset, which fields a program type may read or write, and which ones are
// pointers all come from bpf/ctx-layouts.ts.
//
// XDP (bpf_prog_test_run_xdp): a 4096-byte frame; the packet starts 256 bytes in
// (XDP_PACKET_HEADROOM), metadata given through xdp_md.data sits just before it, and the frame
// ends with the skb_shared_info tailroom, which bpf_xdp_adjust_tail may not grow into.
// skb (bpf_prog_test_run_skb): the packet is placed after NET_SKB_PAD bytes of headroom and
// eth_type_trans() runs on it as on the loopback device: it sets protocol and pkt_type and pulls
// the Ethernet header, which tc programs (and only they) get pushed back. After the run a socket
// filter's output gets 14 zero bytes in front, where the Ethernet header was.
import { ctxFieldAt, SK_BUFF, XDP_MD, type CtxField, type CtxLayout } from '../bpf/ctx-layouts.js';
import { ctxAccessRule, ctxStructOf, type CtxAccessRule } from './ctx-rules.js';
import type { Machine } from './interp.js';
import type { Memory, Region } from './memory.js';

export const XDP_FRAME_BYTES = 4096;
export const XDP_PACKET_HEADROOM = 256;
/** SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) on x86-64. */
export const SHARED_INFO_BYTES = 320;
/** sizeof(struct xdp_frame), at the head of an XDP frame (bpf_xdp_adjust_head may not reach it). */
export const XDP_FRAME_HEAD_BYTES = 40;
/** The largest metadata area: skb_shared_info.meta_len is a u8, and metadata is 4-byte aligned. */
export const XDP_META_MAX_BYTES = 252;
export const ETH_HLEN = 14;
/** NET_SKB_PAD + NET_IP_ALIGN on x86-64. */
export const SKB_HEADROOM = 64;
export const LOOPBACK_IFINDEX = 1;

const SKF_NET_OFF = -0x100000;
const SKF_LL_OFF = -0x200000;

/** Program types whose test run keeps the Ethernet header in front of skb->data. */
const L2_SKB_TYPES = new Set(['sched_cls', 'sched_act']);
/** Program types with direct packet access (bpf_compute_data_pointers in the test run). */
const DIRECT_SKB_TYPES = new Set(['sched_cls', 'sched_act', 'lwt_in', 'lwt_out', 'lwt_xmit']);

/** One run's input, as BPF_PROG_TEST_RUN takes it. */
export interface CtxInput {
  packet: Uint8Array;
  /** ctx_in: an xdp_md or __sk_buff, possibly shorter than the struct (the rest is zero). */
  ctx?: Uint8Array;
}

/** What the kernel would do with an input ebcc run accepts: undefined when it runs it too. */
export type KernelRefusal = string | undefined;

export interface ContextModel {
  readonly kind: 'xdp' | 'skb';
  readonly layout: CtxLayout;
  readonly ctxRegion: Region;
  readonly packet: Region;
  /** Sets up a run. Returns an error for input the model cannot take, and the kernel's refusal, if any. */
  prepare(input: CtxInput): { error?: string; refusal: KernelRefusal };
  load(m: Machine, offset: number, sizeBytes: number): void;
  store(m: Machine, offset: number, sizeBytes: number, lo: number, hi: number): void;
  /** LD_ABS/LD_IND (host-order value) or -1. */
  loadPacket(offset: number, sizeBytes: number): number;
  packetOut(): Uint8Array;
  /** Where packetOut() starts relative to where the input packet started (negative: the head grew). */
  packetOutShift(): number;
  ctxOut(): Uint8Array | undefined;
}

function readU32(b: Uint8Array, off: number): number {
  return off + 4 <= b.length ? (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0 : 0;
}

function writeU32(b: Uint8Array, off: number, v: number): void {
  b[off] = v & 0xff;
  b[off + 1] = (v >>> 8) & 0xff;
  b[off + 2] = (v >>> 16) & 0xff;
  b[off + 3] = (v >>> 24) & 0xff;
}

// Fields by name, per layout; built on first use and never changed afterwards.
let fieldIndex: Map<CtxLayout, Map<string, CtxField>> | undefined;

function field(layout: CtxLayout, name: string): CtxField {
  fieldIndex ??= new Map();
  let byName = fieldIndex.get(layout);
  if (!byName) {
    byName = new Map(layout.fields.map((f) => [f.name, f]));
    fieldIndex.set(layout, byName);
  }
  const f = byName.get(name);
  if (!f) throw new Error(`internal: no field ${name} in ${layout.name}`);
  return f;
}

/** Sets R0-style results: a 64-bit value given as a number below 2^53 or as halves. */
function setResult(m: Machine, lo: number, hi: number): void {
  m.resLo = lo | 0;
  m.resHi = hi | 0;
}

/** A narrow read of a scalar field: the bytes at `offset` within the little-endian value. */
function narrow(lo: number, hi: number, byteInField: number, sizeBytes: number): [number, number] {
  if (sizeBytes === 8) return [lo, hi];
  let v: number;
  if (byteInField >= 4) v = hi >>> ((byteInField - 4) * 8);
  else if (byteInField === 0) v = lo;
  else v = (lo >>> (byteInField * 8)) | (byteInField + sizeBytes > 4 ? hi << ((4 - byteInField) * 8) : 0);
  const mask = sizeBytes === 4 ? 0xffffffff : (1 << (sizeBytes * 8)) - 1;
  return [(v & mask) >>> 0, 0];
}

abstract class BaseContext {
  readonly ctxRegion: Region;
  readonly packet: Region;
  protected ctxIn = new Uint8Array(0);
  protected hasCtx = false;
  /** The frame offset of the input's first byte. */
  protected inputStart = 0;

  constructor(readonly layout: CtxLayout, readonly progType: string, readonly expectedAttach: string | undefined, mem: Memory, frameBytes: number) {
    this.ctxRegion = mem.add('ctx', `context (struct ${layout.name})`, new Uint8Array(layout.sizeBytes), { opaque: true });
    this.packet = mem.add('packet', 'packet', new Uint8Array(frameBytes));
  }

  /** Checked accesses, by offset, size and direction (the checks are the same every time). */
  private readonly checked = new Map<number, CtxAccessRule>();

  protected fieldFor(m: Machine, offset: number, sizeBytes: number, write: boolean): CtxAccessRule {
    const key = offset * 32 + sizeBytes * 2 + (write ? 1 : 0);
    const hit = this.checked.get(key);
    if (hit !== undefined) return hit;
    const rule = ctxAccessRule(this.progType, this.expectedAttach, this.layout, offset, sizeBytes, write);
    if (typeof rule === 'string') {
      const what = `${write ? 'write to' : 'read of'} ${sizeBytes} byte${sizeBytes === 1 ? '' : 's'} at offset ${offset} of struct ${this.layout.name}`;
      return m.fault(`invalid context access: ${what} ${rule}`);
    }
    this.checked.set(key, rule);
    return rule;
  }

  /** The frame is all zero outside [dirtyStart, dirtyEnd), as the kernel's kzalloc'd buffer. */
  private dirtyStart = 0;
  private dirtyEnd = 0;

  /** Records that [start, end) of the frame may hold non-zero bytes. */
  protected touch(start: number, end: number): void {
    if (this.dirtyEnd <= this.dirtyStart) {
      this.dirtyStart = start;
      this.dirtyEnd = end;
    } else {
      this.dirtyStart = Math.min(this.dirtyStart, start);
      this.dirtyEnd = Math.max(this.dirtyEnd, end);
    }
  }

  protected clearFrame(): void {
    if (this.dirtyEnd > this.dirtyStart) this.packet.bytes.fill(0, Math.max(0, this.dirtyStart), this.dirtyEnd);
    this.dirtyStart = this.dirtyEnd = 0;
  }

  /** A load of a pointer field: data, data_end or data_meta (other pointers are not modelled). */
  protected loadPointer(m: Machine, f: CtxAccessRule, data: number, dataEnd: number, dataMeta: number): void {
    switch (f.loads) {
      case 'pkt':
        return setResult(m, data, this.packet.id);
      case 'pkt_end':
        return setResult(m, dataEnd, this.packet.id);
      case 'pkt_meta':
        return setResult(m, dataMeta, this.packet.id);
      default:
        return m.fault(`struct ${this.layout.name}.${f.field} is not modelled by ebcc run`);
    }
  }
}

// ---- XDP -----------------------------------------------------------------------------------------

export class XdpContext extends BaseContext implements ContextModel {
  readonly kind = 'xdp' as const;
  dataMeta = 0;
  data = 0;
  dataEnd = 0;
  ingressIfindex = LOOPBACK_IFINDEX;
  rxQueueIndex = 0;

  constructor(progType: string, expectedAttach: string | undefined, mem: Memory) {
    super(XDP_MD, progType, expectedAttach, mem, XDP_FRAME_BYTES);
  }

  /** The end of the frame's usable area (xdp_data_hard_end). */
  get hardEnd(): number {
    return XDP_FRAME_BYTES - SHARED_INFO_BYTES;
  }

  prepare(input: CtxInput): { error?: string; refusal: KernelRefusal } {
    const size = input.packet.length;
    let metaLen = 0;
    let refusal: KernelRefusal;
    this.ingressIfindex = LOOPBACK_IFINDEX;
    this.rxQueueIndex = 0;
    this.hasCtx = input.ctx !== undefined;
    if (input.ctx) {
      if (input.ctx.length > XDP_MD.sizeBytes && input.ctx.subarray(XDP_MD.sizeBytes).some((b) => b !== 0)) {
        return { error: 'the context has non-zero bytes after the end of struct xdp_md', refusal };
      }
      this.ctxIn = new Uint8Array(XDP_MD.sizeBytes);
      this.ctxIn.set(input.ctx.subarray(0, XDP_MD.sizeBytes));
      const get = (name: string): number => readU32(this.ctxIn, field(XDP_MD, name).offsetBytes);
      metaLen = get('data');
      if (get('data_meta') !== 0 || get('data_end') !== size || metaLen > size || metaLen % 4 !== 0 || metaLen > XDP_META_MAX_BYTES) {
        return { error: 'xdp_md must have data_meta = 0, data_end = the input length, and data (the metadata length) a multiple of 4 up to 252', refusal };
      }
      if (get('egress_ifindex') !== 0) return { error: 'xdp_md.egress_ifindex must be 0', refusal };
      const ifindex = get('ingress_ifindex');
      const queue = get('rx_queue_index');
      if (ifindex === 0 && queue !== 0) return { error: 'xdp_md.rx_queue_index needs an ingress_ifindex', refusal };
      if (ifindex !== 0) this.ingressIfindex = ifindex;
      this.rxQueueIndex = queue;
    }
    const maxData = XDP_FRAME_BYTES - (XDP_PACKET_HEADROOM - metaLen) - SHARED_INFO_BYTES;
    if (size > maxData) return { error: `the packet is ${size} bytes; at most ${maxData} fit in an XDP frame`, refusal };
    if (size - metaLen < ETH_HLEN) refusal = `BPF_PROG_TEST_RUN refuses packets shorter than ${ETH_HLEN} bytes (after the metadata)`;
    this.clearFrame();
    const bytes = this.packet.bytes;
    this.dataMeta = XDP_PACKET_HEADROOM - metaLen;
    this.inputStart = this.dataMeta;
    bytes.set(input.packet, this.dataMeta);
    this.data = XDP_PACKET_HEADROOM;
    this.dataEnd = this.dataMeta + size;
    this.window();
    return { refusal };
  }

  window(): void {
    this.touch(this.dataMeta, this.dataEnd);
    this.packet.start = this.dataMeta;
    this.packet.end = this.dataEnd;
    this.packet.wend = this.dataEnd;
  }

  load(m: Machine, offset: number, sizeBytes: number): void {
    const f = this.fieldFor(m, offset, sizeBytes, false);
    if (f.loads !== undefined) return this.loadPointer(m, f, this.data, this.dataEnd, this.dataMeta);
    let v = 0;
    if (f.field === 'ingress_ifindex') v = this.ingressIfindex;
    else if (f.field === 'rx_queue_index') v = this.rxQueueIndex;
    setResult(m, v, 0);
  }

  store(m: Machine, offset: number, sizeBytes: number): void {
    this.fieldFor(m, offset, sizeBytes, true);
    m.fault('invalid context access: XDP programs may not write struct xdp_md');
  }

  loadPacket(): number {
    return -1;
  }

  packetOut(): Uint8Array {
    return this.packet.bytes.slice(this.dataMeta, this.dataEnd);
  }

  packetOutShift(): number {
    return this.dataMeta - this.inputStart;
  }

  ctxOut(): Uint8Array | undefined {
    if (!this.hasCtx) return undefined;
    const out = this.ctxIn.slice();
    writeU32(out, field(XDP_MD, 'data').offsetBytes, this.data - this.dataMeta);
    writeU32(out, field(XDP_MD, 'data_end').offsetBytes, this.dataEnd - this.dataMeta);
    return out;
  }

  /** bpf_xdp_adjust_head. */
  adjustHead(delta: number): number {
    const metaLen = this.data - this.dataMeta;
    const data = this.data + delta;
    if (data < XDP_FRAME_HEAD_BYTES + metaLen || data > this.dataEnd - ETH_HLEN) return -22;
    if (metaLen > 0) this.packet.bytes.copyWithin(this.dataMeta + delta, this.dataMeta, this.data);
    this.dataMeta += delta;
    this.data = data;
    this.window();
    return 0;
  }

  /** bpf_xdp_adjust_meta. */
  adjustMeta(delta: number): number {
    const meta = this.dataMeta + delta;
    const metaLen = this.data - meta;
    if (meta < XDP_FRAME_HEAD_BYTES || meta > this.data) return -22;
    if (metaLen % 4 !== 0 || metaLen > XDP_META_MAX_BYTES) return -13;
    this.dataMeta = meta;
    this.window();
    return 0;
  }

  /** bpf_xdp_adjust_tail. */
  adjustTail(delta: number): number {
    const end = this.dataEnd + delta;
    if (end > this.hardEnd || end < this.data + ETH_HLEN) return -22;
    if (delta > 0) this.packet.bytes.fill(0, this.dataEnd, end);
    this.dataEnd = end;
    this.window();
    return 0;
  }
}

// ---- socket buffers ------------------------------------------------------------------------------

const PACKET_HOST = 0;
const PACKET_MULTICAST = 2;
const PACKET_OTHERHOST = 3;
const ETH_P_802_3_MIN = 0x0600;
const ETH_P_802_3 = 0x0001;
const ETH_P_802_2 = 0x0004;
const ETH_P_IP = 0x0800;
const ETH_P_IPV6 = 0x86dd;
const IPV4_HEADER_BYTES = 20;
const IPV6_HEADER_BYTES = 40;
const GSO_LEGACY_MAX_SIZE = 65536;
const GSO_MAX_SEGS = 65535;

/** The input context when none is given: all zero, never written. */
const NO_SKB_CTX = new Uint8Array(SK_BUFF.sizeBytes);

/** Writable __sk_buff fields that the kernel stores in 16 bits (sk_buff, qdisc_skb_cb). */
const SKB_U16_FIELDS = new Set(['tc_index', 'tc_classid', 'queue_mapping']);
const NO_QUEUE_MAPPING = 0xffff;

/** The __sk_buff fields BPF_PROG_TEST_RUN accepts in ctx_in (convert___skb_to_skb). */
const SKB_CTX_IN_FIELDS = new Set(['mark', 'priority', 'ingress_ifindex', 'ifindex', 'cb', 'tstamp', 'wire_len', 'gso_segs', 'gso_size', 'hwtstamp']);
/** The fields it copies back to ctx_out (convert_skb_to___skb). */
const SKB_CTX_OUT_FIELDS = ['mark', 'priority', 'ingress_ifindex', 'ifindex', 'tstamp', 'cb', 'wire_len', 'gso_segs', 'hwtstamp'];

export class SkbContext extends BaseContext implements ContextModel {
  readonly kind = 'skb' as const;
  readonly l2: boolean;
  readonly direct: boolean;
  /** Offsets into the packet region. */
  macHeader = SKB_HEADROOM;
  networkHeader = SKB_HEADROOM;
  data = SKB_HEADROOM;
  len = 0;
  /** The __sk_buff scalar fields, by name (u64 fields as bigint). */
  readonly fields = new Map<string, number | bigint>();
  readonly cb = new Uint32Array(5);

  constructor(progType: string, expectedAttach: string | undefined, mem: Memory) {
    super(SK_BUFF, progType, expectedAttach, mem, XDP_FRAME_BYTES);
    this.l2 = L2_SKB_TYPES.has(progType);
    this.direct = DIRECT_SKB_TYPES.has(progType);
  }

  get dataEnd(): number {
    return this.data + this.len;
  }

  prepare(input: CtxInput): { error?: string; refusal: KernelRefusal } {
    let refusal: KernelRefusal;
    const pkt = input.packet;
    const size = pkt.length;
    const maxSize = XDP_FRAME_BYTES - SKB_HEADROOM - SHARED_INFO_BYTES;
    if (size > maxSize) return { error: `the packet is ${size} bytes; BPF_PROG_TEST_RUN takes at most ${maxSize} for socket buffers`, refusal };
    if (size < ETH_HLEN) refusal = `BPF_PROG_TEST_RUN refuses packets shorter than ${ETH_HLEN} bytes`;
    else {
      // It also refuses an IPv4 or IPv6 frame with no room for the network header after the
      // Ethernet header (seen on Linux 6.18).
      const type = (pkt[12]! << 8) | pkt[13]!;
      const need = type === ETH_P_IP ? IPV4_HEADER_BYTES : type === ETH_P_IPV6 ? IPV6_HEADER_BYTES : 0;
      if (size - ETH_HLEN < need) refusal = `BPF_PROG_TEST_RUN refuses an ${type === ETH_P_IP ? 'IPv4' : 'IPv6'} frame shorter than its ${need}-byte header`;
    }
    this.hasCtx = input.ctx !== undefined;
    this.ctxIn = input.ctx ? new Uint8Array(SK_BUFF.sizeBytes) : NO_SKB_CTX;
    if (input.ctx) {
      if (input.ctx.length > SK_BUFF.sizeBytes && input.ctx.subarray(SK_BUFF.sizeBytes).some((b) => b !== 0)) {
        return { error: 'the context has non-zero bytes after the end of struct __sk_buff', refusal };
      }
      this.ctxIn.set(input.ctx.subarray(0, SK_BUFF.sizeBytes));
      for (let i = 0; i < SK_BUFF.sizeBytes; i++) {
        if (this.ctxIn[i] === 0) continue;
        const f = ctxFieldAt(SK_BUFF, i);
        if (!f || !SKB_CTX_IN_FIELDS.has(f.name)) {
          return { error: `__sk_buff.${f?.name ?? `byte ${i}`} may not be set in the input context (BPF_PROG_TEST_RUN accepts only ${[...SKB_CTX_IN_FIELDS].join(', ')})`, refusal };
        }
      }
    }
    const inField = (name: string): number => readU32(this.ctxIn, field(SK_BUFF, name).offsetBytes);
    const inField64 = (name: string): bigint => {
      if (!this.hasCtx) return 0n;
      const off = field(SK_BUFF, name).offsetBytes;
      return BigInt(readU32(this.ctxIn, off)) | (BigInt(readU32(this.ctxIn, off + 4)) << 32n);
    };

    this.clearFrame();
    const bytes = this.packet.bytes;
    bytes.set(pkt, SKB_HEADROOM);
    this.touch(SKB_HEADROOM, SKB_HEADROOM + size);
    // eth_type_trans on the loopback device (an all-zero address).
    this.macHeader = SKB_HEADROOM;
    const pulled = Math.min(ETH_HLEN, size);
    this.data = SKB_HEADROOM + pulled;
    this.len = size - pulled;
    this.networkHeader = this.data;
    const dst = pkt.subarray(0, 6);
    // The loopback device's address and broadcast address are all zero, so every multicast
    // address (ff:ff:ff:ff:ff:ff included) is PACKET_MULTICAST.
    let pktType = PACKET_HOST;
    if (size >= 6 && dst.some((b) => b !== 0)) pktType = (dst[0]! & 1) !== 0 ? PACKET_MULTICAST : PACKET_OTHERHOST;
    let protocol = 0; // network byte order, as the kernel stores skb->protocol
    if (size >= ETH_HLEN) {
      const type = (pkt[12]! << 8) | pkt[13]!;
      if (type >= ETH_P_802_3_MIN) protocol = pkt[12]! | (pkt[13]! << 8);
      else if (size >= ETH_HLEN + 2 && pkt[14] === 0xff && pkt[15] === 0xff) protocol = ETH_P_802_3 << 8;
      else protocol = ETH_P_802_2 << 8;
    }
    if (this.l2) {
      this.data = this.macHeader;
      this.len = size;
    }

    const ifindex = inField('ifindex');
    const wireLen = inField('wire_len');
    if (wireLen !== 0 && (wireLen < this.len || wireLen > GSO_LEGACY_MAX_SIZE)) {
      return { error: `__sk_buff.wire_len must be 0 or between skb->len (${this.len}) and ${GSO_LEGACY_MAX_SIZE}`, refusal };
    }
    if (inField('gso_segs') > GSO_MAX_SEGS) return { error: `__sk_buff.gso_segs may be at most ${GSO_MAX_SEGS}`, refusal };
    const f = this.fields;
    f.clear();
    f.set('len', this.len);
    f.set('pkt_type', pktType);
    f.set('mark', inField('mark'));
    f.set('queue_mapping', 0);
    f.set('protocol', protocol);
    f.set('vlan_present', 0);
    f.set('vlan_tci', 0);
    f.set('vlan_proto', 0);
    f.set('priority', inField('priority'));
    f.set('ingress_ifindex', inField('ingress_ifindex'));
    f.set('ifindex', ifindex > 1 ? ifindex : LOOPBACK_IFINDEX);
    f.set('tc_index', 0);
    f.set('hash', 0);
    f.set('tc_classid', 0);
    f.set('napi_id', 0);
    f.set('tstamp', inField64('tstamp'));
    // qdisc_skb_cb(skb)->pkt_len is set from the input context only (0 without one).
    f.set('wire_len', !this.hasCtx ? 0 : wireLen === 0 ? this.len : wireLen);
    f.set('gso_segs', inField('gso_segs'));
    f.set('gso_size', inField('gso_size'));
    f.set('tstamp_type', 0);
    f.set('hwtstamp', inField64('hwtstamp'));
    const cbField = field(SK_BUFF, 'cb');
    for (let i = 0; i < 5; i++) this.cb[i] = readU32(this.ctxIn, cbField.offsetBytes + 4 * i);
    this.window();
    return { refusal };
  }

  window(): void {
    // Direct access reaches [data, data + len); other types never get packet pointers.
    this.packet.start = this.data;
    this.packet.end = this.direct ? this.dataEnd : this.data;
    this.packet.wend = this.packet.end;
  }

  private scalar(name: string): number | bigint {
    return this.fields.get(name) ?? 0;
  }

  load(m: Machine, offset: number, sizeBytes: number): void {
    const f = this.fieldFor(m, offset, sizeBytes, false);
    if (f.loads !== undefined) return this.loadPointer(m, f, this.data, this.dataEnd, this.data);
    let lo: number;
    let hi = 0;
    const elem = f.elemBytes;
    if (f.field === 'cb') lo = this.cb[(f.fieldOffsetBytes - field(SK_BUFF, 'cb').offsetBytes) / 4]!;
    else {
      const v = this.scalar(f.field);
      if (typeof v === 'bigint') {
        lo = Number(BigInt.asIntN(32, v));
        hi = Number(BigInt.asIntN(32, v >> 32n));
      } else lo = v;
    }
    const [rlo, rhi] = narrow(lo, hi, offset - f.fieldOffsetBytes, sizeBytes);
    setResult(m, rlo, rhi);
  }

  store(m: Machine, offset: number, sizeBytes: number, lo: number, hi: number): void {
    const f = this.fieldFor(m, offset, sizeBytes, true);
    if (f.field === 'cb') {
      this.cb[(f.fieldOffsetBytes - field(SK_BUFF, 'cb').offsetBytes) / 4] = lo >>> 0;
      return;
    }
    if (sizeBytes === 8) this.fields.set(f.field, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
    else if (SKB_U16_FIELDS.has(f.field)) {
      // sk_buff keeps these in 16 bits; a queue_mapping of NO_QUEUE_MAPPING or more is not stored.
      if (f.field === 'queue_mapping' && (lo >>> 0) >= NO_QUEUE_MAPPING) return;
      this.fields.set(f.field, lo & 0xffff);
    } else this.fields.set(f.field, lo >>> 0);
  }

  /** The packet bytes [data, data + len). */
  bytes(): Uint8Array {
    return this.packet.bytes.subarray(this.data, this.dataEnd);
  }

  loadPacket(offset: number, sizeBytes: number): number {
    let at: number;
    if (offset >= 0) {
      if (offset + sizeBytes > this.len) return -1;
      at = this.data + offset;
    } else {
      if (offset >= SKF_NET_OFF) at = this.networkHeader + offset - SKF_NET_OFF;
      else if (offset >= SKF_LL_OFF) at = this.macHeader + offset - SKF_LL_OFF;
      else return -1;
      if (at < 0 || at + sizeBytes > this.dataEnd) return -1;
    }
    const b = this.packet.bytes;
    if (sizeBytes === 1) return b[at]!;
    if (sizeBytes === 2) return (b[at]! << 8) | b[at + 1]!;
    return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
  }

  packetOutShift(): number {
    return (this.l2 ? this.data : this.data - ETH_HLEN) - this.macHeader;
  }

  packetOut(): Uint8Array {
    if (this.l2) return this.packet.bytes.slice(this.data, this.dataEnd);
    const out = new Uint8Array(ETH_HLEN + this.len);
    out.set(this.bytes(), ETH_HLEN);
    return out;
  }

  ctxOut(): Uint8Array | undefined {
    if (!this.hasCtx) return undefined;
    const out = this.ctxIn.slice();
    const dv = new DataView(out.buffer);
    for (const name of SKB_CTX_OUT_FIELDS) {
      const f = field(SK_BUFF, name);
      if (name === 'cb') {
        for (let i = 0; i < 5; i++) dv.setUint32(f.offsetBytes + 4 * i, this.cb[i]!, true);
        continue;
      }
      const v = this.scalar(name);
      if (typeof v === 'bigint') dv.setBigUint64(f.offsetBytes, BigInt.asUintN(64, v), true);
      else dv.setUint32(f.offsetBytes, v >>> 0, true);
    }
    return out;
  }
}

/** The context model of a program type, or undefined when ebcc run has none. */
export function createContext(progType: string, expectedAttach: string | undefined, mem: Memory): ContextModel | undefined {
  const struct = ctxStructOf(progType)?.name;
  if (struct === 'xdp_md') return new XdpContext(progType, expectedAttach, mem);
  // The flow dissector's __sk_buff is a different object (struct bpf_flow_dissector).
  if (struct === '__sk_buff' && progType !== 'flow_dissector') return new SkbContext(progType, expectedAttach, mem);
  return undefined;
}
