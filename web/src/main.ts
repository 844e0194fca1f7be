// The playground page: a CodeMirror editor on the left, the compiler's answers on the right.
// Every edit is sent to the worker after a short pause; the newest answer is rendered:
// diagnostics as squiggles with hover text, the instructions grouped by C line (hovering
// either side highlights the other), and the problems with their `ebcc explain` text.
// The source lives in the URL fragment, so a link reproduces what was on the screen.
import { cpp } from '@codemirror/lang-cpp';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { PageDiagnostic, PageResult, ProgramListing } from './analyze.js';
import { LESSONS } from './lessons.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';

declare const __EBCC_WORKER_SOURCE__: string;
declare const __EBCC_SAMPLES__: Record<string, string>;

const DEBOUNCE_MS = 250;

// --- the source in the URL -------------------------------------------------------------------

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** The fragment for a source: "code=" and the deflated UTF-8 text in base64url. */
export async function encodeSource(source: string): Promise<string> {
  return `code=${toBase64Url(await pipe(new TextEncoder().encode(source), new CompressionStream('deflate-raw')))}`;
}

async function decodeSource(fragment: string): Promise<string | undefined> {
  const m = /(?:^#?|&)code=([A-Za-z0-9_-]+)/.exec(fragment);
  if (!m) return undefined;
  try {
    return new TextDecoder().decode(await pipe(fromBase64Url(m[1]!), new DecompressionStream('deflate-raw')));
  } catch {
    return undefined;
  }
}

// --- editor decorations: the C line linked to hovered instructions ---------------------------------

const setLinkedLine = StateEffect.define<number | null>();
const linkedLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (!e.is(setLinkedLine)) continue;
      if (e.value === null || e.value < 1 || e.value > tr.state.doc.lines) return Decoration.none;
      const line = tr.state.doc.line(e.value);
      return Decoration.set([Decoration.line({ class: 'cm-linked-line' }).range(line.from)]);
    }
    return deco.map(tr.changes);
  },
  provide: (f) => EditorView.decorations.from(f),
});

// --- rendering -----------------------------------------------------------------------------------

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function explanationBox(d: PageDiagnostic): HTMLElement {
  return el('div', { class: 'explain' }, el('div', { class: 'explain-title' }, `${d.code}: ${d.title}`), el('pre', {}, d.explanation));
}

function toCmDiagnostics(list: readonly PageDiagnostic[], docLength: number): CmDiagnostic[] {
  return list
    .filter((d) => d.inSource && d.severity !== 'note')
    .map((d) => ({
      from: Math.min(d.from, docLength),
      to: Math.min(Math.max(d.to, d.from), docLength),
      severity: d.severity === 'warning' ? 'warning' : 'error',
      source: d.code,
      message: `${d.message} [${d.code}]`,
      renderMessage: () => {
        const box = el('div', { class: 'hover' }, el('div', { class: 'hover-message' }, `${d.message} [${d.code}]`));
        for (const n of d.notes) box.append(el('div', { class: 'hover-note' }, `note: ${n.message}`));
        box.append(explanationBox(d));
        return box;
      },
    }));
}

function renderProblems(pane: HTMLElement, result: PageResult): void {
  pane.replaceChildren();
  if (result.diagnostics.length === 0) {
    pane.append(el('p', { class: 'quiet' }, 'No problems.'));
    return;
  }
  for (const d of result.diagnostics) {
    const where = d.inSource ? `line ${d.line}:${d.col}` : d.file ? `${d.file}:${d.line}` : '';
    const item = el('div', { class: `problem ${d.severity}`, 'data-line': String(d.inSource ? d.line : 0), 'data-code': d.code },
      el('span', { class: 'where' }, where), ' ', el('span', { class: 'sev' }, `${d.severity}:`), ' ', d.message, ' ',
      el('button', { class: 'code', title: d.title }, d.code));
    for (const n of d.notes) item.append(el('div', { class: 'note' }, `note${n.line ? ` (line ${n.line})` : ''}: ${n.message}`));
    const box = explanationBox(d);
    box.hidden = true;
    item.append(box);
    item.querySelector('button')!.addEventListener('click', () => {
      box.hidden = !box.hidden;
    });
    pane.append(item);
  }
}

function renderProgram(p: ProgramListing): HTMLElement {
  const box = el('section', { class: 'program', 'data-program': p.name },
    el('h3', {}, `${p.name}`, el('span', { class: 'meta' }, ` SEC("${p.section}") · ${p.slots} insns · stack ${p.stackBytes} bytes`)));
  for (const g of p.groups) {
    const group = el('div', { class: 'group', 'data-line': String(g.line) },
      el('div', { class: 'cline' }, g.line > 0 ? `${g.line}: ${g.source}` : '(no line)'));
    for (const i of g.insns) group.append(el('div', { class: 'insn' }, `${String(i.index).padStart(4)}: ${i.text}`));
    box.append(group);
  }
  return box;
}

// --- the page ------------------------------------------------------------------------------------

function startWorker(): Worker {
  const url = URL.createObjectURL(new Blob([__EBCC_WORKER_SOURCE__], { type: 'text/javascript' }));
  return new Worker(url);
}

async function main(): Promise<void> {
  const outputPane = document.getElementById('output')!;
  const problemsPane = document.getElementById('problems')!;
  const status = document.getElementById('status')!;
  const menu = document.getElementById('examples') as HTMLSelectElement;
  const lessonText = document.getElementById('lesson')!;

  const options: { label: string; source: string; teaches?: string }[] = [];
  for (const [name, text] of Object.entries(__EBCC_SAMPLES__)) options.push({ label: `sample: ${name}`, source: text });
  for (const l of LESSONS) {
    options.push({ label: `lesson: ${l.title} (broken)`, source: l.broken, teaches: l.teaches });
    options.push({ label: `lesson: ${l.title} (fixed)`, source: l.fixed, teaches: l.teaches });
  }
  menu.replaceChildren(el('option', { value: '' }, 'Examples and lessons…'), ...options.map((o, i) => el('option', { value: String(i) }, o.label)));

  const initial = (await decodeSource(location.hash)) ?? LESSONS[0]!.broken;
  const worker = startWorker();
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: PageResult | undefined;

  const view = new EditorView({
    doc: initial,
    parent: document.getElementById('editor')!,
    extensions: [
      basicSetup,
      cpp(),
      lintGutter(),
      linkedLine,
      EditorView.updateListener.of((u) => {
        if (u.docChanged) schedule();
      }),
      EditorView.domEventHandlers({
        mousemove: (e, v) => {
          const pos = v.posAtCoords({ x: e.clientX, y: e.clientY });
          highlightGroups(pos === null ? 0 : v.state.doc.lineAt(pos).number);
        },
        mouseleave: () => highlightGroups(0),
      }),
    ] satisfies Extension[],
  });

  function highlightGroups(line: number): void {
    for (const g of outputPane.querySelectorAll<HTMLElement>('.group')) g.classList.toggle('linked', line > 0 && g.dataset['line'] === String(line));
  }

  outputPane.addEventListener('mouseover', (e) => {
    const g = (e.target as HTMLElement).closest<HTMLElement>('.group');
    view.dispatch({ effects: setLinkedLine.of(g ? Number(g.dataset['line']) : null) });
    for (const x of outputPane.querySelectorAll('.group.linked')) x.classList.remove('linked');
    g?.classList.add('linked');
  });
  outputPane.addEventListener('mouseleave', () => view.dispatch({ effects: setLinkedLine.of(null) }));

  function send(): void {
    const source = view.state.doc.toString();
    const req: WorkerRequest = { kind: 'analyze', seq: ++seq, source };
    status.textContent = 'compiling…';
    worker.postMessage(req);
    void encodeSource(source).then((frag) => history.replaceState(null, '', `#${frag}`));
  }

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(send, DEBOUNCE_MS);
  }

  worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const msg = e.data;
    if (msg.kind !== 'analyzed' || msg.seq !== seq) return;
    last = msg.result;
    view.dispatch(setDiagnostics(view.state, toCmDiagnostics(last.diagnostics, view.state.doc.length)));
    renderProblems(problemsPane, last);
    outputPane.replaceChildren(...last.programs.map(renderProgram));
    if (last.programs.length === 0) outputPane.append(el('p', { class: 'quiet' }, 'No object: see the problems.'));
    const errors = last.diagnostics.filter((d) => d.severity === 'error').length;
    status.textContent = `${last.ok ? 'built' : `${errors} error${errors === 1 ? '' : 's'}`} · compile ${last.compileMs.toFixed(0)} ms`;
    status.dataset['seq'] = String(msg.seq);
    status.dataset['ok'] = String(last.ok);
    status.dataset['compileMs'] = last.compileMs.toFixed(1);
  };

  menu.addEventListener('change', () => {
    const o = options[Number(menu.value)];
    if (!o) return;
    lessonText.textContent = o.teaches ?? '';
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: o.source } });
    menu.value = '';
  });

  document.getElementById('share')!.addEventListener('click', () => {
    void encodeSource(view.state.doc.toString()).then((frag) => {
      const url = `${location.href.split('#')[0]}#${frag}`;
      history.replaceState(null, '', `#${frag}`);
      void navigator.clipboard?.writeText(url).catch(() => undefined);
      status.textContent = 'link copied to the address bar';
    });
  });

  for (const tab of document.querySelectorAll<HTMLButtonElement>('.tabs button')) {
    tab.addEventListener('click', () => {
      for (const t of document.querySelectorAll('.tabs button')) t.classList.toggle('active', t === tab);
      for (const p of document.querySelectorAll<HTMLElement>('.pane')) p.hidden = p.id !== tab.dataset['pane'];
    });
  }

  send();
}

void main();
