// A minimal .debug_line reader (DWARF 2–5, 32-bit format) for `ebcc objdump -S`
// on objects that have DWARF but no .BTF.ext. It runs the line-number state
// machine (DWARF 5, 6.2.2/6.2.5) and returns one row per emitted matrix row.
// A sequence's section comes from the relocation on its DW_LNE_set_address
// operand (in a relocatable object every section starts at address 0).
// Damage throws MalformedInput; the caller reports it.
import { ByteReader, MalformedInput } from './bytes.js';
import {
  DW_FORM_block, DW_FORM_data1, DW_FORM_data16, DW_FORM_data2, DW_FORM_data4, DW_FORM_data8,
  DW_FORM_line_strp, DW_FORM_string, DW_FORM_strp, DW_FORM_udata, DW_LNCT_directory_index, DW_LNCT_path,
  DW_LNE_end_sequence, DW_LNE_set_address, DW_LNS_advance_line, DW_LNS_advance_pc, DW_LNS_const_add_pc,
  DW_LNS_copy, DW_LNS_fixed_advance_pc, DW_LNS_set_column, DW_LNS_set_file,
} from './dwarf-consts.js';
import { STT_SECTION } from './elf-consts.js';
import type { ElfFile } from './elf-reader.js';

export interface DebugLineRow {
  /** The program section the row's address lies in ('' when no relocation says). */
  section: string;
  /** Byte offset within that section. */
  addressBytes: number;
  /** The file's path, joined from its directory entry and name. */
  path: string;
  line: number;
  col: number;
}

/** The rows of every line-number program in `elf`'s .debug_line (empty without one). */
export function readDebugLine(elf: ElfFile): DebugLineRow[] {
  const sec = elf.sections.find((s) => s.name === '.debug_line');
  if (!sec) return [];
  const stringSection = (name: string): ByteReader | undefined => {
    const s = elf.sections.find((x) => x.name === name);
    return s ? new ByteReader(s.data, name) : undefined;
  };
  const ctx: StringSources = { lineStr: stringSection('.debug_line_str'), str: stringSection('.debug_str') };
  // Section of each relocated 8-byte address, by offset in .debug_line.
  const sectionAt = new Map<number, { section: string; addend: number }>();
  for (const rel of elf.relsByTarget.get(sec.index) ?? []) {
    const sym = elf.symbols[rel.symbol];
    const target = sym ? elf.sections[sym.shndx] : undefined;
    if (sym && target) sectionAt.set(rel.offsetBytes, { section: target.name, addend: sym.type === STT_SECTION ? 0 : sym.valueBytes });
  }
  const r = new ByteReader(sec.data, '.debug_line');
  const rows: DebugLineRow[] = [];
  let at = 0;
  while (at < r.sizeBytes) {
    const unitLength = r.u32(at);
    if (unitLength === 0xffffffff) throw new MalformedInput('.debug_line: the 64-bit DWARF format is not supported');
    const end = at + 4 + unitLength;
    if (end > r.sizeBytes) throw new MalformedInput(`.debug_line: unit at ${at} runs past the section's end`);
    readUnit(new ByteReader(r.bytes.subarray(0, end), '.debug_line'), at + 4, end, ctx, sectionAt, rows);
    at = end;
  }
  return rows;
}

interface StringSources {
  lineStr?: ByteReader;
  str?: ByteReader;
}

/** A read cursor over a ByteReader. */
class Cursor {
  constructor(
    readonly r: ByteReader,
    public at: number,
  ) {}
  u8(): number {
    return this.r.u8(this.at++);
  }
  u16(): number {
    const v = this.r.u16(this.at);
    this.at += 2;
    return v;
  }
  u32(): number {
    const v = this.r.u32(this.at);
    this.at += 4;
    return v;
  }
  u64(): number {
    const v = this.r.u64(this.at);
    this.at += 8;
    return v;
  }
  uleb(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const b = this.u8();
      result += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) return result;
      if (scale > 2 ** 56) throw new MalformedInput(`${this.r.what}: LEB128 value at ${this.at} is too long`);
    }
  }
  sleb(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const b = this.u8();
      result += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) return (b & 0x40) !== 0 ? result - scale : result;
      if (scale > 2 ** 56) throw new MalformedInput(`${this.r.what}: LEB128 value at ${this.at} is too long`);
    }
  }
  cstring(): string {
    const s = this.r.cstring(this.at);
    this.at += new TextEncoder().encode(s).length + 1;
    return s;
  }
}

function readUnit(
  r: ByteReader,
  start: number,
  end: number,
  strings: StringSources,
  sectionAt: Map<number, { section: string; addend: number }>,
  rows: DebugLineRow[],
): void {
  const c = new Cursor(r, start);
  const version = c.u16();
  if (version < 2 || version > 5) throw new MalformedInput(`.debug_line: expected version 2 to 5, saw ${version}`);
  if (version >= 5) {
    c.u8(); // address_size
    c.u8(); // segment_selector_size
  }
  const headerLength = c.u32();
  const programStart = c.at + headerLength;
  const minInsnLength = c.u8();
  if (version >= 4) c.u8(); // maximum_operations_per_instruction
  c.u8(); // default_is_stmt
  const lineBase = (c.u8() << 24) >> 24;
  const lineRange = c.u8();
  const opcodeBase = c.u8();
  const opcodeLengths: number[] = [];
  for (let i = 1; i < opcodeBase; i++) opcodeLengths.push(c.u8());
  if (lineRange === 0) throw new MalformedInput('.debug_line: line_range is 0');

  const dirs: string[] = [];
  const files: { name: string; dir: number }[] = [];
  if (version >= 5) {
    for (const e of readEntries(c, strings)) dirs.push(e.path);
    for (const e of readEntries(c, strings)) files.push({ name: e.path, dir: e.dir });
  } else {
    dirs.push(''); // directory 0: the compilation directory, not recorded here
    for (let s = c.cstring(); s !== ''; s = c.cstring()) dirs.push(s);
    files.push({ name: '', dir: 0 }); // file numbers start at 1
    for (let s = c.cstring(); s !== ''; s = c.cstring()) {
      const dir = c.uleb();
      c.uleb(); // mtime
      c.uleb(); // length
      files.push({ name: s, dir });
    }
  }
  const pathOf = (file: number): string => {
    const f = files[file];
    if (!f) return '';
    if (f.name.startsWith('/')) return f.name;
    const d = dirs[f.dir] ?? '';
    return d === '' ? f.name : `${d.replace(/\/$/, '')}/${f.name}`;
  };

  c.at = programStart;
  let section = '';
  let address = 0;
  let file = 1;
  let line = 1;
  let col = 0;
  const emit = (): void => {
    rows.push({ section, addressBytes: address, path: pathOf(file), line, col });
  };
  const reset = (): void => {
    address = 0;
    file = 1;
    line = 1;
    col = 0;
  };
  while (c.at < end) {
    const op = c.u8();
    if (op >= opcodeBase) {
      const adj = op - opcodeBase;
      address += Math.floor(adj / lineRange) * minInsnLength;
      line += lineBase + (adj % lineRange);
      emit();
    } else if (op === 0) {
      const len = c.uleb();
      const next = c.at + len;
      const sub = len > 0 ? c.u8() : 0;
      if (sub === DW_LNE_end_sequence) {
        reset();
      } else if (sub === DW_LNE_set_address) {
        const where = sectionAt.get(c.at);
        address = (len - 1 === 8 ? c.u64() : c.u32()) + (where?.addend ?? 0);
        section = where?.section ?? '';
      }
      c.at = next;
    } else if (op === DW_LNS_copy) emit();
    else if (op === DW_LNS_advance_pc) address += c.uleb() * minInsnLength;
    else if (op === DW_LNS_advance_line) line += c.sleb();
    else if (op === DW_LNS_set_file) file = c.uleb();
    else if (op === DW_LNS_set_column) col = c.uleb();
    else if (op === DW_LNS_const_add_pc) address += Math.floor((255 - opcodeBase) / lineRange) * minInsnLength;
    else if (op === DW_LNS_fixed_advance_pc) address += c.u16();
    else for (let i = 0; i < (opcodeLengths[op - 1] ?? 0); i++) c.uleb(); // operands we do not need
  }
}

/** A DWARF 5 directory or file-name table: its format description, then its entries. */
function readEntries(c: Cursor, strings: StringSources): { path: string; dir: number }[] {
  const formatCount = c.u8();
  const format: [number, number][] = [];
  for (let i = 0; i < formatCount; i++) format.push([c.uleb(), c.uleb()]);
  const count = c.uleb();
  const out: { path: string; dir: number }[] = [];
  for (let i = 0; i < count; i++) {
    let path = '';
    let dir = 0;
    for (const [content, form] of format) {
      const v = readForm(c, form, strings);
      if (content === DW_LNCT_path && typeof v === 'string') path = v;
      else if (content === DW_LNCT_directory_index && typeof v === 'number') dir = v;
    }
    out.push({ path, dir });
  }
  return out;
}

function readForm(c: Cursor, form: number, strings: StringSources): string | number | undefined {
  switch (form) {
    case DW_FORM_string:
      return c.cstring();
    case DW_FORM_line_strp:
    case DW_FORM_strp: {
      const off = c.u32();
      const table = form === DW_FORM_line_strp ? strings.lineStr : strings.str;
      if (!table) throw new MalformedInput(`.debug_line: a string form needs ${form === DW_FORM_line_strp ? '.debug_line_str' : '.debug_str'}, which is missing`);
      return table.cstring(off);
    }
    case DW_FORM_udata:
      return c.uleb();
    case DW_FORM_data1:
      return c.u8();
    case DW_FORM_data2:
      return c.u16();
    case DW_FORM_data4:
      return c.u32();
    case DW_FORM_data8:
      c.at += 8;
      return undefined;
    case DW_FORM_data16:
      c.at += 16; // an MD5 checksum
      return undefined;
    case DW_FORM_block:
      c.at += c.uleb();
      return undefined;
    default:
      throw new MalformedInput(`.debug_line: unsupported form 0x${form.toString(16)} in a file table`);
  }
}
