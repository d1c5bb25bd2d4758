// Browser test of the staff workflow in Debian's Chromium, each person in their own browser
// context: an editor creates an initiative and records its assessment, one issuer proposes,
// another approves, and the public verification page and badge follow every later suspension,
// reinstatement and revocation. Every staff page passes an axe-core WCAG 2.1 A/AA audit.
// Usage: node admin.mjs BASE_URL PASSWORD [SCREENSHOT_DIR]
import assert from 'node:assert/strict';
import { auditPage, launchBrowser, testRunner } from './harness.mjs';

const [base, password, screenshotDir] = process.argv.slice(2);
const browser = await launchBrowser();
const runner = testRunner();
const { test } = runner;

// Signs in through the form, as a person would, in a fresh browser context.
async function signIn(username) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/admin`);
  assert.match(page.url(), /\/admin\/sign-in\?next=/, 'an anonymous visitor is sent to sign in');
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/admin');
  return page;
}

async function signOut(page) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign out' }).click()]);
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
    .getByRole('button', { name: 'Approve and sign' });
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
  await page.getByRole('link', { name: 'Initiatives' }).click();
  await page.getByLabel(/Short name for addresses/).fill('e2e-photonik');
  await page.getByLabel('Name', { exact: true }).fill('E2E-Netzwerk Photonik (fiktiv)');
  await page.getByLabel('Region').fill('Regierungsbezirk Karlsruhe');
  await page.getByLabel('Photonics').check();
  await submit(page, page.getByRole('button', { name: 'Create initiative' }));
  assert.match(await page.textContent('[role=status]'), /initiative was created/);
  await page.getByLabel('Assessor (organisation)').fill('ESCA (fictional)');
  await page.getByLabel('First day of the assessment').fill('2026-01-05');
  await page.getByLabel('Last day of the assessment').fill('2026-01-09');
  await page.getByLabel('Advisory board decision: reference').fill('Beirat 1/2026');
  await submit(page, page.getByRole('button', { name: 'Record assessment' }));
  assert.match(await page.textContent('[role=status]'), /assessment was recorded/);
  assert.equal(await page.getByRole('button', { name: 'Propose' }).count(), 0, 'an editor cannot propose');
  await audit(page, 'initiative');
  await signOut(page);
});

await test('an issuer proposes and cannot approve the own proposal', async () => {
  const page = await signIn('anna');
  await page.goto(`${base}/admin/initiatives/e2e-photonik`);
  await page.getByLabel('Valid from').fill(today);
  await page.getByLabel('until').fill(inTwoYears);
  await submit(page, page.getByRole('button', { name: 'Propose' }));
  assert.match(await page.textContent('[role=status]'), /Another issuer must approve it/);
  assert.match(await page.textContent('table'), /Waiting for another issuer/);
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
  assert.match(await page.textContent('h1'), /^Sign proposal \d+\?$/);
  assert.match(await page.textContent('dl.facts'), /E2E-Netzwerk Photonik \(fiktiv\)/);
  await audit(page, 'confirm-approval');
  await submit(page, page.getByRole('button', { name: 'Sign and publish' }));
  assert.match(await page.textContent('[role=status]'), /approved, signed and published/);
  certificateId = (await page.textContent('h1')).replace('Certificate', '').trim();
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
  await anna.getByLabel('Valid from').fill(today);
  await anna.getByLabel('Valid until').fill(inThreeYears);
  // Three years from today is not the programme's rule: refused without a reason, which the
  // approver then reads beside the warning.
  await submit(anna, anna.getByRole('button', { name: 'Propose renewal' }));
  assert.match(await anna.textContent('main'), /departs from the programme's rule \(36 months instead of the programme's 24 months/);
  await anna.goto(`${base}/admin/certificates/${certificateId}`);
  await anna.getByLabel('Valid from').fill(today);
  await anna.getByLabel('Valid until').fill(inThreeYears);
  await anna.getByLabel(/^Note/).fill('Beirat: drei Jahre (fiktiv)');
  await submit(anna, anna.getByRole('button', { name: 'Propose renewal' }));
  assert.match(await anna.textContent('[role=status]'), /Another issuer must approve it/);
  await signOut(anna);
  assert.equal(await initiativeBadge(), `Cluster Excellence BW: ✔ Valid until ${longDate(inTwoYears)}`,
    'a proposal changes nothing the public sees');
  const ben = await signIn('ben');
  const row = await ben.getByRole('row').filter({ hasText: 'E2E-Netzwerk Photonik' }).textContent();
  assert.match(row, /⚠ 36 months instead of the programme's 24 months/);
  assert.match(row, /Beirat: drei Jahre \(fiktiv\)/);
  await submit(ben, approveButton(ben));
  await submit(ben, ben.getByRole('button', { name: 'Sign and publish' }));
  const renewalId = (await ben.textContent('h1')).replace('Certificate', '').trim();
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
  await page.getByLabel('Reason (shown publicly)').fill('Jahresbericht fehlt');
  await submit(page, page.getByRole('button', { name: 'Suspend certificate' }));
  let state = await publicState(certificateId);
  assert.match(state.verdict, /Suspended/);
  assert.match(state.badge, /suspended/i);
  await page.getByLabel('Why the suspension ends (shown publicly)').fill('Bericht liegt vor');
  await submit(page, page.getByRole('button', { name: 'Reinstate certificate' }));
  state = await publicState(certificateId);
  assert.match(state.verdict, /Valid/);
  assert.equal(await page.getByRole('button', { name: 'Revoke for good' }).count(), 0, 'issuers do not revoke');
  await signOut(page);
});

await test('an administrator revokes, and the public sees it at once', async () => {
  const page = await signIn('ada');
  await page.goto(`${base}/admin/certificates/${certificateId}`);
  await page.locator('select[name=reasonCode]').selectOption('issued_in_error');
  await page.getByLabel('Note (shown publicly)').fill('falsches Programm');
  await submit(page, page.getByRole('button', { name: 'Revoke for good' }));
  // The confirmation shows the public reason; nothing is revoked before it.
  assert.match(await page.textContent('dl.facts'), /issued in error: falsches Programm/);
  assert.match((await publicState(certificateId)).verdict, /Valid/);
  await audit(page, 'confirm-revocation');
  await submit(page, page.getByRole('button', { name: 'Revoke for good' }));
  assert.match(await page.textContent('[role=status]'), /revoked/);
  const state = await publicState(certificateId);
  assert.match(state.verdict, /Revoked/);
  assert.match(state.badge, /revoked/i);
  for (const [name, path] of [['initiatives', '/admin/initiatives'], ['audit', `/admin/audit?subject=${certificateId}`],
    ['tokens', '/admin/tokens'], ['users', '/admin/users'], ['keys', '/admin/keys']]) {
    await page.goto(`${base}${path}`);
    await audit(page, name);
  }
  assert.match(await (await page.goto(`${base}/admin/audit?subject=${certificateId}`)).text(), /certificate\.revoke/);
  await signOut(page);
});

await test('the sign-in page passes the audit and refuses a wrong password', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}/admin/sign-in`);
  await page.getByLabel('User name').fill('ada');
  await page.getByLabel('Password').fill('not the password');
  await submit(page, page.getByRole('button', { name: 'Sign in' }));
  assert.match(await page.textContent('[role=alert]'), /wrong/);
  await audit(page, 'sign-in');
  await context.close();
});

await browser.close();
console.log(`e2e admin: ${runner.passed} passed, ${runner.failures.length} failed`);
process.exit(runner.failures.length === 0 ? 0 : 1);
