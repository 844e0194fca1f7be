// Writes stdlib/include/bpf/bpf_helper_defs.h and stdlib/include/ebcc/bpf-func-id.h from
// ebcc's helper table.
// It compiles the three table modules on their own (so that work in progress elsewhere
// in src/ cannot stop it), imports the renderer and writes the header.
//
//   npm run gen:helpers
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const out = mkdtempSync(join(tmpdir(), 'ebcc-gen-helpers-'));
try {
  execFileSync(process.execPath, [
    tsc, '--outDir', out, '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--strict', '--skipLibCheck', '--types', 'node',
    join(root, 'src/bpf/helper-defs-header.ts'),
  ], { stdio: 'inherit', cwd: root });
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  const mod = await import(pathToFileURL(join(out, 'helper-defs-header.js')).href);
  const target = join(root, 'stdlib/include/bpf/bpf_helper_defs.h');
  writeFileSync(target, mod.renderHelperDefsHeader());
  console.log(`wrote ${target}`);
  const funcIds = join(root, 'stdlib/include/ebcc/bpf-func-id.h');
  writeFileSync(funcIds, mod.renderFuncIdHeader());
  console.log(`wrote ${funcIds}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
