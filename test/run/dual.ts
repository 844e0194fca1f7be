// Runs kernel tests on two back ends: ebcc run alone, and the kernel with ebcc run alongside.
//
//   describeDual('samples/xdp_count.c', () => compileFile(path), (obj) => {
//     it('drops TTL 1', () => {
//       expect(obj().run('xdp_count', pkt).retval).toBe(XDP_DROP);
//       expect(obj().lookup('drop_stats', u32LE(1))).toBe(...);
//     });
//   });
//
// The body is declared twice. "[ebcc run]" always runs: every expectation is checked against the
// interpreter. "[kernel]" runs where the kernel can load programs (it is skipped loudly, or fails
// under EBCC_REQUIRE_KERNEL=1, like describeKernel): the expectations are checked against the
// kernel, every run's return value, output packet and output context must be the same in ebcc run,
// and after every test each map must hold the same entries in both. Runs go to CPU 0 in both, so
// per-CPU maps compare exactly. A packet the kernel's test runner refuses throws in both modes
// (with the kernel's error, or ebcc run's reason for it), so that tests can say so.
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { mapTypeByValue } from '../../src/bpf/maps.js';
import type { ObjectProgram } from '../../src/bpf/object.js';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { readObject } from '../../src/obj/read.js';
import { createSession, type RunSession } from '../../src/run/session.js';
import type { Compiled } from '../util/compile.js';
import {
  describeKernel, dumpMap, loadObjectBytes, lookupMap, mapInfo, runProgram, updateMap, updateProgArray,
  type LoadedObject, type MapEntry, type MapInfo, type RunOptions, type RunResult,
} from '../kernel/harness.js';
import { possibleCpus } from './util.js';

export type Backend = 'ebcc run' | 'kernel';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Map types whose entries user space reads by key. */
const READABLE = new Set(['array', 'hash', 'percpu_array', 'percpu_hash', 'lru_hash', 'lru_percpu_hash', 'lpm_trie']);

export class DualObject {
  readonly session: RunSession;
  private readonly cpus = possibleCpus();

  constructor(readonly backend: Backend, compiled: Compiled, readonly kernel: LoadedObject | undefined) {
    const s = createSession(compiled.object!, { cpus: this.cpus, sources: compiled.ctx.sources });
    if (!s.ok) throw new Error(`ebcc run cannot load the object: ${s.message}`);
    this.session = s.session;
  }

  /** Runs `prog` on `packet` (BPF_PROG_TEST_RUN in the kernel, the interpreter in ebcc run). */
  run(prog: string, packet: Uint8Array, opts: Pick<RunOptions, 'ctxIn' | 'repeat'> = {}): RunResult {
    // The kernel refuses some input (a packet under 14 bytes); ebcc run says which, and then
    // does not run it here either, so both back ends keep the same map contents.
    const refusal = this.session.kernelRefusal({ program: prog, packet, ctx: opts.ctxIn });
    if (this.kernel) {
      let theirs: RunResult | undefined;
      let refused: Error | undefined;
      try {
        theirs = runProgram(this.kernel.prog(prog).pinPath, packet, { ...opts, cpu: 0 });
      } catch (e) {
        refused = e as Error;
      }
      expect(refused === undefined ? 'runs' : 'refused', `ebcc run's prediction: ${refusal ?? 'runs'}; kernel: ${refused?.message ?? 'ran'}`)
        .toBe(refusal === undefined ? 'runs' : 'refused');
      if (refused) throw refused;
      const ours = this.runMine(prog, packet, opts);
      expect(ours.retval, 'return value, ebcc run vs kernel').toBe(theirs!.retval);
      expect(hex(ours.dataOut), 'output packet, ebcc run vs kernel').toBe(hex(theirs!.dataOut));
      if (opts.ctxIn) expect(hex(ours.ctxOut!), 'output context, ebcc run vs kernel').toBe(hex(theirs!.ctxOut!.subarray(0, ours.ctxOut!.length)));
      return theirs!;
    }
    if (refusal) throw new Error(`Invalid argument: ${refusal}`);
    return this.runMine(prog, packet, opts);
  }

  private runMine(prog: string, packet: Uint8Array, opts: Pick<RunOptions, 'ctxIn' | 'repeat'>): RunResult {
    const mine = this.session.run({ program: prog, packet, ctx: opts.ctxIn, repeat: opts.repeat });
    if (mine.error) throw new Error(`ebcc run: ${mine.error.message} (${mine.error.insnText ?? ''})`);
    return { retval: mine.retval, dataOut: mine.packetOut, durationNs: 0, ctxOut: mine.ctxOut };
  }

  update(map: string, key: Uint8Array, value: Uint8Array): void {
    const err = this.session.updateMap(map, key, value);
    if (err) throw new Error(err);
    if (this.kernel) updateMap(this.kernel.map(map).pinPath, key, value);
  }

  /** Puts program `prog` at `index` of prog array `map`. */
  updateProgArray(map: string, index: number, prog: string): void {
    const err = this.session.updateMap(map, new Uint8Array(new Uint32Array([index]).buffer), prog);
    if (err) throw new Error(err);
    if (this.kernel) updateProgArray(this.kernel.map(map).pinPath, index, this.kernel.prog(prog).pinPath);
  }

  lookup(map: string, key: Uint8Array): MapEntry | undefined {
    const theirs = this.kernel ? lookupMap(this.kernel.map(map).pinPath, key) : undefined;
    const mine = this.interpDump(map).find((e) => hex(e.key) === hex(key));
    if (!this.kernel) return mine;
    expect(mine && entryText(mine), `${map}[${hex(key)}], ebcc run vs kernel`).toEqual(theirs && entryText(theirs));
    return theirs;
  }

  dump(map: string): MapEntry[] {
    if (!this.kernel) return this.interpDump(map);
    const theirs = dumpMap(this.kernel.map(map).pinPath);
    expect(this.interpDump(map).map(entryText).sort(), `map ${map}, ebcc run vs kernel`).toEqual(theirs.map(entryText).sort());
    return theirs;
  }

  mapInfo(map: string): Pick<MapInfo, 'type' | 'keySizeBytes' | 'valueSizeBytes' | 'maxEntries'> {
    const m = this.session.mapByName(map);
    if (!m) throw new Error(`no map named ${map}`);
    const mine = { type: m.typeName, keySizeBytes: m.def.keySize, valueSizeBytes: m.def.valueSize, maxEntries: m.def.maxEntries };
    if (!this.kernel) return mine;
    const k = mapInfo(this.kernel.map(map).pinPath);
    const theirs = { type: k.type, keySizeBytes: k.keySizeBytes, valueSizeBytes: k.valueSizeBytes, maxEntries: k.maxEntries };
    expect(mine).toEqual(theirs);
    return theirs;
  }

  /** Every readable map holds the same entries in ebcc run and in the kernel. */
  compareMaps(): void {
    if (!this.kernel) return;
    for (const m of this.session.maps) {
      if (!READABLE.has(mapTypeByValue(m.def.type)?.name ?? '')) continue;
      this.dump(m.name);
    }
  }

  private interpDump(map: string): MapEntry[] {
    const d = this.session.dumpMaps().find((x) => x.name === map);
    if (!d) throw new Error(`no map named ${map}`);
    return d.entries.map((e) => ({ key: e.key, value: e.perCpu ? e.perCpu[0]! : e.value, perCpu: e.perCpu }));
  }
}

function entryText(e: MapEntry): string {
  return `${hex(e.key)}=${(e.perCpu ?? [e.value]).map(hex).join('/')}`;
}

/**
 * `describe` on both back ends (see the top of this file). `compile` runs once per back end;
 * `obj()` gives the back end's object inside tests and hooks.
 */
export function describeDual(name: string, compile: () => Compiled, body: (obj: () => DualObject, backend: Backend) => void): void {
  const declare = (backend: Backend) => () => {
    let dual: DualObject | undefined;
    let kernel: LoadedObject | undefined;
    beforeAll(() => {
      const compiled = compile();
      expect(compiled.text).toBe('');
      if (backend === 'kernel') {
        kernel = loadObjectBytes(compiled.elf!, { verbose: false });
        expect(kernel.ok, kernel.log).toBe(true);
      }
      dual = new DualObject(backend, compiled, kernel);
    }, 120_000);
    afterAll(() => kernel?.cleanup());
    if (backend === 'kernel') afterEach(() => dual?.compareMaps());
    body(() => dual!, backend);
  };
  describe(`${name} [ebcc run]`, declare('ebcc run'));
  describeKernel(`${name} [kernel, with ebcc run alongside]`, declare('kernel'));
}

/**
 * ebcc run next to a kernel test that drives the kernel itself: the same object, fed the same
 * packets, must give what the kernel gave.
 *
 *   const shadow = new Shadow(out.object!);
 *   shadow.check('prog', pkt, runProgram(pin, pkt));
 */
export class Shadow {
  readonly session: RunSession;

  constructor(object: ObjectProgram | Uint8Array) {
    let obj: ObjectProgram | undefined;
    if (object instanceof Uint8Array) {
      const diags = new Diagnostics();
      obj = readObject(object, diags, 'object.o');
      if (!obj) throw new Error(`ebcc run cannot read the object: ${diags.list.map((d) => d.message).join('; ')}`);
    } else obj = object;
    const s = createSession(obj, { cpus: possibleCpus() });
    if (!s.ok) throw new Error(`ebcc run cannot load the object: ${s.message}`);
    this.session = s.session;
  }

  /** Runs `prog` in ebcc run and expects the kernel's result (retval, output packet and context). */
  check(prog: string, packet: Uint8Array, kernel: RunResult, opts: Pick<RunOptions, 'ctxIn' | 'repeat'> = {}): void {
    expect(this.session.kernelRefusal({ program: prog, packet, ctx: opts.ctxIn }), 'ebcc run expects the kernel to refuse this input').toBeUndefined();
    const r = this.session.run({ program: prog, packet, ctx: opts.ctxIn, repeat: opts.repeat });
    expect(r.error?.message).toBeUndefined();
    expect(r.retval, `${prog}: return value, ebcc run vs kernel`).toBe(kernel.retval);
    expect(hex(r.packetOut), `${prog}: output packet, ebcc run vs kernel`).toBe(hex(kernel.dataOut));
    if (opts.ctxIn) expect(hex(r.ctxOut!), `${prog}: output context, ebcc run vs kernel`).toBe(hex(kernel.ctxOut!.subarray(0, r.ctxOut!.length)));
  }

  /** Expects the kernel to refuse the input, as ebcc run predicts. */
  checkRefused(prog: string, packet: Uint8Array, opts: Pick<RunOptions, 'ctxIn'> = {}): void {
    expect(this.session.kernelRefusal({ program: prog, packet, ctx: opts.ctxIn }), 'ebcc run expects the kernel to run this input').toBeDefined();
  }

  /** Expects map `name` to hold the kernel's entries. */
  checkMap(name: string, kernel: readonly MapEntry[]): void {
    const d = this.session.dumpMaps().find((x) => x.name === name);
    expect(d, `ebcc run has a map named ${name}`).toBeDefined();
    const mine = d!.entries.map((e) => entryText({ key: e.key, value: e.value, perCpu: e.perCpu }));
    expect(mine.sort(), `map ${name}, ebcc run vs kernel`).toEqual(kernel.map(entryText).sort());
  }
}
