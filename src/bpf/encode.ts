// Instructions to bytes and back (RFC 9669 §3, little-endian byte order):
//   byte 0: opcode; byte 1: dst_reg in the low nibble, src_reg in the high nibble;
//   bytes 2-3: off (signed 16-bit); bytes 4-7: imm (signed 32-bit).
// An ld_imm64 is simply two slots; nothing here treats it specially.
import type { Insn } from './insn.js';

export const INSN_SIZE_BYTES = 8;

/** Encodes instruction slots into their 8-byte little-endian form. */
export function encodeInsns(insns: readonly Insn[]): Uint8Array {
  const bytes = new Uint8Array(insns.length * INSN_SIZE_BYTES);
  const view = new DataView(bytes.buffer);
  insns.forEach((insn, i) => {
    const at = i * INSN_SIZE_BYTES;
    view.setUint8(at, insn.code & 0xff);
    view.setUint8(at + 1, ((insn.src & 0x0f) << 4) | (insn.dst & 0x0f));
    view.setInt16(at + 2, insn.off, true);
    view.setInt32(at + 4, insn.imm, true);
  });
  return bytes;
}

/** Decodes 8-byte slots; a trailing partial slot is ignored (callers check the length). */
export function decodeInsns(bytes: Uint8Array): Insn[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.floor(bytes.byteLength / INSN_SIZE_BYTES);
  const insns: Insn[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * INSN_SIZE_BYTES;
    const regs = view.getUint8(at + 1);
    insns.push({
      code: view.getUint8(at),
      dst: regs & 0x0f,
      src: regs >> 4,
      off: view.getInt16(at + 2, true),
      imm: view.getInt32(at + 4, true),
    });
  }
  return insns;
}
