// Legacy maps, modernised. A `struct bpf_map_def SEC("maps") name = { .type = ...,
// .key_size = 4, .value_size = 8, .max_entries = 16 };` (sema role 'legacy-map')
// is emitted as the BTF-defined map libbpf 1.x expects, because libbpf 1.0
// refuses objects with a "maps" section. The map keeps its name and goes to
// ".maps"; its BTF type is a synthesized anonymous struct whose members are
// what `__uint(name, N)` declares, `int (*name)[N]`: a PTR to an ARRAY of N
// ints, for type, key_size, value_size, max_entries and (when non-zero)
// map_flags. libbpf reads key_size/value_size members as sizes, like key/value
// types (tools/lib/bpf/libbpf.c, parse_btf_map_def). The conversion is
// reported as a note (E6020), pointing at the declaration.
import type { CompileContext } from '../context.js';
import type { GlobalVar, TExpr } from '../sema/program.js';
import * as T from '../sema/types.js';
import type { BtfTypes } from './btf-gen.js';

/** The members libbpf knows, in the order they are emitted. */
const FIELDS = ['type', 'key_size', 'value_size', 'max_entries', 'map_flags'] as const;
const POINTER_BYTES = 8;

export interface ModernMap {
  /** BTF id of the synthesized struct: the type of the map's VAR. */
  typeId: number;
  /** Size of the map's storage in ".maps" (one pointer per member). */
  sizeBytes: number;
}

/** Builds the BTF struct for a legacy map and reports the conversion. */
export function modernizeLegacyMap(g: GlobalVar, btf: BtfTypes, ctx: CompileContext): ModernMap {
  const values = legacyFieldValues(g);
  const b = btf.builder;
  const intId = btf.typeId(T.INT);
  const members = FIELDS.filter((f) => f !== 'map_flags' || values.map_flags !== 0).map((name, i) => {
    const array = b.add({ kind: 'array', elem: intId, index: intId, nelems: values[name] });
    return { name, type: b.add({ kind: 'ptr', type: array }), bitOffset: i * POINTER_BYTES * 8, bitfieldSize: 0 };
  });
  const sizeBytes = members.length * POINTER_BYTES;
  const typeId = b.add({ kind: 'struct', name: '', sizeBytes, members });
  const shown = FIELDS.filter((f) => f !== 'map_flags' || values.map_flags !== 0)
    .map((f) => `${f} ${values[f]}`)
    .join(', ');
  ctx.diags.report(
    'note',
    'E6020',
    `legacy map '${g.name}' in SEC("maps") is emitted as a BTF-defined map in SEC(".maps") (${shown}), ` +
      'because libbpf 1.x refuses the legacy "maps" section',
    g.span,
  );
  return { typeId, sizeBytes };
}

/** The constant values of the initializer's type/key_size/value_size/max_entries/map_flags (0 when absent). */
function legacyFieldValues(g: GlobalVar): Record<(typeof FIELDS)[number], number> {
  const out = { type: 0, key_size: 0, value_size: 0, max_entries: 0, map_flags: 0 };
  const t = T.strip(g.type);
  if (t.kind !== 'record' || g.init?.kind !== 'Aggregate') return out;
  for (const m of t.info.members) {
    const name = m.name as keyof typeof out | undefined;
    if (name === undefined || !(name in out)) continue;
    const entry = g.init.entries.find((e) => e.offsetBytes === m.offsetBytes);
    const value = entry ? constValue(entry.expr) : undefined;
    if (value !== undefined) out[name] = Number(BigInt.asUintN(32, value));
  }
  return out;
}

function constValue(e: TExpr): bigint | undefined {
  if (e.kind === 'Const') return e.value;
  if (e.kind === 'Cast') return constValue(e.operand);
  return undefined;
}
