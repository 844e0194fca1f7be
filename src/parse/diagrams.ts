// Syntax diagrams of the grammar as one self-contained HTML page
// (grammar/diagrams.html, written by `npm run grammar`). chevrotain's
// createSyntaxDiagramsCode links its scripts and stylesheet from a CDN; the
// caller passes their text and they are inlined, so the page works offline.
// This module reads no files: core code gets file contents from its caller.
import { createSyntaxDiagramsCode } from 'chevrotain';
import { getParser } from './parse.js';

/** The resource files, relative to chevrotain's `diagrams/` directory, in the order the page loads them. */
export const DIAGRAM_SCRIPT_FILES = ['vendor/railroad-diagrams.js', 'src/diagrams_builder.js', 'src/diagrams_behavior.js', 'src/main.js'] as const;
export const DIAGRAM_CSS_FILE = 'diagrams.css';

export interface DiagramResources {
  css: string;
  /** Texts of DIAGRAM_SCRIPT_FILES, same order. */
  scripts: string[];
}

const BASE = 'ebcc-inline-resource/';

export function renderGrammarDiagrams(res: DiagramResources): string {
  const grammar = getParser().getSerializedGastProductions();
  let html = createSyntaxDiagramsCode(grammar, { resourceBase: BASE, css: `${BASE}${DIAGRAM_CSS_FILE}` });
  html = html.replace(/<link rel='stylesheet' href='[^']*'>/, () => `<style>\n${res.css}\n</style>`);
  DIAGRAM_SCRIPT_FILES.forEach((file, i) => {
    html = html.replace(`<script src='${BASE}${file}'></script>`, () => `<script>\n${res.scripts[i] ?? ''}\n</script>`);
  });
  if (html.includes(BASE)) throw new Error('internal: a diagram resource was not inlined');
  const title = '<title>ebcc: the accepted C grammar (see grammar/c-bpf.ebnf)</title>\n';
  return html.replace('<meta charset="utf-8">', () => `<meta charset="utf-8">\n${title}`);
}
