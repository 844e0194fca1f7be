// BTF for the object: C types (maps' key/value types, function signatures)
// converted from sema's types, FUNC/FUNC_PROTO per emitted function, and a
// VAR + DATASEC for each data section (.maps, license).
import { BtfBuilder, type BtfId, type BtfIntEncoding } from '../bpf/btf.js';
import type { FuncDef, FuncSym } from '../sema/program.js';
import * as T from '../sema/types.js';

export class BtfTypes {
  readonly builder = new BtfBuilder();
  private readonly records = new Map<T.RecordInfo, BtfId>();

  typeId(t: T.CType): BtfId {
    const b = this.builder;
    switch (t.kind) {
      case 'void':
        return 0;
      case 'int': {
        const encoding: BtfIntEncoding = t.isBool ? 'bool' : t.name === 'char' ? 'char' : t.signed ? 'signed' : 'none';
        return b.add({ kind: 'int', name: t.name, sizeBytes: t.sizeBytes, encoding, bits: t.sizeBytes * 8, bitOffset: 0 });
      }
      case 'float':
        return b.add({ kind: 'int', name: t.name, sizeBytes: t.sizeBytes, encoding: 'none', bits: t.sizeBytes * 8, bitOffset: 0 });
      case 'ptr':
        return b.add({ kind: 'ptr', type: this.typeId(t.to) });
      case 'array':
        return b.add({ kind: 'array', elem: this.typeId(t.elem), index: this.typeId(T.INT), nelems: t.length ?? 0 });
      case 'func':
        return b.add({ kind: 'func_proto', ret: this.typeId(t.ret), params: t.params.map((p) => ({ name: p.name ?? '', type: this.typeId(p.type) })) });
      case 'record':
        return this.recordId(t.info);
      case 'enum':
        return b.add({
          kind: 'enum',
          name: t.info.name ?? '',
          sizeBytes: t.info.underlying.sizeBytes,
          signed: t.info.underlying.signed,
          values: t.info.values.map((v) => ({ name: v.name, value: Number(v.value) })),
        });
      case 'typedef':
        return b.add({ kind: 'typedef', name: t.name, type: this.typeId(t.type) });
      case 'qual': {
        let id = this.typeId(t.type);
        if (t.volatile) id = b.add({ kind: 'volatile', type: id });
        if (t.const) id = b.add({ kind: 'const', type: id });
        return id;
      }
      default:
        return T.assertNeverType(t);
    }
  }

  private recordId(info: T.RecordInfo): BtfId {
    const known = this.records.get(info);
    if (known !== undefined) return known;
    const kind = info.tag === 'struct' ? 'struct' : 'union';
    if (!info.complete) {
      const id = this.builder.add({ kind: 'fwd', name: info.name ?? '', union: info.tag === 'union' });
      this.records.set(info, id);
      return id;
    }
    const id = this.builder.reserve({ kind, name: info.name ?? '', sizeBytes: info.sizeBytes, members: [] });
    this.records.set(info, id);
    const members = info.members.map((m) => ({ name: m.name ?? '', type: this.typeId(m.type), bitOffset: m.bitOffset, bitfieldSize: m.bitWidth }));
    this.builder.set(id, { kind, name: info.name ?? '', sizeBytes: info.sizeBytes, members });
    return id;
  }

  /** FUNC with extern linkage for a kernel function the code calls: libbpf finds it in the kernel's BTF. */
  externFuncId(sym: FuncSym): BtfId {
    const proto = this.builder.add({
      kind: 'func_proto',
      ret: this.typeId(sym.type.ret),
      params: sym.type.params.map((p) => ({ name: p.name ?? '', type: this.typeId(p.type) })),
    });
    return this.builder.add({ kind: 'func', name: sym.name, type: proto, linkage: 'extern' });
  }

  /** FUNC for a function definition (linkage as in C: static or global). */
  funcId(fd: FuncDef, global: boolean): BtfId {
    const proto = this.builder.add({
      kind: 'func_proto',
      ret: this.typeId(fd.sym.type.ret),
      params: fd.params.map((p) => ({ name: p.name, type: this.typeId(p.type) })),
    });
    return this.builder.add({ kind: 'func', name: fd.sym.name, type: proto, linkage: global ? 'global' : 'static' });
  }
}
