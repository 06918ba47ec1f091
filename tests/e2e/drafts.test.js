// Browser tests of drafts, set up as flow.test.js (harness.js):
//
//   node tests/e2e/drafts.test.js --binary path/to/ritme [--screenshots DIR]
//
// Nothing written is lost: what one types on a writing page is kept as a draft (in the
// browser at once, on the server a moment after typing stops); closing the tab and coming
// back offers it in the form ("Concept van 14:32 hersteld"), also on another device, and
// also when the server could not be reached while typing; throwing it away empties the
// form again; saving the entry clears the draft. A form posted after its session ended
// (signed out in another tab, the cookie gone) shows the sign-in page, and signing in
// saves what was written and lands on its page; one posted with another session's token
// asks to be saved now; a refused save keeps the text in the form; a post from another
// site is not carried. In Dutch and English, at 1280 and 390 px, axe-core on every page.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const harness = require(path.join(__dirname, 'harness.js'));
const { newPage, visit, submit, shoot, signIn, navTarget, checkAxe } = harness;

let server;
before(async () => { server = await harness.setUp(); });
after(harness.tearDown);

const texts = {
  nl: {
    saved: 'Opgeslagen.',
    restored: /^Concept van \d{1,2}:\d{2} hersteld/,
    kept: 'Concept bewaard om',
    keptHere: 'in deze browser bewaard',
    moments: 'Bij de overdracht vroeg ik door tot het plan voor iedereen helder was.',
    situation: 'In de overdracht van dinsdagochtend',
    wentWell: 'Ik durf vaker te zeggen dat ik iets niet begrijp.',
  },
  en: {
    saved: 'Saved.',
    restored: /^Draft from \d{1,2}:\d{2} restored/,
    kept: 'Draft kept at',
    keptHere: 'kept in this browser',
    moments: 'At the handover I kept asking until the plan was clear to everyone.',
    situation: 'At the handover on Tuesday morning',
    wentWell: 'I say more often that I do not understand something.',
  },
};

const people = [];
for (const language of ['nl', 'en']) {
  for (const width of [1280, 390]) {
    people.push({ language, width, email: `schrijver-${language}-${width}@example.test`, name: `Schrijver ${language} ${width}`,
      password: `schrijf-wachtwoord-${width}!` });
  }
}

// A new tab in the same browser profile (the same cookies and localStorage).
async function reopen(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.scriptErrors = [];
  page.on('pageerror', (error) => page.scriptErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function api(page, method, url) {
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const answer = await page.request.fetch(server.base + url, { method, headers: { 'X-CSRF-Token': csrf } });
  return { status: answer.status(), body: answer.status() === 200 ? await answer.json() : null };
}

async function localDrafts(page) {
  return page.evaluate(() => Object.keys(window.localStorage).filter((key) => key.startsWith('ritme.draft.')));
}

// The page once its script has offered or cleared the draft.
async function settled(page) {
  await page.locator('form[data-draft-ready]').first().waitFor({ state: 'attached' });
}

async function signedIn(person) {
  const page = await newPage(person.language, person.width);
  await signIn(page, person.email, person.password, person.language);
  return page;
}

test('members to write', async () => {
  for (const person of people) server.addUser(person.email, person.name, person.password, person.language);
});

for (const person of people) {
  const { language, width } = person;
  const t = texts[language];

  test(`a closed tab keeps the diary text, saving clears the draft (${language}, ${width} px)`, async () => {
    const page = await signedIn(person);
    const day = (await page.locator('main h1 small').innerText()).trim();
    await visit(page, `/diary/${day}`);
    await page.locator('#learning_moments').fill(t.moments);
    await page.locator('.draft-status', { hasText: t.kept }).waitFor();
    const stored = await api(page, 'GET', `/api/v1/drafts/diary/${day}`);
    assert.equal(stored.status, 200);
    assert.deepEqual(stored.body.body.fields.learning_moments, [t.moments]);
    const context = page.context();
    await page.close();

    const again = await reopen(context);
    await visit(again, `/diary/${day}`);
    const notice = again.getByTestId('draft-restored');
    await notice.waitFor();
    assert.match(await notice.innerText(), t.restored);
    assert.equal(await again.locator('#learning_moments').inputValue(), t.moments);
    await checkAxe(again);
    await shoot(again, language, width, 'draft-restored');

    await submit(again, again.locator('form.entry-form button[type=submit]'));
    await again.getByRole('status').filter({ hasText: t.saved }).waitFor();
    await settled(again);
    assert.equal((await api(again, 'GET', `/api/v1/drafts/diary/${day}`)).status, 404);
    assert.deepEqual(await localDrafts(again), []);
    await visit(again, `/diary/${day}`);
    await settled(again);
    assert.equal(await again.getByTestId('draft-restored').count(), 0);
    assert.equal(await again.locator('#learning_moments').inputValue(), t.moments);
    await context.close();
  });

  test(`a draft follows to another device and can be thrown away (${language}, ${width} px)`, async () => {
    const page = await signedIn(person);
    const week = (await navTarget(page, '/weeks/')).split('/')[2];
    await visit(page, `/weeks/${week}`);
    const before = await page.locator('#plan_situation').inputValue();
    await page.locator('#plan_situation').fill(t.situation);
    await page.locator('.draft-status', { hasText: t.kept }).waitFor();

    const other = await signedIn(person);  // a browser of its own: nothing in its localStorage
    await visit(other, `/weeks/${week}`);
    const notice = other.getByTestId('draft-restored');
    await notice.waitFor();
    assert.match(await notice.innerText(), t.restored);
    assert.equal(await other.locator('#plan_situation').inputValue(), t.situation);
    await notice.getByRole('button').click();
    await notice.waitFor({ state: 'detached' });
    await settled(other);
    assert.equal(await other.locator('#plan_situation').inputValue(), before);
    await settled(other);
    assert.equal((await api(other, 'GET', `/api/v1/drafts/week/${week}`)).status, 404);
    assert.deepEqual(await localDrafts(other), []);
    await visit(other, `/weeks/${week}`);
    await settled(other);
    assert.equal(await other.getByTestId('draft-restored').count(), 0);
    await page.context().close();
    await other.context().close();
  });

  test(`offline, the browser keeps the draft until the server can have it (${language}, ${width} px)`, async () => {
    const page = await signedIn(person);
    const month = (await navTarget(page, '/months/')).split('/')[2];
    await visit(page, `/months/${month}`);
    const context = page.context();
    await context.setOffline(true);
    await page.locator('#went_well').fill(t.wentWell);
    await page.locator('.draft-status', { hasText: t.keptHere }).waitFor();
    assert.equal((await localDrafts(page)).length, 1);
    await page.close();
    await context.setOffline(false);
    assert.equal((await api(await reopen(context).then(async (tab) => {
      await visit(tab, '/');
      return tab;
    }), 'GET', `/api/v1/drafts/month/${month}`)).status, 404, 'the server never had it');

    const again = await reopen(context);
    await visit(again, `/months/${month}`);
    const notice = again.getByTestId('draft-restored');
    await notice.waitFor();
    assert.match(await notice.innerText(), t.restored);
    assert.equal(await again.locator('#went_well').inputValue(), t.wentWell);
    // Back online, the restored draft goes to the server too.
    await again.locator('.draft-status', { hasText: t.kept }).waitFor();
    const stored = await api(again, 'GET', `/api/v1/drafts/month/${month}`);
    assert.equal(stored.status, 200);
    assert.deepEqual(stored.body.body.fields.went_well, [t.wentWell]);
    await context.close();
  });
}

// --- an ended session keeps the text ------------------------------------------------------

const ended = {
  nl: {
    sessionEnded: 'Je sessie was verlopen',
    resumedSaved: 'Je bent opnieuw aangemeld en wat je schreef is opgeslagen.',
    resumedKept: 'Wat je schreef staat weer in het formulier, maar is nog niet opgeslagen.',
    formExpired: 'Wat je schreef is bewaard: sla het nu op.',
    saveNow: 'Nu opslaan',
    signOut: 'Afmelden',
    expired: 'Dit formulier is verlopen',
    wrongPassword: 'Onjuist e-mailadres of wachtwoord.',
    moments: 'Na de storing belde ik de klant zelf terug; dat gaf rust.',
    act: 'Ik plan de terugkoppeling meteen na het overleg.',
    better: 'Ik laat me nog te vaak onderbreken.',
    future: 'Een dag die nog moet komen.',
  },
  en: {
    sessionEnded: 'Your session had ended',
    resumedSaved: 'You are signed in again, and what you wrote is saved.',
    resumedKept: 'What you wrote is back in the form, but not saved yet.',
    formExpired: 'What you wrote is kept: save it now.',
    saveNow: 'Save it now',
    signOut: 'Sign out',
    expired: 'This form has expired',
    wrongPassword: 'Wrong e-mail address or password.',
    moments: 'After the outage I called the customer back myself; it calmed things down.',
    act: 'I plan the feedback right after the meeting.',
    better: 'I still let myself be interrupted too often.',
    future: 'A day still to come.',
  },
};

// On the sign-in page the ended session led to: signs in and lands where the form was.
async function signInAgain(page, person, t) {
  await page.getByTestId('session-ended').filter({ hasText: t.sessionEnded }).waitFor();
  await page.locator('#email').fill(person.email);
  await page.locator('#password').fill(person.password);
  await submit(page, page.locator('form[action="/login"] button[type=submit]'));
}

for (const person of people) {
  const { language, width } = person;
  const t = ended[language];

  test(`signed out in another tab, the diary text is saved after signing in (${language}, ${width} px)`, async () => {
    const page = await signedIn(person);
    const today = (await page.locator('main h1 small').innerText()).trim();
    const day = harness.addDays(today, -1);
    await visit(page, `/diary/${day}`);
    await page.locator('#learning_moments').fill(t.moments);

    const other = await reopen(page.context());
    await visit(other, '/');
    await submit(other, other.locator('form[action="/logout"] button'));
    assert.equal(new URL(other.url()).pathname, '/login');

    await submit(page, page.locator('form.entry-form button[type=submit]'));
    await page.getByTestId('session-ended').waitFor();
    await shoot(page, language, width, 'session-ended');
    await signInAgain(page, person, t);
    assert.equal(new URL(page.url()).pathname, `/diary/${day}`);
    await page.getByTestId('resumed').filter({ hasText: t.resumedSaved }).waitFor();
    assert.equal(await page.locator('#learning_moments').inputValue(), t.moments);
    await settled(page);
    assert.deepEqual(await localDrafts(page), []);
    const entry = await api(page, 'GET', `/api/v1/diary/${day}`);
    assert.equal(entry.status, 200);
    assert.equal(entry.body.learning_moments, t.moments);
    await page.context().close();
  });

  test(`with the cookie gone, the week is saved after a wrong and a right password (${language}, ${width} px)`, async () => {
    const page = await signedIn(person);
    const week = (await navTarget(page, '/weeks/')).split('/')[2];
    await visit(page, `/weeks/${week}`);
    await page.locator('#act').fill(t.act);
    await page.context().clearCookies();
    await submit(page, page.locator(`form[action="/weeks/${week}"] button[type=submit]`));
    await page.getByTestId('session-ended').waitFor();
    await page.locator('#email').fill(person.email);
    await page.locator('#password').fill(`${person.password}-not`);
    await submit(page, page.locator('form[action="/login"] button[type=submit]'));
    await page.getByRole('alert').filter({ hasText: t.wrongPassword }).waitFor();
    await signInAgain(page, person, t);
    assert.equal(new URL(page.url()).pathname, `/weeks/${week}`);
    await page.getByTestId('resumed').filter({ hasText: t.resumedSaved }).waitFor();
    assert.equal(await page.locator('#act').inputValue(), t.act);
    await page.context().close();
  });

  test(`signed in again elsewhere, the year asks to be saved now (${language}, ${width} px)`, async () => {
    const page = await signedIn(person);
    const year = (await navTarget(page, '/years/')).split('/')[2];
    await visit(page, `/years/${year}`);
    await page.locator('#notes').fill(t.better);

    const other = await reopen(page.context());
    await visit(other, '/');
    await submit(other, other.locator('form[action="/logout"] button'));
    await signIn(other, person.email, person.password, language);

    await submit(page, page.locator(`form[action="/years/${year}"] button[type=submit]`));
    await page.getByTestId('form-expired').filter({ hasText: t.formExpired }).waitFor();
    await shoot(page, language, width, 'form-expired');
    await submit(page, page.getByRole('button', { name: t.saveNow }));
    assert.equal(new URL(page.url()).pathname, `/years/${year}`);
    await page.getByRole('status').filter({ hasText: texts[language].saved }).waitFor();
    assert.equal(await page.locator('#notes').inputValue(), t.better);
    const saved = await api(page, 'GET', `/api/v1/years/${year}`);
    assert.equal(saved.status, 200);
    assert.equal(saved.body.notes, t.better);
    await page.context().close();
  });
}

test('a refused save after signing in again keeps the text in the form', async () => {
  const person = people[0];
  const t = ended[person.language];
  const page = await signedIn(person);
  const today = (await page.locator('main h1 small').innerText()).trim();
  const tomorrow = harness.addDays(today, 1);  // a day in the future is refused
  await visit(page, `/diary/${tomorrow}`);
  await page.locator('#learning_moments').fill(t.future);
  await page.context().clearCookies();
  await submit(page, page.locator('form.entry-form button[type=submit]'));
  await signInAgain(page, person, t);
  await page.getByTestId('resumed').filter({ hasText: t.resumedKept }).waitFor();
  assert.equal(await page.locator('#learning_moments').inputValue(), t.future);
  assert.equal((await api(page, 'GET', `/api/v1/diary/${tomorrow}`)).status, 404);
  await page.context().close();
});

test('a post from another site is not carried to the sign-in page', async () => {
  const person = people[0];
  const t = ended[person.language];
  const page = await newPage(person.language, 1280);
  await visit(page, '/login');
  const answer = await page.request.post(`${server.base}/diary/2026-01-05`, {
    form: { _csrf: 'a-token-of-another-site', learning_moments: 'planted text' },
    headers: { Origin: 'https://elsewhere.example', 'Sec-Fetch-Site': 'cross-site' },
  });
  assert.equal(answer.status(), 403);
  const body = await answer.text();
  assert.ok(body.includes(t.expired), 'the plain refusal');
  assert.ok(!body.includes('planted text'), 'nothing carried');
  await page.context().close();
});
