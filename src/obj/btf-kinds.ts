// BTF kind numbers and fixed sizes (Documentation/bpf/btf.rst, linux/btf.h).
import type { BtfIntEncoding } from '../bpf/btf.js';
import type { ByteWriter } from './bytes.js';

export const BTF_MAGIC = 0xeb9f;
export const BTF_HEADER_BYTES = 24;
export const BTF_EXT_HEADER_BYTES = 32;

/**
 * The header that .BTF and .BTF.ext share: u16 magic, u8 version 1, u8 flags 0, u32 hdr_len,
 * then a u32 offset and u32 length for each part, the parts laid out back to back after the header
 * (.BTF: types, strings; .BTF.ext: func_info, line_info, core_relo).
 */
export function writeBtfHeader(w: ByteWriter, headerBytes: number, partLengths: readonly number[]): void {
  w.u16(BTF_MAGIC);
  w.u8(1); // version
  w.u8(0); // flags
  w.u32(headerBytes);
  let off = 0;
  for (const len of partLengths) {
    w.u32(off);
    w.u32(len);
    off += len;
  }
}
export const FUNC_INFO_RECORD_BYTES = 8;
export const LINE_INFO_RECORD_BYTES = 16;

export const BtfKind = {
  INT: 1,
  PTR: 2,
  ARRAY: 3,
  STRUCT: 4,
  UNION: 5,
  ENUM: 6,
  FWD: 7,
  TYPEDEF: 8,
  VOLATILE: 9,
  CONST: 10,
  RESTRICT: 11,
  FUNC: 12,
  FUNC_PROTO: 13,
  VAR: 14,
  DATASEC: 15,
  FLOAT: 16,
  DECL_TAG: 17,
  TYPE_TAG: 18,
  ENUM64: 19,
} as const;

/** The INT encoding nibble (bits 24..27 of the INT's extra word). */
export const INT_ENCODING_BITS: Record<BtfIntEncoding, number> = {
  none: 0,
  signed: 1,
  char: 2,
  bool: 4,
};
