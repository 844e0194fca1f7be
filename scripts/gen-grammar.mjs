// Writes grammar/diagrams.html: the parser's syntax diagrams with chevrotain's
// diagram scripts inlined (works offline). Run with `npm run grammar`, which
// builds dist/ first; test/parse/grammar.test.ts fails when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { renderGrammarDiagrams, DIAGRAM_SCRIPT_FILES, DIAGRAM_CSS_FILE } = await import(join(root, 'dist/parse/diagrams.js'));
// chevrotain's entry is <pkg>/lib/src/api.js; its diagram resources are in <pkg>/diagrams/.
const diagramsDir = join(dirname(fileURLToPath(import.meta.resolve('chevrotain'))), '../../diagrams');
const read = (file) => readFileSync(join(diagramsDir, file), 'utf8');
const html = renderGrammarDiagrams({ css: read(DIAGRAM_CSS_FILE), scripts: DIAGRAM_SCRIPT_FILES.map(read) });
writeFileSync(join(root, 'grammar/diagrams.html'), html);
console.log(`wrote grammar/diagrams.html (${html.length} bytes)`);
