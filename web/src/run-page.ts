// What the Run pane shows for one packet: the program's verdict, the output packet with its
// changed bytes, the maps before and after, and the executed instructions tied to C lines.
// It runs ebcc's interpreter (src/run) on the object the page compiled last; maps keep their
// contents from run to run until the source changes or the user resets them, as a loaded
// program's maps would. No DOM here: the worker and the tests both call it.
import type { ObjectProgram } from '../../src/bpf/object.js';
import { findProgType } from '../../src/bpf/prog-types.js';
import type { SourceManager } from '../../src/diag/source.js';
import { mapChanges, presentEntries, toHex, verdictName } from '../../src/run/format.js';
import { createSession, type MapDump, type RunSession } from '../../src/run/session.js';
import { SOURCE_PATH } from './analyze.js';

/** Instructions kept in a trace: enough for any sample, small enough to render. */
export const TRACE_LIMIT = 5000;

export interface MapView {
  name: string;
  type: string;
  entries: { key: string; value: string }[];
}

export interface TraceView {
  pc: number;
  text: string;
  /** The 1-based line in the page's source, or 0. */
  line: number;
  /** That line's text. */
  source: string;
  /** The registers the instruction changed, as "r1=0x2a". */
  changes: string;
}

export interface RunView {
  program: string;
  /** The run ended with an error instead of a return value. */
  error?: string;
  errorLine?: number;
  retval: number;
  verdict: string;
  /** Why the kernel's own test runner would refuse this input (the page runs it anyway). */
  kernelRefusal?: string;
  insnCount: number;
  input: number[];
  output: number[];
  /** Per output byte: whether it differs from the input byte at its place (or is new). */
  changed: boolean[];
  mapsBefore: MapView[];
  mapsAfter: MapView[];
  /** "name[key]: old -> new", one per changed entry. */
  mapChanges: string[];
  trace: TraceView[];
  traceCut: boolean;
  printk: string[];
}

function mapViews(dumps: readonly MapDump[]): MapView[] {
  return dumps.map((d) => ({ name: d.name, type: d.type, entries: presentEntries(d).map((e) => ({ key: toHex(e.key), value: toHex(e.value) })) }));
}

/** Runs packets through the programs of one compiled object. */
export class PageRunner {
  private session: RunSession | undefined;
  private message = '';

  constructor(private readonly object: ObjectProgram, private readonly sources: SourceManager | undefined) {
    this.reset();
  }

  /** Forgets every map entry the runs made (a fresh load of the object). */
  reset(): void {
    const created = createSession(this.object, { sources: this.sources });
    this.session = created.ok ? created.session : undefined;
    this.message = created.ok ? '' : created.message;
  }

  programs(): string[] {
    return this.session?.programNames() ?? [];
  }

  run(program: string, packet: Uint8Array, trace: boolean): RunView | string {
    const s = this.session;
    if (!s) return this.message;
    if (!s.programNames().includes(program)) return `no program named '${program}'`;
    const section = this.object.functions.find((f) => f.name === program)?.section ?? '';
    const progType = findProgType(section)?.progType?.name ?? s.progType;
    const before = s.dumpMaps();
    const r = s.run({ program, packet, trace, traceLimit: TRACE_LIMIT });
    const after = s.dumpMaps();
    const pageLine = (l: { file: string; line: number } | undefined): number => (l && l.file === SOURCE_PATH ? l.line : 0);
    const out = r.packetOut;
    const changed = Array.from(out, (b, i) => {
      const j = i + r.packetOutShift;
      return j < 0 || j >= packet.length || packet[j] !== b;
    });
    return {
      program,
      error: r.error?.message,
      errorLine: r.error ? pageLine(r.error.line) : undefined,
      retval: r.retval,
      verdict: r.error ? 'error' : verdictName(progType, r.retval),
      kernelRefusal: r.kernelRefusal,
      insnCount: r.insnCount,
      input: Array.from(packet),
      output: Array.from(out),
      changed,
      mapsBefore: mapViews(before),
      mapsAfter: mapViews(after),
      mapChanges: mapChanges(before, after).map((l) => l.trim()),
      trace: (r.trace ?? []).map((t) => ({
        pc: t.pc,
        text: t.text,
        line: pageLine(t.line),
        source: pageLine(t.line) > 0 ? t.line!.text.trim() : '',
        changes: t.changes.map((c) => `r${c.reg}=0x${c.value.toString(16)}${c.points ? ` (${c.points})` : ''}`).join(' '),
      })),
      traceCut: (r.trace?.length ?? 0) >= TRACE_LIMIT,
      printk: r.printk,
    };
  }
}
