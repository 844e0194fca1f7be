#!/usr/bin/env node
// `npm run cross-check:layouts`: checks the struct and union layouts of
// test/golden/layouts.txt (ebcc's, see test/sema/layouts-golden.test.ts)
// against clang-19. For each unit of the golden (ebcc's headers, then each
// sample) it builds the same C source the golden was made from, appends one
// _Static_assert per number (sizeof, _Alignof, __builtin_offsetof and the
// size of each field), and compiles it with `clang-19 -target bpf
// -fsyntax-only`. Bit-fields cannot be named by offsetof, so their bit offset
// and width are read from clang's record-layout dump instead. Exit status 1
// on any disagreement, 0 when all agree or clang-19 is missing. EBCC_KEEP=1
// keeps the generated C files (their directory is under $TMPDIR).
// Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STDLIB = join(ROOT, 'stdlib/include');
const CLANG = process.env.CLANG ?? 'clang-19';
const { layoutHeaderPaths, layoutProbeSource, recordTagsIn } = await import(new URL('../dist/sema/layout-report.js', import.meta.url).href);

/** The golden as units: { name, records: [{ typeName, size, align, fields: [{ path, offset, size?, bit?, width? }] }] }. */
function parseGolden(text) {
  const units = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const unit = /^== (.*)$/.exec(line);
    if (unit) {
      units.push({ name: unit[1], records: [] });
      continue;
    }
    const rec = /^(\S.*) size=(\d+) align=(\d+)$/.exec(line);
    if (rec) {
      units.at(-1).records.push({ typeName: rec[1], size: Number(rec[2]), align: Number(rec[3]), fields: [] });
      continue;
    }
    const f = /^ {2}(\S+) offset=(\d+)(?: size=(\d+))?(?: bit=(\d+) width=(\d+))?$/.exec(line);
    if (!f) throw new Error(`layouts.txt: cannot read line: ${line}`);
    const field = { path: f[1], offset: Number(f[2]) };
    if (f[3] !== undefined) field.size = Number(f[3]);
    if (f[4] !== undefined) Object.assign(field, { bit: Number(f[4]), width: Number(f[5]) });
    units.at(-1).records.at(-1).fields.push(field);
  }
  return units;
}

function unitSource(name) {
  if (name === 'headers') {
    const headers = layoutHeaderPaths(readdirSync(STDLIB, { recursive: true, encoding: 'utf8' }));
    const tags = headers.flatMap((h) => recordTagsIn(readFileSync(join(STDLIB, h), 'utf8')));
    return headers.map((h) => `#include <${h}>\n`).join('') + layoutProbeSource(tags);
  }
  const src = readFileSync(join(ROOT, name), 'utf8');
  return `${src}\n${layoutProbeSource(recordTagsIn(src))}`;
}

/** Static assertions for everything but bit-field positions; each message is the check's description. */
function assertions(records) {
  const out = [];
  let count = 0;
  const check = (expr, value, what) => {
    count++;
    out.push(`_Static_assert((${expr}) == ${value}, ${JSON.stringify(`${what} == ${value}`)});`);
  };
  for (const r of records) {
    const t = r.typeName;
    check(`sizeof(${t})`, r.size, `sizeof(${t})`);
    check(`_Alignof(${t})`, r.align, `_Alignof(${t})`);
    for (const f of r.fields) {
      if (f.bit !== undefined) continue;
      check(`__builtin_offsetof(${t}, ${f.path})`, f.offset, `offsetof(${t}, ${f.path})`);
      if (f.size !== undefined) check(`sizeof(((${t} *)0)->${f.path})`, f.size, `sizeof(${t}.${f.path})`);
    }
  }
  return { text: out.join('\n') + '\n', count };
}

/** Bit-fields of named records from clang's record-layout dump: Map "struct X" -> Map path -> {bit, width}. */
function parseDump(text) {
  const records = new Map();
  let fields;
  let stack = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)(?::(\d+)-(\d+))? \|( +)(.*)$/.exec(line);
    if (!m) continue;
    const depth = (m[4].length - 1) / 2;
    const rest = m[5].trimEnd();
    if (depth === 0) {
      fields = new Map();
      stack = [];
      if (/^(struct|union) [A-Za-z_]\w*$/.test(rest)) records.set(rest, fields);
      continue;
    }
    const name = rest.endsWith(')') ? undefined : /([A-Za-z_]\w*)$/.exec(rest)?.[1];
    stack.length = depth - 1;
    stack[depth - 1] = name;
    const path = stack.filter((s) => s !== undefined).join('.');
    if (m[2] !== undefined && name !== undefined) {
      fields.set(path, { bit: Number(m[1]) * 8 + Number(m[2]), width: Number(m[3]) - Number(m[2]) + 1 });
    }
  }
  return records;
}

function main() {
  if (spawnSync(CLANG, ['--version']).status !== 0) {
    console.log(`check-layouts: ${CLANG} not found; skipping (optional tool)`);
    return 0;
  }
  const units = parseGolden(readFileSync(join(ROOT, 'test/golden/layouts.txt'), 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'ebcc-layouts-'));
  let failures = 0;
  let totals = { records: 0, fields: 0, checks: 0, bitfields: 0 };
  try {
    for (const unit of units) {
      const { text, count } = assertions(unit.records);
      const file = join(work, `${unit.name.replace(/\W/g, '_')}.c`);
      writeFileSync(file, `${unitSource(unit.name)}\n${text}`);
      // Not -fdump-record-layouts-complete: it lays a record out at its closing brace, before a
      // trailing __attribute__((packed)) or aligned(N) applies, and then _Alignof disagrees.
      const r = spawnSync(
        CLANG,
        ['-target', 'bpf', '-fsyntax-only', '-nostdinc', '-isystem', STDLIB, '-ferror-limit=0', '-Xclang', '-fdump-record-layouts', file],
        { encoding: 'utf8', maxBuffer: 64 << 20 },
      );
      const errors = r.stderr.split('\n').filter((l) => /error:/.test(l));
      const dump = parseDump(r.stdout);
      const bitErrors = [];
      let bitChecks = 0;
      for (const rec of unit.records) {
        for (const f of rec.fields.filter((x) => x.bit !== undefined)) {
          bitChecks++;
          const theirs = dump.get(rec.typeName)?.get(f.path);
          if (theirs === undefined) bitErrors.push(`${rec.typeName}.${f.path}: bit-field not found in clang's layout dump`);
          else if (theirs.bit !== f.bit || theirs.width !== f.width) {
            bitErrors.push(`${rec.typeName}.${f.path}: ebcc bit=${f.bit} width=${f.width}, clang bit=${theirs.bit} width=${theirs.width}`);
          }
        }
      }
      const fields = unit.records.reduce((n, rec) => n + rec.fields.length, 0);
      totals = {
        records: totals.records + unit.records.length,
        fields: totals.fields + fields,
        checks: totals.checks + count + bitChecks,
        bitfields: totals.bitfields + bitChecks,
      };
      if (errors.length === 0 && bitErrors.length === 0 && r.status === 0) {
        console.log(`${unit.name}: agree (${unit.records.length} records, ${fields} fields, ${count + bitChecks} checks)`);
        continue;
      }
      failures++;
      console.log(`${unit.name}: ${errors.length + bitErrors.length} disagreements`);
      for (const e of [...errors, ...bitErrors]) console.log(`  ${e}`);
    }
  } finally {
    if (process.env.EBCC_KEEP !== '1') rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `check-layouts: ${totals.records} records, ${totals.fields} fields (${totals.bitfields} bit-fields), ${totals.checks} checks; ` +
      (failures === 0 ? 'all agree with clang' : `${failures} units disagree`),
  );
  return failures === 0 ? 0 : 1;
}

process.exitCode = main();
