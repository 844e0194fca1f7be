// Capture files: classic pcap in both byte orders, pcapng with enhanced and simple packet blocks,
// and the errors for other link types and truncated files. The files are built here byte by byte
// from the formats' descriptions (pcap: tcpdump's pcap-savefile(5); pcapng: RFC draft
// draft-ietf-opsawg-pcapng).
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../src/run/pcap.js';

function pcap(le: boolean, link: number, packets: Uint8Array[], nano = false): Uint8Array {
  const parts: Buffer[] = [];
  const h = Buffer.alloc(24);
  const w32 = (b: Buffer, v: number, at: number) => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  const w16 = (b: Buffer, v: number, at: number) => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  w32(h, nano ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  w16(h, 2, 4);
  w16(h, 4, 6);
  w32(h, 262144, 16);
  w32(h, link, 20);
  parts.push(h);
  for (const p of packets) {
    const r = Buffer.alloc(16);
    w32(r, 1, 0);
    w32(r, p.length, 8);
    w32(r, p.length + 100, 12);
    parts.push(r, Buffer.from(p));
  }
  return new Uint8Array(Buffer.concat(parts));
}

function block(type: number, body: Buffer): Buffer {
  const pad = (4 - (body.length % 4)) % 4;
  const len = 12 + body.length + pad;
  const b = Buffer.alloc(len);
  b.writeUInt32LE(type, 0);
  b.writeUInt32LE(len, 4);
  body.copy(b, 8);
  b.writeUInt32LE(len, len - 4);
  return b;
}

function pcapng(link: number, packets: Uint8Array[]): Uint8Array {
  const shb = Buffer.alloc(16);
  shb.writeUInt32LE(0x1a2b3c4d, 0);
  shb.writeUInt16LE(1, 4);
  shb.writeBigInt64LE(-1n, 8);
  const idb = Buffer.alloc(8);
  idb.writeUInt16LE(link, 0);
  idb.writeUInt32LE(65535, 4);
  const blocks = [block(0x0a0d0d0a, shb), block(1, idb)];
  packets.forEach((p, i) => {
    if (i % 2 === 0) {
      const epb = Buffer.alloc(20 + p.length);
      epb.writeUInt32LE(0, 0);
      epb.writeUInt32LE(p.length, 12);
      epb.writeUInt32LE(p.length, 16);
      Buffer.from(p).copy(epb, 20);
      blocks.push(block(6, epb));
    } else {
      const spb = Buffer.alloc(4 + p.length);
      spb.writeUInt32LE(p.length, 0);
      Buffer.from(p).copy(spb, 4);
      blocks.push(block(3, spb));
    }
  });
  return new Uint8Array(Buffer.concat(blocks));
}

const A = Uint8Array.from({ length: 60 }, (_, i) => i);
const B = Uint8Array.of(1, 2, 3);
const C = new Uint8Array(17).fill(0xee);

describe('readCapture', () => {
  it('reads classic pcap in both byte orders and with nanosecond timestamps', () => {
    for (const le of [true, false]) {
      for (const nano of [false, true]) {
        const r = readCapture(pcap(le, 1, [A, B], nano));
        expect(r.ok && r.packets.map((p) => [Array.from(p.bytes), p.originalLength])).toEqual([[Array.from(A), 160], [Array.from(B), 103]]);
      }
    }
  });

  it('reads pcapng enhanced and simple packet blocks', () => {
    const r = readCapture(pcapng(1, [A, B, C]));
    expect(r.ok && r.packets.map((p) => Array.from(p.bytes))).toEqual([Array.from(A), Array.from(B), Array.from(C)]);
  });

  it('refuses other link types, unknown formats and truncated records', () => {
    expect(readCapture(pcap(true, 101, [A]))).toEqual({ ok: false, message: "the capture's link type is 101; only Ethernet (1) can be run" });
    expect(readCapture(pcapng(113, [A]))).toMatchObject({ ok: false, message: expect.stringMatching(/link type is 113/) });
    expect(readCapture(new Uint8Array(40))).toEqual({ ok: false, message: 'not a pcap or pcapng file (unknown magic number)' });
    const cut = pcap(true, 1, [A]).subarray(0, 24 + 16 + 10);
    expect(readCapture(cut)).toEqual({ ok: false, message: 'packet 1 is truncated (the file ends inside it)' });
  });
});
