// End-to-end browser tests of the social rhythm, set up as flow.test.js (harness.js):
//
//   node tests/e2e/social.test.js --binary path/to/ritme [--screenshots DIR]
//
// Two members, one in Dutch and one in English, become each other's fixed colleague
// (invite, accept, the weekly slot); one shares a diary day and a week, the other reads
// them and the first sees that they were opened; the Learning Contract is shared,
// commented on and agreed, and the dashboard says so; an admin plans a monthly SOL meeting
// series and a member organises a lerende organisatie dag with a session of one place:
// one signs up, the other sees it full; RSVPs; the organiser edits the day and removes a
// session on its page, which the other may not; the diary suggests writing down what was
// learned at an event one went to; the pair ends and the former peer's pages answer 404;
// reminders are turned on in the profile and the calendar address is renewed. axe-core on
// every page, at 1280 and 390 px.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const harness = require(path.join(__dirname, 'harness.js'));
const { newPage, visit, visitMissing, submit, shoot, signIn, navTarget, addDays, checkAxe } = harness;

let server;
before(async () => { server = await harness.setUp(); });
after(harness.tearDown);

const admin = { email: 'ada@example.test', name: 'Ada Admin', password: 'ada-wachtwoord-2026!', language: 'nl' };
const mia = { email: 'mia@example.test', name: 'Mia de Vries', password: 'mia-wachtwoord-2026!', language: 'nl' };
const eve = { email: 'eve@example.test', name: 'Eve Evans', password: 'eve-password-2026!!', language: 'en' };
const competency = 'Luisteren';

const texts = {
  nl: {
    saved: 'Opgeslagen.',
    invited: 'Uitnodiging verstuurd.',
    unknownEmail: 'Niemand gebruikt Ritme hier met dit e-mailadres.',
    ownEmail: 'moet het adres van een collega zijn',
    opened: 'geopend',
    notOpened: 'nog niet bekeken',
    shared: 'Gedeeld met je vaste collega.',
    takenBack: 'Teruggenomen',
    agreed: 'akkoord',
    going: 'je gaat',
    full: 'vol',
    signedUp: 'je bent ingeschreven',
    remindersSaved: 'De herinneringen zijn opgeslagen.',
    findPeer: 'Zoek een vaste collega',
    suggestion: 'wat heb je daar geleerd?',
    moments: 'In het teamoverleg vroeg ik door voordat ik reageerde.',
    situation: 'In het teamoverleg van dinsdag',
    aims: 'Beter luisteren in overleggen.',
    ended: 'Jullie zijn geen vaste collega\'s meer.',
  },
  en: {
    saved: 'Saved.',
    accepted: "You are now each other's fixed colleague.",
    meetingSaved: 'The weekly meeting is saved.',
    notDiscussed: 'shared the Learning Contract of this quarter: discuss it.',
    discussed: 'You discussed the Learning Contract of your fixed colleague this quarter.',
    emptyComment: 'must not be empty (unless you agree)',
    commented: 'Your comment is added.',
    agreedNow: 'You agreed to this Learning Contract.',
    going: 'you go',
    full: 'full',
    remindersSaved: 'The reminders are saved.',
    comment: 'A clear plan. Could the second goal have a deadline in the first month?',
    ended: 'The pair has ended.',
    situation: 'In the planning meeting on Thursday',
  },
};

const pages = {};  // one signed-in page per person at 1280 px
let today;
let week;
let quarter;
let learningDay;

// The session's CSRF token, as every form carries it.
async function csrfOf(page) {
  return page.locator('input[name=_csrf]').first().inputValue();
}

// A call to the JSON Api with the page's session cookie (for arranging what no page does).
async function api(page, method, url, data) {
  const answer = await page.request.fetch(server.base + url, {
    method, data, headers: { 'X-CSRF-Token': await csrfOf(page), 'Content-Type': 'application/json' },
  });
  return { status: answer.status(), body: answer.status() === 204 ? null : await answer.json() };
}

test('an admin, two members and a competency', async () => {
  server.addUser(admin.email, admin.name, admin.password, 'nl', { admin: true });
  server.addUser(mia.email, mia.name, mia.password, 'nl');
  server.addUser(eve.email, eve.name, eve.password, 'en');
  for (const person of [admin, mia, eve]) {
    pages[person.email] = await newPage(person.language, 1280);
    await signIn(pages[person.email], person.email, person.password, person.language);
  }
  const page = pages[admin.email];
  await visit(page, '/admin');
  await page.locator('#new_name').fill(competency);
  await page.locator('#new_description').fill('Doorvragen en samenvatten voordat je reageert.');
  await submit(page, page.locator('form[action="/admin/competencies"] button[type=submit]'));
  await page.locator('details.competency summary', { hasText: competency }).waitFor();

  const home = pages[mia.email];
  await visit(home, '/');
  today = (await home.locator('main h1 small').innerText()).trim();
  assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
  week = (await navTarget(home, '/weeks/')).split('/')[2];
  quarter = (await navTarget(home, '/contracts/')).split('/')[2];
  await home.locator('[data-testid=dashboard-peer] a[href="/peer"]', { hasText: texts.nl.findPeer }).waitFor();
});

test('two members become each other\'s fixed colleague', async () => {
  const page = pages[mia.email];
  await visit(page, await navTarget(page, '/peer'));
  await shoot(page, 'nl', 1280, 'peer-invite');

  // Refused: an address nobody has, and one's own; the typed address stays.
  await page.locator('#invite_email').fill('nobody@example.test');
  await submit(page, page.locator('form[action="/peer/invitations"] button[type=submit]'));
  await page.locator('#invite_email-error', { hasText: texts.nl.unknownEmail }).waitFor();
  assert.equal(await page.locator('#invite_email').inputValue(), 'nobody@example.test');
  await page.locator('#invite_email').fill(mia.email);
  await submit(page, page.locator('form[action="/peer/invitations"] button[type=submit]'));
  await page.locator('#invite_email-error', { hasText: texts.nl.ownEmail }).waitFor();

  await page.locator('#invite_email').fill(eve.email);
  await submit(page, page.locator('form[action="/peer/invitations"] button[type=submit]'));
  await page.getByRole('status').filter({ hasText: texts.nl.invited }).waitFor();
  await page.locator('li.invitation', { hasText: eve.name }).waitFor();

  const other = pages[eve.email];
  await visit(other, '/peer');
  const invitation = other.locator('li.invitation', { hasText: mia.name });
  await invitation.waitFor();
  await submit(other, invitation.locator('form[action$="/accept"] button'));
  await other.getByRole('status').filter({ hasText: texts.en.accepted }).waitFor();
  assert.equal(await other.getByTestId('peer-name').innerText(), mia.name);

  // The weekly meeting: Tuesday at 10:00, for both.
  await other.locator('#weekday').selectOption('2');
  await other.locator('#time').fill('10:00');
  await other.locator('#duration_minutes').fill('45');
  await submit(other, other.locator('form[action="/peer/meeting"] button[type=submit]'));
  await other.getByRole('status').filter({ hasText: texts.en.meetingSaved }).waitFor();
  assert.match(await other.getByTestId('meeting').innerText(), /Tuesday 10:00 \(45/);

  await visit(page, '/peer');
  assert.equal(await page.getByTestId('peer-name').innerText(), eve.name);
  assert.match(await page.getByTestId('meeting').innerText(), /dinsdag 10:00/);
  assert.equal(await page.locator('#invite_email').count(), 0, 'no invitation form while one has a peer');
});

test('a shared diary day and week: the peer reads them, the owner sees they were opened', async () => {
  const page = pages[mia.email];
  await visit(page, `/diary/${today}`);
  await page.locator('#learning_moments').fill(texts.nl.moments);
  await page.locator('input[name=shared_with_peer]').check();
  await submit(page, page.locator('form.entry-form button[type=submit]'));
  await page.getByRole('status').filter({ hasText: texts.nl.saved }).waitFor();

  await visit(page, `/weeks/${week}`);
  await page.locator('#plan_situation').fill(texts.nl.situation);
  await page.locator('form[action^="/weeks/"] input[name=shared_with_peer]').check();
  await submit(page, page.locator('form[action^="/weeks/"] > button[type=submit]'));
  await page.getByRole('status').filter({ hasText: texts.nl.saved }).waitFor();

  await visit(page, '/peer');
  const mine = page.getByTestId('mine');
  assert.equal(await mine.locator('tbody tr').count(), 2);
  assert.equal(await mine.locator('.not-opened', { hasText: texts.nl.notOpened }).count(), 2);

  // The peer: both are listed, each opens, and the week page shows the shared week beside one's own.
  const other = pages[eve.email];
  await visit(other, '/peer');
  const theirs = other.getByTestId('theirs');
  await theirs.locator(`a[href="/peer/diary/${today}"]`).waitFor();
  await theirs.locator(`a[href="/peer/weeks/${week}"]`).waitFor();
  await submit(other, theirs.locator(`a[href="/peer/diary/${today}"]`));
  await other.locator('.markdown', { hasText: texts.nl.moments }).waitFor();
  await visit(other, `/weeks/${week}`);
  await other.getByTestId('peer-share').getByText(texts.nl.situation).waitFor();
  await other.getByTestId('peer-share').locator(`a[href="/peer/diary/${today}"]`).waitFor();
  await other.locator('#plan_situation').fill(texts.en.situation);
  await submit(other, other.locator('form[action^="/weeks/"] > button[type=submit]'));
  await other.getByRole('status').filter({ hasText: texts.en.saved }).waitFor();
  await other.getByTestId('peer-share').getByText(texts.nl.situation).waitFor();
  assert.equal(await other.locator('#plan_situation').inputValue(), texts.en.situation);

  await visit(page, '/peer');
  assert.equal(await mine.locator('.opened', { hasText: texts.nl.opened }).count(), 2);
  assert.equal(await mine.locator('.not-opened').count(), 0);
  // Eve did not share her week: Mia's week page says so.
  await visit(page, `/weeks/${week}`);
  assert.equal(await page.getByTestId('peer-share').getByText(texts.en.situation).count(), 0);
});

test('the contract is shared, commented on and agreed; the dashboard shows it', async () => {
  const page = pages[mia.email];
  await visit(page, `/contracts/${quarter}`);
  await page.locator('#where_now').fill('Teamleider sinds kort.');
  await page.locator('input[name=competency_ids]').first().check();
  await page.locator('#aims').fill(texts.nl.aims);
  await page.locator('#goal_text_1').fill('In elk teamoverleg vat ik samen voordat ik reageer');
  await submit(page, page.locator('form[action^="/contracts/"] > button[type=submit]'));
  await page.getByRole('status').filter({ hasText: texts.nl.saved }).waitFor();
  await submit(page, page.locator(`form[action="/contracts/${quarter}/share"] button`));
  await page.getByRole('status').filter({ hasText: texts.nl.shared }).waitFor();
  await page.getByTestId('contract-shared').locator('.not-opened').waitFor();

  const other = pages[eve.email];
  await visit(other, '/');
  await other.getByTestId('peer-contract').filter({ hasText: texts.en.notDiscussed }).waitFor();
  await visit(other, `/peer/contracts/${quarter}`);
  await other.getByText(texts.nl.aims).waitFor();
  // An empty comment is refused beside the field.
  await submit(other, other.locator('button[name=action][value=comment]'));
  await other.locator('#comment-error', { hasText: texts.en.emptyComment }).waitFor();
  await other.locator('#comment').fill(texts.en.comment);
  await submit(other, other.locator('button[name=action][value=comment]'));
  await other.getByRole('status').filter({ hasText: texts.en.commented }).waitFor();
  await submit(other, other.locator('button[name=action][value=agree]'));
  await other.getByRole('status').filter({ hasText: texts.en.agreedNow }).waitFor();
  assert.equal(await other.locator('ol.discussion > li').count(), 2);
  await other.locator('ol.discussion', { hasText: texts.en.comment }).waitFor();
  assert.equal(await other.locator('button[name=action][value=agree]').count(), 0, 'agreeing once is enough');
  await shoot(other, 'en', 1280, 'peer-contract');
  await visit(other, '/');
  const discussed = other.getByTestId('peer-contract');
  await discussed.filter({ hasText: texts.en.discussed }).waitFor();
  assert.match(await discussed.getAttribute('class'), /is-done/);

  await visit(page, `/contracts/${quarter}`);
  await page.locator('ol.discussion', { hasText: texts.en.comment }).waitFor();
  await page.locator('ol.discussion', { hasText: eve.name }).waitFor();
  await page.locator('ol.discussion mark', { hasText: texts.nl.agreed }).waitFor();
  await page.getByTestId('contract-shared').locator('.opened', { hasText: texts.nl.opened }).waitFor();

  // Taken back: the peer no longer sees it; shared again, it is back.
  await submit(page, page.locator(`form[action="/contracts/${quarter}/unshare"] button`));
  await page.getByRole('status').filter({ hasText: texts.nl.takenBack }).waitFor();
  await visitMissing(other, `/peer/contracts/${quarter}`);
  await submit(page, page.locator(`form[action="/contracts/${quarter}/share"] button`));
  await visit(other, `/peer/contracts/${quarter}`);
});

test('events: a SOL meeting series, a learning day with a session of one place, RSVPs', async () => {
  const page = pages[admin.email];
  await visit(page, '/events');
  await page.locator('section[aria-labelledby=organise-title] summary').click();
  await page.locator('input[name=kind][value=sol_meeting]').check();
  await page.locator('#title').fill('SOL meeting: feedback');
  await page.locator('#starts_day').fill(addDays(today, 7));
  await page.locator('#starts_time').fill('15:00');
  await page.locator('#ends_time').fill('17:00');
  await page.locator('#location').fill('Zaal 2');
  await page.locator('input[name=repeat_every][value=month]').check();
  await page.locator('#repeat_count').fill('3');
  await submit(page, page.locator('form.event-form button[type=submit]'));
  assert.match(new URL(page.url()).pathname, /^\/events\/[^/]+$/);
  await visit(page, '/events');
  assert.equal(await page.locator('li.event-item', { hasText: 'SOL meeting: feedback' }).count(), 3);

  // A member: no SOL meetings to plan, but a learning day; its end before its start is refused.
  const organiser = pages[mia.email];
  await visit(organiser, '/events');
  assert.equal(await organiser.locator('input[name=kind][value=sol_meeting]').count(), 0);
  await organiser.locator('section[aria-labelledby=organise-title] summary').click();
  await organiser.locator('#title').fill('Lerende organisatie dag');
  await organiser.locator('#starts_day').fill(addDays(today, 14));
  await organiser.locator('#starts_time').fill('09:00');
  await organiser.locator('#ends_time').fill('08:00');
  await submit(organiser, organiser.locator('form.event-form button[type=submit]'));
  await organiser.locator('#ends-error').waitFor();
  assert.equal(await organiser.locator('#title').inputValue(), 'Lerende organisatie dag', 'the typed text is kept');
  await organiser.locator('#ends_time').fill('17:00');
  await organiser.locator('#location').fill('Het Atrium');
  await submit(organiser, organiser.locator('form.event-form button[type=submit]'));
  learningDay = new URL(organiser.url()).pathname;
  await organiser.locator('summary', { hasText: 'Een sessie toevoegen' }).click();
  await organiser.locator('#session_title').fill('Feedback geven in de praktijk');
  await organiser.locator('#session_host').fill(mia.name);
  await organiser.locator('#session_starts').fill('10:00');
  await organiser.locator('#session_ends').fill('11:00');
  await organiser.locator('#session_capacity').fill('1');
  await submit(organiser, organiser.locator('form.session-form button[type=submit]'));
  const session = organiser.locator('li.session', { hasText: 'Feedback geven in de praktijk' });
  await submit(organiser, session.locator('button', { hasText: 'Inschrijven' }));
  await organiser.locator('li.session', { hasText: texts.nl.signedUp }).waitFor();
  await submit(organiser, organiser.locator('form[action$="/rsvp"] button', { hasText: 'Ik ga' }).first());
  await organiser.locator('.my-rsvp', { hasText: texts.nl.going }).first().waitFor();
  await shoot(organiser, 'nl', 1280, 'event');

  // The other member: the session is full, the day is not.
  const other = pages[eve.email];
  await visit(other, learningDay);
  const full = other.locator('li.session', { hasText: 'Feedback geven in de praktijk' });
  await full.locator('mark.full', { hasText: texts.en.full }).waitFor();
  assert.equal(await full.locator('button').count(), 0, 'no sign-up for a full session');
  await submit(other, other.locator('form[action$="/rsvp"] button', { hasText: "I'm going" }));
  await other.locator('.my-rsvp', { hasText: texts.en.going }).first().waitFor();
  assert.match(await other.getByTestId('event-places').innerText(), /^going: 2/);
  await shoot(other, 'en', 1280, 'event');
  await visit(other, '/events');
  const sol = other.locator('li.event-item', { hasText: 'SOL meeting: feedback' }).first();
  await submit(other, sol.locator('button', { hasText: "I'm going" }));
  assert.equal(new URL(other.url()).pathname, '/events');
  await other.locator('li.event-item.is-going', { hasText: 'SOL meeting: feedback' }).first().waitFor();
  await shoot(other, 'en', 1280, 'events');
  await visit(other, '/');
  await other.getByTestId('dashboard-events').getByRole('link', { name: 'SOL meeting: feedback' }).waitFor();
  await other.getByTestId('dashboard-events').getByRole('link', { name: 'Lerende organisatie dag' }).waitFor();
  await shoot(other, 'en', 1280, 'dashboard-social');
  await visit(organiser, '/events');
  await shoot(organiser, 'nl', 1280, 'events');
  await visit(organiser, '/');
  await organiser.getByTestId('dashboard-events').getByRole('link', { name: 'Lerende organisatie dag' }).waitFor();
  await shoot(organiser, 'nl', 1280, 'dashboard-social');
});

test('events: the organiser edits the day on its own page and removes a session; others may not', async () => {
  const organiser = pages[mia.email];
  await visit(organiser, learningDay);
  await submit(organiser, organiser.getByRole('link', { name: 'Bewerken' }));
  assert.equal(new URL(organiser.url()).pathname, `${learningDay}/edit`);
  assert.equal(await organiser.locator('#title').inputValue(), 'Lerende organisatie dag');
  assert.equal(await organiser.locator('#starts_day').inputValue(), addDays(today, 14));
  assert.equal(await organiser.locator('#starts_time').inputValue(), '09:00');
  assert.equal(await organiser.locator('#ends_day').inputValue(), addDays(today, 14));
  assert.equal(await organiser.locator('#ends_time').inputValue(), '17:00');
  assert.equal(await organiser.locator('#location').inputValue(), 'Het Atrium');
  // An end before the start: refused beside the field, with what was typed kept.
  await organiser.locator('#location').fill('Het Atrium, zaal 2');
  await organiser.locator('#ends_time').fill('08:00');
  await submit(organiser, organiser.locator('form.event-edit-form button[type=submit]'));
  await organiser.locator('#ends-error').waitFor();
  assert.equal(await organiser.locator('#location').inputValue(), 'Het Atrium, zaal 2', 'the typed text is kept');
  assert.equal(await organiser.locator('#ends_time').inputValue(), '08:00');
  await shoot(organiser, 'nl', 1280, 'event-edit');
  await organiser.locator('#ends_time').fill('17:30');
  await submit(organiser, organiser.locator('form.event-edit-form button[type=submit]'));
  assert.equal(new URL(organiser.url()).pathname, learningDay);
  await organiser.getByRole('status').filter({ hasText: 'De wijzigingen zijn opgeslagen.' }).waitFor();
  await organiser.getByText('Het Atrium, zaal 2').first().waitFor();
  await organiser.locator('time', { hasText: '09:00–17:30' }).first().waitFor();

  await organiser.locator('summary', { hasText: 'Een sessie toevoegen' }).click();
  await organiser.locator('#session_title').fill('Een sessie die niet doorgaat');
  await organiser.locator('#session_starts').fill('14:00');
  await organiser.locator('#session_ends').fill('15:00');
  await submit(organiser, organiser.locator('form.session-form button[type=submit]'));
  const extra = organiser.locator('li.session', { hasText: 'Een sessie die niet doorgaat' });
  await extra.waitFor();

  // Another member sees neither the edit link nor a Remove button, and the edit page refuses.
  const other = pages[eve.email];
  await visit(other, learningDay);
  await other.locator('li.session', { hasText: 'Een sessie die niet doorgaat' }).waitFor();
  assert.equal(await other.getByRole('link', { name: 'Edit' }).count(), 0);
  assert.equal(await other.locator('form[action$="/delete"]').count(), 0);
  await visitMissing(other, `${learningDay}/edit`, 403);

  // Removing asks first; only the confirmed post removes the session.
  await submit(organiser, extra.locator('button', { hasText: 'Verwijderen' }));
  await submit(organiser, organiser.getByTestId('confirm-remove').locator('button'));
  await organiser.getByRole('status').filter({ hasText: 'De sessie is uit het programma verwijderd.' }).waitFor();
  assert.equal(await organiser.locator('li.session', { hasText: 'Een sessie die niet doorgaat' }).count(), 0);
  await organiser.locator('li.session', { hasText: 'Feedback geven in de praktijk' }).waitFor();

  const phone = await newPage(mia.language, 390);
  await signIn(phone, mia.email, mia.password, mia.language);
  await visit(phone, `${learningDay}/edit`);
  await shoot(phone, mia.language, 390, 'event-edit');
  await phone.context().close();
});

test('after an event one went to, the diary page suggests writing down what was learned', async () => {
  const page = pages[mia.email];
  await visit(page, '/events');
  const now = Date.now();
  const created = await api(page, 'POST', '/api/v1/events', {
    kind: 'learning_day', title: 'Intervisie over feedback', location: '', description: '', capacity: null,
    starts_at: new Date(now - 2 * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z'),
    ends_at: new Date(now + 3600e3).toISOString().replace(/\.\d+Z$/, 'Z'),
  });
  assert.equal(created.status, 201);
  assert.equal((await api(page, 'POST', `/api/v1/events/${created.body.id}/rsvp`, { status: 'going' })).status, 200);
  const moved = await api(page, 'PATCH', `/api/v1/events/${created.body.id}`,
    { ends_at: new Date(now - 60e3).toISOString().replace(/\.\d+Z$/, 'Z') });
  assert.equal(moved.status, 200);
  await visit(page, `/diary/${today}`);
  const suggestion = page.getByTestId('attended-suggestion');
  await suggestion.filter({ hasText: 'Intervisie over feedback' }).waitFor();
  await suggestion.filter({ hasText: texts.nl.suggestion }).waitFor();
  assert.equal(await page.locator('#learning_moments').inputValue(), texts.nl.moments, 'it fills in nothing');
  // Another member did not go: no suggestion there.
  const other = pages[eve.email];
  await visit(other, `/diary/${today}`);
  assert.equal(await other.getByTestId('attended-suggestion').count(), 0);
});

test('the pages at 390 px, in both languages', async () => {
  for (const person of [mia, eve]) {
    const phone = await newPage(person.language, 390);
    await signIn(phone, person.email, person.password, person.language);
    await shoot(phone, person.language, 390, 'dashboard-social');
    for (const [url, name] of [['/peer', 'peer'], ['/events', 'events'], [learningDay, 'event']]) {
      await visit(phone, url);
      await shoot(phone, person.language, 390, name);
    }
    await phone.context().close();
    const wide = pages[person.email];
    await visit(wide, '/peer');
    await shoot(wide, person.language, 1280, 'peer');
  }
});

test('ending the pair hides everything: the former peer\'s pages answer 404', async () => {
  const other = pages[eve.email];
  await visit(other, '/peer');
  await other.locator('section[aria-labelledby=end-title] summary').click();
  await other.locator('input[name=confirm]').check();
  await submit(other, other.locator('form[action="/peer/end"] button[type=submit]'));
  await other.getByRole('status').filter({ hasText: texts.en.ended }).waitFor();
  await other.locator('#invite_email').waitFor();
  for (const url of [`/peer/diary/${today}`, `/peer/weeks/${week}`, `/peer/contracts/${quarter}`]) {
    await visitMissing(other, url);
  }
  const page = pages[mia.email];
  await visit(page, '/peer');
  await page.locator('#invite_email').waitFor();
  assert.equal(await page.getByTestId('mine').count(), 0);
  await visitMissing(page, `/peer/weeks/${week}`);
  await visit(page, `/contracts/${quarter}`);
  assert.equal(await page.getByTestId('contract-shared').count(), 0, 'nothing stays shared');
  await visit(page, '/');
  await page.locator('[data-testid=dashboard-peer] a[href="/peer"]', { hasText: texts.nl.findPeer }).waitFor();
});

test('reminders are turned on in the profile; the calendar address is renewed', async () => {
  for (const person of [mia, eve]) {
    const t = texts[person.language];
    const page = pages[person.email];
    await visit(page, '/profile');
    assert.equal(await page.locator('#reminder_daily_enabled').isChecked(), false, 'off until turned on');
    await page.locator('#reminder_daily_enabled').check();
    await page.locator('#reminder_daily_time').fill('16:30');
    await page.locator('#reminder_weekly_enabled').check();
    await page.locator('#reminder_weekly_weekday').selectOption('4');
    await page.locator('#reminder_weekly_time').fill('15:00');
    await submit(page, page.locator('form.reminders-form button[type=submit]'));
    await page.getByRole('status').filter({ hasText: t.remindersSaved }).waitFor();
    await visit(page, '/profile');
    assert.ok(await page.locator('#reminder_daily_enabled').isChecked());
    assert.equal(await page.locator('#reminder_daily_time').inputValue(), '16:30');
    assert.ok(await page.locator('#reminder_weekly_enabled').isChecked());
    assert.equal(await page.locator('#reminder_weekly_weekday').inputValue(), '4');
    assert.equal(await page.locator('#reminder_monthly_enabled').isChecked(), false);

    const first = await page.locator('#calendar_url').inputValue();
    assert.match(first, /\/calendar\/[^/]+\.ics$/);
    await submit(page, page.locator('form[action="/profile/calendar/rotate"] button'));
    const second = await page.locator('#calendar_url').inputValue();
    assert.match(second, /\/calendar\/[^/]+\.ics$/);
    assert.notEqual(second, first);
    const feed = (url) => fetch(server.base + new URL(url).pathname);
    assert.equal((await feed(first)).status, 404, 'the old address is dead');
    assert.equal((await feed(second)).status, 200);
    await shoot(page, person.language, 1280, 'profile');
    const phone = await newPage(person.language, 390);
    await signIn(phone, person.email, person.password, person.language);
    await visit(phone, '/profile');
    await checkAxe(phone);
    await shoot(phone, person.language, 390, 'profile');
    await phone.context().close();
  }
});
