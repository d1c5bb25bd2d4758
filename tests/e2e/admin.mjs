// Browser test of the staff workflow in Debian's Chromium, in German (the staff pages' language
// for a new account), each person in their own browser context: an editor creates an initiative and records its assessment, one issuer proposes,
// another approves, and the public verification page and badge follow every later suspension,
// reinstatement and revocation. Every staff page passes an axe-core WCAG 2.1 A/AA audit.
// Usage: node admin.mjs BASE_URL PASSWORD [SCREENSHOT_DIR]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { auditPage, launchBrowser, testRunner } from './harness.mjs';

const [base, password, screenshotDir] = process.argv.slice(2);
const browser = await launchBrowser();
const runner = testRunner();
const { test } = runner;

// Signs in through the form, as a person would, in a fresh browser context.
async function signIn(username) {
  // A clerk's browser in Baden-Württemberg asks for German; the account's pages are German too.
  const context = await browser.newContext({ bypassCSP: true, locale: 'de-DE', viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/admin`);
  assert.match(page.url(), /\/admin\/sign-in\?next=/, 'an anonymous visitor is sent to sign in');
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Passwort').fill(password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Anmelden' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/admin');
  return page;
}

async function signOut(page) {
  const button = page.getByRole('button', { name: /^(Abmelden|Sign out)$/ });
  await Promise.all([page.waitForNavigation(), button.click()]);
  assert.match(page.url(), /\/admin\/sign-in/);
  await page.context().close();
}

async function audit(page, name) {
  await auditPage(page, name);
  if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/admin-${name}.png`, fullPage: true });
}

// The approval button of the test's own initiative (the demo has open proposals of its own).
function approveButton(page) {
  return page.getByRole('row').filter({ hasText: 'E2E-Netzwerk Photonik' })
    .getByRole('button', { name: 'Freigeben und unterschreiben' });
}

async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), button.click()]);
}

// What the public sees: the verification page's verdict and the badge's text.
async function publicState(id) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/verify/${id}?lang=en`);
  const verdict = (await page.textContent('.verdict .state')).trim();
  const badge = await (await fetch(`${base}/badge/${id}.svg?lang=en`)).text();
  await context.close();
  return { verdict, badge };
}

const today = new Date().toISOString().slice(0, 10);
const inTwoYears = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`;
let certificateId = '';

await test('an editor creates an initiative and records its assessment', async () => {
  const page = await signIn('ed');
  await page.getByRole('link', { name: 'Initiativen', exact: true }).click();
  await page.getByLabel(/Kurzname für Adressen/).fill('e2e-photonik');
  await page.getByLabel('Name', { exact: true }).fill('E2E-Netzwerk Photonik (fiktiv)');
  // Regions come from a list (the public filters rely on it).
  await page.getByRole('combobox', { name: /^Region/ }).selectOption('Regierungsbezirk Karlsruhe');
  await page.getByLabel('Photonik').check();
  await page.getByLabel(/E-Mail-Adresse der Kontaktperson/).fill('kontakt@e2e-photonik.example');
  await submit(page, page.getByRole('button', { name: 'Initiative anlegen' }));
  assert.match(await page.textContent('[role=status]'), /Initiative wurde angelegt/);
  await page.getByLabel('Gutachter (Organisation)').fill('ESCA (fiktiv)');
  // A slip first: the last day before the first. The form comes back with the sentence beside
  // the day and everything typed still there.
  await page.getByLabel('Erster Tag der Begutachtung').fill('2026-01-09');
  await page.getByLabel('Letzter Tag der Begutachtung').fill('2026-01-05');
  await page.getByLabel('Beiratsbeschluss: Aktenzeichen').fill('Beirat 1/2026');
  await submit(page, page.getByRole('button', { name: 'Begutachtung erfassen' }));
  assert.equal(await page.textContent('#err-assessedOn'),
    'Die Begutachtung kann nicht enden, bevor sie beginnt: Der letzte Tag liegt vor dem ersten.');
  assert.equal(await page.getByLabel('Gutachter (Organisation)').inputValue(), 'ESCA (fiktiv)');
  assert.equal(await page.getByLabel('Beiratsbeschluss: Aktenzeichen').inputValue(), 'Beirat 1/2026');
  await audit(page, 'refused-assessment');
  await page.getByLabel('Erster Tag der Begutachtung').fill('2026-01-05');
  await page.getByLabel('Letzter Tag der Begutachtung').fill('2026-01-09');
  await submit(page, page.getByRole('button', { name: 'Begutachtung erfassen' }));
  assert.match(await page.textContent('[role=status]'), /Begutachtung wurde erfasst/);
  assert.equal(await page.getByRole('button', { name: 'Vorschlagen', exact: true }).count(), 0, 'an editor cannot propose');
  await page.getByLabel('Neuer Vermerk').fill('Beirat fragt nach dem Finanzierungsplan (fiktiv)');
  await submit(page, page.getByRole('button', { name: 'Vermerk hinzufügen' }));
  assert.match(await page.textContent('.staff-note'), /Beirat fragt nach dem Finanzierungsplan \(fiktiv\)/);
  await audit(page, 'initiative');
  await signOut(page);
});

await test('an issuer proposes and cannot approve the own proposal', async () => {
  const page = await signIn('anna');
  await page.goto(`${base}/admin/initiatives/e2e-photonik`);
  await page.getByLabel('Gültig ab').fill(today);
  await page.getByLabel('bis', { exact: true }).fill(inTwoYears);
  await submit(page, page.getByRole('button', { name: 'Vorschlagen', exact: true }));
  assert.match(await page.textContent('[role=status]'), /Eine andere ausstellende Person muss sie freigeben/);
  assert.match(await page.textContent('table'), /Wartet auf eine andere ausstellende Person/);
  // The demo's own open proposal is anna's to decide; her own is not.
  assert.equal(await approveButton(page).count(), 0);
  await audit(page, 'proposals');
  await signOut(page);
});

await test('a second issuer approves, and the label is public at once', async () => {
  const page = await signIn('ben');
  await audit(page, 'home');
  // The first click shows what will be signed; nothing is public until it is confirmed.
  await submit(page, approveButton(page));
  assert.match(await page.textContent('h1'), /^Vorschlag \d+ unterschreiben\?$/);
  assert.match(await page.textContent('dl.facts'), /E2E-Netzwerk Photonik \(fiktiv\)/);
  // The certificate as its page will show it, number included, before anything is signed.
  assert.match(await page.textContent('section.preview article.certificate'), /E2E-Netzwerk Photonik \(fiktiv\).*CEBW-\d{4}-\d{4}/s);
  await audit(page, 'confirm-approval');
  await submit(page, page.getByRole('button', { name: 'Unterschreiben und veröffentlichen' }));
  assert.match(await page.textContent('[role=status]'), /freigegeben, unterschrieben und veröffentlicht/);
  certificateId = (await page.textContent('h1')).replace('Urkunde', '').trim();
  assert.match(certificateId, /^CEBW-\d{4}-\d{4}$/);
  const state = await publicState(certificateId);
  assert.match(state.verdict, /Valid/);
  assert.match(state.badge, /valid/i);
  await audit(page, 'certificate');
  await signOut(page);
});

// The initiative's own badge and link (on its website once) follow a renewal: the first
// certificate until the renewal is signed, the renewal from then on.
const longDate = (day) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB',
  { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Berlin' });
async function initiativeBadge() {
  const svg = await (await fetch(`${base}/initiatives/e2e-photonik/badge/ce-bw.svg?lang=en`)).text();
  return svg.match(/<title>([^<]*)<\/title>/)[1];
}
const inThreeYears = `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`;

await test('a renewal takes over the initiative\'s badge and link', async () => {
  assert.equal(await initiativeBadge(), `Cluster Excellence BW: ✔ Valid until ${longDate(inTwoYears)}`);
  const anna = await signIn('anna');
  await anna.goto(`${base}/admin/certificates/${certificateId}`);
  // The renewal's form (the page also offers to replace the certificate).
  const renewal = () => anna.locator('form').filter({ has: anna.getByRole('button', { name: 'Re-Zertifizierung vorschlagen' }) });
  await renewal().getByLabel('Gültig ab').fill(today);
  await renewal().getByLabel('Gültig bis').fill(inThreeYears);
  // Three years from today is not the programme's rule: refused without a reason, which the
  // approver then reads beside the warning. The form comes back with the dates kept.
  await submit(anna, anna.getByRole('button', { name: 'Re-Zertifizierung vorschlagen' }));
  assert.match(await anna.textContent('#err-renew-note'), /weicht von der Regel des Programms ab \(36 statt 24 Monate/);
  assert.equal(await renewal().getByLabel('Gültig bis').inputValue(), inThreeYears);
  await audit(anna, 'refused-renewal');
  await renewal().getByLabel(/^Vermerk/).fill('Beirat: drei Jahre (fiktiv)');
  await submit(anna, anna.getByRole('button', { name: 'Re-Zertifizierung vorschlagen' }));
  assert.match(await anna.textContent('[role=status]'), /Eine andere ausstellende Person muss sie freigeben/);
  await signOut(anna);
  assert.equal(await initiativeBadge(), `Cluster Excellence BW: ✔ Valid until ${longDate(inTwoYears)}`,
    'a proposal changes nothing the public sees');
  const ben = await signIn('ben');
  const row = await ben.getByRole('row').filter({ hasText: 'E2E-Netzwerk Photonik' }).textContent();
  assert.match(row, /⚠ 36 Monate statt der 24 Monate des Programms/);
  assert.match(row, /Beirat: drei Jahre \(fiktiv\)/);
  await submit(ben, approveButton(ben));
  await submit(ben, ben.getByRole('button', { name: 'Unterschreiben und veröffentlichen' }));
  const renewalId = (await ben.textContent('h1')).replace('Urkunde', '').trim();
  assert.notEqual(renewalId, certificateId);
  await signOut(ben);
  assert.equal(await initiativeBadge(), `Cluster Excellence BW: ✔ Valid until ${longDate(inThreeYears)}`);
  // The same snippet's link leads to the renewal, and the initiative's page says so on top.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${base}/initiatives/e2e-photonik/verify?lang=en`);
  assert.equal(new URL(visitor.url()).pathname, `/verify/${renewalId}`);
  assert.match(await visitor.textContent('.verdict .state'), /Valid/);
  await visitor.goto(`${base}/initiatives/e2e-photonik?lang=en`);
  assert.match(await visitor.textContent('p.current'), new RegExp(`Valid until ${longDate(inThreeYears)} \\(${renewalId}\\)`));
  await visitor.context().close();
  certificateId = renewalId;  // what follows acts on the renewal
});

await test('suspend and reinstate show on the verification page and the badge', async () => {
  const page = await signIn('ben');
  await page.goto(`${base}/admin/certificates/${certificateId}`);
  await page.getByLabel('Grund (öffentlich sichtbar)').fill('Jahresbericht fehlt');
  await submit(page, page.getByRole('button', { name: 'Urkunde aussetzen' }));
  let state = await publicState(certificateId);
  assert.match(state.verdict, /Suspended/);
  assert.match(state.badge, /suspended/i);
  await page.getByLabel('Warum die Aussetzung endet (öffentlich sichtbar)').fill('Bericht liegt vor');
  await submit(page, page.getByRole('button', { name: 'Urkunde wieder in Kraft setzen' }));
  state = await publicState(certificateId);
  assert.match(state.verdict, /Valid/);
  assert.equal(await page.getByRole('button', { name: 'Endgültig widerrufen' }).count(), 0, 'issuers do not revoke');
  await signOut(page);
});

await test('an administrator revokes, and the public sees it at once', async () => {
  const page = await signIn('ada');
  await page.goto(`${base}/admin/certificates/${certificateId}`);
  await page.locator('select[name=reasonCode]').selectOption('issued_in_error');
  await page.getByLabel('Vermerk (öffentlich sichtbar)').fill('falsches Programm');
  await submit(page, page.getByRole('button', { name: 'Endgültig widerrufen' }));
  // The confirmation shows the public reason; nothing is revoked before it.
  assert.match(await page.textContent('dl.facts'), /irrtümlich ausgestellt: falsches Programm/);
  assert.match((await publicState(certificateId)).verdict, /Valid/);
  await audit(page, 'confirm-revocation');
  await submit(page, page.getByRole('button', { name: 'Endgültig widerrufen' }));
  assert.match(await page.textContent('[role=status]'), /widerrufen/);
  const state = await publicState(certificateId);
  assert.match(state.verdict, /Revoked/);
  assert.match(state.badge, /revoked/i);
  for (const [name, path] of [['initiatives', '/admin/initiatives'], ['audit', `/admin/audit?subject=${certificateId}`],
    ['tokens', '/admin/tokens'], ['users', '/admin/users'], ['keys', '/admin/keys'],
    ['account', '/admin/account'], ['certificates', '/admin/certificates'], ['import', '/admin/import']]) {
    await page.goto(`${base}${path}`);
    await audit(page, name);
  }
  assert.match(await (await page.goto(`${base}/admin/audit?subject=${certificateId}`)).text(), /certificate\.revoke/);
  await signOut(page);
});

await test('a certificate with a wrong detail is replaced in one approved step', async () => {
  // The demo's Biotechnologie certificate has a newer assessment recorded: the corrected one.
  const anna = await signIn('anna');
  await anna.goto(`${base}/admin/initiatives/demo-biotechnologie-rhein-neckar`);
  const oldId = (await anna.locator('a[href^="/admin/certificates/CEBW-"]').first().textContent()).trim();
  await anna.goto(`${base}/admin/certificates/${oldId}`);
  assert.equal(await anna.getByRole('heading', { name: 'Urkunde ersetzen (Fehler berichtigen)' }).count(), 1);
  // Without saying what was wrong, the form comes back with the sentence beside the note.
  await anna.getByLabel('Was war falsch? (Pflicht, nur intern)').evaluate((input) => input.removeAttribute('required'));
  await submit(anna, anna.getByRole('button', { name: 'Ersetzung vorschlagen' }));
  assert.equal(await anna.textContent('#err-replace-note'),
    `Bitte schreiben Sie in den Vermerk, was an der Urkunde ${oldId} falsch war.`);
  await anna.getByLabel('Was war falsch? (Pflicht, nur intern)').fill('Aktenzeichen des Beirats falsch (fiktiv)');
  await submit(anna, anna.getByRole('button', { name: 'Ersetzung vorschlagen' }));
  assert.match(await anna.textContent('table'), new RegExp(`ersetzt ${oldId}`));
  await signOut(anna);

  const ben = await signIn('ben');
  await ben.goto(`${base}/admin/proposals`);
  const row = ben.getByRole('row').filter({ hasText: `ersetzt ${oldId}` });
  await submit(ben, row.getByRole('button', { name: 'Freigeben und unterschreiben' }));
  assert.match(await ben.textContent('dl.facts'), new RegExp(`Urkunde ${oldId}: wird mit der Freigabe widerrufen \\(Grund: ersetzt\\)`));
  assert.match((await publicState(oldId)).verdict, /Valid/, 'nothing changes before the confirmation');
  await audit(ben, 'confirm-replacement');
  await submit(ben, ben.getByRole('button', { name: 'Unterschreiben und veröffentlichen' }));
  const newId = (await ben.textContent('h1')).replace('Urkunde', '').trim();
  assert.notEqual(newId, oldId);
  assert.match((await publicState(oldId)).verdict, /Revoked/);
  assert.match((await publicState(newId)).verdict, /Valid/);
  // The old certificate's public page leads to the corrected one.
  const visitor = await browser.newPage({ locale: 'de-DE' });
  await visitor.goto(`${base}/verify/${oldId}?lang=de`);
  await Promise.all([visitor.waitForNavigation(), visitor.getByRole('link', { name: newId }).click()]);
  assert.match(visitor.url(), new RegExp(`/verify/${newId}`));
  await visitor.close();
  await signOut(ben);
});

// The messages the local SMTP server caught: recipient, headers (encoded words decoded) and body.
function caughtMail() {
  const dir = process.env.SIEGEL_MAIL_DIR;
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const record = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    const [head, ...rest] = record.data.split('\r\n\r\n');
    const unfolded = head.replace(/\r\n[ \t]/g, ' ');
    const header = (name) => {
      const line = unfolded.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}: `));
      return line === undefined ? undefined : line.slice(name.length + 2)
        .replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
    };
    return { to: record.rcpt_tos, subject: header('Subject'), language: header('Content-Language'), body: rest.join('\r\n\r\n') };
  });
}

async function waitForMail(predicate, what) {
  for (let i = 0; i < 100; i++) {
    const found = caughtMail().filter(predicate);
    if (found.length > 0) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`no e-mail ${what} arrived at the local SMTP server`);
}

await test('reminders before a label ends reach the contact and the staff, each in their language', async () => {
  // The demo has a certificate ending within 30 days; the server sent its reminders on its own.
  const [contact] = await waitForMail((m) => /^Erinnerung: Ihr Label/.test(m.subject ?? ''), 'reminding a contact');
  assert.match(contact.to[0], /^kontakt@demo-[a-z-]+\.example$/);
  assert.equal(contact.language, 'de');
  assert.match(contact.subject, /^Erinnerung: Ihr Label „Cluster-Exzellenz Baden-Württemberg“ endet in \d+ Tagen \(CEBW-\d{4}-\d{4}\)$/);
  const id = contact.subject.match(/\((CEBW-\d{4}-\d{4})\)/)[1];
  const link = contact.body.match(/Urkunde prüfen: (\S+)/)[1];
  assert.match(link, new RegExp(`/verify/${id}\\?lang=de$`));
  const [english] = await waitForMail((m) => m.to[0] === 'eric@ministerium.example' && m.subject.includes(id), 'to eric');
  assert.equal(english.language, 'en');
  assert.match(english.subject, new RegExp(`^Reminder: certificate ${id} \\(.*\\) ends in \\d+ days$`));
  assert.match(english.body, /Renewal: /);
  const [german] = await waitForMail((m) => m.to[0] === 'anna@ministerium.example' && m.subject.includes(id), 'to anna');
  assert.match(german.subject, new RegExp(`^Erinnerung: Urkunde ${id} \\(.*\\) endet in \\d+ Tagen$`));
  // The link in the e-mail opens the verification page of that certificate (on this server).
  const page = await browser.newPage({ locale: 'de-DE' });
  await page.goto(`${base}${new URL(link).pathname}${new URL(link).search}`);
  assert.match(await page.textContent('main'), new RegExp(id));
  assert.match(await page.textContent('main'), /Gültig/);
  await page.close();
  // The revocation above was announced to the initiative's contact, in German.
  const [notice] = await waitForMail((m) => m.to[0] === 'kontakt@e2e-photonik.example' && /widerrufen/.test(m.subject), 'announcing the revocation');
  assert.match(notice.subject, new RegExp(`^Urkunde ${certificateId} \\(E2E-Netzwerk Photonik \\(fiktiv\\)\\): widerrufen$`));
  assert.match(notice.body, /Grund: irrtümlich ausgestellt: falsches Programm/);
  // Sent once each: no recipient got the same subject twice.
  const seen = caughtMail().map((m) => `${m.to[0]} ${m.subject}`);
  assert.equal(new Set(seen).size, seen.length);
});

await test('an administrator imports label holders from a spreadsheet after a preview', async () => {
  const page = await signIn('ada');
  await page.getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('CSV-Datei', { exact: true }).setInputFiles({
    name: 'traeger.csv', mimeType: 'text/csv',
    buffer: Buffer.from('Kurzname;Name;Region;Technologiefelder\ne2e-holz;E2E-Forum Holz (fiktiv);Regierungsbezirk Freiburg;Forst und Holz\n'),
  });
  await submit(page, page.getByRole('button', { name: 'Vorschau zeigen' }));
  assert.match(await page.textContent('table.import'), /e2e-holz.*wird angelegt/s);
  await audit(page, 'import-preview');
  await submit(page, page.getByRole('button', { name: 'Jetzt importieren' }));
  assert.match(await page.textContent('[role=status]'), /Die Tabelle wurde importiert/);
  assert.match(await page.textContent('table'), /E2E-Forum Holz \(fiktiv\)/);
  // Then the label it was awarded before Siegel: previewed, then proposed for a second person.
  await page.goto(`${base}/admin/import`);
  await page.getByLabel('CSV-Datei mit Auszeichnungen').setInputFiles({
    name: 'auszeichnungen.csv', mimeType: 'text/csv',
    buffer: Buffer.from('Kurzname;Gutachter;Begutachtung bis;Gültig ab;Gültig bis\ne2e-holz;ESCA (fiktiv);10.02.2025;01.03.2025;01.03.2027\n'),
  });
  await submit(page, page.getByRole('button', { name: 'Vorschau der Auszeichnungen zeigen' }));
  assert.match(await page.textContent('table.import'), /e2e-holz.*01\.03\.2025 – 01\.03\.2027.*wird vorgeschlagen/s);
  await audit(page, 'import-awards-preview');
  await submit(page, page.getByRole('button', { name: 'Jetzt importieren' }));
  assert.match(await page.textContent('[role=status]'), /Jede Auszeichnung ist jetzt ein Vorschlag/);
  assert.match(await page.textContent('main'), /E2E-Forum Holz \(fiktiv\)/);
  await signOut(page);
});

await test('an administrator creates a second label, and a certificate is issued under it', async () => {
  const ada = await signIn('ada');
  await ada.getByRole('link', { name: 'Programme', exact: true }).click();
  await ada.getByLabel(/^Kennung/).fill('e2e-ki');
  await ada.getByLabel(/^Präfix der Urkundennummern/).fill('EKI');
  await ada.getByLabel('Name (deutsch)').fill('E2E-KI-Exzellenz (fiktiv)');
  await ada.getByLabel('Name (englisch)').fill('E2E AI Excellence (fictional)');
  await ada.getByLabel('Beschreibung').fill('Ein fiktives zweites Label für den Browsertest.');
  await ada.getByLabel('Gültigkeit in Monaten').fill('36');
  await ada.getByLabel(/^Kriterien/).fill('Zwölf fiktive Kriterien.');
  await submit(ada, ada.getByRole('button', { name: 'Programm anlegen' }));
  assert.match(await ada.textContent('[role=status]'), /Das Programm wurde angelegt/);
  assert.match(await ada.textContent('dl.facts'), /EKI/);
  await audit(ada, 'programme');
  await ada.goto(`${base}/admin/programmes`);
  await audit(ada, 'programmes');
  await signOut(ada);

  // An editor records the assessment for the new label; the form now asks which.
  const ed = await signIn('ed');
  await ed.goto(`${base}/admin/initiatives/e2e-photonik`);
  await ed.getByRole('combobox', { name: 'Programm' }).selectOption('e2e-ki');
  await ed.getByLabel('Gutachter (Organisation)').fill('KI-Prüfstelle (fiktiv)');
  await ed.getByLabel('Erster Tag der Begutachtung').fill('2026-02-02');
  await ed.getByLabel('Letzter Tag der Begutachtung').fill('2026-02-06');
  await submit(ed, ed.getByRole('button', { name: 'Begutachtung erfassen' }));
  assert.match(await ed.textContent('[role=status]'), /Begutachtung wurde erfasst/);
  await signOut(ed);

  // anna proposes on it (36 months: the new programme's rule), ben approves.
  const anna = await signIn('anna');
  await anna.goto(`${base}/admin/initiatives/e2e-photonik`);
  const row = anna.getByRole('row').filter({ hasText: 'E2E-KI-Exzellenz (fiktiv)' });
  const inThreeYearsFromToday = `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`;
  assert.equal(await row.getByLabel('bis', { exact: true }).inputValue(), inThreeYearsFromToday);
  await submit(anna, row.getByRole('button', { name: 'Vorschlagen', exact: true }));
  assert.match(await anna.textContent('[role=status]'), /Eine andere ausstellende Person muss sie freigeben/);
  await signOut(anna);
  const ben = await signIn('ben');
  await ben.goto(`${base}/admin/proposals`);
  const proposal = ben.getByRole('row').filter({ hasText: 'e2e-ki' });
  await submit(ben, proposal.getByRole('button', { name: 'Freigeben und unterschreiben' }));
  await submit(ben, ben.getByRole('button', { name: 'Unterschreiben und veröffentlichen' }));
  const id = (await ben.textContent('h1')).replace('Urkunde', '').trim();
  assert.match(id, /^EKI-\d{4}-0001$/, 'its own numbering');
  assert.match((await publicState(id)).verdict, /Valid/);
  await signOut(ben);
  // The public initiative page shows both labels, each with its badge.
  const visitor = await browser.newPage({ locale: 'de-DE' });
  await visitor.goto(`${base}/initiatives/e2e-photonik?lang=de`);
  assert.match(await visitor.textContent('main'), /Aktueller Status \(E2E-KI-Exzellenz \(fiktiv\)\)/);
  assert.equal(await visitor.locator('img[src*="/badge/e2e-ki.svg"]').count(), 2);
  await visitor.close();
  const listed = await (await fetch(`${base}/api/v1/programmes`)).json();
  assert.deepEqual(listed.items.map((p) => p.code), ['ce-bw', 'e2e-ki']);
});

await test('a clerk switches her staff pages to English on her account page', async () => {
  const page = await signIn('ed');
  assert.equal(await page.textContent('h1'), 'Übersicht für die Verwaltung');
  await page.getByRole('link', { name: 'ed', exact: true }).click();
  await page.getByLabel('Sprache der Verwaltungsseiten').selectOption('en');
  await page.getByLabel('E-Mail-Adresse für Erinnerungen').fill('ed@beispiel');
  await submit(page, page.getByRole('button', { name: 'Einstellungen speichern' }));
  assert.equal(await page.textContent('#err-email'), '„ed@beispiel“ ist keine E-Mail-Adresse. Bitte geben Sie sie wie name@beispiel.de an.');
  assert.equal(await page.getByLabel('E-Mail-Adresse für Erinnerungen').inputValue(), 'ed@beispiel');
  await page.getByLabel('E-Mail-Adresse für Erinnerungen').fill('ed@wm.example');
  await submit(page, page.getByRole('button', { name: 'Einstellungen speichern' }));
  assert.match(await page.textContent('[role=status]'), /Your settings were saved/);
  await page.getByRole('link', { name: 'Overview' }).click();
  assert.equal(await page.textContent('h1'), 'Staff overview');
  await page.goto(`${base}/admin/account`);
  await page.getByLabel('Language of the staff pages').selectOption('de');
  await submit(page, page.getByRole('button', { name: 'Save settings' }));
  assert.match(await page.textContent('[role=status]'), /Ihre Einstellungen sind gespeichert/);
  await signOut(page);
});

await test('the sign-in page passes the audit and refuses a wrong password', async () => {
  const context = await browser.newContext({ bypassCSP: true, locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${base}/admin/sign-in`);
  await page.getByLabel('Benutzername').fill('ada');
  await page.getByLabel('Passwort').fill('not the password');
  await submit(page, page.getByRole('button', { name: 'Anmelden' }));
  assert.match(await page.textContent('[role=alert]'), /Benutzername oder Passwort ist falsch/);
  await audit(page, 'sign-in');
  await context.close();
});

await browser.close();
console.log(`e2e admin: ${runner.passed} passed, ${runner.failures.length} failed`);
process.exit(runner.failures.length === 0 ? 0 : 1);
