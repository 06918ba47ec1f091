// What the browser tests share: a real `ritme serve` on a fresh SQLite database and a free
// port, Debian's Chromium driven by playwright-core, axe-core on every page visited, and
// screenshots. Each test file calls setUp() in `before` and tearDown() in `after`.
//
//   --binary PATH        the ritme binary (else RITME_BINARY, else build/release/ritme)
//   --screenshots DIR    where screenshots go (else a temporary folder)
'use strict';

const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { chromium } = require(path.join(root, 'node_modules', 'playwright-core'));
const axeSource = path.join(root, 'node_modules', 'axe-core', 'axe.min.js');

function argument(name) {
  const flag = process.argv.indexOf(name);
  return flag >= 0 && process.argv[flag + 1] ? process.argv[flag + 1] : null;
}

const screenshots = argument('--screenshots') ? path.resolve(argument('--screenshots'))
  : fs.mkdtempSync(path.join(os.tmpdir(), 'ritme-shots-'));

function binaryPath() {
  if (argument('--binary')) return path.resolve(argument('--binary'));
  if (process.env.RITME_BINARY) return path.resolve(process.env.RITME_BINARY);
  return path.join(root, 'build', 'release', 'ritme');
}

const binary = binaryPath();
const chromiumPath = process.env.RITME_CHROMIUM || '/usr/bin/chromium';

// What the harness itself needs to know of each language.
const languages = {
  nl: { acceptLanguage: 'nl-NL,nl;q=0.9', signIn: 'Aanmelden' },
  en: { acceptLanguage: 'en-GB,en;q=0.9', signIn: 'Sign in' },
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
  for (const name of ['RITME_DB', 'RITME_LISTEN', 'RITME_SMTP', 'RITME_MAIL_FROM', 'RITME_PUBLIC_URL']) {
    delete environment[name];
  }
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

  addUser(email, name, password, locale, { admin = false } = {}) {
    const args = ['user', 'add', '--email', email, '--name', name, '--password-stdin', '--db', this.db,
      '--locale', locale];
    if (admin) args.push('--admin');
    const result = spawnSync(binary, args, { input: `${password}\n`, cwd: serverCwd(this.workdir),
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

function addDays(day, days) {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + days);
  return formatDay(date);
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

const state = { server: null, userDataDir: null, persistent: null, browser: null, axeRuns: 0 };

async function setUp() {
  assert.ok(fs.existsSync(binary), `no ritme binary at ${binary}`);
  fs.mkdirSync(screenshots, { recursive: true });
  state.server = new Server();
  await state.server.start();
  state.userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ritme-e2e-chromium-'));
  state.persistent = await chromium.launchPersistentContext(state.userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  state.browser = state.persistent.browser();
  return state.server;
}

async function tearDown() {
  process.stdout.write(`# axe-core ran on ${state.axeRuns} pages\n`);
  if (state.persistent) await state.persistent.close();
  if (state.userDataDir) fs.rmSync(state.userDataDir, { recursive: true, force: true });
  if (state.server) await state.server.stop();
}

function server() {
  return state.server;
}

async function newPage(language, width) {
  const context = await state.browser.newContext({
    viewport: { width, height: 900 },
    locale: language === 'nl' ? 'nl-NL' : 'en-GB',
    timezoneId: 'Europe/Amsterdam',
    extraHTTPHeaders: { 'Accept-Language': languages[language].acceptLanguage },
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
  state.axeRuns += 1;
}

async function visit(page, url) {
  const answer = await page.goto(state.server.base + url);
  assert.ok(answer.ok(), `GET ${url} answered ${answer.status()}`);
  await checkAxe(page);
}

// A page that must not be there: its status, and axe-core on the error page.
async function visitMissing(page, url, status = 404) {
  const answer = await page.goto(state.server.base + url);
  assert.equal(answer.status(), status, `GET ${url} answered ${answer.status()}, not ${status}`);
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
  await assert.doesNotReject(page.getByRole('heading', { name: languages[language].signIn }).waitFor());
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

module.exports = {
  binary, screenshots, languages, Server, setUp, tearDown, server, parseDay, formatDay, addDays,
  previousWorkdays, newPage, checkAxe, visit, visitMissing, submit, shoot, signIn, navTarget,
};
