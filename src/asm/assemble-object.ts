// The assembly front end: a `.s` file in the kernel log's syntax (see bpf/assemble.ts) becomes a
// bpf.ObjectProgram that the ELF writer turns into an object libbpf loads. It is how verifier and
// interpreter tests state exact instruction sequences, and how users write hand-tuned programs.
//
//   .license "GPL"                                  ; default "GPL"
//   .map counts array key=4 value=8 entries=16      ; a BTF-defined map in ".maps" (flags=N optional)
//   .prog xdp_main xdp                              ; an entry point: symbol xdp_main in section "xdp"
//           r0 = 2
//           exit
//   .func add_one args=1                            ; a static .text subprogram ("global" for a global one)
//           r0 = r1
//           r0 += 1
//           exit
//
// Map types are named as in enum bpf_map_type without the prefix (array, hash, lru_hash,
// percpu_array, prog_array, ringbuf, ...) or given as a number. Each function body is assembled
// on its own; its labels are local, and `call NAME` of another function becomes a relocation.
// Every instruction gets a line-table entry at its source line, so the kernel's log and
// `ebcc objdump -S` quote the assembly.
import { assemble } from '../bpf/assemble.js';
import { BtfBuilder, type BtfMember } from '../bpf/btf.js';
import type { Insn } from '../bpf/insn.js';
import { mapTypeByName } from '../bpf/maps.js';
import type { DataSection, FunctionCode, InsnReloc, LineEntry, ObjectProgram } from '../bpf/object.js';
import type { CompileContext } from '../context.js';
import type { SourceFile, Span } from '../diag/source.js';

interface MapDecl {
  name: string;
  fields: { name: string; value: number }[];
  span: Span;
}

interface FuncDecl {
  name: string;
  section: string;
  global: boolean;
  args: number;
  isProgram: boolean;
  span: Span;
  /** Offset of the body's first line within the file, and the body text. */
  bodyStart: number;
  body: string[];
}

const POINTER_BYTES = 8;

function mapTypeValue(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  return mapTypeByName(text.toLowerCase())?.value;
}

/** Assembles a whole file into an object program. Errors go to ctx.diags (E7001). */
export function assembleObject(file: SourceFile, ctx: CompileContext): ObjectProgram {
  const maps: MapDecl[] = [];
  const funcs: FuncDecl[] = [];
  let license = 'GPL';
  const lines = file.text.split('\n');
  let offset = 0;
  const spanOf = (start: number, length: number): Span => ({ file: file.id, start, end: start + Math.max(1, length) });
  // Reported in source order once the whole file has been read.
  const errors: { message: string; span: Span }[] = [];
  const error = (message: string, span: Span): void => {
    errors.push({ message, span });
  };

  for (const raw of lines) {
    const lineStart = offset;
    offset += raw.length + 1;
    const text = raw.replace(/;.*$/, '').replace(/\/\/.*$/, '').trim();
    const span = spanOf(lineStart + raw.indexOf(text.charAt(0)), text.length);
    let m: RegExpExecArray | null;
    if ((m = /^\.license\s+"([^"]*)"$/.exec(text))) {
      license = m[1]!;
    } else if ((m = /^\.map\s+([A-Za-z_]\w*)\s+(\w+)((?:\s+\w+=\w+)*)$/.exec(text))) {
      const type = mapTypeValue(m[2]!);
      if (type === undefined) {
        error(`unknown map type '${m[2]}'`, span);
        continue;
      }
      const fields = [{ name: 'type', value: type }];
      const given = new Map<string, number>();
      for (const kv of m[3]!.trim().split(/\s+/).filter((s) => s !== '')) {
        const [k, v] = kv.split('=') as [string, string];
        const key = { key: 'key_size', value: 'value_size', entries: 'max_entries', flags: 'map_flags' }[k];
        const num = Number(v);
        if (key === undefined || !Number.isInteger(num) || num < 0) {
          error(`expected key=N, value=N, entries=N or flags=N in a .map directive, saw '${kv}'`, span);
          continue;
        }
        given.set(key, num);
      }
      for (const key of ['key_size', 'value_size', 'max_entries', 'map_flags']) {
        const v = given.get(key);
        if (v !== undefined) fields.push({ name: key, value: v });
      }
      maps.push({ name: m[1]!, fields, span });
    } else if ((m = /^\.(prog|func)\s+([A-Za-z_]\w*)((?:\s+\S+)*)$/.exec(text))) {
      const isProgram = m[1] === 'prog';
      const rest = m[3]!.trim().split(/\s+/).filter((s) => s !== '');
      let section = isProgram ? rest.shift() : '.text';
      let global = isProgram;
      let args = isProgram ? 1 : 0;
      for (const word of rest) {
        const a = /^args=(\d)$/.exec(word);
        if (word === 'global') global = true;
        else if (a) args = Number(a[1]);
        else error(`unexpected '${word}' in a .${m[1]} directive`, span);
      }
      if (section === undefined) {
        error(`.prog needs a section name: .prog NAME SECTION`, span);
        section = '.text';
      }
      funcs.push({ name: m[2]!, section, global, args, isProgram, span, bodyStart: offset, body: [] });
    } else if (text.startsWith('.') && !text.startsWith('.insn')) {
      error(`unknown directive '${text.split(/\s+/)[0]}'`, span);
    } else if (funcs.length > 0) {
      funcs[funcs.length - 1]!.body.push(raw);
    } else if (text !== '') {
      error('an instruction outside a function: start one with .prog NAME SECTION or .func NAME', span);
    }
  }

  const names = new Set(funcs.map((f) => f.name));
  const btf = new BtfBuilder();
  const intId = btf.add({ kind: 'int', name: 'int', sizeBytes: 4, encoding: 'signed', bits: 32, bitOffset: 0 });
  const u64Id = btf.add({ kind: 'int', name: 'unsigned long long', sizeBytes: 8, encoding: 'none', bits: 64, bitOffset: 0 });
  const functions: FunctionCode[] = [];
  for (const f of funcs) {
    const text = f.body.join('\n');
    const out = assemble(text, { externalLabels: names });
    for (const e of out.errors) error(e.message, spanOf(f.bodyStart + e.offset, e.length));
    const bodyLineStarts: number[] = [];
    let at = f.bodyStart;
    for (const l of f.body) {
      bodyLineStarts.push(at);
      at += l.length + 1;
    }
    const lines: LineEntry[] = [];
    out.lineOfInsn.forEach((line, i) => {
      if (line < 0) return;
      const start = bodyLineStarts[line - 1]!;
      const raw = f.body[line - 1]!;
      const lead = raw.length - raw.trimStart().length;
      lines.push({ insnIndex: i, span: spanOf(start + lead, raw.trim().length) });
    });
    const relocs: InsnReloc[] = [];
    for (const r of out.relocs) {
      if (r.kind === 'map' || r.kind === 'call' || r.kind === 'func') {
        if (r.kind === 'map' && !maps.some((m) => m.name === r.symbol)) {
          error(`no map named '${r.symbol}' (declare it with .map)`, f.span);
        }
        relocs.push({ insnIndex: r.insnIndex, kind: r.kind, symbol: r.symbol });
      } else {
        error(`${r.kind === 'symbol' ? 'symbol' : 'map value'} addresses are not supported in assembly files yet`, f.span);
      }
    }
    const params = Array.from({ length: f.args }, (_, i) => ({ name: f.isProgram && i === 0 ? 'ctx' : `arg${i + 1}`, type: u64Id }));
    const protoId = btf.add({ kind: 'func_proto', ret: intId, params });
    const btfFuncId = btf.add({ kind: 'func', name: f.name, type: protoId, linkage: f.global ? 'global' : 'static' });
    if (out.insns.length === 0) error(`function '${f.name}' has no instructions`, f.span);
    functions.push({ name: f.name, section: f.section, global: f.global, insns: out.insns as Insn[], relocs, lines, btfFuncId, span: f.span });
  }

  const data: DataSection[] = [];
  if (maps.length > 0) {
    const vars: { type: number; offset: number; sizeBytes: number }[] = [];
    const symbols: DataSection['symbols'] = [];
    let size = 0;
    for (const m of maps) {
      const members: BtfMember[] = m.fields.map((fld, i) => {
        const array = btf.add({ kind: 'array', elem: intId, index: intId, nelems: fld.value });
        return { name: fld.name, type: btf.add({ kind: 'ptr', type: array }), bitOffset: i * POINTER_BYTES * 8, bitfieldSize: 0 };
      });
      const sizeBytes = members.length * POINTER_BYTES;
      const structId = btf.add({ kind: 'struct', name: '', sizeBytes, members });
      const varId = btf.add({ kind: 'var', name: m.name, type: structId, linkage: 'global' });
      vars.push({ type: varId, offset: size, sizeBytes });
      symbols.push({ name: m.name, offset: size, sizeBytes, global: true });
      size += sizeBytes;
    }
    btf.add({ kind: 'datasec', name: '.maps', sizeBytes: size, vars });
    data.push({ name: '.maps', bytes: new Uint8Array(size), symbols });
  }
  const licenseBytes = new TextEncoder().encode(`${license}\0`);
  const charId = btf.add({ kind: 'int', name: 'char', sizeBytes: 1, encoding: 'signed', bits: 8, bitOffset: 0 });
  const licArray = btf.add({ kind: 'array', elem: charId, index: intId, nelems: licenseBytes.length });
  const licVar = btf.add({ kind: 'var', name: '_license', type: licArray, linkage: 'global' });
  btf.add({ kind: 'datasec', name: 'license', sizeBytes: licenseBytes.length, vars: [{ type: licVar, offset: 0, sizeBytes: licenseBytes.length }] });
  data.push({ name: 'license', bytes: licenseBytes, symbols: [{ name: '_license', offset: 0, sizeBytes: licenseBytes.length, global: true }] });

  errors.sort((x, y) => x.span.start - y.span.start);
  for (const e of errors) ctx.diags.error('E7001', e.message, e.span);
  return { functions, data, btf: btf.types, sourcePath: file.path };
}
