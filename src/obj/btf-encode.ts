// Encodes the BtfType model into the .BTF section (Documentation/bpf/btf.rst):
//   header { u16 magic 0xeB9F; u8 version 1; u8 flags 0; u32 hdr_len 24;
//            u32 type_off, type_len, str_off, str_len }   (offsets after the header)
//   types: struct btf_type { u32 name_off; u32 info; u32 size_or_type } + kind data,
//          info = kind_flag << 31 | kind << 24 | vlen
//   strings: NUL-terminated, "" at offset 0
// The string table is shared with .BTF.ext, so the caller owns it and
// serialises the section (buildBtfSection) only after .BTF.ext added its strings.
import type { BtfLinkage, BtfType } from '../bpf/btf.js';
import type { DataSection } from '../bpf/object.js';
import { assertNever } from '../util/assert-never.js';
import { ByteWriter, type StringTable } from './bytes.js';
import { BTF_HEADER_BYTES, BtfKind, INT_ENCODING_BITS, writeBtfHeader } from './btf-kinds.js';

export function linkageNumber(l: BtfLinkage): number {
  switch (l) {
    case 'static':
      return 0;
    case 'global':
      return 1;
    case 'extern':
      return 2;
    default:
      return assertNever(l);
  }
}

function info(kind: number, vlen: number, kindFlag: boolean): number {
  return ((kindFlag ? 1 : 0) << 31) | (kind << 24) | (vlen & 0xffff);
}

function needsEnum64(values: { value: number }[]): boolean {
  return values.some((v) => v.value < -0x80000000 || v.value > 0xffffffff);
}

/** The type section: every type of `types` in id order (id 1 first). */
export function encodeBtfTypes(types: BtfType[], strings: StringTable): Uint8Array {
  const w = new ByteWriter();
  const head = (name: string, kind: number, vlen: number, kindFlag: boolean, sizeOrType: number): void => {
    w.u32(name === '' ? 0 : strings.add(name));
    w.u32(info(kind, vlen, kindFlag));
    w.u32(sizeOrType);
  };
  for (const t of types) {
    switch (t.kind) {
      case 'int':
        head(t.name, BtfKind.INT, 0, false, t.sizeBytes);
        w.u32((INT_ENCODING_BITS[t.encoding] << 24) | ((t.bitOffset & 0xff) << 16) | (t.bits & 0xff));
        break;
      case 'ptr':
        head('', BtfKind.PTR, 0, false, t.type);
        break;
      case 'array':
        head('', BtfKind.ARRAY, 0, false, 0);
        w.u32(t.elem);
        w.u32(t.index);
        w.u32(t.nelems);
        break;
      case 'struct':
      case 'union': {
        const bitfields = t.members.some((m) => m.bitfieldSize !== 0);
        head(t.name, t.kind === 'struct' ? BtfKind.STRUCT : BtfKind.UNION, t.members.length, bitfields, t.sizeBytes);
        for (const m of t.members) {
          w.u32(m.name === '' ? 0 : strings.add(m.name));
          w.u32(m.type);
          w.u32(bitfields ? ((m.bitfieldSize & 0xff) << 24) | (m.bitOffset & 0xffffff) : m.bitOffset);
        }
        break;
      }
      case 'enum':
        if (needsEnum64(t.values)) {
          head(t.name, BtfKind.ENUM64, t.values.length, t.signed, t.sizeBytes);
          for (const v of t.values) {
            const big = BigInt.asUintN(64, BigInt(v.value));
            w.u32(strings.add(v.name));
            w.u32(Number(big & 0xffffffffn));
            w.u32(Number(big >> 32n));
          }
        } else {
          head(t.name, BtfKind.ENUM, t.values.length, t.signed, t.sizeBytes);
          for (const v of t.values) {
            w.u32(strings.add(v.name));
            w.u32(v.value >>> 0);
          }
        }
        break;
      case 'fwd':
        head(t.name, BtfKind.FWD, 0, t.union, 0);
        break;
      case 'typedef':
        head(t.name, BtfKind.TYPEDEF, 0, false, t.type);
        break;
      case 'volatile':
        head('', BtfKind.VOLATILE, 0, false, t.type);
        break;
      case 'const':
        head('', BtfKind.CONST, 0, false, t.type);
        break;
      case 'restrict':
        head('', BtfKind.RESTRICT, 0, false, t.type);
        break;
      case 'func':
        // For FUNC, vlen holds the linkage.
        head(t.name, BtfKind.FUNC, linkageNumber(t.linkage), false, t.type);
        break;
      case 'func_proto':
        head('', BtfKind.FUNC_PROTO, t.params.length, false, t.ret);
        for (const p of t.params) {
          w.u32(p.name === '' ? 0 : strings.add(p.name));
          w.u32(p.type);
        }
        break;
      case 'var':
        head(t.name, BtfKind.VAR, 0, false, t.type);
        w.u32(linkageNumber(t.linkage));
        break;
      case 'datasec':
        head(t.name, BtfKind.DATASEC, t.vars.length, false, t.sizeBytes);
        for (const v of t.vars) {
          w.u32(v.type);
          w.u32(v.offset);
          w.u32(v.sizeBytes);
        }
        break;
      default:
        return assertNever(t);
    }
  }
  return w.finish();
}

/** The whole .BTF section: header, types, then the (final) string table. */
export function buildBtfSection(typeBytes: Uint8Array, stringBytes: Uint8Array): Uint8Array {
  const w = new ByteWriter();
  writeBtfHeader(w, BTF_HEADER_BYTES, [typeBytes.length, stringBytes.length]);
  w.bytes(typeBytes);
  w.bytes(stringBytes);
  return w.finish();
}

/**
 * Returns `types` with every DATASEC that names one of `data`'s sections
 * resized to the section's final size, and each of its VAR entries placed at
 * the offset and size of the data symbol with the VAR's name (entries sorted
 * by offset, as the kernel requires). Other types are returned unchanged.
 */
export function fixDatasecLayout(types: BtfType[], data: DataSection[]): BtfType[] {
  return types.map((t) => {
    if (t.kind !== 'datasec') return t;
    const sec = data.find((d) => d.name === t.name);
    if (!sec) return t;
    const vars = t.vars.map((v) => {
      const target = types[v.type - 1];
      const sym = target?.kind === 'var' ? sec.symbols.find((s) => s.name === target.name) : undefined;
      return sym ? { type: v.type, offset: sym.offset, sizeBytes: sym.sizeBytes } : v;
    });
    vars.sort((a, b) => a.offset - b.offset);
    return { ...t, sizeBytes: sec.bytes.length, vars };
  });
}
