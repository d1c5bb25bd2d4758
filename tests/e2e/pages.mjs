// Browser tests of the public pages in Debian's Chromium: search, an initiative, a
// verification link, an upload, the language switch, the print view, and an axe-core audit
// (WCAG 2.1 A and AA) of every page type in both languages.
// Usage: node pages.mjs BASE_URL CREDENTIAL_FILE [SCREENSHOT_DIR]
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  await Promise.all([plain.waitForNavigation(), plain.click('form.verify button[type=submit]')]);
  assert.match(await plain.textContent('.verdict .state'), /Valid/);
  assert.match(await plain.textContent('table'), /signature/);
  await noScript.close();
});

// Only a credential that was found and failed is "not genuine": a photo of the certificate
// or an empty form is told what it is, and what works instead, in the page's language.
const uploads = mkdtempSync(join(tmpdir(), 'siegel-uploads-'));
const photo = join(uploads, 'urkunde.png');
writeFileSync(photo, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
const tampered = join(uploads, 'tampered.json');
writeFileSync(tampered, JSON.stringify({ ...credential, name: `${credential.name} (forged)` }));
// The registry's own printed certificate, as the certificate page offers it for download.
const urkunde = join(uploads, 'urkunde.pdf');
const pdfAnswer = await fetch(`${base}/certificates/${certificateId}.pdf?lang=de`);
assert.equal(pdfAnswer.headers.get('content-type'), 'application/pdf');
writeFileSync(urkunde, Buffer.from(await pdfAnswer.arrayBuffer()));
const verdicts = {
  de: { pdf: ['Gültig', /Geprüft wurde die signierte Urkunde, die die PDF-Datei als Anhang enthält/],
        photo: ['Keine Urkunden-Datei', /Das ist ein Bild, etwa ein Foto oder ein Scan der Urkunde/],
        empty: ['Keine Urkunden-Datei', /Es wurde keine Datei gewählt und kein Inhalt eingefügt/],
        tampered: ['Nicht echt', /Diese Datei ist keine echte Urkunde dieses Registers/] },
  en: { pdf: ['Valid', /What was checked is the signed certificate the PDF file carries/],
        photo: ['Not a certificate file', /This is an image, such as a photo or a scan of the certificate/],
        empty: ['Not a certificate file', /No file was chosen and nothing was pasted/],
        tampered: ['Not genuine', /This file is not a genuine certificate of this registry/] },
};
for (const lang of ['de', 'en']) {
  for (const [what, file] of [['pdf', urkunde], ['photo', photo], ['empty', null], ['tampered', tampered]]) {
    await test(`an upload of ${what === 'empty' ? 'nothing' : `a ${what} file`} gets its verdict (${lang})`, async () => {
      await page.goto(`${base}/verify?lang=${lang}`);
      if (file) await page.setInputFiles('input[type=file]', file);
      await Promise.all([page.waitForNavigation(), page.click('form.verify button[type=submit]')]);
      const [state, meaning] = verdicts[lang][what];
      assert.equal((await page.textContent('.verdict .state')).replace(/^\W+/u, '').trim(), state);
      assert.match(await page.textContent('.verdict'), meaning);
      if (what !== 'tampered') await auditPage(page, `the answer to ${what} (${lang})`);
    });
  }
}

await test('a typed certificate number opens its verification page', async () => {
  await page.goto(`${base}/?lang=en`);
  await page.getByRole('navigation').getByRole('link', { name: 'Check a certificate' }).click();
  assert.equal(new URL(page.url()).pathname, '/verify');
  await page.goto(`${base}/?lang=de`);
  await page.getByRole('link', { name: /Prüfen Sie sie mit ihrer Nummer oder ihrer Datei/ }).click();
  assert.equal(new URL(page.url()).pathname, '/verify');
  await page.goto(`${base}/verify?lang=en`);
  await page.getByLabel('Certificate number').fill(` ${certificateId.toLowerCase()} `);
  await Promise.all([page.waitForNavigation(), page.click('form.lookup button[type=submit]')]);
  assert.equal(new URL(page.url()).pathname, `/verify/${certificateId}`);
  assert.match(await page.textContent('.verdict .state'), /Valid/);
});

await test('the date field answers for that day, before and after the revocation', async () => {
  await page.goto(`${base}/?lang=en&status=revoked`);
  await page.getByRole('link', { name: /CEBW-/ }).first().click();
  const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
  // The demo issued and revoked it today: tomorrow it is revoked, yesterday not issued yet.
  for (const [date, state] of [[day(1), 'Revoked'], [day(-1), 'Not yet issued']]) {
    await page.getByLabel('Valid on another day?').fill(date);
    await Promise.all([page.waitForNavigation(), page.click('form.at button[type=submit]')]);
    assert.equal(new URL(page.url()).searchParams.get('at'), date);
    assert.equal((await page.textContent('.verdict .state')).replace(/^\W+/u, '').trim(), state);
    assert.match(await page.textContent('.verdict .as-of'), /^As on \d{1,2} \w+ \d{4}, 0[12]:00 CES?T$/);
  }
  await auditPage(page, 'a verification page for a past day');
  await page.getByRole('link', { name: 'As today' }).click();
  assert.equal((await page.textContent('.verdict .state')).replace(/^\W+/u, '').trim(), 'Revoked');
});

for (const lang of ['de', 'en']) {
  await test(`the result page of an upload passes the accessibility audit (${lang})`, async () => {
    await page.goto(`${base}/verify?lang=${lang}`);
    await page.setInputFiles('input[type=file]', credentialFile);
    await Promise.all([page.waitForNavigation(), page.click('form.verify button[type=submit]')]);
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

await test('the certificate page links its PDF, in the page\'s language', async () => {
  for (const [lang, name] of [['de', /Urkunde als PDF/], ['en', /The certificate as PDF/]]) {
    await page.goto(`${base}/certificates/${certificateId}?lang=${lang}`);
    const href = await page.getByRole('link', { name }).getAttribute('href');
    assert.equal(href, `/certificates/${certificateId}.pdf?lang=${lang}`);
    const answer = await fetch(`${base}${href}`);
    assert.equal(answer.headers.get('content-type'), 'application/pdf');
    assert.equal(answer.headers.get('content-disposition'), `inline; filename="${certificateId}-${lang}.pdf"`);
  }
});

await test('an initiative page offers a badge that follows its current certificate', async () => {
  await page.goto(`${base}/initiatives/demo-mikrosystemtechnik-suedwest?lang=de`);
  for (const badge of await page.locator('section.embed img').all()) {  // the pill and the seal
    assert.match(await badge.getAttribute('alt'), /^Cluster-Exzellenz Baden-Württemberg, Status und Gültigkeit von /);
    assert.ok(await badge.evaluate((img) => img.complete && img.naturalWidth > 100), 'the badge loads');
  }
  assert.equal(await page.locator('section.embed img').count(), 2);
  assert.match(await page.textContent('pre.snippet'), /\/initiatives\/demo-mikrosystemtechnik-suedwest\/verify\?lang=de/);
  // The demo initiative was renewed: its badge and link show the renewal, valid until its end.
  const svg = await (await fetch(`${base}/initiatives/demo-mikrosystemtechnik-suedwest/badge/ce-bw.svg?lang=de`)).text();
  assert.match(svg, /<title>Cluster-Exzellenz BW: ✔ Gültig bis \d{2}\.\d{2}\.\d{4}<\/title>/);
  await page.goto(`${base}/initiatives/demo-mikrosystemtechnik-suedwest/verify?lang=en`);
  assert.match(new URL(page.url()).pathname, /^\/verify\/CEBW-/);
  assert.match(await page.textContent('.verdict .state'), /Valid/);
  await auditPage(page, 'the initiative link');
});

await test('a browser gets error pages in its language, an API client problem+json', async () => {
  for (const [lang, heading] of [['de', 'Seite nicht gefunden'], ['en', 'Page not found']]) {
    const answer = await page.goto(`${base}/no/such/page?lang=${lang}`);
    assert.equal(answer.status(), 404);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.textContent('h1'), heading);
    assert.equal(await page.title(), `${heading} – Siegel`);
  }
  const answer = await page.goto(`${base}/api/v1/certificates/${certificateId}/status?at=never&lang=en`);
  assert.equal(answer.status(), 400);
  assert.equal(await page.textContent('h1'), 'Request not understood');
  const api = await fetch(`${base}/no/such/page`);
  assert.equal(api.status, 404);
  assert.equal(api.headers.get('content-type'), 'application/problem+json');
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
  'error-404': '/no/such/page',
  'error-400': `/api/v1/certificates/${certificateId}/status?at=never`,
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

// Phones: a verification page is reached by QR code; no public page may scroll sideways at
// 360 px. Each page type in both languages, plus an upload's result and an error page.
const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 1 });
const small = await phone.newPage();
const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const large = await wide.newPage();
for (const lang of ['de', 'en']) {
  const paths = { ...pageTypes, 'error-page': '/no/such/page' };
  for (const [name, path] of Object.entries(paths)) {
    await test(`nothing scrolls sideways at 360 px on ${name} (${lang})`, async () => {
      const url = `${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
      await small.goto(url, { waitUntil: 'load' });
      // Folded parts (log proofs, the checkpoint) open too: they hold the longest words.
      await small.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const [scroll, width] = await small.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scroll <= width, `${path}: ${scroll} px wide at ${width} px`);
      if (screenshotDir && lang === 'de') {  // the phone and desktop views, in German
        await small.screenshot({ path: `${screenshotDir}/${name}-${lang}-360.png`, fullPage: true });
        await large.goto(url, { waitUntil: 'load' });
        await large.screenshot({ path: `${screenshotDir}/${name}-${lang}-1280.png`, fullPage: true });
      }
    });
  }
  await test(`nothing scrolls sideways at 360 px on an upload's result (${lang})`, async () => {
    await small.goto(`${base}/verify?lang=${lang}`);
    await small.setInputFiles('input[type=file]', tampered);
    await Promise.all([small.waitForNavigation(), small.click('form.verify button[type=submit]')]);
    await small.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    const [scroll, width] = await small.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `the upload result: ${scroll} px wide at ${width} px`);
  });
}
await phone.close();
await wide.close();

await browser.close();
console.log(`e2e: ${runner.passed} passed, ${runner.failures.length} failed`);
process.exit(runner.failures.length === 0 ? 0 : 1);
