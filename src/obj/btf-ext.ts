// .BTF.ext: func_info and line_info (Documentation/bpf/btf.rst, section 4.2).
//   header { u16 magic 0xeB9F; u8 version 1; u8 flags 0; u32 hdr_len 32;
//            u32 func_info_off, func_info_len, line_info_off, line_info_len,
//            core_relo_off, core_relo_len }   (offsets counted after the header)
//   each info block: u32 rec_size, then per program section
//            { u32 sec_name_off; u32 num_info; num_info records }
//   func_info record (8):  u32 insn_off; u32 type_id
//   line_info record (16): u32 insn_off; u32 file_name_off; u32 line_off; u32 line << 10 | col
// insn_off is a byte offset within the section (libbpf divides by 8). All
// names are offsets into the .BTF string table. CO-RE relocations are not
// written unless a function carries some (tests build such objects; codegen makes none), and the
// reader decodes them.
import { CORE_RELO_RECORD_BYTES } from '../bpf/core-relo.js';
import { ByteReader, ByteWriter, MalformedInput, type StringTable } from './bytes.js';
import {
  BTF_EXT_HEADER_BYTES,
  BTF_MAGIC,
  FUNC_INFO_RECORD_BYTES,
  LINE_INFO_RECORD_BYTES,
  writeBtfHeader,
} from './btf-kinds.js';

export interface FuncInfoRecord {
  section: string;
  /** Byte offset of the function's first instruction within its section. */
  insnOff: number;
  /** BTF id of the FUNC type. */
  typeId: number;
}

export interface LineInfoRecord {
  section: string;
  /** Byte offset of the instruction within its section. */
  insnOff: number;
  fileName: string;
  /** The full text of the source line. */
  lineText: string;
  /** 1-based. */
  line: number;
  /** 1-based; 0 when unknown. Capped at 1023 by the encoding. */
  col: number;
}

/** A CO-RE relocation as clang records it (struct bpf_core_relo). */
export interface CoreReloRecord {
  section: string;
  /** Byte offset of the instruction within its section. */
  insnOff: number;
  /** The local BTF id of the root type. */
  typeId: number;
  /** The access string, e.g. "0:1:2". */
  access: string;
  /** enum bpf_core_relo_kind. */
  kind: number;
}

export interface BtfExtInfo {
  funcInfo: FuncInfoRecord[];
  lineInfo: LineInfoRecord[];
  /** Present when the object has a core_relo block. */
  coreRelos?: CoreReloRecord[];
}

const MAX_COL = (1 << 10) - 1;

/**
 * Encodes `info`; records must already be grouped by section in the order the
 * sections should appear, and sorted by insnOff within each section.
 */
export function encodeBtfExt(info: BtfExtInfo, strings: StringTable): Uint8Array {
  const funcs = infoBlock(FUNC_INFO_RECORD_BYTES, info.funcInfo, strings, (out, r) => {
    out.u32(r.insnOff);
    out.u32(r.typeId);
  });
  const lines = infoBlock(LINE_INFO_RECORD_BYTES, info.lineInfo, strings, (out, r) => {
    out.u32(r.insnOff);
    out.u32(strings.add(r.fileName));
    out.u32(strings.add(r.lineText));
    out.u32((r.line << 10) | Math.min(r.col, MAX_COL));
  });
  const relos = infoBlock(CORE_RELO_RECORD_BYTES, info.coreRelos ?? [], strings, (out, r) => {
    out.u32(r.insnOff);
    out.u32(r.typeId);
    out.u32(strings.add(r.access));
    out.u32(r.kind);
  });
  const w = new ByteWriter();
  writeBtfHeader(w, BTF_EXT_HEADER_BYTES, [funcs.sizeBytes, lines.sizeBytes, relos.sizeBytes]); // func_info, line_info, core_relo
  w.bytes(funcs.finish());
  w.bytes(lines.finish());
  w.bytes(relos.finish());
  return w.finish();
}

/**
 * One block of .BTF.ext: the record size, then per section its name, its record count and its
 * records. An empty block is empty: libbpf refuses a block that holds a record size but no
 * records (and then ignores all of .BTF.ext).
 */
function infoBlock<T extends { section: string }>(recordBytes: number, recs: T[], strings: StringTable, put: (out: ByteWriter, r: T) => void): ByteWriter {
  const out = new ByteWriter();
  if (recs.length === 0) return out;
  out.u32(recordBytes);
  for (const [section, group] of groupBySection(recs)) {
    out.u32(strings.add(section));
    out.u32(group.length);
    for (const r of group) put(out, r);
  }
  return out;
}

function groupBySection<T extends { section: string }>(recs: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of recs) {
    const g = groups.get(r.section);
    if (g) g.push(r);
    else groups.set(r.section, [r]);
  }
  return groups;
}

/**
 * Decodes a .BTF.ext section; `stringAt` reads the .BTF string table.
 * Throws MalformedInput on damaged input (the caller reports it).
 */
export function decodeBtfExt(bytes: Uint8Array, stringAt: (off: number) => string): BtfExtInfo {
  const r = new ByteReader(bytes, '.BTF.ext');
  if (r.u16(0) !== BTF_MAGIC) {
    throw new MalformedInput(`.BTF.ext: expected magic 0xeb9f, saw 0x${r.u16(0).toString(16)}`);
  }
  const version = r.u8(2);
  if (version !== 1) throw new MalformedInput(`.BTF.ext: expected version 1, saw ${version}`);
  const hdrLen = r.u32(4);
  if (hdrLen < 24) throw new MalformedInput(`.BTF.ext: header length ${hdrLen} is shorter than 24 bytes`);
  const block = (offField: number, lenField: number, what: string): ByteReader | undefined => {
    const len = r.u32(lenField);
    if (len === 0) return undefined;
    return r.sub(hdrLen + r.u32(offField), len, `.BTF.ext ${what}`);
  };
  const out: BtfExtInfo = { funcInfo: [], lineInfo: [] };
  const funcs = block(8, 12, 'func_info');
  if (funcs) {
    readBlock(funcs, FUNC_INFO_RECORD_BYTES, stringAt, (section, at) => {
      out.funcInfo.push({ section, insnOff: funcs.u32(at), typeId: funcs.u32(at + 4) });
    });
  }
  const lines = block(16, 20, 'line_info');
  if (lines) {
    readBlock(lines, LINE_INFO_RECORD_BYTES, stringAt, (section, at) => {
      const lineCol = lines.u32(at + 12);
      out.lineInfo.push({
        section,
        insnOff: lines.u32(at),
        fileName: stringAt(lines.u32(at + 4)),
        lineText: stringAt(lines.u32(at + 8)),
        line: lineCol >>> 10,
        col: lineCol & MAX_COL,
      });
    });
  }
  const relos = hdrLen >= BTF_EXT_HEADER_BYTES ? block(24, 28, 'core_relo') : undefined;
  if (relos) {
    out.coreRelos = [];
    readBlock(relos, CORE_RELO_RECORD_BYTES, stringAt, (section, at) => {
      out.coreRelos!.push({
        section,
        insnOff: relos.u32(at),
        typeId: relos.u32(at + 4),
        access: stringAt(relos.u32(at + 8)),
        kind: relos.u32(at + 12),
      });
    });
  }
  return out;
}

function readBlock(
  r: ByteReader,
  minRecordBytes: number,
  stringAt: (off: number) => string,
  onRecord: (section: string, at: number) => void,
): void {
  const recSize = r.u32(0);
  if (recSize < minRecordBytes || recSize % 4 !== 0) {
    throw new MalformedInput(`${r.what}: record size ${recSize} is invalid (expected at least ${minRecordBytes})`);
  }
  let at = 4;
  while (at < r.sizeBytes) {
    const section = stringAt(r.u32(at));
    const count = r.u32(at + 4);
    at += 8;
    if (count === 0 || at + count * recSize > r.sizeBytes) {
      throw new MalformedInput(`${r.what}: section '${section}' claims ${count} records of ${recSize} bytes`);
    }
    for (let i = 0; i < count; i++, at += recSize) onRecord(section, at);
  }
}
