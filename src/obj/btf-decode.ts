// Decodes a .BTF section (layout in btf-encode.ts) into the BtfType model.
// Kinds the model lacks but whose layout is known keep their type id through a
// stand-in, so that later ids stay right: FLOAT becomes an INT of the same
// size (encoding none), DECL_TAG and TYPE_TAG become a TYPEDEF named after the
// tag that refers to the tagged type, ENUM64 becomes an 'enum' (values above
// 2^53 lose precision). A kind number beyond ENUM64 has an unknown size, so
// decoding stops there with a warning.
import type { BtfLinkage, BtfIntEncoding, BtfType } from '../bpf/btf.js';
import { ByteReader, MalformedInput } from './bytes.js';
import { BTF_MAGIC, BtfKind } from './btf-kinds.js';

export interface DecodedBtf {
  types: BtfType[];
  /** Reads the string at an offset of the string table (throws MalformedInput if out of range). */
  stringAt: (off: number) => string;
  /** One message per kind that was replaced or that stopped decoding. */
  warnings: string[];
}

const LINKAGES: BtfLinkage[] = ['static', 'global', 'extern'];

function linkageOf(n: number, what: string): BtfLinkage {
  const l = LINKAGES[n];
  if (!l) throw new MalformedInput(`.BTF: ${what} has unknown linkage ${n}`);
  return l;
}

function intEncodingOf(bits: number): BtfIntEncoding {
  if (bits & 4) return 'bool';
  if (bits & 2) return 'char';
  if (bits & 1) return 'signed';
  return 'none';
}

/** Throws MalformedInput on damaged input. */
export function decodeBtf(bytes: Uint8Array): DecodedBtf {
  const r = new ByteReader(bytes, '.BTF');
  const magic = r.u16(0);
  if (magic !== BTF_MAGIC) throw new MalformedInput(`.BTF: expected magic 0xeb9f, saw 0x${magic.toString(16)}`);
  const version = r.u8(2);
  if (version !== 1) throw new MalformedInput(`.BTF: expected version 1, saw ${version}`);
  const hdrLen = r.u32(4);
  if (hdrLen < 24) throw new MalformedInput(`.BTF: header length ${hdrLen} is shorter than 24 bytes`);
  const typeSec = r.sub(hdrLen + r.u32(8), r.u32(12), '.BTF type section');
  const strSec = r.sub(hdrLen + r.u32(16), r.u32(20), '.BTF string section');
  const stringAt = (off: number): string => strSec.cstring(off);

  const types: BtfType[] = [];
  const warnings: string[] = [];
  const warned = new Set<number>();
  const warnOnce = (kind: number, msg: string): void => {
    if (warned.has(kind)) return;
    warned.add(kind);
    warnings.push(msg);
  };

  let at = 0;
  while (at < typeSec.sizeBytes) {
    const id = types.length + 1;
    const name = stringAt(typeSec.u32(at));
    const info = typeSec.u32(at + 4);
    const sizeOrType = typeSec.u32(at + 8);
    const kind = (info >>> 24) & 0x1f;
    const vlen = info & 0xffff;
    const kindFlag = info >>> 31 === 1;
    const extra = at + 12;
    const u32 = (i: number): number => typeSec.u32(extra + i * 4);
    const i32 = (i: number): number => typeSec.i32(extra + i * 4);
    let recordWords = 0;
    switch (kind) {
      case BtfKind.INT: {
        const word = u32(0);
        types.push({
          kind: 'int',
          name,
          sizeBytes: sizeOrType,
          encoding: intEncodingOf((word >>> 24) & 0xf),
          bitOffset: (word >>> 16) & 0xff,
          bits: word & 0xff,
        });
        recordWords = 1;
        break;
      }
      case BtfKind.PTR:
        types.push({ kind: 'ptr', type: sizeOrType });
        break;
      case BtfKind.ARRAY:
        types.push({ kind: 'array', elem: u32(0), index: u32(1), nelems: u32(2) });
        recordWords = 3;
        break;
      case BtfKind.STRUCT:
      case BtfKind.UNION: {
        const members = [];
        for (let i = 0; i < vlen; i++) {
          const off = u32(i * 3 + 2);
          members.push({
            name: stringAt(u32(i * 3)),
            type: u32(i * 3 + 1),
            bitOffset: kindFlag ? off & 0xffffff : off,
            bitfieldSize: kindFlag ? off >>> 24 : 0,
          });
        }
        types.push({ kind: kind === BtfKind.STRUCT ? 'struct' : 'union', name, sizeBytes: sizeOrType, members });
        recordWords = vlen * 3;
        break;
      }
      case BtfKind.ENUM: {
        const values = [];
        for (let i = 0; i < vlen; i++) {
          values.push({ name: stringAt(u32(i * 2)), value: kindFlag ? i32(i * 2 + 1) : u32(i * 2 + 1) });
        }
        types.push({ kind: 'enum', name, sizeBytes: sizeOrType, signed: kindFlag, values });
        recordWords = vlen * 2;
        break;
      }
      case BtfKind.ENUM64: {
        const values = [];
        for (let i = 0; i < vlen; i++) {
          const raw = (BigInt(u32(i * 3 + 2)) << 32n) | BigInt(u32(i * 3 + 1));
          const value = Number(kindFlag ? BigInt.asIntN(64, raw) : raw);
          values.push({ name: stringAt(u32(i * 3)), value });
        }
        types.push({ kind: 'enum', name, sizeBytes: sizeOrType, signed: kindFlag, values });
        recordWords = vlen * 3;
        break;
      }
      case BtfKind.FWD:
        types.push({ kind: 'fwd', name, union: kindFlag });
        break;
      case BtfKind.TYPEDEF:
        types.push({ kind: 'typedef', name, type: sizeOrType });
        break;
      case BtfKind.VOLATILE:
        types.push({ kind: 'volatile', type: sizeOrType });
        break;
      case BtfKind.CONST:
        types.push({ kind: 'const', type: sizeOrType });
        break;
      case BtfKind.RESTRICT:
        types.push({ kind: 'restrict', type: sizeOrType });
        break;
      case BtfKind.FUNC:
        types.push({ kind: 'func', name, type: sizeOrType, linkage: linkageOf(vlen, `FUNC '${name}'`) });
        break;
      case BtfKind.FUNC_PROTO: {
        const params = [];
        for (let i = 0; i < vlen; i++) params.push({ name: stringAt(u32(i * 2)), type: u32(i * 2 + 1) });
        types.push({ kind: 'func_proto', ret: sizeOrType, params });
        recordWords = vlen * 2;
        break;
      }
      case BtfKind.VAR:
        types.push({ kind: 'var', name, type: sizeOrType, linkage: linkageOf(u32(0), `VAR '${name}'`) });
        recordWords = 1;
        break;
      case BtfKind.DATASEC: {
        const vars = [];
        for (let i = 0; i < vlen; i++) vars.push({ type: u32(i * 3), offset: u32(i * 3 + 1), sizeBytes: u32(i * 3 + 2) });
        types.push({ kind: 'datasec', name, sizeBytes: sizeOrType, vars });
        recordWords = vlen * 3;
        break;
      }
      case BtfKind.FLOAT:
        warnOnce(kind, `BTF kind FLOAT (type [${id}] '${name}') is read as an INT of ${sizeOrType} bytes`);
        types.push({ kind: 'int', name, sizeBytes: sizeOrType, encoding: 'none', bits: sizeOrType * 8, bitOffset: 0 });
        break;
      case BtfKind.DECL_TAG:
        warnOnce(kind, `BTF kind DECL_TAG (type [${id}] '${name}') is read as a TYPEDEF`);
        types.push({ kind: 'typedef', name, type: sizeOrType, component: u32(0) | 0 });
        recordWords = 1;
        break;
      case BtfKind.TYPE_TAG:
        warnOnce(kind, `BTF kind TYPE_TAG (type [${id}] '${name}') is read as a TYPEDEF`);
        types.push({ kind: 'typedef', name, type: sizeOrType });
        break;
      default:
        warnings.push(`BTF kind ${kind} (type [${id}]) is unknown; types from [${id}] on are skipped`);
        return { types, stringAt, warnings };
    }
    // Touch the record's last word so that a truncated record is reported here.
    if (recordWords > 0) u32(recordWords - 1);
    at = extra + recordWords * 4;
  }
  return { types, stringAt, warnings };
}
