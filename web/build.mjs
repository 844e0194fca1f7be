// Builds the playground into dist/web/: index.html, style.css and app.js. The worker (the
// compiler and ebcc's stdlib headers) is bundled into app.js as text and started from a blob
// URL, so the folder works from file:// as well as from any static host.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist/web');

function readTree(dir) {
  const files = {};
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.h')) files[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

const samples = {};
for (const name of readdirSync(join(root, 'samples')).sort()) {
  if (name.endsWith('.c')) samples[name] = readFileSync(join(root, 'samples', name), 'utf8');
}

const common = { bundle: true, format: 'iife', target: 'es2022', minify: true, legalComments: 'none', logLevel: 'warning', write: false, absWorkingDir: root };
const worker = await build({
  ...common,
  entryPoints: ['web/src/worker.ts'],
  define: { __EBCC_STDLIB__: JSON.stringify(readTree(join(root, 'stdlib/include'))) },
});
mkdirSync(out, { recursive: true });
await build({
  ...common,
  write: true,
  entryPoints: ['web/src/main.ts'],
  outfile: join(out, 'app.js'),
  define: {
    __EBCC_WORKER_SOURCE__: JSON.stringify(worker.outputFiles[0].text),
    __EBCC_SAMPLES__: JSON.stringify(samples),
  },
});
for (const f of ['index.html', 'style.css']) copyFileSync(join(root, 'web', f), join(out, f));
const size = statSync(join(out, 'app.js')).size;
console.log(`dist/web/app.js: ${(size / 1024).toFixed(0)} KiB`);
