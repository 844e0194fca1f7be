#!/usr/bin/env node
// `npm run cross-check:pp`: preprocesses every samples/*.c with ebcc
// (`ebcc build --emit tokens` is not used: `ebcc -E` prints source text, as
// clang does) and with `clang-19 -E -target bpf -nostdinc -isystem
// stdlib/include`, turns both outputs into token lists (line markers and
// white space dropped) and compares them. Prints "same (N tokens)" per sample
// or the first difference with some context. Exit status 1 on any
// difference, 0 when all agree or clang-19 is missing (optional tool).
// Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLANG = process.env.CLANG ?? 'clang-19';
const CONTEXT_TOKENS = 8;

// Longest first, so that the first match is the longest.
const PUNCTUATORS = [
  '%:%:', '...', '<<=', '>>=', '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||',
  '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '##', '<:', ':>', '<%', '%>', '%:',
  '[', ']', '(', ')', '{', '}', '.', '&', '*', '+', '-', '~', '!', '/', '%', '<', '>', '^', '|',
  '?', ':', ';', '=', ',', '#',
];

/** Splits preprocessed C text into tokens; line markers (`# N "file" ...`, `#line`) are dropped. */
export function tokenize(text) {
  const tokens = [];
  for (const rawLine of text.split('\n')) {
    if (/^\s*#\s*(\d+|line)\b/.test(rawLine)) continue;
    const line = rawLine;
    let i = 0;
    while (i < line.length) {
      const c = line[i];
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      const rest = line.slice(i);
      const literal = /^(?:u8|u|U|L)?(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/.exec(rest);
      const number = /^\.?[0-9](?:[eEpP][+-]|[0-9A-Za-z_.])*/.exec(rest);
      const ident = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(rest);
      let tok;
      if (literal) tok = literal[0];
      else if (number) tok = number[0];
      else if (ident) tok = ident[0];
      else tok = PUNCTUATORS.find((p) => rest.startsWith(p)) ?? c;
      tokens.push(tok);
      i += tok.length;
    }
  }
  return tokens;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) return { ok: false, text: String(r.error.message) };
  return { ok: r.status === 0, text: r.status === 0 ? r.stdout : r.stderr };
}

function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function around(tokens, i) {
  return tokens.slice(Math.max(0, i - CONTEXT_TOKENS), i + CONTEXT_TOKENS).join(' ');
}

function main() {
  if (spawnSync(CLANG, ['--version']).status !== 0) {
    console.log(`check-preprocess: ${CLANG} not found; skipping (optional tool)`);
    return 0;
  }
  const samples = readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.c')).sort();
  let failures = 0;
  for (const name of samples) {
    const file = join('samples', name);
    const ours = run(join(ROOT, 'bin/ebcc'), ['-E', file]);
    const theirs = run(CLANG, ['-E', '-target', 'bpf', '-nostdinc', '-isystem', join(ROOT, 'stdlib/include'), file]);
    if (!ours.ok || !theirs.ok) {
      failures++;
      console.log(`${name}: preprocessing failed\n${ours.ok ? '' : `  ebcc: ${ours.text}`}${theirs.ok ? '' : `  ${CLANG}: ${theirs.text}`}`);
      continue;
    }
    const a = tokenize(ours.text);
    const b = tokenize(theirs.text);
    const at = firstDifference(a, b);
    if (at < 0) {
      console.log(`${name}: same (${a.length} tokens)`);
      continue;
    }
    failures++;
    console.log(`${name}: differs at token ${at} (ebcc ${a.length} tokens, ${CLANG} ${b.length})`);
    console.log(`  ebcc:  ${JSON.stringify(a[at])}  … ${around(a, at)}`);
    console.log(`  clang: ${JSON.stringify(b[at])}  … ${around(b, at)}`);
  }
  console.log(failures === 0 ? `check-preprocess: all ${samples.length} samples agree` : `check-preprocess: ${failures} of ${samples.length} samples differ`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = main();
