#!/usr/bin/env node
// How often `ebcc verify` agrees with the running kernel on real objects.
//
//   npm run build && node scripts/verify-agreement.mjs DIR_OR_FILE... [--json OUT.json] [--disagreements]
//                      [--timeout SECONDS] [--quiet]
//
// For every program of every .o found (clang's, GCC's or ebcc's), it asks ebcc's verifier
// (dist/verify/index.js) for a verdict, and the kernel too: the object is opened with libbpf and
// that one program is loaded (test/kernel/loader/bpfload.c, built with gcc on first use). When
// libbpf cannot open or prepare the object (legacy `maps` sections, old section names), the
// program is linked by ebcc's linker and loaded raw with its maps, the way ebcc run does, without
// BTF (ebcc's verdict on such a program is then asked again with noBtf, for that load). It
// prints one line per program, then the agreement rate and the false accepts (ebcc accepts, the
// kernel rejects) and false rejects. Programs the kernel could not judge (the loader failed before
// BPF_PROG_LOAD, e.g. a map type that cannot be created, or an attach target that does not exist
// here) are counted apart, not in the rate. ebcc verifies each program in a worker thread; one it
// has no verdict on after --timeout seconds (default 60) counts as an ebcc error. Needs root
// (bpf()) and gcc with libbpf-dev.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = new URL('../dist/', import.meta.url);
const LOADER_SOURCE = join(ROOT, 'test', 'kernel', 'loader', 'bpfload.c');
const LOADER_CACHE = join(ROOT, 'node_modules', '.cache', 'ebcc-bpfload');
const ERRNO = { 1: 'EPERM', 7: 'E2BIG', 12: 'ENOMEM', 13: 'EACCES', 14: 'EFAULT', 22: 'EINVAL', 28: 'ENOSPC', 95: 'EOPNOTSUPP', 524: 'ENOTSUPP' };

function usage(msg) {
  if (msg) console.error(`verify-agreement: ${msg}`);
  console.error('usage: node scripts/verify-agreement.mjs DIR_OR_FILE... [--json OUT.json] [--disagreements] [--timeout SECONDS] [--quiet]');
  process.exit(2);
}

const args = process.argv.slice(2);
const inputs = [];
let jsonOut;
let onlyDisagreements = false;
let quiet = false;
let TIMEOUT_S = 60;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') jsonOut = args[++i] ?? usage('--json needs a file');
  else if (args[i] === '--disagreements') onlyDisagreements = true;
  else if (args[i] === '--quiet') quiet = true;
  else if (args[i] === '--timeout') TIMEOUT_S = Number(args[++i]);
  else if (args[i].startsWith('-')) usage(`unknown option ${args[i]}`);
  else inputs.push(args[i]);
}
if (inputs.length === 0) usage('no objects given');
if (!existsSync(new URL('verify/index.js', DIST))) usage('dist/verify/index.js is missing: run `npm run build` first');

const { readObject } = await import(new URL('obj/read.js', DIST).href);
const { Diagnostics } = await import(new URL('diag/diagnostic.js', DIST).href);
const { verifyObject } = await import(new URL('verify/index.js', DIST).href);
const { loadKernelBtf, loadKernelSymbols } = await import(new URL('cli/kernel-btf.js', DIST).href);
const { ksymVariables } = await import(new URL('verify/ksyms.js', DIST).href);
const { needsKernelStructs } = await import(new URL('verify/kernel-struct.js', DIST).href);
const { needKernelBtf } = await import(new URL('bpf/core-relo.js', DIST).href);
const { mapDefinitions } = await import(new URL('obj/map-defs.js', DIST).href);
const { linkProgram, programFunctions } = await import(new URL('run/link.js', DIST).href);
const { findProgType, sectionSleepable } = await import(new URL('bpf/prog-types.js', DIST).href);
const { encodeInsns } = await import(new URL('bpf/encode.js', DIST).href);

// ---- the objects ------------------------------------------------------------------------------

function findObjects(p, out) {
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const e of readdirSync(p).sort()) findObjects(join(p, e), out);
  } else if (p.endsWith('.o')) {
    out.push(resolve(p));
  }
  return out;
}
const files = inputs.flatMap((p) => findObjects(p, []));
const base = inputs.length === 1 && statSync(inputs[0]).isDirectory() ? resolve(inputs[0]) : process.cwd();

/** ebcc's verdict on one program, in a worker so that a program it takes too long on can be stopped. */
// The running kernel's BTF and symbols, read once per worker and only for objects with CO-RE
// relocations or __ksym variables (ebcc resolves them as libbpf does before loading), or with
// programs whose context arguments are BTF-typed kernel pointers.
let kernelBtf;
let kernelSymbols;
function verifyInWorker(path, prog, noBtf) {
  const diags = new Diagnostics();
  const obj = readObject(new Uint8Array(readFileSync(path)), diags, path);
  const t0 = process.hrtime.bigint();
  const ksyms = ksymVariables(obj);
  if (kernelBtf === undefined && (obj.functions.some((f) => needKernelBtf(f.coreRelos)) || ksyms.some((v) => v.typed) || needsKernelStructs(obj))) kernelBtf = loadKernelBtf(undefined) ?? null;
  if (kernelSymbols === undefined && ksyms.some((v) => !v.typed)) kernelSymbols = loadKernelSymbols() ?? null;
  const res = verifyObject(obj, { program: prog, kernelBtf: kernelBtf ?? undefined, kernelSymbols: kernelSymbols ?? undefined, noBtf });
  const us = Number(process.hrtime.bigint() - t0) / 1000;
  const p = res.programs.find((q) => q.name === prog);
  return p === undefined
    ? { error: res.diagnostics.map((d) => d.message).join('; ') || 'no result', us }
    : { accepted: p.accepted, message: p.kernelMessage ?? p.diagnostics[0]?.message ?? '', progType: p.progType, us };
}

if (!isMainThread) {
  parentPort.on('message', ({ path, prog, noBtf }) => {
    try {
      parentPort.postMessage(verifyInWorker(path, prog, noBtf));
    } catch (e) {
      parentPort.postMessage({ error: `verifyObject threw: ${e.stack?.split('\n').slice(0, 3).join(' | ') ?? e}` });
    }
  });
} else {
  await main();
}

async function main() {
/** One row per program: ebcc's verdict and the loads that ask the kernel. */
const rows = [];
let worker;
const ask = (path, prog, noBtf = false) => new Promise((done) => {
  if (worker === undefined) {
    worker = new Worker(fileURLToPath(import.meta.url), { argv: process.argv.slice(2) });
    worker.on('error', (e) => console.error(`verify-agreement: ebcc's worker failed: ${e.stack ?? e}`));
  }
  const timer = setTimeout(() => {
    worker.removeAllListeners('message');
    void worker.terminate();
    worker = undefined;
    done({ error: `timeout: no verdict after ${TIMEOUT_S} s` });
  }, TIMEOUT_S * 1000);
  worker.once('message', (m) => { clearTimeout(timer); done(m); });
  worker.postMessage({ path, prog, noBtf });
});
for (const path of files) {
  const diags = new Diagnostics();
  let obj;
  try {
    obj = readObject(new Uint8Array(readFileSync(path)), diags, path);
  } catch (e) {
    rows.push({ file: relative(base, path), prog: '-', section: '-', ebcc: { error: `readObject threw: ${e.message}` } });
    continue;
  }
  if (obj === undefined) {
    rows.push({ file: relative(base, path), prog: '-', section: '-', ebcc: { error: diags.list.map((d) => d.message).join('; ') } });
    continue;
  }
  for (const fn of programFunctions(obj)) {
    const row = { file: relative(base, path), path, prog: fn.name, section: fn.section, obj, fn };
    row.ebcc = await ask(path, fn.name);
    row.ebccUs = row.ebcc.us;
    if (!quiet) process.stderr.write(`\r${rows.length + 1} programs verified by ebcc`);
    rows.push(row);
  }
}
if (!quiet) process.stderr.write('\n');
void worker?.terminate();
worker = undefined;

// ---- the kernel ---------------------------------------------------------------------------------

function loaderBinary() {
  const source = readFileSync(LOADER_SOURCE);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = join(LOADER_CACHE, hash);
  const binary = join(dir, 'bpfload');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const tmp = `${binary}.${process.pid}.tmp`;
  const r = spawnSync(process.env.CC ?? 'gcc', ['-O2', '-Wall', '-o', tmp, LOADER_SOURCE, '-lbpf', '-lelf', '-lz'], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`cannot build ${LOADER_SOURCE} (needs gcc and libbpf-dev): ${r.stderr ?? r.error}`);
    process.exit(1);
  }
  renameSync(tmp, binary);
  return binary;
}

const hex = (b) => (b === undefined || b.length === 0 ? '-' : Buffer.from(b).toString('hex'));

/** The bpfload script loading one program through libbpf. */
function objectCase(id, row, logLevel) {
  return [`case ${id}`, 'logsize 4194304', `object ${row.path}`, `objprog ${row.prog} - - ${logLevel}`, 'end', ''].join('\n');
}

/** The bpfload script loading one program raw: its maps, their initial data, then the linked instructions. */
function rawCase(id, row, logLevel) {
  const maps = mapDefinitions(row.obj);
  const linked = linkProgram(row.obj, row.fn, maps);
  if (!linked.ok) return { error: `ebcc's linker: ${linked.message}` };
  const match = findProgType(row.section);
  if (match?.progType === undefined) return { error: `no program type for section ${row.section}` };
  const lines = [`case ${id}`, 'logsize 4194304'];
  for (const m of maps) {
    if (m.inner !== undefined) return { error: `map-in-map ${m.name} (raw loads do not create inner maps)` };
    const name = m.name.replace(/[^A-Za-z0-9_.]/g, '_').slice(0, 15) || 'map';
    lines.push(['map', m.type, m.keySize, m.valueSize, m.maxEntries, m.flags, name].join(' '));
  }
  maps.forEach((m, i) => {
    if (m.initial !== undefined && m.initial.some((b) => b !== 0)) lines.push(`update ${i} 00000000 ${hex(m.initial)}`);
    // Read-only data (BPF_F_RDONLY_PROG): libbpf freezes it once filled, which makes its strings
    // constant for the verifier (ARG_PTR_TO_CONST_STR) and its values known.
    if ((m.flags & 0x80) !== 0) lines.push(`freeze ${i}`);
  });
  const attach = match.kind === 'modern' ? match.def.expectedAttachType?.value ?? 0 : 0;
  const license = (() => {
    const sec = row.obj.data.find((d) => d.name === 'license');
    const end = sec ? sec.bytes.indexOf(0) : -1;
    const text = sec ? Buffer.from(sec.bytes.subarray(0, end < 0 ? sec.bytes.length : end)).toString('latin1') : '';
    return text.replace(/\s+/g, ' ').trim() || 'none';
  })();
  // The flags libbpf gives the section: BPF_F_SLEEPABLE (1 << 4), BPF_F_XDP_HAS_FRAGS (1 << 5).
  const flags = (sectionSleepable(match) ? 16 : 0) | (match.kind === 'modern' && match.def.frags ? 32 : 0);
  lines.push(['prog', match.progType.value, attach, logLevel, flags, row.prog.slice(0, 15) || 'prog', license].join(' '));
  lines.push(`insns ${hex(encodeInsns(linked.program.insns))}`, 'end', '');
  return { script: lines.join('\n') };
}

function runBatch(binary, scripts) {
  if (scripts.length === 0) return [];
  const r = spawnSync(binary, [], { input: scripts.join(''), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`bpfload failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

/** The error line of a level-1 log: the first line after the last instruction printed. */
function errorLine(log) {
  const stat = /^(processed \d+ insns|verification time|stack depth|-- END PROG LOAD LOG --)/;
  const lines = log.split('\n').map((l) => l.replace(/(.)processed \d+ insns \(limit.*$/, '$1').trimEnd())
    .filter((l) => l !== '' && !stat.test(l));
  let last = -1;
  lines.forEach((l, i) => { if (/^\d+: (\([0-9a-f]{2}\)|BUG_)/.test(l)) last = i; });
  for (let i = last + 1; i < lines.length; i++) if (!lines[i].startsWith('; ')) return lines[i];
  return last >= 0 ? lines[lines.length - 1] : (lines[0] ?? '');
}

// Loads that fail for the environment, not for the program: a map the loader could not create
// (user space was meant to size it), an attach target that does not exist on this kernel.
const SETUP_FAILURES = [/is not pointing to valid bpf_map/, /^Tracing programs must provide btf_id/, /^attach_btf_id \d+ is not/, /^The address of function .* cannot be found/];

function kernelVerdict(p, via, logged = true) {
  if (p === undefined) return { unjudged: 'no answer from the loader' };
  if (p.stage === 'open' || p.stage === 'libbpf') return { unjudged: `libbpf: errno ${p.errno}`, stage: p.stage };
  const errno = ERRNO[p.errno] ?? `E${p.errno}`;
  if (p.accepted) return { accepted: true, errno, message: '', via };
  const message = errorLine(p.log);
  // A rejection without a verifier log never reached the verifier (attach target, BTF, fd problems).
  if (logged && message === '') return { unjudged: `refused before verification (${errno}, no verifier log)` };
  if (SETUP_FAILURES.some((re) => re.test(message))) return { unjudged: `setup: ${message}` };
  return { accepted: false, errno, message, via };
}

const binary = loaderBinary();
const judged = rows.filter((r) => r.prog !== '-');
// First pass: libbpf, one program at a time (a log keeps its end when it overflows).
const first = runBatch(binary, judged.map((r, i) => objectCase(`o${i}`, r, 1)));
judged.forEach((r, i) => { r.kernel = kernelVerdict(first[i]?.progs?.[0], 'libbpf'); r.libbpf = first[i]?.libbpf; });
// ENOSPC: the log did not fit; load again without one to learn the verdict.
const full = judged.filter((r) => r.kernel.errno === 'ENOSPC');
runBatch(binary, full.map((r, i) => objectCase(`n${i}`, r, 0))).forEach((res, i) => {
  const msg = full[i].kernel.message;
  full[i].kernel = kernelVerdict(res.progs?.[0], 'libbpf', false);
  if (!full[i].kernel.accepted) full[i].kernel.message = msg;
});
// Second pass: what libbpf could not prepare, raw.
const raw = judged.filter((r) => r.kernel.unjudged !== undefined);
const rawScripts = raw.map((r, i) => ({ r, s: rawCase(`r${i}`, r, 1) }));
const rawResults = runBatch(binary, rawScripts.filter((x) => x.s.script).map((x) => x.s.script));
let k = 0;
for (const { r, s } of rawScripts) {
  if (!s.script) {
    r.kernel = { unjudged: `${r.kernel.unjudged}; raw: ${s.error}` };
    continue;
  }
  const res = rawResults[k++];
  const v = kernelVerdict(res?.progs?.[0], 'raw');
  r.kernel = res?.errors?.length ? { unjudged: `${r.kernel.unjudged}; raw: ${res.errors.join('; ')}` } : v;
}
// A raw load passes no BTF (maps without value types, no func_info): ebcc judges that load too.
for (const r of raw) {
  if (r.kernel.via !== 'raw') continue;
  r.ebcc = await ask(r.path, r.prog, true);
  r.ebccUs = r.ebcc.us;
}
void worker?.terminate();

// ---- the report -------------------------------------------------------------------------------

const verdict = (v) => (v === undefined ? '?' : v.error !== undefined ? 'error' : v.unjudged !== undefined ? 'n/a' : v.accepted ? 'accept' : 'reject');
let agree = 0, falseAccept = 0, falseReject = 0, ebccErrors = 0, unjudged = 0;
const out = [];
for (const r of rows) {
  const e = verdict(r.ebcc);
  const kv = verdict(r.kernel);
  let status;
  if (r.kernel === undefined || r.kernel.unjudged !== undefined) { status = 'unjudged'; unjudged++; }
  else if (e === 'error') { status = 'ebcc-error'; ebccErrors++; }
  else if (e === kv) { status = 'agree'; agree++; }
  else if (e === 'accept') { status = 'FALSE-ACCEPT'; falseAccept++; }
  else { status = 'false-reject'; falseReject++; }
  const rec = {
    file: r.file, prog: r.prog, section: r.section, status, ebcc: e, kernel: kv,
    ebccMessage: r.ebcc?.message ?? r.ebcc?.error ?? '', kernelMessage: r.kernel?.message ?? r.kernel?.unjudged ?? '',
    kernelVia: r.kernel?.via, ebccUs: r.ebccUs,
  };
  out.push(rec);
  if (onlyDisagreements && (status === 'agree' || status === 'unjudged')) continue;
  const why = status === 'agree' ? '' : `  ebcc: ${rec.ebccMessage.slice(0, 120)} | kernel: ${rec.kernelMessage.slice(0, 120)}`;
  console.log(`${status.padEnd(12)} ${`${r.file}:${r.prog}`.padEnd(60)} ${r.section.padEnd(24)} ebcc=${e.padEnd(6)} kernel=${kv}${why}`);
}
const judgedCount = agree + falseAccept + falseReject + ebccErrors;
const pct = (n) => (judgedCount === 0 ? '-' : `${((100 * n) / judgedCount).toFixed(1)}%`);
console.log('');
console.log(`objects: ${files.length}, programs: ${rows.length}, judged by the kernel: ${judgedCount}, not judged: ${unjudged}`);
console.log(`agreement: ${agree}/${judgedCount} (${pct(agree)}); false accepts: ${falseAccept}; false rejects: ${falseReject}; ebcc errors: ${ebccErrors}`);
const kernelAccepts = out.filter((r) => r.status !== 'unjudged' && r.kernel === 'accept').length;
console.log(`kernel verdicts among judged: ${kernelAccepts} accepted, ${judgedCount - kernelAccepts} rejected`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ files: files.length, agree, judged: judgedCount, falseAccept, falseReject, ebccErrors, unjudged, programs: out }, null, 2));
}
