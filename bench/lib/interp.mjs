// ebcc run's speed: instructions executed per second by the interpreter (src/run/), per sample
// program, on the bench packet. The interpreter is bundled with esbuild first (as the CLI and the
// playground are), which turns its operation enum into constants, so its switch is a jump table.
// l4lb gets a VIP for the packet's destination, so every packet takes the whole path: VIP lookup,
// flow hash, consistent-hash ring, real lookup, IPIP encapsulation, per-VIP counters.
//
// Speed is instructions / CPU time of this process (process.cpuUsage), which does not depend on
// what else the machine runs; instructions / wall-clock time is reported next to it.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bundles the compiler and the interpreter into one module and imports it. */
async function loadBundle(root, outDir) {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'run-bundle.mjs');
  await build({
    stdin: {
      contents: `export { createSession } from './src/run/session.ts';
export { compile } from './src/driver/compile.ts';
export { createContext } from './src/context.ts';
export { NodeFileSystem } from './src/cli/node-fs.ts';`,
      resolveDir: root,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}

const u32 = (v) => new Uint8Array(new Uint32Array([v]).buffer);

/** samples/l4lb.c: a VIP for 10.0.0.2:80/TCP (the bench packet), 4 IPv4 reals, the tunnel config. */
function setUpL4lb(session) {
  const vipKey = new Uint8Array(20); // struct vip_key: addr[16], port (be16), proto, pad
  vipKey.set([10, 0, 0, 2], 0);
  vipKey.set([0, 80, 6], 16);
  const errors = [session.updateMap('vip_map', vipKey, new Uint8Array(8))]; // flags 0, vip_num 0
  for (let slot = 0; slot < 16; slot++) errors.push(session.updateMap('ch_rings', u32(slot), u32(slot % 4)));
  for (let i = 0; i < 4; i++) {
    const real = new Uint8Array(20); // addr[16], flags
    real.set([192, 168, 1, i + 1]);
    errors.push(session.updateMap('reals', u32(i), real));
  }
  const cfg = new Uint8Array(28); // gateway MAC, pad, tunnel source v4, tunnel source v6
  cfg.set([2, 0, 0, 0, 0, 0x99], 0);
  cfg.set([172, 16, 0, 1], 8);
  errors.push(session.updateMap('lb_config', u32(0), cfg));
  const bad = errors.filter((e) => e !== undefined);
  if (bad.length > 0) throw new Error(`l4lb map setup: ${bad.join('; ')}`);
}

const SETUP = { 'l4lb.c': setUpL4lb };

/**
 * Runs every program of every source ({ file, src }) on `packet` for about `seconds` of CPU time each.
 * Returns rows { file, program, verdict, insnsPerPacket, cpuMinsnPerSec, wallMinsnPerSec, kpktPerSec, error }.
 */
export async function measureInterpreter(root, outDir, sources, packet, { seconds = 2 } = {}) {
  const lib = await loadBundle(root, outDir);
  const rows = [];
  for (const { file, src } of sources) {
    const ctx = lib.createContext(new lib.NodeFileSystem(), { stdlibDir: join(root, 'stdlib/include') });
    const out = lib.compile(src, ctx);
    if (!out.object || ctx.diags.hasErrors()) {
      rows.push({ file, error: 'compile failed' });
      continue;
    }
    const programs = out.object.functions.filter((f) => f.section !== '.text').map((f) => f.name);
    for (const program of programs) {
      const made = lib.createSession(out.object, { program });
      if (!made.ok) {
        rows.push({ file, program, error: made.message });
        continue;
      }
      const session = made.session;
      SETUP[file]?.(session);
      const first = session.run({ packet });
      if (first.error) {
        rows.push({ file, program, error: first.error.message });
        continue;
      }
      for (let i = 0; i < 20_000; i++) session.run({ packet }); // warm up (TurboFan)
      let insns = 0;
      let packets = 0;
      const cpu0 = process.cpuUsage();
      const wall0 = process.hrtime.bigint();
      let cpuSec = 0;
      while (cpuSec < seconds) {
        for (let i = 0; i < 2000; i++) insns += session.run({ packet }).insnCount;
        packets += 2000;
        const c = process.cpuUsage(cpu0);
        cpuSec = (c.user + c.system) / 1e6;
      }
      const wallSec = Number(process.hrtime.bigint() - wall0) / 1e9;
      rows.push({
        file, program, verdict: first.retval, insnsPerPacket: first.insnCount,
        cpuMinsnPerSec: insns / cpuSec / 1e6, wallMinsnPerSec: insns / wallSec / 1e6, kpktPerSec: packets / cpuSec / 1e3,
      });
    }
  }
  return rows;
}

export function printInterpreter(rows) {
  console.log('\nebcc run (interpreter), per program on the bench packet; M insn/s of CPU time (and of wall-clock time)');
  console.log(`${'program'.padEnd(30)} ${'verdict'.padStart(7)} ${'insns/pkt'.padStart(9)} ${'M insn/s'.padStart(9)} ${'(wall)'.padStart(7)} ${'k pkt/s'.padStart(8)}`);
  for (const r of rows) {
    const name = `${r.file.replace(/\.c$/, '')}:${r.program ?? ''}`;
    if (r.error) {
      console.log(`${name.padEnd(30)} FAIL: ${r.error}`);
      continue;
    }
    console.log(`${name.padEnd(30)} ${String(r.verdict).padStart(7)} ${String(r.insnsPerPacket).padStart(9)} ${r.cpuMinsnPerSec.toFixed(1).padStart(9)} ${r.wallMinsnPerSec.toFixed(1).padStart(7)} ${r.kpktPerSec.toFixed(0).padStart(8)}`);
  }
}
