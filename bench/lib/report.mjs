// The bench's table and its summary against the targets:
// insns, processed insns and ns/packet at most 1.0x clang; compile time at
// most 0.6x clang and within 1.2x of `node -e 0`.

export const TARGETS = {
  insns: 1.0,
  processedInsns: 1.0,
  nsPerPacket: 1.0,
  compileVsClang: 0.6,
  compileVsNode: 1.2,
};

function ratio(a, b) {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

function geomean(xs) {
  return xs.length === 0 ? undefined : Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

function metricSummary(ratios, target) {
  const rs = ratios.filter((r) => r !== undefined && r > 0);
  return {
    compared: rs.length,
    geomeanRatio: rs.length ? Number(geomean(rs).toFixed(3)) : undefined,
    worstRatio: rs.length ? Number(Math.max(...rs).toFixed(3)) : undefined,
    target,
    met: rs.filter((r) => r <= target).length,
  };
}

export function summarize(rows, results, nodeStartup) {
  const both = (key) => rows.map((r) => ratio(r.ebcc?.[key], r.clang?.[key]));
  const compiled = results.filter((s) => s.compilers.ebcc?.compile.ok);
  const nodeMs = nodeStartup.ok ? nodeStartup.medianMs : undefined;
  const failures = [];
  const packetChecks = { compared: 0, agreed: 0 };
  for (const r of rows) {
    for (const c of ['ebcc', 'clang']) if (r[c]?.error) failures.push(`${r.file}${r.program ? `:${r.program}` : ''} (${c}): ${r[c].error}`);
    const re = r.ebcc?.retval;
    const rc = r.clang?.retval;
    if (re !== undefined && rc !== undefined && re !== rc) failures.push(`${r.file}:${r.program}: return values differ on the bench packet (ebcc ${re}, clang ${rc})`);
    for (const [name, pe] of Object.entries(r.ebcc?.packets ?? {})) {
      const pc = r.clang?.packets?.[name];
      if (pc === undefined) continue;
      packetChecks.compared++;
      if (!pe.error && !pc.error && pe.retval === pc.retval && pe.dataOut === pc.dataOut) packetChecks.agreed++;
      if (pe.error || pc.error) failures.push(`${r.file}:${r.program}: test run of ${name} failed (${pe.error ? `ebcc: ${pe.error}` : `clang: ${pc.error}`})`);
      else if (pe.retval !== pc.retval) failures.push(`${r.file}:${r.program}: ${name}: return values differ (ebcc ${pe.retval}, clang ${pc.retval})`);
      else if (pe.dataOut !== pc.dataOut) failures.push(`${r.file}:${r.program}: ${name}: output packets differ`);
    }
  }
  return {
    insns: metricSummary(both('insns'), TARGETS.insns),
    processedInsns: metricSummary(both('processedInsns'), TARGETS.processedInsns),
    nsPerPacket: metricSummary(both('nsPerPacket'), TARGETS.nsPerPacket),
    compileVsClang: metricSummary(
      compiled.map((s) => (s.compilers.clang?.compile.ok ? ratio(s.compilers.ebcc.compile.medianMs, s.compilers.clang.compile.medianMs) : undefined)),
      TARGETS.compileVsClang,
    ),
    compileVsNode: metricSummary(compiled.map((s) => ratio(s.compilers.ebcc.compile.medianMs, nodeMs)), TARGETS.compileVsNode),
    packetChecks,
    failures,
  };
}

const fmt = {
  n: (x) => (x === undefined ? '' : String(x)),
  ms: (x) => (x === undefined ? '' : x.toFixed(0)),
  r: (x) => (x === undefined ? '' : `${x.toFixed(2)}x`),
  stack: (s) => (s === undefined ? '' : s.join('+')),
};

function cell(side, key, f) {
  if (side === undefined) return '';
  if (side[key] === undefined && side.error) return 'FAIL';
  return f(side[key]);
}

export function printReport({ rows, results, nodeStartup, summary, hasClang }) {
  const nodeMs = nodeStartup.ok ? nodeStartup.medianMs : undefined;
  const header = ['program', 'insns ebcc', 'clang', 'ratio', 'processed ebcc', 'clang', 'ratio', 'stack ebcc', 'clang',
    'ns/pkt ebcc', 'clang', 'ratio', 'compile ms ebcc', 'clang', 'ratio', 'ebcc/node'];
  const table = [header];
  const seenFile = new Set();
  for (const r of rows) {
    const first = !seenFile.has(r.file);
    seenFile.add(r.file);
    const s = results.find((x) => x.file === r.file);
    const ce = s.compilers.ebcc?.compile;
    const cc = s.compilers.clang?.compile;
    const ems = ce?.ok ? ce.medianMs : undefined;
    const cms = cc?.ok ? cc.medianMs : undefined;
    table.push([
      `${r.file.replace(/\.c$/, '')}:${r.program ?? '-'}`,
      cell(r.ebcc, 'insns', fmt.n), cell(r.clang, 'insns', fmt.n), fmt.r(ratio(r.ebcc?.insns, r.clang?.insns)),
      cell(r.ebcc, 'processedInsns', fmt.n), cell(r.clang, 'processedInsns', fmt.n), fmt.r(ratio(r.ebcc?.processedInsns, r.clang?.processedInsns)),
      cell(r.ebcc, 'stackDepthBytes', fmt.stack), cell(r.clang, 'stackDepthBytes', fmt.stack),
      cell(r.ebcc, 'nsPerPacket', fmt.n), cell(r.clang, 'nsPerPacket', fmt.n), fmt.r(ratio(r.ebcc?.nsPerPacket, r.clang?.nsPerPacket)),
      first ? (ce?.ok ? fmt.ms(ems) : 'FAIL') : '"',
      first ? (cc === undefined ? '' : cc.ok ? fmt.ms(cms) : 'FAIL') : '"',
      first ? fmt.r(ratio(ems, cms)) : '',
      first ? fmt.r(ratio(ems, nodeMs)) : '',
    ]);
  }
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  console.log('');
  for (const [i, row] of table.entries()) {
    console.log(row.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log(`\nnode -e 0: ${nodeMs === undefined ? 'failed' : `${nodeMs.toFixed(0)} ms (median of 10)`}; compile ms is per file (" = same file as above)`);
  console.log('\ntargets (ebcc / clang unless noted; geometric mean, worst, programs meeting the target):');
  const line = (label, m) =>
    console.log(`  ${label.padEnd(34)} target <= ${m.target.toFixed(1)}x: ${m.compared === 0 ? 'nothing to compare' : `geomean ${m.geomeanRatio.toFixed(2)}x, worst ${m.worstRatio.toFixed(2)}x, met ${m.met}/${m.compared}`}`);
  line('instructions', summary.insns);
  line('verifier processed instructions', summary.processedInsns);
  line('ns per packet', summary.nsPerPacket);
  if (hasClang) line('compile time vs clang', summary.compileVsClang);
  line('compile time vs node -e 0', summary.compileVsNode);
  console.log(`  packet results (return value and output bytes, ebcc = clang): ${summary.packetChecks.agreed}/${summary.packetChecks.compared} runs agree`);
  if (summary.failures.length > 0) {
    console.log('\nfailures:');
    for (const f of summary.failures) console.log(`  ${f}`);
  }
}
