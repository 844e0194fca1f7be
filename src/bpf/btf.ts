// BTF types as data (Documentation/bpf/btf.rst). Type ids are 1-based
// indices into BtfTypes.types; id 0 is void. The obj stage encodes and
// decodes this model; codegen builds it with BtfBuilder.

export type BtfId = number;

export type BtfIntEncoding = 'none' | 'signed' | 'char' | 'bool';

export interface BtfMember {
  name: string;
  type: BtfId;
  /** Offset from the start of the struct, in bits. */
  bitOffset: number;
  /** Non-zero for bitfield members. */
  bitfieldSize: number;
}

export interface BtfVarSecinfo {
  type: BtfId;
  offset: number;
  sizeBytes: number;
}

export type BtfLinkage = 'static' | 'global' | 'extern';

export type BtfType =
  | { kind: 'int'; name: string; sizeBytes: number; encoding: BtfIntEncoding; bits: number; bitOffset: number }
  | { kind: 'ptr'; type: BtfId }
  | { kind: 'array'; elem: BtfId; index: BtfId; nelems: number }
  | { kind: 'struct' | 'union'; name: string; sizeBytes: number; members: BtfMember[] }
  | { kind: 'enum'; name: string; sizeBytes: number; signed: boolean; values: { name: string; value: number }[] }
  | { kind: 'fwd'; name: string; union: boolean }
  /**
   * Also what a reader makes of a DECL_TAG (name = the tag's text, type = the tagged type) and
   * a TYPE_TAG; `component` is a DECL_TAG's member or parameter index (-1: the type itself).
   */
  | { kind: 'typedef'; name: string; type: BtfId; component?: number }
  | { kind: 'volatile' | 'const' | 'restrict'; type: BtfId }
  | { kind: 'func'; name: string; type: BtfId; linkage: BtfLinkage }
  | { kind: 'func_proto'; ret: BtfId; params: { name: string; type: BtfId }[] }
  | { kind: 'var'; name: string; type: BtfId; linkage: BtfLinkage }
  | { kind: 'datasec'; name: string; sizeBytes: number; vars: BtfVarSecinfo[] };

/** Builds a deduplicated BTF type list: adding an equal type twice returns the same id. */
export class BtfBuilder {
  readonly types: BtfType[] = [];
  private readonly index = new Map<string, BtfId>();

  add(t: BtfType): BtfId {
    const key = JSON.stringify(t);
    const found = this.index.get(key);
    if (found !== undefined) return found;
    this.types.push(t);
    const id = this.types.length;
    this.index.set(key, id);
    return id;
  }

  /** Reserves an id for a struct/union whose members refer back to it; fill it with set(). */
  reserve(placeholder: BtfType): BtfId {
    this.types.push(placeholder);
    return this.types.length;
  }

  set(id: BtfId, t: BtfType): void {
    this.types[id - 1] = t;
    this.index.set(JSON.stringify(t), id);
  }

  get(id: BtfId): BtfType | undefined {
    return this.types[id - 1];
  }
}
