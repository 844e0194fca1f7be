// Reads the packets of a capture file: classic pcap (either byte order, microsecond or
// nanosecond timestamps) and pcapng (section headers in either byte order, interface description,
// enhanced and simple packet blocks). Only Ethernet link types can be fed to XDP and socket
// buffer programs, so other link types are an error.

export interface CapturedPacket {
  bytes: Uint8Array;
  /** The length on the wire (larger than bytes.length when the capture truncated the packet). */
  originalLength: number;
}

export type PcapResult = { ok: true; packets: CapturedPacket[] } | { ok: false; message: string };

const LINKTYPE_ETHERNET = 1;
const PCAP_MAGIC_US = 0xa1b2c3d4;
const PCAP_MAGIC_NS = 0xa1b23c4d;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BYTE_ORDER = 0x1a2b3c4d;
const PCAPNG_IDB = 1;
const PCAPNG_SPB = 3;
const PCAPNG_EPB = 6;

export function readCapture(bytes: Uint8Array): PcapResult {
  if (bytes.length < 12) return { ok: false, message: 'the capture file is too short to have a header' };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magicLe = dv.getUint32(0, true);
  if (magicLe === PCAPNG_SHB) return readPcapng(bytes, dv);
  for (const le of [true, false]) {
    const magic = dv.getUint32(0, le);
    if (magic === PCAP_MAGIC_US || magic === PCAP_MAGIC_NS) return readPcap(bytes, dv, le);
  }
  return { ok: false, message: 'not a pcap or pcapng file (unknown magic number)' };
}

function readPcap(bytes: Uint8Array, dv: DataView, le: boolean): PcapResult {
  if (bytes.length < 24) return { ok: false, message: 'truncated pcap header' };
  const link = dv.getUint32(20, le) & 0x0fffffff;
  if (link !== LINKTYPE_ETHERNET) return { ok: false, message: `the capture's link type is ${link}; only Ethernet (1) can be run` };
  const packets: CapturedPacket[] = [];
  let at = 24;
  while (at + 16 <= bytes.length) {
    const incl = dv.getUint32(at + 8, le);
    const orig = dv.getUint32(at + 12, le);
    if (at + 16 + incl > bytes.length) return { ok: false, message: `packet ${packets.length + 1} is truncated (the file ends inside it)` };
    packets.push({ bytes: bytes.slice(at + 16, at + 16 + incl), originalLength: orig });
    at += 16 + incl;
  }
  return { ok: true, packets };
}

function readPcapng(bytes: Uint8Array, dv: DataView): PcapResult {
  const packets: CapturedPacket[] = [];
  let le = true;
  let links: number[] = [];
  let at = 0;
  while (at + 12 <= bytes.length) {
    let type = dv.getUint32(at, le);
    if (dv.getUint32(at, true) === PCAPNG_SHB) {
      // A section header sets the byte order of the section.
      if (at + 12 > bytes.length) break;
      le = dv.getUint32(at + 8, true) === PCAPNG_BYTE_ORDER;
      if (!le && dv.getUint32(at + 8, false) !== PCAPNG_BYTE_ORDER) return { ok: false, message: 'bad pcapng byte-order magic' };
      type = PCAPNG_SHB;
      links = [];
    }
    const len = dv.getUint32(at + 4, le);
    if (len < 12 || at + len > bytes.length) return { ok: false, message: `a pcapng block at byte ${at} is truncated` };
    if (type === PCAPNG_IDB) {
      links.push(dv.getUint16(at + 8, le));
    } else if (type === PCAPNG_EPB) {
      const iface = dv.getUint32(at + 8, le);
      const cap = dv.getUint32(at + 20, le);
      const orig = dv.getUint32(at + 24, le);
      if (links[iface] !== LINKTYPE_ETHERNET) return { ok: false, message: `packet ${packets.length + 1} is on an interface whose link type is ${links[iface] ?? 'undeclared'}; only Ethernet (1) can be run` };
      if (28 + cap > len) return { ok: false, message: `packet ${packets.length + 1} is longer than its block` };
      packets.push({ bytes: bytes.slice(at + 28, at + 28 + cap), originalLength: orig });
    } else if (type === PCAPNG_SPB) {
      const orig = dv.getUint32(at + 8, le);
      const cap = Math.min(orig, len - 16);
      if (links[0] !== LINKTYPE_ETHERNET) return { ok: false, message: `the capture's link type is ${links[0] ?? 'undeclared'}; only Ethernet (1) can be run` };
      packets.push({ bytes: bytes.slice(at + 12, at + 12 + cap), originalLength: orig });
    }
    at += len;
  }
  return { ok: true, packets };
}
