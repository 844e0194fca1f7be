// The bench's table and its summary against the targets (ebcc / clang-19 from
// the same run): instruction slots at most 1.0x as a geometric mean and 1.15x
// for any program; verifier processed instructions at most 0.95x and 1.2x;
// stack depth at most clang's on every program; ns per packet at most 1.0x;
// whole-process compile time at most 1.5x clang's, and for the trivial
// program (bench/programs/xdp_pass.c) at most 1.3x `node -e 0`.

export const TARGETS = {
  insns: { geomean: 1.0, worst: 1.15 },
  processedInsns: { geomean: 0.95, worst: 1.2 },
  nsPerPacket: { geomean: 1.0 },
  compileVsClang: { geomean: 1.5, worst: 1.5 },
  compileVsNode: { geomean: 1.3, worst: 1.3 },
};

/** The program whose compile time is held against `node -e 0`. */
export const TRIVIAL_PROGRAM = 'xdp_pass.c';

function ratio(a, b) {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

function geomean(xs) {
  return xs.length === 0 ? undefined : Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

function metricSummary(ratios, target) {
  const rs = ratios.filter((r) => r !== undefined && r > 0);
  const limit = target.worst ?? target.geomean;
  const geo = rs.length ? geomean(rs) : undefined;
  const worst = rs.length ? Math.max(...rs) : undefined;
  return {
    compared: rs.length,
    geomeanRatio: geo === undefined ? undefined : Number(geo.toFixed(3)),
    worstRatio: worst === undefined ? undefined : Number(worst.toFixed(3)),
    target,
    met: rs.filter((r) => r <= limit).length,
    targetMet: rs.length > 0 && geo <= target.geomean && (target.worst === undefined || worst <= target.worst),
  };
}

function stackSummary(rows) {
  const both = rows.filter((r) => r.ebcc?.stackDepthBytes !== undefined && r.clang?.stackDepthBytes !== undefined);
  const deeper = both.filter((r) => Math.max(...r.ebcc.stackDepthBytes) > Math.max(...r.clang.stackDepthBytes));
  return { compared: both.length, deeper: deeper.map((r) => `${r.file}:${r.program}`), targetMet: both.length > 0 && deeper.length === 0 };
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
    compileVsNode: metricSummary(
      compiled.filter((s) => s.file === TRIVIAL_PROGRAM).map((s) => ratio(s.compilers.ebcc.compile.medianMs, s.nodeMs ?? nodeMs)),
      TARGETS.compileVsNode,
    ),
    stack: stackSummary(rows),
    packetChecks,
    failures,
  };
}

const fmt = {
  n: (x) => (x === undefined ? '' : String(x)),
  ms: (x) => (x === undefined ? '' : x.toFixed(0)),
  spread: (t) => `${t.medianMs.toFixed(0)} (${t.minMs.toFixed(0)}-${t.maxMs.toFixed(0)})`,
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
      first ? (ce?.ok ? fmt.spread(ce) : 'FAIL') : '"',
      first ? (cc === undefined ? '' : cc.ok ? fmt.spread(cc) : 'FAIL') : '"',
      first ? fmt.r(ratio(ems, cms)) : '',
      first ? fmt.r(ratio(ems, s.nodeMs ?? nodeMs)) : '',
    ]);
  }
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  console.log('');
  for (const [i, row] of table.entries()) {
    console.log(row.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  const runs = results.find((s) => s.compilers.ebcc?.compile.ok)?.compilers.ebcc.compile.runs;
  console.log(`\ncompile ms: whole processes, median (min-max) of ${runs ?? '?'} runs per file, taking turns with clang and \`node -e 0\`; " = same file as above`);
  console.log(`node -e 0: ${nodeStartup.ok ? `${fmt.spread(nodeStartup)} ms over all rounds; ebcc/node compares with the rounds of the same file` : 'failed'}`);
  console.log('\ntargets (ebcc / clang unless noted; geometric mean, worst, programs within the per-program limit):');
  const line = (label, m) => {
    const limits = `geomean <= ${m.target.geomean.toFixed(2)}x${m.target.worst === undefined ? '' : `, each <= ${m.target.worst.toFixed(2)}x`}`;
    const got = m.compared === 0 ? 'nothing to compare' : `geomean ${m.geomeanRatio.toFixed(2)}x, worst ${m.worstRatio.toFixed(2)}x, ${m.met}/${m.compared} within; ${m.targetMet ? 'met' : 'NOT met'}`;
    console.log(`  ${label.padEnd(38)} ${limits.padEnd(34)} ${got}`);
  };
  line('instruction slots', summary.insns);
  line('verifier processed instructions', summary.processedInsns);
  line('ns per packet', summary.nsPerPacket);
  if (hasClang) line('compile time vs clang', summary.compileVsClang);
  line(`compile time vs node -e 0 (${TRIVIAL_PROGRAM})`, summary.compileVsNode);
  const st = summary.stack;
  console.log(`  ${'stack depth'.padEnd(38)} ${'<= clang on every program'.padEnd(34)} ${st.compared === 0 ? 'nothing to compare' : `${st.compared - st.deeper.length}/${st.compared} within; ${st.targetMet ? 'met' : `NOT met (${st.deeper.join(', ')})`}`}`);
  console.log(`  packet results (return value and output bytes, ebcc = clang): ${summary.packetChecks.agreed}/${summary.packetChecks.compared} runs agree`);
  if (summary.failures.length > 0) {
    console.log('\nfailures:');
    for (const f of summary.failures) console.log(`  ${f}`);
  }
}
