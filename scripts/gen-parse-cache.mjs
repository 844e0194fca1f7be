// Records the parse cache (src/parse/parse-cache.ts) into dist/cli/parse-cache/: for each
// include order that the samples and bench programs start with, the external declarations that
// ebcc's own headers parse to, with the default options (-O2, -mcpu=v3, gnu17). `npm run build`
// runs it after the bundle (scripts/bundle-cli.mjs); the index names the bundle by its hash, so
// a rebuilt bundle without a new cache ignores the old one. Only declarations whose tokens, and
// the parser's look-ahead after them, all come from stdlib/include (or the predefined macros)
// are recorded, and only from programs whose parse reports nothing.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => import(join(root, 'dist', p));
const { createContext } = await dist('context.js');
const { NodeFileSystem } = await dist('cli/node-fs.js');
const { stdlibDir } = await dist('cli/options.js');
const { parseCacheDir, parseCacheFingerprint } = await dist('cli/parse-cache-files.js');
const { preprocess } = await dist('pp/preprocess.js');
const { parseRecording } = await dist('parse/parse.js');
const { entryText, headSignature, recordEntry, PARSE_CACHE_FORMAT } = await dist('parse/parse-cache.js');

const outDir = parseCacheDir();
const headers = stdlibDir().replace(/\/*$/, '/');
const programs = ['samples', 'bench/programs'].flatMap((d) =>
  readdirSync(join(root, d))
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => join(root, d, f)),
);

/** The recordable prefix of one program, with its tokens spelled out for comparing prefixes. */
function candidate(path) {
  const ctx = createContext(new NodeFileSystem(), { stdlibDir: stdlibDir() });
  const file = ctx.sources.add(path, readFileSync(path, 'utf8'));
  const tokens = preprocess(file, ctx);
  if (ctx.diags.list.length > 0) return undefined;
  const { items, boundaries, diagnostics } = parseRecording(tokens, ctx);
  if (diagnostics > 0 || items.length !== boundaries.length) return undefined;
  const fromHeaders = (span) => {
    const p = ctx.sources.get(span.file).path;
    return p === '<built-in>' || p.startsWith(headers);
  };
  const fromHeadersAll = (t) => {
    if (!fromHeaders(t.span)) return false;
    for (let e = t.expansion; e; e = e.parent) if (!fromHeaders(e.use)) return false;
    return true;
  };
  const c23 = ctx.options.c23 === true;
  // The longest run of declarations whose tokens and look-ahead all come from the headers.
  let decls = 0;
  const trial = recordEntry(tokens, items, boundaries, c23, boundaries.length);
  if (!trial) return undefined;
  const firstForeign = tokens.findIndex((t) => !fromHeadersAll(t));
  const limit = firstForeign < 0 ? tokens.length - 1 : firstForeign;
  for (const d of trial.decls) {
    if (d.checkEnd > limit) break;
    decls++;
  }
  if (decls === 0) return undefined;
  const entry = recordEntry(tokens, items, boundaries, c23, decls);
  const spelled = tokens.slice(0, entry.decls[decls - 1].checkEnd).map((t) => JSON.stringify([t.kind, t.text, t.span, t.spaceBefore, t.lineStart, t.expansion ?? null]));
  return { entry, head: headSignature(tokens), spelled: spelled.join('\n') };
}

const found = programs.map(candidate).filter((c) => c !== undefined);
// An entry whose tokens begin another's is covered by it: keep the longest, most used first.
const kept = found.filter((c) => !found.some((o) => o !== c && o.spelled.length > c.spelled.length && o.spelled.startsWith(c.spelled)));
const unique = kept.filter((c, i) => kept.findIndex((o) => o.spelled === c.spelled) === i);
const uses = (c) => found.filter((o) => c.spelled.startsWith(o.spelled)).length;
unique.sort((a, b) => uses(b) - uses(a) || b.spelled.length - a.spelled.length || (a.spelled < b.spelled ? -1 : 1));

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const index = { format: PARSE_CACHE_FORMAT, bundle: parseCacheFingerprint(readFileSync(join(root, 'dist/cli/bundle.cjs'), 'utf8')), entries: [] };
unique.forEach((c, i) => {
  const file = `${i}.entry`;
  writeFileSync(join(outDir, file), entryText(c.entry));
  index.entries.push({ head: c.head, file });
});
writeFileSync(join(outDir, 'index.json'), JSON.stringify(index));
