// `ebcc run FILE.o|FILE.c|FILE.s`: runs one program of an object on packets with ebcc's
// interpreter (src/run/) and prints, per packet, the verdict, the output packet with the changed
// bytes marked, the map changes and the captured events; or, with --json, one JSON object.
// Exit status: 0 when every run completed, 1 on a compile error, bad input or run-time fault.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { createContext } from '../context.js';
import type { Code } from '../diag/codes.js';
import type { Diagnostic } from '../diag/diagnostic.js';
import { Diagnostics } from '../diag/diagnostic.js';
import { renderDiagnostics } from '../diag/render.js';
import { SourceManager } from '../diag/source.js';
import { compile } from '../driver/compile.js';
import { readObject } from '../obj/read.js';
import type { ObjectProgram } from '../bpf/object.js';
import { applyMapArg, applyMapsJson, formatRun, mapsToJson, parseFibRoutes, parseHex, toHex } from '../run/format.js';
import type { FibRoute } from '../run/helpers.js';
import { readCapture } from '../run/pcap.js';
import { createSession, RUN_ERROR_CODES, type MapDump, type RunError, type RunSession } from '../run/session.js';
import type { Normalized } from './args.js';
import { NodeFileSystem, readInputBytes, writeOutputAtomic } from './node-fs.js';
import { addCompileOptions, collect, optionsFrom, type BuildFlags } from './options.js';

interface RunFlags extends BuildFlags {
  program?: string;
  packet: string[];
  packetHex: string[];
  pcap?: string;
  ctxHex?: string;
  repeat: string;
  map: string[];
  mapsIn?: string;
  mapsOut?: string;
  trace?: boolean;
  json?: boolean;
  cpus: string;
  seed: string;
  clock: string;
  clockStep: string;
  fib?: string;
}

export function addRunCommand(program: Command, clang: Normalized): void {
  addCompileOptions(
    program
      .command('run')
      .description('run a program on packets with ebcc\'s interpreter (no root or kernel needed)')
      .argument('<file>', 'a BPF object, or a C or assembly file to compile first')
      .option('--program <name>', 'the program (function) to run; default: the first')
      .option('--packet <file>', 'a packet: the raw bytes of a file (repeatable)', collect, [])
      .option('--packet-hex <hex>', 'a packet as hex digits (repeatable)', collect, [])
      .option('--pcap <file>', 'every packet of a pcap or pcapng capture (Ethernet)')
      .option('--ctx-hex <hex>', 'the context image (xdp_md or __sk_buff) for every run, as hex')
      .option('--repeat <n>', 'run each packet this many times on the same context, as BPF_PROG_TEST_RUN does', '1')
      .option('--map <name=key:value>', 'set a map entry before the first packet (repeatable); key and value in hex', collect, [])
      .option('--maps-in <file>', 'set map entries from a JSON file ({"name": [["keyhex", "valuehex"], ...]})')
      .option('--maps-out <file>', 'write the final map contents to a JSON file in the same format')
      .option('--trace', 'print every executed instruction with its source line and the registers it changed')
      .option('--json', 'print one JSON object: {"program", "runs": [{"retval", "packet_out", "error"}], "maps"}')
      .option('--cpus <n>', 'CPUs of per-CPU maps (the program runs on CPU 0)', '1')
      .option('--seed <n>', 'seed of bpf_get_prandom_u32', '1')
      .option('--clock <ns>', 'what bpf_ktime_get_ns returns first', '1000000000')
      .option('--clock-step <ns>', 'how far the clock advances at each bpf_ktime_get_ns call', '1000')
      .option('--fib <file>', 'routes for bpf_fib_lookup: [{"dst": "10.0.0.0/8", "ifindex": 2, "smac": "..", "dmac": ".."}]'),
  ).action((file: string, flags: RunFlags) => {
    process.exitCode = runCommand(file, flags, clang);
  });
}

function usage(message: string): never {
  throw new CommanderError(2, 'ebcc.run', `error: ${message}`);
}

function positiveInt(text: string, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) usage(`${what} must be a positive integer, not '${text}'`);
  return Number(text);
}

interface Loaded {
  obj: ObjectProgram;
  sources: SourceManager;
}

/** Compiles or reads the input; reports diagnostics and returns undefined on errors. */
function load(file: string, flags: RunFlags, clang: Normalized, color: boolean): Loaded | undefined {
  if (/\.o$/.test(file)) {
    const diags = new Diagnostics();
    const sources = new SourceManager();
    const input = readInputBytes(file);
    if ('error' in input) {
      diags.error('E0001', `${input.error}: '${file}'`);
      process.stderr.write(renderDiagnostics(diags.list, sources, { color }));
      return undefined;
    }
    const obj = readObject(input.bytes, diags, file);
    process.stderr.write(renderDiagnostics(diags.list, sources, { color }));
    return obj && !diags.hasErrors() ? { obj, sources } : undefined;
  }
  const ctx = createContext(new NodeFileSystem(), optionsFrom(flags, clang));
  const out = compile(file, ctx, 'codegen');
  process.stderr.write(renderDiagnostics(ctx.diags.list, ctx.sources, { color }));
  if (ctx.diags.hasErrors() || !out.object) return undefined;
  return { obj: out.object, sources: ctx.sources };
}

function inputError(code: Code, message: string, sources: SourceManager, color: boolean): number {
  const d: Diagnostic = { severity: 'error', code, message, notes: [] };
  process.stderr.write(renderDiagnostics([d], sources, { color }));
  return 1;
}

/** A run-time error as a diagnostic at the faulting instruction's source line. */
export function runErrorDiagnostic(e: RunError, packetIndex: number): Diagnostic {
  const where = e.pc === undefined ? '' : ` (instruction ${e.pc}${e.function ? ` in ${e.function}` : ''}: ${e.insnText})`;
  return {
    severity: 'error',
    code: RUN_ERROR_CODES[e.kind],
    message: `packet ${packetIndex}: ${e.message}${where}`,
    span: e.line?.span,
    notes: [],
  };
}

function readPackets(flags: RunFlags): Uint8Array[] | string {
  const kinds = [flags.packet.length > 0, flags.packetHex.length > 0, flags.pcap !== undefined].filter(Boolean).length;
  if (kinds === 0) usage('give packets with --packet FILE, --packet-hex HEX or --pcap FILE');
  if (kinds > 1) usage('give packets one way: --packet, --packet-hex or --pcap');
  const packets: Uint8Array[] = [];
  for (const f of flags.packet) {
    const input = readInputBytes(f);
    if ('error' in input) return `cannot read packet file '${f}': ${input.error}`;
    packets.push(input.bytes);
  }
  for (const h of flags.packetHex) {
    const p = parseHex(h);
    if (!p) return `--packet-hex: '${h}' is not an even number of hex digits`;
    packets.push(p);
  }
  if (flags.pcap !== undefined) {
    const input = readInputBytes(flags.pcap);
    if ('error' in input) return `cannot read capture file '${flags.pcap}': ${input.error}`;
    const cap = readCapture(input.bytes);
    if (!cap.ok) return `${flags.pcap}: ${cap.message}`;
    packets.push(...cap.packets.map((p) => p.bytes));
  }
  return packets;
}

function fillMaps(session: RunSession, flags: RunFlags): string[] {
  const errors: string[] = [];
  if (flags.mapsIn !== undefined) {
    try {
      errors.push(...applyMapsJson(session, JSON.parse(readFileSync(flags.mapsIn, 'utf8')) as unknown, flags.mapsIn));
    } catch (e) {
      errors.push(`${flags.mapsIn}: ${(e as Error).message}`);
    }
  }
  for (const spec of flags.map) {
    const err = applyMapArg(session, spec);
    if (err) errors.push(err);
  }
  return errors;
}

export function runCommand(file: string, flags: RunFlags, clang: Normalized): number {
  const color = flags.color ?? process.stderr.isTTY === true;
  const repeat = positiveInt(flags.repeat, '--repeat');
  const cpus = positiveInt(flags.cpus, '--cpus');
  for (const [name, v] of [['--seed', flags.seed], ['--clock', flags.clock], ['--clock-step', flags.clockStep]] as const) {
    if (!/^\d+$/.test(v)) usage(`${name} must be a non-negative integer, not '${v}'`);
  }
  const packets = readPackets(flags);
  const loaded = load(file, flags, clang, color);
  if (!loaded) return 1;
  const { obj, sources } = loaded;
  if (typeof packets === 'string') return inputError('E9005', packets, sources, color);
  let ctxIn: Uint8Array | undefined;
  if (flags.ctxHex !== undefined) {
    ctxIn = parseHex(flags.ctxHex);
    if (!ctxIn) return inputError('E9005', `--ctx-hex: '${flags.ctxHex}' is not an even number of hex digits`, sources, color);
  }
  let fibRoutes: FibRoute[] = [];
  if (flags.fib !== undefined) {
    let routes: FibRoute[] | string;
    try {
      routes = parseFibRoutes(JSON.parse(readFileSync(flags.fib, 'utf8')) as unknown);
    } catch (e) {
      routes = (e as Error).message;
    }
    if (typeof routes === 'string') return inputError('E9005', `${flags.fib}: ${routes}`, sources, color);
    fibRoutes = routes;
  }
  const created = createSession(obj, {
    program: flags.program, cpus, seed: Number(flags.seed), sources, fibRoutes,
    clockNs: BigInt(flags.clock), clockStepNs: BigInt(flags.clockStep),
  });
  if (!created.ok) return inputError('E9006', created.message, sources, color);
  const session = created.session;
  const mapErrors = fillMaps(session, flags);
  if (mapErrors.length > 0) return inputError('E9005', mapErrors.join('\n'), sources, color);

  let status = 0;
  const runs: { retval: number; packet_out: string; error: string | null }[] = [];
  let before: MapDump[] = flags.json ? [] : session.dumpMaps();
  packets.forEach((packet, i) => {
    const r = session.run({ packet, ctx: ctxIn, repeat, trace: flags.trace === true && !flags.json });
    if (r.error) {
      status = 1;
      process.stderr.write(renderDiagnostics([runErrorDiagnostic(r.error, i + 1)], sources, { color }));
    }
    if (flags.json) {
      runs.push({ retval: r.retval, packet_out: toHex(r.packetOut), error: r.error ? r.error.message : null });
    } else {
      const after = session.dumpMaps();
      process.stdout.write(formatRun(i + 1, packet, r, session.progType, before, after, { color: flags.color ?? process.stdout.isTTY === true }));
      before = after;
    }
  });
  const maps = mapsToJson(session.dumpMaps());
  if (flags.json) process.stdout.write(JSON.stringify({ program: session.entry.name, runs, maps }) + '\n');
  if (flags.mapsOut !== undefined) {
    const error = writeOutputAtomic(flags.mapsOut, JSON.stringify(maps, null, 2) + '\n');
    if (error !== undefined) return inputError('E9005', `cannot write '${flags.mapsOut}': ${error}`, sources, color);
  }
  return status;
}
