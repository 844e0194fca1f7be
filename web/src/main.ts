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
import type { PageDiagnostic, PageResult, ProgramListing, RegValue, VerifierView } from './analyze.js';
import { LESSONS } from './lessons.js';
import { buildPacket, packetsOfCapture, type L3, type L4, type PacketSpec } from './packet.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';
import type { MapView, RunView } from './run-page.js';

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

// --- the Verifier pane ----------------------------------------------------------------------------

/** A line of register states under a C line of the failing path: `R2=pkt(off=14,r=0)`, each in its own chip. */
function stateRow(cls: string, line: number, label: string, values: readonly RegValue[]): HTMLElement {
  const row = el('div', { class: cls, 'data-line': String(line) }, el('span', { class: 'label' }, `${label}:`));
  for (const v of values) row.append(' ', el('span', { class: 'reg' }, el('b', {}, v.name), `=${v.value}`));
  return row;
}

function renderVerifier(pane: HTMLElement, result: PageResult): void {
  pane.replaceChildren();
  if (!result.built) {
    pane.append(el('p', { class: 'quiet' }, 'No object to verify: see the problems.'));
    return;
  }
  for (const v of result.verifier) {
    const box = el('section', { class: `verdict-box ${v.accepted ? 'accepted' : 'rejected'}`, 'data-program': v.name, 'data-accepted': String(v.accepted) },
      el('h3', {}, `${v.name} `, el('span', { class: 'verdict-word' }, v.accepted ? 'accepted' : 'rejected'),
        el('span', { class: 'meta' }, ` SEC("${v.section}") · ${v.progType} · processed ${v.processedInsns} insns · peak states ${v.peakStates} · stack ${v.stackDepth} bytes · ${v.verifyMs.toFixed(1)} ms`)));
    for (const d of v.diagnostics) {
      const item = el('div', { class: `problem ${d.severity}`, 'data-line': String(d.inSource ? d.line : 0), 'data-code': d.code },
        el('span', { class: 'where' }, d.inSource ? `line ${d.line}:${d.col}` : ''), ' ', el('span', { class: 'sev' }, `${d.severity}:`), ' ', d.message, ` [${d.code}]`);
      for (const n of d.notes) item.append(el('div', { class: 'note' }, `${n.line ? `line ${n.line}: ` : ''}${n.message}`));
      item.append(explanationBox(d));
      box.append(item);
    }
    if (v.path.length > 0) {
      const path = el('div', { class: 'path' });
      if (v.pathOmitted > 0) path.append(el('div', { class: 'row tline' }, `; ${v.pathOmitted} earlier instructions left out`));
      for (const g of v.path) {
        const where = g.line > 0 ? `; ${g.source} @ line ${g.line}` : '; (no line in this file)';
        path.append(el('div', { class: 'row tline', 'data-line': String(g.line) }, g.frame > 0 ? `${where} (in a called function, frame ${g.frame})` : where));
        for (const text of g.insns) path.append(el('div', { class: 'row', 'data-line': String(g.line) }, text));
        for (const b of g.branches) {
          const way = b.taken ? `jumps to ${b.to}` : `falls through to ${b.to}`;
          const why = b.decided ? 'the only way the state allows' : 'both ways were possible: this is the one that fails';
          path.append(el('div', { class: 'branch', 'data-line': String(g.line) }, `branch ${b.insn}: ${b.text} → ${way} (${why})`));
        }
        if (g.touched.length > 0) path.append(stateRow('regs', g.line, 'after this line', g.touched));
        if (g.atRejection) path.append(stateRow('regs at-rejection', g.line, 'at the rejected instruction', g.atRejection));
      }
      box.append(el('h4', {}, 'The path to the rejection'), path);
    }
    const download = el('button', { class: 'download-log', type: 'button' }, 'Download the kernel-format log');
    download.addEventListener('click', () => {
      const a = el('a', { href: URL.createObjectURL(new Blob([v.logText], { type: 'text/plain' })), download: `${v.name}.verifier.log` });
      a.click();
      URL.revokeObjectURL(a.href);
    });
    box.append(download);
    pane.append(box);
  }
}

// --- the Run pane ---------------------------------------------------------------------------------

function hexOf(bytes: readonly number[]): string {
  const rows: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) rows.push(bytes.slice(i, i + 16).map((b) => b.toString(16).padStart(2, '0')).join(' '));
  return rows.join('\n');
}

function parseHexBox(text: string): Uint8Array | undefined {
  const t = text.replace(/0x/gi, '').replace(/[\s,:]+/g, '');
  if (t.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(t)) return undefined;
  return Uint8Array.from({ length: t.length / 2 }, (_, i) => parseInt(t.slice(2 * i, 2 * i + 2), 16));
}

function specOf(form: HTMLFormElement): PacketSpec {
  const v = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
  const n = (name: string): number => (v(name) === '' ? NaN : Number(v(name)));
  return {
    ethDst: v('ethDst'), ethSrc: v('ethSrc'), vlan: v('vlan') === '' ? undefined : n('vlan'),
    l3: v('l3') as L3, etherType: n('etherType'), ipSrc: v('ipSrc'), ipDst: v('ipDst'), ttl: n('ttl'),
    l4: v('l4') as L4, srcPort: n('srcPort'), dstPort: n('dstPort'), tcpFlags: v('tcpFlags'),
    icmpType: n('icmpType'), icmpCode: n('icmpCode'), payloadHex: v('payloadHex'),
  };
}

function hexWithChanges(bytes: readonly number[], changed: readonly boolean[]): HTMLElement {
  const box = el('div', { class: 'hex' });
  bytes.forEach((b, i) => {
    if (i > 0) box.append(i % 16 === 0 ? '\n' : ' ');
    const h = b.toString(16).padStart(2, '0');
    box.append(changed[i] ? el('span', { class: 'changed' }, h) : h);
  });
  return box;
}

function mapsTable(maps: readonly MapView[]): HTMLElement {
  const box = el('div', { class: 'maps' });
  for (const m of maps) {
    const t = el('table', { 'data-map': m.name }, el('tr', {}, el('th', { colspan: '2' }, `${m.name} (${m.type}), ${m.entries.length} entr${m.entries.length === 1 ? 'y' : 'ies'}`)));
    for (const e of m.entries.slice(0, 64)) t.append(el('tr', {}, el('td', {}, e.key), el('td', {}, e.value)));
    if (m.entries.length > 64) t.append(el('tr', {}, el('td', { colspan: '2' }, `… ${m.entries.length - 64} more`)));
    box.append(t);
  }
  return box;
}

function renderRun(pane: HTMLElement, run: RunView | string): void {
  pane.replaceChildren();
  if (typeof run === 'string') {
    pane.append(el('p', { class: 'quiet', id: 'run-message' }, run));
    return;
  }
  pane.append(el('div', { class: `verdict${run.error ? ' error' : ''}`, id: 'run-verdict', 'data-retval': String(run.retval) },
    run.error ? `error${run.errorLine ? ` at line ${run.errorLine}` : ''}: ${run.error}` : `${run.program} returned ${run.verdict}`),
  el('div', { class: 'quiet' }, `${run.insnCount} instructions executed`));
  if (run.kernelRefusal) pane.append(el('p', { class: 'quiet' }, `note: ${run.kernelRefusal}; the page runs it anyway`));
  for (const line of run.printk) pane.append(el('div', { class: 'printk' }, `bpf_trace_printk: ${line}`));
  const grew = run.output.length - run.input.length;
  pane.append(el('h4', {}, `Output packet: ${run.output.length} bytes${grew ? ` (${grew > 0 ? '+' : ''}${grew})` : ''}, ${run.changed.filter(Boolean).length} changed`),
    hexWithChanges(run.output, run.changed));
  pane.append(el('h4', {}, 'Map changes'));
  if (run.mapChanges.length === 0) pane.append(el('p', { class: 'quiet' }, 'none'));
  else pane.append(el('ul', { id: 'map-changes' }, ...run.mapChanges.map((c) => el('li', {}, c))));
  pane.append(el('h4', {}, 'Maps before'), mapsTable(run.mapsBefore), el('h4', {}, 'Maps after'), mapsTable(run.mapsAfter));
  if (run.trace.length > 0) {
    const trace = el('div', { class: 'trace' });
    let last = -1;
    for (const t of run.trace) {
      if (t.line > 0 && t.line !== last) trace.append(el('div', { class: 'row tline', 'data-line': String(t.line) }, `; ${t.source} @ line ${t.line}`));
      if (t.line > 0) last = t.line;
      trace.append(el('div', { class: 'row', 'data-line': String(t.line) }, `${String(t.pc).padStart(5)}: ${t.changes ? `${t.text.padEnd(34)} ; ${t.changes}` : t.text}`));
    }
    pane.append(el('h4', {}, `Trace (${run.trace.length} instructions${run.traceCut ? ', cut' : ''}); hover a row to see its C line`), trace);
  }
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
    const line = g ? Number(g.dataset['line']) : 0;
    // The editor scrolls the linked line into view (it renders only the lines it shows).
    const scroll = line >= 1 && line <= view.state.doc.lines ? [EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'nearest' })] : [];
    view.dispatch({ effects: [setLinkedLine.of(g ? line : null), ...scroll] });
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

  const runPane = document.getElementById('run')!;
  const runResult = document.getElementById('run-result')!;
  const form = document.getElementById('packet') as HTMLFormElement;
  const hexBox = document.getElementById('packet-hex') as HTMLTextAreaElement;
  const packetNote = document.getElementById('packet-note')!;
  const programMenu = document.getElementById('run-program') as HTMLSelectElement;
  const pcapPackets = document.getElementById('pcap-packets') as HTMLSelectElement;
  let captured: Uint8Array[] = [];

  function fillFromBuilder(): void {
    const built = buildPacket(specOf(form));
    if (built.ok) {
      hexBox.value = hexOf(Array.from(built.bytes));
      packetNote.textContent = `${built.bytes.length} bytes from the builder`;
    } else packetNote.textContent = built.message;
  }
  form.addEventListener('input', fillFromBuilder);
  form.addEventListener('change', fillFromBuilder);
  fillFromBuilder();
  hexBox.addEventListener('input', () => {
    const bytes = parseHexBox(hexBox.value);
    packetNote.textContent = bytes ? `${bytes.length} bytes` : 'not hex bytes';
  });

  document.getElementById('pcap')!.addEventListener('change', (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    void file.arrayBuffer().then((buf) => {
      const r = packetsOfCapture(new Uint8Array(buf));
      if (typeof r === 'string') {
        packetNote.textContent = `pcap: ${r}`;
        return;
      }
      captured = r;
      pcapPackets.replaceChildren(...captured.map((p, i) => el('option', { value: String(i) }, `packet ${i + 1} (${p.length} bytes)`)));
      pcapPackets.hidden = captured.length === 0;
      if (captured[0]) {
        hexBox.value = hexOf(Array.from(captured[0]));
        packetNote.textContent = `${captured[0].length} bytes from ${file.name}`;
      }
    });
  });
  pcapPackets.addEventListener('change', () => {
    const p = captured[Number(pcapPackets.value)];
    if (p) hexBox.value = hexOf(Array.from(p));
  });

  document.getElementById('run-button')!.addEventListener('click', () => {
    const packet = parseHexBox(hexBox.value);
    if (!packet) {
      renderRun(runResult, 'the packet box does not hold hex bytes');
      return;
    }
    const trace = (document.getElementById('run-trace') as HTMLInputElement).checked;
    worker.postMessage({ kind: 'run', seq, program: programMenu.value, packet, trace } satisfies WorkerRequest);
  });
  document.getElementById('run-reset')!.addEventListener('click', () => {
    worker.postMessage({ kind: 'reset', seq } satisfies WorkerRequest);
  });
  runResult.addEventListener('mouseover', (e) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('.trace .row');
    for (const x of runResult.querySelectorAll('.row.linked')) x.classList.remove('linked');
    row?.classList.add('linked');
    view.dispatch({ effects: setLinkedLine.of(row ? Number(row.dataset['line']) : null) });
  });
  const verifierPane = document.getElementById('verifier')!;
  verifierPane.addEventListener('mouseover', (e) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('.path .row');
    for (const x of verifierPane.querySelectorAll('.row.linked')) x.classList.remove('linked');
    row?.classList.add('linked');
    view.dispatch({ effects: setLinkedLine.of(row ? Number(row.dataset['line']) : null) });
  });
  verifierPane.addEventListener('mouseleave', () => view.dispatch({ effects: setLinkedLine.of(null) }));
  runPane.addEventListener('mouseleave', () => view.dispatch({ effects: setLinkedLine.of(null) }));

  worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const msg = e.data;
    if (msg.kind === 'ran') {
      if (msg.seq !== seq) return;
      renderRun(runResult, msg.run);
      runResult.dataset['runs'] = String(Number(runResult.dataset['runs'] ?? 0) + 1);
      return;
    }
    if (msg.seq !== seq) return;
    last = msg.result;
    view.dispatch(setDiagnostics(view.state, toCmDiagnostics(last.diagnostics, view.state.doc.length)));
    renderProblems(problemsPane, last);
    renderVerifier(verifierPane, last);
    outputPane.replaceChildren(...last.programs.map(renderProgram));
    if (last.programs.length === 0) outputPane.append(el('p', { class: 'quiet' }, 'No object: see the problems.'));
    const chosen = programMenu.value;
    const runnable = last.programs.filter((p) => !p.section.startsWith('.'));
    programMenu.replaceChildren(...runnable.map((p) => el('option', { value: p.name }, `${p.name} (SEC("${p.section}"))`)));
    if (runnable.some((p) => p.name === chosen)) programMenu.value = chosen;
    const errors = last.diagnostics.filter((d) => d.severity === 'error').length;
    const rejected = last.verifier.filter((v) => !v.accepted).length;
    const verdict = !last.built ? `${errors} error${errors === 1 ? '' : 's'}`
      : rejected > 0 ? `built · the verifier rejects ${rejected} of ${last.verifier.length} program${last.verifier.length === 1 ? '' : 's'}`
      : `built · verified`;
    status.textContent = `${verdict} · compile ${last.compileMs.toFixed(0)} ms · verify ${last.verifyMs.toFixed(0)} ms`;
    status.dataset['seq'] = String(msg.seq);
    status.dataset['ok'] = String(last.ok);
    status.dataset['built'] = String(last.built);
    status.dataset['verifyMs'] = last.verifyMs.toFixed(1);
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
