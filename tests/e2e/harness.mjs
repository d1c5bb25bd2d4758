// What both browser tests share: Debian's Chromium, a tiny test runner that reports TAP-like
// lines, and the axe-core WCAG 2.1 A/AA audit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

export function testRunner() {
  const results = { passed: 0, failures: [] };
  results.test = async (name, body) => {
    try {
      await body();
      results.passed++;
      console.log(`ok - ${name}`);
    } catch (error) {
      results.failures.push(name);
      console.log(`not ok - ${name}\n  ${String(error.stack || error).split('\n').join('\n  ')}`);
    }
  };
  return results;
}

// Audits the page as it is now; axe is injected as a script, so the context must bypass CSP.
export async function auditPage(page, what) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
  assert.deepEqual(violations, [], `${what} has accessibility violations`);
}
