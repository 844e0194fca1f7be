#!/usr/bin/env node
// `npm run bench`: compiles every samples/*.c and bench/programs/*.c (larger
// programs written for the bench: a balancer with a connection table, a
// legacy-header dispatcher with tail calls, inline asm) with ebcc and (when
// installed) clang-19, and compares per program: instructions in the object, the
// kernel verifier's processed instructions and stack depth, ns per packet
// under BPF_PROG_TEST_RUN, and whole-process compile time (also against
// `node -e 0`, the floor for any Node program), and the speed of ebcc run's interpreter on each
// program (bench/lib/interp.mjs). Every program also runs once on each frame
// of bench/lib/packet.mjs's checkPackets(); ebcc's and clang's return values
// and output bytes must agree (a disagreement is listed under failures). Prints a table and writes
// bench/results.json. Needs `npm run build` first (the script is run after it).
//
// clang compiles with ebcc's headers (-nostdinc -isystem stdlib/include), so
// both compilers see the same preprocessed source.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bpftoolVersion, kernelUnavailableReason, runPackets, timeProgram, withLoadedObject } from './lib/kernel.mjs';
import { loadReader } from './lib/objects.mjs';
import { checkPackets, ipv4TcpPacket } from './lib/packet.mjs';
import { printReport, summarize } from './lib/report.mjs';
import { spread, timeInterleaved } from './lib/timing.mjs';
import { measureInterpreter, printInterpreter } from './lib/interp.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// bin/ebcc starts node without NODE_EXTRA_CA_CERTS (it makes no TLS connection, and node parses
// every certificate of that file at start-up: 20 -> 50 ms for `node -e 0` with a system bundle).
// Every timed command runs without it, so that `node -e 0` stays the floor any Node program starts from.
delete process.env.NODE_EXTRA_CA_CERTS;
const DIST = new URL('../dist/', import.meta.url);
const OUT = join(ROOT, 'bench', 'out');
const CLANG = 'clang-19';
const COMPILE_RUNS = 7;
const TEST_RUN_REPEAT = 100_000;

function clangArgs(src, out) {
  return ['-O2', '-g', '-target', 'bpf', '-nostdinc', '-isystem', join(ROOT, 'stdlib/include'), '-c', src, '-o', out];
}

function firstLine(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0].trim() : undefined;
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return { kernel: release(), cpu: model.trim(), nproc: cpus().length, loadAverage1m: Number(loadavg()[0].toFixed(2)) };
}

/** Verifier numbers and ns/packet for each program of one object. */
function measureInKernel(objPath, programNames, uniqueName, packet) {
  const loaded = withLoadedObject(objPath, uniqueName, (pinDir) => {
    const runs = new Map();
    for (const name of programNames) {
      const scratch = join(tmpdir(), uniqueName);
      const timed = timeProgram(join(pinDir, name), packet, scratch, { repeat: TEST_RUN_REPEAT });
      runs.set(name, { ...timed, packets: runPackets(join(pinDir, name), checkPackets(), scratch) });
    }
    return runs;
  });
  rmSync(join(tmpdir(), uniqueName), { recursive: true, force: true });
  const out = new Map();
  for (const name of programNames) {
    const s = loaded.stats.get(name);
    const run = loaded.ok ? loaded.result.get(name) : undefined;
    out.set(name, {
      loadError: loaded.ok ? undefined : loaded.error,
      processedInsns: s?.processedInsns,
      stackDepthBytes: s?.stackDepthBytes,
      nsPerPacket: run?.nsPerPacket,
      retval: run?.retval,
      packets: run?.packets,
      runError: run?.error,
    });
  }
  return out;
}

async function main() {
  if (!existsSync(new URL('obj/read.js', DIST)) || !existsSync(join(ROOT, 'dist/cli/bundle.cjs'))) {
    console.error('bench: dist/ is missing or incomplete; run `npm run build` first (npm run bench does)');
    return 1;
  }
  const readObjectFile = await loadReader(DIST);
  const sources = ['samples', 'bench/programs'].flatMap((dir) =>
    readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.c')).sort().map((f) => ({ file: f, src: join(ROOT, dir, f) })));
  const samples = sources.map((s) => s.file);
  const hasClang = firstLine(CLANG, ['--version']) !== undefined;
  const noKernel = kernelUnavailableReason();
  const packet = ipv4TcpPacket();
  for (const c of ['ebcc', 'clang']) mkdirSync(join(OUT, c), { recursive: true });

  console.log(`ebcc bench: ${samples.length} samples; compile time is the median of ${COMPILE_RUNS} whole-process runs`);
  console.log(hasClang
    ? `clang: ${CLANG} ${clangArgs('S.c', 'S.o').slice(0, -4).join(' ')} (ebcc's headers, so both compile the same source)`
    : `clang: ${CLANG} is not on PATH; the clang columns stay empty`);
  console.log(noKernel
    ? `kernel: skipped (${noKernel}); the verifier and ns/packet columns stay empty`
    : `kernel: bpftool prog loadall + prog run, ${TEST_RUN_REPEAT} repeats, median of 5; packet: Ethernet/IPv4/TCP SYN, ${packet.length} bytes, for every program type`);

  const nodeTimes = [];
  const results = [];
  for (const [i, { file, src }] of sources.entries()) {
    const base = file.replace(/\.c$/, '');
    process.stderr.write(`  ${file} ...\n`);
    const sample = { file, compilers: {} };
    const compilers = { ebcc: ebccCommand(src, join(OUT, 'ebcc', `${base}.o`)) };
    if (hasClang) compilers.clang = [CLANG, clangArgs(src, join(OUT, 'clang', `${base}.o`))];
    for (const name of Object.keys(compilers)) rmSync(join(OUT, name, `${base}.o`), { force: true });
    // The compilers and `node -e 0` take turns, so that all see the same load.
    const timed = timeInterleaved([...Object.values(compilers), [process.execPath, ['-e', '0']]], { cwd: ROOT, runs: COMPILE_RUNS });
    const node = timed.at(-1);
    if (node.ok) {
      sample.nodeMs = node.medianMs;
      nodeTimes.push(...node.times);
    }
    for (const [k, name] of Object.keys(compilers).entries()) {
      const objPath = join(OUT, name, `${base}.o`);
      const { times, ...compile } = timed[k];
      const entry = { compile, objPath: join('bench/out', name, `${base}.o`) };
      if (compile.ok) {
        const read = readObjectFile(objPath);
        if (read.error) entry.readError = read.error;
        else {
          entry.programs = read.programs;
          if (!noKernel) entry.kernel = measureInKernel(objPath, [...read.programs.keys()], `ebcc-bench-${process.pid}-${i}-${name}`, packet);
        }
      }
      sample.compilers[name] = entry;
    }
    results.push(sample);
  }

  const nodeStartup = nodeTimes.length > 0 ? { ok: true, ...spread(nodeTimes) } : { ok: false };
  const rows = toRows(results);
  const summary = summarize(rows, results, nodeStartup);
  printReport({ rows, results, nodeStartup, summary, hasClang });
  process.stderr.write('  ebcc run ...\n');
  const interpreter = await measureInterpreter(ROOT, join(ROOT, 'dist', 'bench'), sources, packet);
  printInterpreter(interpreter);
  const json = {
    date: new Date().toISOString(),
    machine: machine(),
    versions: {
      node: process.version,
      ebcc: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
      clang: hasClang ? firstLine(CLANG, ['--version']) : undefined,
      bpftool: noKernel ? undefined : bpftoolVersion(),
    },
    settings: {
      compileRuns: COMPILE_RUNS,
      clangCommand: `${CLANG} ${clangArgs('S.c', 'S.o').join(' ').replace(ROOT, '')}`,
      ebccCommand: `${ebccCommand('S.c', 'S.o').flat().join(' ').replace(process.execPath, 'node').replaceAll(ROOT, '')}`,
      testRunRepeat: TEST_RUN_REPEAT,
      packet: `Ethernet/IPv4/TCP SYN, ${packet.length} bytes`,
      kernelSkipped: noKernel,
    },
    nodeStartupMs: nodeStartup.ok ? spreadJson(nodeStartup) : undefined,
    programs: rows,
    interpreter: interpreter.map((r) => ({ ...r, cpuMinsnPerSec: round(r.cpuMinsnPerSec), wallMinsnPerSec: round(r.wallMinsnPerSec), kpktPerSec: round(r.kpktPerSec, 0) })),
    compile: results.map((s) => ({
      file: s.file,
      nodeMedianMs: round(s.nodeMs),
      ebcc: compileJson(s.compilers.ebcc),
      clang: compileJson(s.compilers.clang),
    })),
    summary,
  };
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(json, null, 2) + '\n');
  console.log('\nwrote bench/results.json');
  return 0;
}

function round(x, digits = 1) {
  return x === undefined ? undefined : Number(x.toFixed(digits));
}

function compileJson(entry) {
  if (entry === undefined) return undefined;
  const c = entry.compile;
  return c.ok ? spreadJson(c) : { error: c.error };
}

function spreadJson(t) {
  return { runs: t.runs, medianMs: round(t.medianMs), q1Ms: round(t.q1Ms), q3Ms: round(t.q3Ms), minMs: round(t.minMs), maxMs: round(t.maxMs) };
}

/**
 * The command that compiles src into out the way a user runs ebcc: the
 * package's `bin` entry (a script run by Node, or an executable launcher).
 */
function ebccCommand(src, out) {
  const bin = join(ROOT, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin.ebcc);
  return bin.endsWith('.js') ? [process.execPath, [bin, src, '-o', out]] : [bin, [src, '-o', out]];
}

/** One row per program (union of both compilers' programs), in source order. */
function toRows(results) {
  const rows = [];
  for (const s of results) {
    const names = [];
    for (const c of Object.values(s.compilers)) for (const n of c.programs?.keys() ?? []) if (!names.includes(n)) names.push(n);
    const side = (c, name) => {
      if (c === undefined) return undefined;
      if (!c.compile.ok) return { error: `compile failed: ${c.compile.error}` };
      if (c.readError) return { error: `unreadable object: ${c.readError}` };
      const p = c.programs.get(name);
      if (p === undefined) return { error: 'no such program in this object' };
      const k = c.kernel?.get(name);
      return {
        section: p.section,
        insns: p.insns,
        processedInsns: k?.processedInsns,
        stackDepthBytes: k?.stackDepthBytes,
        nsPerPacket: k?.nsPerPacket,
        retval: k?.retval,
        packets: k?.packets === undefined ? undefined : Object.fromEntries(k.packets),
        error: k?.loadError ? `load failed: ${k.loadError}` : k?.runError ? `test run failed: ${k.runError}` : undefined,
      };
    };
    if (names.length === 0) {
      rows.push({ file: s.file, program: undefined, ebcc: side(s.compilers.ebcc, ''), clang: side(s.compilers.clang, '') });
      continue;
    }
    for (const name of names) rows.push({ file: s.file, program: name, ebcc: side(s.compilers.ebcc, name), clang: side(s.compilers.clang, name) });
  }
  return rows;
}

process.exitCode = await main();
