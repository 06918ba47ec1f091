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
// (`make screenshots` copies them into docs/screenshots/). The server, the browser and
// axe-core are set up by harness.js, which social.test.js shares.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const harness = require(path.join(__dirname, 'harness.js'));
const { newPage, checkAxe, visit, submit, shoot, signIn, navTarget, previousWorkdays } = harness;

const widths = [1280, 390];
const competencies = [
  { name: 'Luisteren', description: 'Doorvragen en samenvatten voordat je reageert.' },
  { name: 'Feedback geven', description: 'Concreet, op tijd en met een voorstel.' },
  { name: 'Plannen', description: 'Werk opdelen in haalbare stappen.' },
];

const texts = {
  nl: {
    saved: 'Opgeslagen.',
    today: 'Vandaag',
    diary: 'Leerdagboek',
    streakWords: 'werkdagen op rij',
    smart: 'Dit plan is SMART.',
    relevantHint: 'Kies de competentie waar je deze week aan werkt.',
    measurableHint: 'Maak je plan meetbaar',
    timeHint: 'Zet een deadline in de komende week',
    tooManyFocus: 'Je koos er meer dan twee.',
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
    saved: 'Saved.',
    today: 'Today',
    diary: 'Learning diary',
    streakWords: 'workdays in a row',
    smart: 'This plan is SMART.',
    relevantHint: 'Choose the competency you are working on this week.',
    measurableHint: 'Make your plan measurable',
    timeHint: 'Set a deadline in the coming week',
    tooManyFocus: 'You chose more than two.',
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

let server;
before(async () => { server = await harness.setUp(); });
after(harness.tearDown);

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
