// Browser tests of the public pages in Debian's Chromium: search, an initiative, a
// verification link, an upload, the language switch, the print view, and an axe-core audit
// (WCAG 2.1 A and AA) of every page type in both languages.
// Usage: node pages.mjs BASE_URL CREDENTIAL_FILE [SCREENSHOT_DIR]
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { auditPage, launchBrowser, testRunner } from './harness.mjs';

const [base, credentialFile, screenshotDir] = process.argv.slice(2);
const browser = await launchBrowser();
// axe is injected as a script, which the pages' CSP rightly forbids; the audit bypasses it.
const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
const page = await context.newPage();
const runner = testRunner();
const { test } = runner;

async function audit(url) {
  await page.goto(url);
  await auditPage(page, url);
}

const credential = JSON.parse(readFileSync(credentialFile, 'utf8'));
const certificateId = credential.id.split('/').pop();

await test('search finds an initiative and opens it', async () => {
  await page.goto(`${base}/?lang=en`);
  await page.getByLabel('Name or certificate number').fill('Photonik');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { name: 'Results (1)' }).waitFor();
  await page.getByRole('link', { name: /Photonik Nordschwarzwald/ }).click();
  await page.getByRole('heading', { level: 1, name: /Photonik Nordschwarzwald/ }).waitFor();
  assert.match(await page.textContent('table'), /issued/);
});

await test('a verification link tells the status at a glance', async () => {
  await page.goto(`${base}/verify/${certificateId}?lang=en`);
  assert.match(await page.textContent('.verdict .state'), /Valid/);
  await page.goto(`${base}/?lang=en&status=revoked`);
  await page.getByRole('link', { name: /CEBW-/ }).first().click();
  assert.match(await page.textContent('.verdict .state'), /Revoked/);
});

await test('an uploaded credential file is checked without JavaScript', async () => {
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(`${base}/verify?lang=en`);
  await plain.setInputFiles('input[type=file]', credentialFile);
  await Promise.all([plain.waitForNavigation(), plain.click('button[type=submit]')]);
  assert.match(await plain.textContent('.verdict .state'), /Valid/);
  assert.match(await plain.textContent('table'), /signature/);
  await noScript.close();
});

for (const lang of ['de', 'en']) {
  await test(`the result page of an upload passes the accessibility audit (${lang})`, async () => {
    await page.goto(`${base}/verify?lang=${lang}`);
    await page.setInputFiles('input[type=file]', credentialFile);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    await auditPage(page, `the upload result (${lang})`);
    if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/verify-result-${lang}.png`, fullPage: true });
  });
}

await test('the language switch changes the page and <html lang>', async () => {
  await page.goto(`${base}/verify/${certificateId}?lang=de`);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page.getByRole('link', { name: 'English' }).click();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('h1'), /Quality label check/);
});

await test('the certificate prints without navigation, with its QR code', async () => {
  await page.goto(`${base}/certificates/${certificateId}?lang=de`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.$eval('header.site', (e) => getComputedStyle(e).display), 'none');
  assert.equal(await page.$eval('.no-print', (e) => getComputedStyle(e).display), 'none');
  assert.ok(await page.isVisible('.qr svg'));
  await page.emulateMedia({ media: 'screen' });
});

const pageTypes = {
  home: '/',
  initiative: '/initiatives/demo-photonik-nordschwarzwald',
  certificate: `/certificates/${certificateId}`,
  verify: `/verify/${certificateId}`,
  'verify-unknown': '/verify/CEBW-0000-0000',
  about: '/about',
  imprint: '/imprint',
  log: '/log',
};
for (const lang of ['de', 'en']) {
  for (const [name, path] of Object.entries(pageTypes)) {
    await test(`axe finds no WCAG 2.1 A/AA violation on ${name} (${lang})`, async () => {
      const url = `${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
      await audit(url);
      if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/${name}-${lang}.png`, fullPage: true });
    });
  }
}

await browser.close();
console.log(`e2e: ${runner.passed} passed, ${runner.failures.length} failed`);
process.exit(runner.failures.length === 0 ? 0 : 1);
