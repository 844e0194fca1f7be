// Instruction conformance: every case in test/run/isa/*.s runs in ebcc run and, where the kernel
// can load programs, in the kernel through BPF_PROG_TEST_RUN. Each case records the kernel's
// result; ebcc run must give it, and the kernel must still give it, with the same output packet and
// the same map contents. Together the cases cover every instruction form of the opcode table.
//
// EBCC_ISA_RECORD=1 writes the kernel's results into the .s files (for new cases; review the diff).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { XDP_MD } from '../../src/bpf/ctx-layouts.js';
import { mapTypeByValue } from '../../src/bpf/maps.js';
import { formOf, opcodeForms } from '../../src/bpf/opcodes.js';
import { mapDefinitions } from '../../src/obj/map-defs.js';
import { linkProgram, programFunctions } from '../../src/run/link.js';
import { createSession, type RunResult } from '../../src/run/session.js';
import { describeLoader, runLoader, type CaseResult, type LoaderCase } from '../kernel/loader/bpfload.js';
import { compileString } from '../util/compile.js';
import { possibleCpus } from './util.js';
import { CASE_DIR, loadCases, type IsaCase } from './isa/cases.js';

const cases = loadCases();
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const built = new Map<string, ReturnType<typeof compileString>>();

function build(c: IsaCase): ReturnType<typeof compileString> {
  const done = built.get(c.name);
  if (done) return done;
  const out = compileString(c.source, {}, 'obj', `${c.name}.s`);
  built.set(c.name, out);
  if (out.text !== '' || !out.object) throw new Error(`${c.file}:${c.line}: ${c.name} does not assemble:\n${out.text}\n${c.source}`);
  return out;
}

/** xdp cases run with an xdp_md context (data_end = the packet length), so ctx_out says where data is. */
function ctxIn(c: IsaCase): Uint8Array | undefined {
  if (c.type !== 'xdp') return undefined;
  const ctx = new Uint8Array(XDP_MD.sizeBytes);
  new DataView(ctx.buffer).setUint32(ctxField(XDP_MD, 'data_end').offsetBytes, c.packet.length, true);
  return ctx;
}

function ctxField(layout: typeof XDP_MD, name: string) {
  return layout.fields.find((f) => f.name === name)!;
}

/** r0 of an xdp case (from the packet, at xdp_md.data), the return value of the others. */
function valueOf(c: IsaCase, retval: number, packetOut: Uint8Array, ctxOut: Uint8Array | undefined): bigint {
  if (c.type !== 'xdp') return BigInt(retval >>> 0);
  const data = ctxOut ? new DataView(ctxOut.buffer, ctxOut.byteOffset).getUint32(ctxField(XDP_MD, 'data').offsetBytes, true) : 0;
  if (packetOut.length < data + 8) return -1n;
  return new DataView(packetOut.buffer, packetOut.byteOffset).getBigUint64(data, true);
}

/** Maps whose contents user space reads with lookups (not prog arrays, ring buffers, device maps). */
const DUMPABLE = new Set(['array', 'hash', 'percpu_array', 'percpu_hash', 'lru_hash', 'lru_percpu_hash', 'lpm_trie']);
function dumpable(type: number): boolean {
  return DUMPABLE.has(mapTypeByValue(type)?.name ?? '');
}

interface InterpOutcome {
  result: RunResult;
  value: bigint;
  maps: Record<string, [string, string][]>;
}

function runInterp(c: IsaCase, cpus: number): InterpOutcome {
  const out = build(c);
  const s = createSession(out.object!, { program: c.name, sources: out.ctx.sources, cpus });
  if (!s.ok) throw new Error(`${c.name}: ${s.message}`);
  for (const u of c.updates) {
    const err = s.session.updateMap(u.map, u.key, u.value);
    if (err) throw new Error(`${c.name}: ${err}`);
  }
  for (const p of c.progArrays) {
    const key = new Uint8Array(new Uint32Array([p.index]).buffer);
    const err = s.session.updateMap(p.map, key, p.prog);
    if (err) throw new Error(`${c.name}: ${err}`);
  }
  const result = s.session.run({ packet: c.packet, ctx: ctxIn(c), repeat: c.repeat });
  const maps: InterpOutcome['maps'] = {};
  for (const d of s.session.dumpMaps()) {
    if (!DUMPABLE.has(d.type)) continue;
    maps[d.name] = d.entries.map((e) => [hex(e.key), hex(e.value)]);
  }
  return { result, value: valueOf(c, result.retval, result.packetOut, result.ctxOut), maps };
}

/** The loader case: the case's maps, its programs (the case's own first), updates, one run, dumps. */
function loaderCase(c: IsaCase): LoaderCase {
  const out = build(c);
  const obj = out.object!;
  const defs = mapDefinitions(obj);
  const progs = programFunctions(obj).sort((a, b) => (a.name === c.name ? -1 : b.name === c.name ? 1 : 0));
  const linked = progs.map((p) => {
    const r = linkProgram(obj, p, defs);
    if (!r.ok) throw new Error(`${c.name}: ${r.message}`);
    return r.program;
  });
  const typeOf = (section: string): string => (section === 'xdp' ? 'xdp' : section === 'socket' ? 'socket_filter' : 'sched_cls');
  const mapIndex = (name: string): number => defs.findIndex((d) => d.name === name);
  return {
    id: c.name,
    maps: defs.map((d) => ({ type: d.type, keySize: d.keySize, valueSize: d.valueSize, maxEntries: d.maxEntries, flags: d.flags, name: d.name })),
    progs: linked.map((p) => ({ type: typeOf(p.section), insns: p.insns, name: p.name.slice(0, 15) })),
    steps: [
      ...c.updates.map((u) => ({ kind: 'update' as const, map: mapIndex(u.map), key: u.key, value: u.value })),
      ...c.progArrays.map((p) => ({ kind: 'progarray' as const, map: mapIndex(p.map), key: p.index, prog: linked.findIndex((l) => l.name === p.prog) })),
      { kind: 'run' as const, prog: 0, data: c.packet, ctx: ctxIn(c), repeat: c.repeat },
      ...defs.flatMap((d, i) => (dumpable(d.type) ? [{ kind: 'dump' as const, map: i }] : [])),
    ],
  };
}

describe('instruction cases (test/run/isa/*.s) in ebcc run', () => {
  it('has at least 300 cases, each with a recorded kernel result, with unique names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.filter((c) => c.expected === undefined).map((c) => `${c.file}:${c.line} ${c.name}`)).toEqual([]);
  });

  it('covers every instruction form of the opcode table', () => {
    const seen = new Set<string>();
    for (const c of cases) {
      const obj = build(c).object!;
      for (const f of obj.functions) for (const insn of f.insns) {
        const form = formOf(insn);
        if (form) seen.add(form.mnemonic);
      }
    }
    expect(opcodeForms().map((f) => f.mnemonic).filter((m) => !seen.has(m))).toEqual([]);
  });

  const cpus = possibleCpus();
  for (const c of cases) {
    it(`${c.file}: ${c.name}`, () => {
      const r = runInterp(c, cpus);
      expect(r.result.error, r.result.error?.message).toBeUndefined();
      expect(`0x${r.value.toString(16)}`).toBe(`0x${(c.expected ?? -1n).toString(16)}`);
    });
  }
});

describeLoader('instruction cases in the kernel agree with ebcc run', () => {
  let results: Map<string, CaseResult>;
  const cpus = possibleCpus();
  beforeAll(() => {
    results = new Map(runLoader(cases.map(loaderCase)).map((r) => [r.id, r]));
    if (process.env['EBCC_ISA_RECORD'] === '1') record(results);
  }, 120_000);

  for (const c of cases) {
    it(`${c.file}: ${c.name}`, () => {
      const k = results.get(c.name)!;
      expect(k.errors, 'loader errors').toEqual([]);
      for (const p of k.progs) expect(p.accepted, p.log.split('\n').slice(-12).join('\n')).toBe(true);
      const run = k.runs[0]!;
      expect(run.errno, 'BPF_PROG_TEST_RUN errno').toBe(0);
      const kvalue = valueOf(c, run.retval, run.dataOut, run.ctxOut.length > 0 ? run.ctxOut : undefined);
      expect(`0x${kvalue.toString(16)}`, 'the kernel still gives the recorded result').toBe(`0x${(c.expected ?? -1n).toString(16)}`);
      const mine = runInterp(c, cpus);
      expect(mine.result.retval).toBe(run.retval);
      expect(hex(mine.result.packetOut)).toBe(hex(run.dataOut));
      expect(hex(mine.result.ctxOut ?? new Uint8Array(0))).toBe(hex(run.ctxOut));
      const kmaps: Record<string, [string, string][]> = {};
      for (const d of k.dumps) kmaps[d.map] = d.entries.map((e) => [hex(e.key), hex(e.value)] as [string, string]).sort();
      const imaps = Object.fromEntries(Object.entries(mine.maps).map(([n, e]) => [n, [...e].sort()]));
      expect(imaps).toEqual(kmaps);
    });
  }
});

/** Writes the kernel's results into the case files' .case lines. */
function record(results: Map<string, CaseResult>): void {
  const byFile = new Map<string, IsaCase[]>();
  for (const c of cases) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  for (const [file, list] of byFile) {
    const path = join(CASE_DIR, file);
    const lines = readFileSync(path, 'utf8').split('\n');
    for (const c of list) {
      const run = results.get(c.name)?.runs[0];
      if (!run || run.errno !== 0) continue;
      const v = valueOf(c, run.retval, run.dataOut, run.ctxOut.length > 0 ? run.ctxOut : undefined);
      lines[c.line - 1] = lines[c.line - 1]!.replace(/\s*=>\s*\S+/, '').replace(/^(\.case\s+\w+(?:\s+(?:xdp|socket|tc))?)/, `$1 => 0x${v.toString(16)}`);
    }
    writeFileSync(path, lines.join('\n'));
  }
}
