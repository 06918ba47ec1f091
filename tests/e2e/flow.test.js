// End-to-end browser tests: Debian's Chromium, driven by playwright-core, against a real
// `ritme serve` on a fresh SQLite database and a free port.
//
//   node tests/e2e/flow.test.js                   (binary: build/release/ritme)
//   RITME_BINARY=path/to/ritme node tests/e2e/flow.test.js
//   node tests/e2e/flow.test.js --binary path/to/ritme
//
// The flow: an admin sets up the installation and adds competencies; a member writes three
// diary days, plans a week (the SMART hints change while typing), reflects on a month (a
// third focus competency is refused), fills in the Learning Contract and the year review,
// and sees the streak and the heatmap; once in Dutch, once in English, at 1280 and 390 px.
// axe-core runs on every page visited; screenshots go to the folder given by --screenshots
// (`make screenshots` copies them into docs/screenshots/).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { chromium } = require(path.join(root, 'node_modules', 'playwright-core'));
const axeSource = path.join(root, 'node_modules', 'axe-core', 'axe.min.js');
const screenshots = (() => {
  const flag = process.argv.indexOf('--screenshots');
  return flag >= 0 && process.argv[flag + 1] ? path.resolve(process.argv[flag + 1]) : fs.mkdtempSync(path.join(os.tmpdir(), 'ritme-shots-'));
})();

function binaryPath() {
  const flag = process.argv.indexOf('--binary');
  if (flag >= 0 && process.argv[flag + 1]) return path.resolve(process.argv[flag + 1]);
  if (process.env.RITME_BINARY) return path.resolve(process.env.RITME_BINARY);
  return path.join(root, 'build', 'release', 'ritme');
}

const binary = binaryPath();
const chromiumPath = process.env.RITME_CHROMIUM || '/usr/bin/chromium';
const widths = [1280, 390];
const competencies = [
  { name: 'Luisteren', description: 'Doorvragen en samenvatten voordat je reageert.' },
  { name: 'Feedback geven', description: 'Concreet, op tijd en met een voorstel.' },
  { name: 'Plannen', description: 'Werk opdelen in haalbare stappen.' },
];

const texts = {
  nl: {
    acceptLanguage: 'nl-NL,nl;q=0.9',
    saved: 'Opgeslagen.',
    today: 'Vandaag',
    diary: 'Leerdagboek',
    streakWords: 'werkdagen op rij',
    smart: 'Dit plan is SMART.',
    relevantHint: 'Kies de competentie waar je deze week aan werkt.',
    measurableHint: 'Maak je plan meetbaar',
    timeHint: 'Zet een deadline binnen deze week',
    tooManyFocus: 'Je koos er meer dan twee.',
    signIn: 'Aanmelden',
    moments: ['Teamoverleg: ik vroeg door bij een onduidelijke vraag.', 'Klantgesprek voorbereid met een collega.',
      'Code review gegeven met een concreet voorstel.'],
    keyLearning: 'Eerst samenvatten, dan reageren.',
    plan: {
      situation: 'In het teamoverleg van maandag',
      approach: 'vraag ik door voordat ik reageer',
      measure: 'Minstens twee keer doorvragen, geturfd in mijn leerdagboek',
    },
    month: { wentWell: 'Ik vraag vaker door.', better: 'Ik reageer nog te snel in drukke overleggen.' },
    contract: { aims: 'Beter luisteren in overleggen.', goal: 'In elk teamoverleg vat ik samen voordat ik reageer',
      measure: 'Twee keer per week, geturfd in mijn leerdagboek' },
    yearNotes: 'Een nieuwe stap binnen mijn huidige rol.',
  },
  en: {
    acceptLanguage: 'en-GB,en;q=0.9',
    saved: 'Saved.',
    today: 'Today',
    diary: 'Learning diary',
    streakWords: 'workdays in a row',
    smart: 'This plan is SMART.',
    relevantHint: 'Choose the competency you are working on this week.',
    measurableHint: 'Make your plan measurable',
    timeHint: 'Set a deadline within this week',
    tooManyFocus: 'You chose more than two.',
    signIn: 'Sign in',
    moments: ['Stand-up: I asked a follow-up question before answering.', 'Prepared a customer call with a colleague.',
      'Gave a code review with a concrete suggestion.'],
    keyLearning: 'Summarise first, then respond.',
    plan: {
      situation: "In Monday's stand-up meeting",
      approach: 'I summarise what I heard before I respond',
      measure: 'At least twice, tallied in my diary',
    },
    month: { wentWell: 'I ask more follow-up questions.', better: 'I still respond too quickly in busy meetings.' },
    contract: { aims: 'Listen better in meetings.', goal: 'In every team meeting I summarise before I respond',
      measure: 'Twice a week, tallied in my diary' },
    yearNotes: 'A new step within my current role.',
  },
};

// --- the server ----------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function serverEnvironment() {
  const environment = { ...process.env };
  for (const name of ['RITME_DB', 'RITME_LISTEN', 'RITME_SMTP', 'RITME_MAIL_FROM']) delete environment[name];
  return environment;
}

// The server runs from the source tree when the binary sits in build/<preset>/ (it finds
// web/ there), else from its temp dir.
function serverCwd(workdir) {
  const tree = path.resolve(path.dirname(binary), '..', '..');
  return fs.existsSync(path.join(tree, 'web', 'templates')) ? tree : workdir;
}

class Server {
  async start() {
    this.workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ritme-e2e-'));
    this.db = `sqlite:${path.join(this.workdir, 'ritme.db')}`;
    this.port = await freePort();
    this.base = `http://127.0.0.1:${this.port}`;
    this.log = [];
    this.token = null;
    this.process = spawn(binary, ['serve', '--db', this.db, '--listen', `127.0.0.1:${this.port}`],
      { cwd: serverCwd(this.workdir), env: serverEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    this.process.stderr.on('data', (chunk) => {
      pending += chunk.toString('utf8');
      let newline;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        this.log.push(line);
        if (this.log.length > 200) this.log.shift();
        if (!this.token && line.includes('setup_token')) {
          try {
            const record = JSON.parse(line.slice(line.indexOf('{')));
            if (record.event === 'setup_token') this.token = record.token;
          } catch (error) { /* not JSON: keep reading */ }
        }
      }
    });
    this.process.stdout.resume();
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`ritme serve exited:\n${this.tail()}`);
      try {
        const answer = await fetch(`${this.base}/healthz`);
        if (answer.status === 200 && this.token) return;
      } catch (error) { /* not listening yet */ }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`ritme serve did not become healthy with a setup token:\n${this.tail()}`);
  }

  tail() {
    return this.log.slice(-25).join('\n');
  }

  addUser(email, name, password, locale) {
    const result = spawnSync(binary, ['user', 'add', '--email', email, '--name', name, '--password-stdin',
      '--db', this.db, '--locale', locale], { input: `${password}\n`, cwd: serverCwd(this.workdir),
      env: serverEnvironment(), timeout: 60000 });
    assert.equal(result.status, 0, `ritme user add failed: ${result.stderr}`);
  }

  async stop() {
    if (this.process && this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (this.workdir) fs.rmSync(this.workdir, { recursive: true, force: true });
  }
}

// --- dates ------------------------------------------------------------------------------

function parseDay(text) {
  const [y, m, d] = text.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function formatDay(date) {
  return date.toISOString().slice(0, 10);
}

// The `count` workdays (Monday to Friday) before `today`, oldest first.
function previousWorkdays(today, count) {
  const days = [];
  const day = parseDay(today);
  while (days.length < count) {
    day.setUTCDate(day.getUTCDate() - 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.unshift(formatDay(day));
  }
  return days;
}

// --- the browser ------------------------------------------------------------------------

let server;
let userDataDir;
let persistent;
let browser;
let axeRuns = 0;

before(async () => {
  assert.ok(fs.existsSync(binary), `no ritme binary at ${binary}`);
  fs.mkdirSync(screenshots, { recursive: true });
  server = new Server();
  await server.start();
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ritme-e2e-chromium-'));
  persistent = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  browser = persistent.browser();
});

after(async () => {
  process.stdout.write(`# axe-core ran on ${axeRuns} pages\n`);
  if (persistent) await persistent.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  if (server) await server.stop();
});

async function newPage(language, width) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: language === 'nl' ? 'nl-NL' : 'en-GB',
    timezoneId: 'Europe/Amsterdam',
    extraHTTPHeaders: { 'Accept-Language': texts[language].acceptLanguage },
    bypassCSP: true, // only so that axe-core can be injected; the pages' own scripts are 'self'
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.scriptErrors = [];
  page.on('pageerror', (error) => page.scriptErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

// axe-core on the page as it is now: no serious or critical violation.
async function checkAxe(page) {
  assert.deepEqual(page.scriptErrors, [], 'no script errors');
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.addScriptTag({ path: axeSource });
  const result = await page.evaluate(async () => {
    const answer = await window.axe.run(document, { resultTypes: ['violations'] });
    return {
      rules: answer.passes.length + answer.violations.length,
      failures: answer.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.impact} ${violation.id}: ${violation.help}\n    ` +
          violation.nodes.slice(0, 5).map((node) => node.target.join(' ')).join('\n    ')),
    };
  });
  assert.ok(result.rules > 10, `axe-core checked only ${result.rules} rules on ${page.url()}`);
  assert.deepEqual(result.failures, [], `axe-core on ${page.url()}:\n${result.failures.join('\n')}`);
  axeRuns += 1;
}

async function visit(page, url) {
  const answer = await page.goto(server.base + url);
  assert.ok(answer.ok(), `GET ${url} answered ${answer.status()}`);
  await checkAxe(page);
}

// Submits with the form's button and waits for the next page; axe-core on it.
async function submit(page, button) {
  await Promise.all([page.waitForEvent('load'), button.click()]);
  await checkAxe(page);
}

async function shoot(page, language, width, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${page.url()} is ${overflow} px wider than the ${width} px screen`);
  await page.screenshot({ path: path.join(screenshots, `${name}-${language}-${width}.png`), fullPage: true,
    animations: 'disabled', caret: 'hide' });
}

async function signIn(page, email, password, language) {
  await visit(page, '/login');
  await assert.doesNotReject(page.getByRole('heading', { name: texts[language].signIn }).waitFor());
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await submit(page, page.locator('form[action="/login"] button[type=submit]'));
  assert.equal(new URL(page.url()).pathname, '/');
}

async function navTarget(page, prefix) {
  const href = await page.locator(`nav.site-nav a[href^="${prefix}"]`).first().getAttribute('href');
  assert.ok(href, `no ${prefix} link in the navigation`);
  return href;
}

// --- the flows --------------------------------------------------------------------------

const admin = { email: 'ada@example.test', name: 'Ada Admin', password: 'ada-wachtwoord-2026!' };
const members = {
  nl: { email: 'mia@example.test', name: 'Mia de Vries', password: 'mia-wachtwoord-2026!' },
  en: { email: 'eve@example.test', name: 'Eve Evans', password: 'eve-password-2026!!' },
};

test('an admin sets up the installation and adds competencies', async () => {
  const page = await newPage('nl', 1280);
  await visit(page, '/setup');
  await page.getByRole('heading', { name: 'Ritme inrichten' }).waitFor();
  await shoot(page, 'nl', 1280, 'setup');
  await page.locator('#token').fill(server.token);
  await page.locator('#name').fill(admin.name);
  await page.locator('#email').fill(admin.email);
  await page.locator('#password').fill(admin.password);
  await submit(page, page.locator('form[action="/setup"] button[type=submit]'));
  assert.equal(new URL(page.url()).pathname, '/admin');
  await page.getByRole('heading', { name: 'Beheer', level: 1 }).waitFor();

  for (const competency of competencies) {
    await page.locator('#new_name').fill(competency.name);
    await page.locator('#new_description').fill(competency.description);
    await submit(page, page.locator('form[action="/admin/competencies"] button[type=submit]'));
    await page.locator('details.competency summary', { hasText: competency.name }).waitFor();
  }
  assert.equal(await page.locator('details.competency').count(), competencies.length);
  await shoot(page, 'nl', 1280, 'admin');

  // A second visit to /setup goes to the sign-in page: the installation is set up.
  await page.context().clearCookies();
  await page.goto(`${server.base}/setup`);
  assert.equal(new URL(page.url()).pathname, '/login');
  await page.context().close();

  server.addUser(members.nl.email, members.nl.name, members.nl.password, 'nl');
  server.addUser(members.en.email, members.en.name, members.en.password, 'en');
});

for (const language of ['nl', 'en']) {
  test(`a member walks through every level (${language})`, async () => {
    const t = texts[language];
    const member = members[language];
    const page = await newPage(language, 1280);
    await signIn(page, member.email, member.password, language);
    assert.equal(await page.locator('html').getAttribute('lang'), language);
    const today = (await page.locator('main h1 small').innerText()).trim();
    assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(await page.getByTestId('streak-current').innerText(), '0');

    // Three diary days, the workdays before today.
    const days = previousWorkdays(today, 3);
    for (const [index, day] of days.entries()) {
      await visit(page, `/diary/${day}`);
      await page.locator('#learning_moments').fill(t.moments[index]);
      await page.locator('#handling').fill(t.plan.approach);
      await page.locator('#key_learning').fill(`${t.keyLearning} (${index + 1})`);
      await page.locator('input[name=competency_ids]').first().check();
      await page.locator('#tags').fill('overleg, feedback');
      await page.locator('#minutes').fill('15');
      await submit(page, page.locator('form.entry-form button[type=submit]'));
      assert.equal(new URL(page.url()).pathname, `/diary/${day}`);
      await page.getByRole('status').filter({ hasText: t.saved }).waitFor();
      assert.equal(await page.locator('#learning_moments').inputValue(), t.moments[index]);
      if (index === 0) await shoot(page, language, 1280, 'diary-day');
    }
    await visit(page, '/diary');
    for (const day of days) await page.locator('ul.entries a', { hasText: day }).waitFor();
    assert.equal(await page.locator('ul.entries > li').count(), 3);
    await page.locator('ul.entries', { hasText: t.moments[2] }).waitFor();

    // The week's plan: the SMART hints change while typing (htmx).
    await visit(page, await navTarget(page, '/weeks/'));
    const hints = page.locator('.plan .smart-hints');
    await hints.waitFor();
    await assert.doesNotReject(hints.getByText(t.relevantHint).waitFor());
    assert.equal(await hints.locator('.smart-hint').count(), 5, 'an empty plan has a hint per letter');
    await page.locator('#plan_competency_id').selectOption({ label: competencies[0].name });
    await hints.getByText(t.relevantHint).waitFor({ state: 'detached' });
    assert.equal(await page.locator('.plan .smart-hints .smart-hint').count(), 4);
    await page.locator('#plan_situation').pressSequentially(t.plan.situation, { delay: 5 });
    await page.locator('#plan_approach').pressSequentially(t.plan.approach, { delay: 5 });
    await page.locator('#plan_measure').pressSequentially(t.plan.measure, { delay: 5 });
    await page.locator('.plan .smart-hints', { hasNotText: t.measurableHint }).waitFor();
    const lastDay = await page.locator('#meeting_day').getAttribute('max');
    await page.locator('#plan_deadline').fill(lastDay);
    await page.locator('.plan .smart-hints.is-smart').waitFor();
    await page.locator('.plan .smart-hints', { hasText: t.smart }).waitFor();
    assert.equal(await page.locator('.plan .smart-hints .smart-hint').count(), 0);
    assert.equal(await page.locator('.plan .smart-list li.smart-ok').count(), 5);
    await checkAxe(page);
    await page.locator('#act').fill(t.month.better);
    await submit(page, page.locator('form[action^="/weeks/"] > button[type=submit]'));
    await page.getByRole('status').filter({ hasText: t.saved }).waitFor();
    assert.equal(await page.locator('#plan_measure').inputValue(), t.plan.measure);
    assert.equal(await page.locator('#plan_deadline').inputValue(), lastDay);
    await page.locator('.plan .smart-hints.is-smart').waitFor();
    await shoot(page, language, 1280, 'week');

    // The month: a third focus competency is refused, two are saved.
    await visit(page, await navTarget(page, '/months/'));
    const focus = page.locator('input[name=focus_competency_ids]');
    assert.equal(await focus.count(), competencies.length);
    for (let i = 0; i < 3; ++i) await focus.nth(i).check();
    await page.locator('#went_well').fill(t.month.wentWell);
    await page.locator('#could_be_better').fill(t.month.better);
    await submit(page, page.locator('form[action^="/months/"] > button[type=submit]'));
    await page.locator('#focus-error', { hasText: t.tooManyFocus }).waitFor();
    assert.equal(await page.getByRole('status').filter({ hasText: t.saved }).count(), 0);
    assert.equal(await page.locator('#went_well').inputValue(), t.month.wentWell, 'the typed text is kept');
    await shoot(page, language, 1280, 'month-refused');
    await page.locator('input[name=focus_competency_ids]').nth(2).uncheck();
    await page.locator('input[name=focus_competency_ids]').nth(0).check();
    await page.locator('input[name=focus_competency_ids]').nth(1).check();
    await submit(page, page.locator('form[action^="/months/"] > button[type=submit]'));
    await page.getByRole('status').filter({ hasText: t.saved }).waitFor();
    assert.equal(await page.locator('#focus-error').count(), 0);
    assert.equal(await page.locator('input[name=focus_competency_ids]:checked').count(), 2);
    assert.equal(await page.locator('#could_be_better').inputValue(), t.month.better);
    await shoot(page, language, 1280, 'month');

    // The quarter's Learning Contract.
    await visit(page, await navTarget(page, '/contracts/'));
    await page.locator('#where_from').fill(t.month.wentWell);
    await page.locator('#where_now').fill(t.month.better);
    await page.locator('input[name=competency_ids]').first().check();
    await page.locator('#aims').fill(t.contract.aims);
    await page.locator('#approach').fill(t.plan.approach);
    await page.locator('#evidence').fill(t.contract.measure);
    await page.locator('#goal_text_1').fill(t.contract.goal);
    await page.locator('#goal_measure_1').fill(t.contract.measure);
    await page.locator('#goal-hints .goal-hint').first().waitFor();
    await checkAxe(page);
    await submit(page, page.locator('form[action^="/contracts/"] > button[type=submit]'));
    await page.getByRole('status').filter({ hasText: t.saved }).waitFor();
    assert.equal(await page.locator('#aims').inputValue(), t.contract.aims);
    assert.equal(await page.locator('#goal_text_1').inputValue(), t.contract.goal);
    await shoot(page, language, 1280, 'contract');

    // The year review.
    await visit(page, await navTarget(page, '/years/'));
    await page.locator('input[name=challenging][value="4"]').check();
    await page.locator('input[name=inspiring][value="3"]').check();
    await page.locator('input[name=rewarding][value="5"]').check();
    await page.locator('#next_step').selectOption({ index: 1 });
    const step = await page.locator('#next_step').inputValue();
    await page.locator('#notes').fill(t.yearNotes);
    await submit(page, page.locator('form[action^="/years/"] button[type=submit]'));
    await page.getByRole('status').filter({ hasText: t.saved }).waitFor();
    assert.ok(await page.locator('input[name=challenging][value="4"]').isChecked());
    assert.equal(await page.locator('#next_step').inputValue(), step);
    assert.equal(await page.locator('#notes').inputValue(), t.yearNotes);
    await shoot(page, language, 1280, 'year');

    // The dashboard: the streak, the heatmap, the month's focus and the contract's goal.
    await visit(page, '/');
    await page.getByRole('heading', { name: t.today, level: 1 }).waitFor();
    assert.equal(await page.getByTestId('streak-current').innerText(), '3');
    assert.equal(await page.getByTestId('streak-longest').innerText(), '3');
    await page.locator('p.streak', { hasText: t.streakWords }).waitFor();
    const written = await page.locator('svg.heatmap rect.hm-1 title')
      .evaluateAll((titles) => titles.map((title) => title.textContent));
    assert.deepEqual(written.map((text) => text.slice(0, 10)).sort(), days);
    assert.ok(await page.locator('svg.heatmap rect.hm-0').count() > 300);
    for (const competency of competencies.slice(0, 2)) {
      await page.locator('section', { hasText: competency.name }).first().waitFor();
    }
    await page.locator('ul.goals', { hasText: t.contract.goal }).waitFor();
    await shoot(page, language, 1280, 'dashboard');
    await page.context().close();

    // The phone width: the main pages render, pass axe-core, and show the same data.
    const phone = await newPage(language, 390);
    await signIn(phone, member.email, member.password, language);
    assert.equal(await phone.getByTestId('streak-current').innerText(), '3');
    await shoot(phone, language, 390, 'dashboard');
    await visit(phone, '/diary');
    await phone.getByRole('heading', { name: t.diary, level: 1 }).waitFor();
    assert.equal(await phone.locator('ul.entries > li').count(), 3);
    await shoot(phone, language, 390, 'diary');
    await visit(phone, `/diary/${days[0]}`);
    assert.equal(await phone.locator('#learning_moments').inputValue(), t.moments[0]);
    await shoot(phone, language, 390, 'diary-day');
    for (const [prefix, name] of [['/weeks/', 'week'], ['/months/', 'month'], ['/contracts/', 'contract'],
      ['/years/', 'year']]) {
      await visit(phone, await navTarget(phone, prefix));
      await shoot(phone, language, 390, name);
    }
    assert.equal(await phone.locator('#notes').inputValue(), t.yearNotes);
    await phone.context().close();

    // The diary page at 1280 px too (the dashboard was shot above).
    const wide = await newPage(language, 1280);
    await signIn(wide, member.email, member.password, language);
    await visit(wide, '/diary');
    await shoot(wide, language, 1280, 'diary');
    await wide.context().close();
  });
}
