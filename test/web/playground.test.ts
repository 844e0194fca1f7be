// The playground in a real browser (Debian's chromium, driven by playwright-core): it builds
// dist/web, opens it from file://, types programs, and checks what the panes show. Screenshots of
// each pane go to test-artifacts/web/. Without chromium the tests are skipped, loudly; with
// EBCC_REQUIRE_BROWSER=1 (CI) that is a failure instead.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_DIR } from '../util/compile.js';

const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
const ARTIFACTS = join(REPO_DIR, 'test-artifacts/web');
const PAGE_URL = pathToFileURL(join(REPO_DIR, 'dist/web/index.html')).href;
const available = existsSync(CHROMIUM);

if (!available) {
  const msg = `BROWSER TESTS SKIPPED: no chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (process.env['EBCC_REQUIRE_BROWSER'] === '1') throw new Error(msg);
  console.warn(`\n*** ${msg} ***\n`);
}

let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  execFileSync(process.execPath, [join(REPO_DIR, 'web/build.mjs')], { cwd: REPO_DIR, stdio: 'pipe' });
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--allow-file-access-from-files'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function seqOf(page: Page): Promise<number> {
  return page.locator('#status').evaluate((e: HTMLElement) => Number(e.dataset['seq'] ?? 0));
}

/** Waits until the status line reports an answer newer than `since` to the newest request. */
async function settled(page: Page, since = 0): Promise<{ ok: boolean; built: boolean; compileMs: number; verifyMs: number }> {
  await page.waitForFunction((after) => {
    const s = document.getElementById('status')!;
    return Number(s.dataset['seq'] ?? 0) > after && !s.textContent!.startsWith('compiling');
  }, since, { timeout: 180_000 });
  return page.locator('#status').evaluate((e: HTMLElement) => ({
    ok: e.dataset['ok'] === 'true', built: e.dataset['built'] === 'true', compileMs: Number(e.dataset['compileMs']), verifyMs: Number(e.dataset['verifyMs']),
  }));
}

/** Runs an action that changes the source and waits for the page to show the new answer. */
async function after(page: Page, action: () => Promise<unknown>): Promise<{ ok: boolean; built: boolean; compileMs: number; verifyMs: number }> {
  const since = await seqOf(page);
  await action();
  return settled(page, since);
}

async function replaceSource(page: Page, text: string): Promise<{ ok: boolean; built: boolean; compileMs: number; verifyMs: number }> {
  return after(page, async () => {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    // Typing over the selection replaces it in one edit: a Delete first would leave an empty
    // program that a busy machine can compile and report before the new text arrives.
    await page.keyboard.insertText(text);
  });
}

async function openPage(url = PAGE_URL): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await settled(page);
  expect(errors).toEqual([]);
  return page;
}

const BROKEN = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	return verdict;
}

char _license[] SEC("license") = "GPL";
`;

const BOUNDS = `#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int ttl(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *iph = data + sizeof(struct ethhdr);

	if (data + sizeof(struct ethhdr) > data_end)
		return XDP_PASS;
CHECK
	if (iph->ttl <= 1)
		return XDP_DROP;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
`;

// Generous limits: the page compiles in a worker, and a busy machine can take many seconds.
const PAGE_TEST_MS = 240_000;

describe.skipIf(!available)('the playground in chromium', () => {
  it('shows a diagnostic at its line, with the code and its explanation, and clears it when fixed', async () => {
    const page = await openPage();
    expect((await replaceSource(page, BROKEN)).ok).toBe(false);
    await expect.poll(() => page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    const squiggle = await page.locator('.cm-lintRange-error').first().evaluate((e) => e.closest('.cm-line')!.textContent);
    expect(squiggle).toBe('\treturn verdict;');
    await page.locator('.tabs button[data-pane=problems]').click();
    const problem = page.locator('.problem.error').first();
    expect(await problem.getAttribute('data-line')).toBe('7');
    expect(await problem.textContent()).toContain("use of undeclared identifier 'verdict'");
    await problem.locator('button.code').click();
    expect(await problem.locator('.explain').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'problems.png') });

    expect((await replaceSource(page, BROKEN.replace('return verdict;', 'return XDP_PASS;'))).ok).toBe(true);
    expect(await page.locator('.cm-lintRange-error').count()).toBe(0);
    await page.close();
  }, PAGE_TEST_MS);

  it('compiles samples/l4lb.c, lists its instructions by C line, and links lines both ways', async () => {
    const page = await openPage();
    expect((await replaceSource(page, readFileSync(join(REPO_DIR, 'samples/l4lb.c'), 'utf8'))).ok).toBe(true);
    const groups = page.locator('#output .group');
    expect(await groups.count()).toBeGreaterThan(50);
    expect(await page.locator('#output .program h3').first().textContent()).toMatch(/SEC\("xdp"\) · \d+ insns · stack \d+ bytes/);
    // Hovering a group of instructions highlights its C line in the editor, scrolled into view.
    const group = groups.nth(10);
    const line = Number(await group.getAttribute('data-line'));
    await group.hover();
    const linked = await page.locator('.cm-linked-line').textContent();
    expect(linked!.trim()).toBe((await group.locator('.cline').textContent())!.replace(/^\d+: /, ''));
    expect(line).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'output.png') });

    // Compile plus verify time after the first run: the best of three edits.
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await after(page, async () => {
        await page.locator('.cm-content').click();
        await page.keyboard.press('Control+End');
        await page.keyboard.insertText(`\n// edit ${i}\n`);
      });
      expect(r.ok).toBe(true);
      times.push(r.compileMs + r.verifyMs);
    }
    const best = Math.min(...times);
    const load = loadavg()[0]!;
    console.log(`playground: samples/l4lb.c compiles and verifies in ${best.toFixed(0)} ms after the first run (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms; load average ${load.toFixed(1)} on ${cpus().length} CPUs)`);
    // A time says little on a machine busy with other work; the figure is printed either way.
    if (load < cpus().length) expect(best).toBeLessThan(300);
    else console.warn(`*** playground compile+verify time NOT ASSERTED: load average ${load.toFixed(1)} on ${cpus().length} CPUs ***`);
    await page.close();
  }, PAGE_TEST_MS);

  it('reproduces the source from a shared link', async () => {
    const page = await openPage();
    const source = BROKEN.replace('return verdict;', 'return XDP_DROP; /* shared */');
    await replaceSource(page, source);
    await page.locator('#share').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#code=/);
    const url = await page.evaluate(() => location.href);
    await page.close();
    const again = await openPage(url);
    expect(await again.evaluate(() => document.querySelector('.cm-content')!.textContent)).toContain('return XDP_DROP; /* shared */');
    await again.close();
  }, PAGE_TEST_MS);

  it('shows a missing bounds check as a verifier rejection at its line, with the path and a log, and accepts the fix', async () => {
    const page = await openPage();
    const r = await replaceSource(page, BOUNDS.replace('CHECK\n', ''));
    expect([r.built, r.ok]).toEqual([true, false]);
    await expect.poll(() => page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    const squiggle = await page.locator('.cm-lintRange-error').first().evaluate((e) => e.closest('.cm-line')!.textContent);
    expect(squiggle).toBe('\tif (iph->ttl <= 1)');
    await page.locator('.tabs button[data-pane=verifier]').click();
    const box = page.locator('#verifier .verdict-box[data-program=ttl]');
    expect(await box.getAttribute('data-accepted')).toBe('false');
    const problem = box.locator('.problem.error').first();
    expect(await problem.getAttribute('data-line')).toBe('15');
    expect(await problem.getAttribute('data-code')).toMatch(/^V1\d{3}$/);
    expect(await problem.textContent()).toContain('packet');
    expect(await box.locator('.path .row:not(.tline)').count()).toBeGreaterThan(3);
    expect(await box.locator('.path .tline[data-line="15"]').count()).toBe(1);
    // Under each C line: the registers it left, the branch taken, and at the failing line the
    // state the access was checked in (the packet pointer proven for 14 bytes, read at 22).
    expect(await box.locator('.path .regs[data-line="11"]').textContent()).toContain('R2=pkt(off=14,r=0)');
    const branch = await box.locator('.path .branch[data-line="13"]').textContent();
    // Which way the failing path goes depends on the block layout: either form names the branch.
    expect(branch).toMatch(/^branch \d+: if r\d (<=|>) r\d goto pc\+\d+ → (jumps to|falls through to) \d+ \(both ways were possible: this is the one that fails\)$/);
    expect(await box.locator('.path .regs[data-line="13"]').textContent()).toContain('R2=pkt(off=14,r=14)');
    const atRejection = await box.locator('.path .regs.at-rejection[data-line="15"]').textContent();
    expect(atRejection).toMatch(/^at the rejected instruction: .*R0=pkt\(r=14\)/);
    expect(await box.locator('.path .regs.at-rejection').count()).toBe(1);
    const download = page.waitForEvent('download');
    await box.locator('.download-log').click();
    const file = await (await download).path();
    const log = readFileSync(file, 'utf8');
    expect(log).toMatch(/^; program ttl\n0: R1=ctx\(\) R10=fp0\n[\s\S]*\nprocessed \d+ insns/);
    // The form bpfvv reads: source lines, and each instruction with the registers it touched.
    expect(log).toContain('\n; if (iph->ttl <= 1) @ prog.c:15\n');
    expect(log).toMatch(/\n3: \(07\) r2 \+= 14 +; R2=pkt\(off=14,r=0\)\n/);
    // The state after the bounds check: on a "from 4 to N" line where the failing path jumps, on
    // the next instruction's line where it falls through.
    expect(log).toMatch(/\n(from 4 to \d+|5): R0=pkt\(r=14\) R1=pkt_end\(\) R2=pkt\(off=14,r=14\) R10=fp0\n/);
    await box.locator('.path .regs.at-rejection').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'verifier.png') });

    const fixed = await replaceSource(page, BOUNDS.replace('CHECK', '\tif ((void *)(iph + 1) > data_end)\n\t\treturn XDP_PASS;'));
    expect([fixed.built, fixed.ok]).toEqual([true, true]);
    expect(await page.locator('#verifier .verdict-box[data-program=ttl]').getAttribute('data-accepted')).toBe('true');
    expect(await page.locator('#status').textContent()).toMatch(/^built · verified · compile \d+ ms · verify \d+ ms$/);
    expect(await page.locator('.cm-lintRange-error').count()).toBe(0);
    await page.close();
  }, PAGE_TEST_MS);

  it('runs a packet in the Run pane: the verdict, the map change, and the trace tied to C lines', async () => {
    const page = await openPage();
    expect((await replaceSource(page, readFileSync(join(REPO_DIR, 'samples/xdp_count.c'), 'utf8'))).ok).toBe(true);
    await page.locator('.tabs button[data-pane=run]').click();
    expect(await page.locator('#run-program option').allTextContents()).toEqual(['xdp_count (SEC("xdp"))', 'xdp_count_all (SEC("xdp"))']);
    // The builder fills the hex box: an IPv4 TCP packet with TTL 1, which xdp_count drops.
    await page.locator('#packet input[name=ttl]').fill('1');
    expect(await page.locator('#packet-hex').inputValue()).toMatch(/^02 00 00 00 00 02 02 00 00 00 00 01 08 00 45/);
    const runs = async (): Promise<number> => page.locator('#run-result').evaluate((e: HTMLElement) => Number(e.dataset['runs'] ?? 0));
    const run = async (): Promise<void> => {
      const before = await runs();
      await page.locator('#run-button').click();
      await expect.poll(runs, { timeout: 60_000 }).toBeGreaterThan(before);
    };
    await run();
    expect(await page.locator('#run-verdict').textContent()).toBe('xdp_count returned XDP_DROP (1)');
    expect(await page.locator('#map-changes li').allTextContents()).toEqual([
      'ethertype_count[00080000]: added 0100000000000000',
      'drop_stats[01000000]: 0000000000000000 -> 0100000000000000',
    ]);
    expect(await page.locator('.trace .row').count()).toBeGreaterThan(10);
    // Hovering a trace row highlights its C line in the editor.
    const row = page.locator('.trace .row:not(.tline)[data-line="61"]').first();
    await row.hover();
    expect((await page.locator('.cm-linked-line').textContent())!.trim()).toBe('if (iph->ttl == 1) {');
    await page.screenshot({ path: join(ARTIFACTS, 'run.png') });

    // A second run adds to the same map; a reset empties it.
    await run();
    expect(await page.locator('#map-changes li').first().textContent()).toBe('ethertype_count[00080000]: 0100000000000000 -> 0200000000000000');
    await page.locator('#run-reset').click();
    await expect.poll(() => page.locator('#run-message').textContent()).toBe('maps emptied');
    await page.locator('#packet-hex').fill('01 02 03');
    await run();
    expect(await page.locator('#run-verdict').textContent()).toBe('xdp_count returned XDP_PASS (2)');
    expect(await page.locator('#map-changes li').allTextContents()).toEqual(['drop_stats[00000000]: 0000000000000000 -> 0100000000000000']);
    await page.close();
  }, PAGE_TEST_MS);

  it('loads every lesson from the menu', async () => {
    const page = await openPage();
    const labels = await page.locator('#examples option').allTextContents();
    expect(labels.filter((l) => l.startsWith('lesson:')).length).toBeGreaterThanOrEqual(14);
    expect((await after(page, () => page.selectOption('#examples', { label: 'lesson: The 512-byte stack (broken)' }))).ok).toBe(false);
    expect(await page.locator('#lesson').textContent()).toContain('512 bytes of stack');
    await page.locator('.tabs button[data-pane=problems]').click();
    expect(await page.locator('.problem[data-code=E5010]').count()).toBe(1);
    expect((await after(page, () => page.selectOption('#examples', { label: 'lesson: The 512-byte stack (fixed)' }))).ok).toBe(true);
    await page.close();
  }, PAGE_TEST_MS);
});
