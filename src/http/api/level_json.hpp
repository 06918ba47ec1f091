#pragma once
// The rhythm's records on the wire: one function per entity from the domain to JSON (the
// API answers and the export share them), and one per entity from a request body to the
// domain (strict: an unknown field at any depth is refused, a wrong type names its field).
//
// The read_* functions fill `out` from the fields present; a field that is absent leaves
// `out` as it was, so a caller that replaces a whole record passes a fresh one.
#include <vector>

#include "core/domain.hpp"
#include "core/operations/account.hpp"
#include "core/operations/admin.hpp"
#include "core/operations/events.hpp"
#include "core/operations/imports.hpp"
#include "core/operations/material.hpp"
#include "core/operations/peer.hpp"
#include "core/operations/rhythm.hpp"
#include "core/result.hpp"
#include "core/smart.hpp"
#include "core/social.hpp"
#include "core/store.hpp"
#include "http/http.hpp"
#include "http/json_writer.hpp"

namespace ritme::http {

// Days, optional days and timestamps as the contract writes them (null when absent).
Json day_json(const std::optional<Day>& day);
Json timestamp_json(Timestamp at);
Json optional_int_json(const std::optional<int>& value);  // null when absent

// What an event is, as GET /events and the export both give it (without attendance).
Json event_fields_json(const Event& event);

Json competency_json(const Competency& competency);
// A diary entry is defined once, by the writer; the tree is parsed from what it writes.
void write_diary_entry(JsonWriter& out, const DiaryEntry& entry);
Json diary_entry_json(const DiaryEntry& entry);
Json smart_json(const SmartVerdict& verdict);
// `check_days`: the week's days with a diary entry, ascending. `smart` in `locale`, as
// judged on `today` (core/smart.hpp).
Json weekly_review_json(const WeeklyReview& review, const std::vector<Day>& check_days, Day today, Locale locale);
Json monthly_reflection_json(const MonthlyReflection& reflection);
Json draft_json(const Draft& draft);  // {kind, period, body, updated_at}
// Each goal carries its own `smart` verdict in `locale`.
Json learning_contract_json(const LearningContract& contract, Locale locale);
Json yearly_review_json(const YearlyReview& review);
// {competency_id, situation, approach, measure, deadline} of a week's plan.
Json weekly_plan_json(const WeeklyPlan& plan);

// What each level builds on (GET /months/{m}/material, /contracts/{q}/material,
// /years/{y}/material): see docs/api-v1.md.
Json key_learning_json(const KeyLearning& learning);       // {day, text, competency_ids}
Json goal_so_far_json(const operations::GoalSoFar& seen);  // {goal, status, note, as_of, reached}
Json month_material_json(const operations::MonthMaterial& material);
Json contract_material_json(const operations::ContractMaterial& material);
Json year_material_json(const operations::YearMaterial& material);

// A deleted item: {id, kind, period, deleted_at, restorable_until, item}, `item` as its
// level answers it (a contract: its current revision, with `revisions` the count).
Json trashed_item_json(const TrashedItem& item, Locale locale);
// GET /rhythm: {day, daily, weekly, monthly, quarterly, yearly, streak, focus_competency_ids, peer}.
Json rhythm_json(const operations::RhythmOfDay& rhythm);

// A person as the API shows them (GET /me, login, setup): {id, email, name, role, locale,
// timezone, workdays, peer}, with peer {id, name} or null.
Json user_json(const operations::Account& account);
// GET /me/export: every piece of data held about the person, as one document.
Json personal_data_json(const operations::PersonalData& data, Timestamp exported_at);

// GET /admin/participation: {period, from, to, members, wrote_diary, held_peer_meeting,
// wrote_reflection, agreed_contract}, a withheld count null.
// {preview, days_found, days_existing, created, added, unchanged, skipped, photos_left_out,
// tags_left_out, unknown_competencies, days: [{day, action, notes, existed, reason}]}
Json import_summary_json(const operations::ImportSummary& summary);

Json participation_json(const operations::Participation& counts);
// {id, name, created_at} of a personal access token (never its secret).
Json access_token_json(const AccessToken& token);
// {daily, weekly, monthly, quarterly, yearly}, each {enabled, time} (weekly also weekday).
Json reminder_settings_json(const ReminderSettings& settings);

// --- the social rhythm --------------------------------------------------------------------

// {id, name} of a person, or null (none, or erased).
Json person_json(const std::optional<User>& person);
// {id, from, to, created_at}, `from` and `to` as person_json.
Json invitation_json(const operations::InvitationSeen& seen);
// As the export holds one (its people by id only): {id, from_user_id, to_user_id, created_at}.
Json invitation_ids_json(const PeerInvitation& invitation);
// {kind, period, viewer_id, first_opened_at, last_opened_at}: when the peer opened a shared item.
Json opening_json(const PeerOpening& opening);
// A person's answer to an event, by id and time: {event_id, starts_at, status}.
Json rsvp_given_json(const operations::RsvpGiven& rsvp);
// A person's sign-up for a session, by id and time: {event_id, session_id, starts_at}.
Json session_signup_json(const operations::SignedUpSession& signup);
// GET /peer: {peer: {id, name, email}, meeting} with meeting as meeting_slot_json.
Json pair_json(const operations::Pair& pair);
// {weekday, time, duration_minutes, timezone}, or null when none was chosen.
Json meeting_slot_json(const std::optional<PeerMeetingSlot>& slot);
// {kind, period, first_opened_at, last_opened_at}: what the person shares, and when the
// peer opened it (null: not yet).
Json shared_item_json(const operations::SharedItem& item);
// An event as GET /events/{id} answers it (without its programme): its fields, organiser,
// going_count, my_rsvp and can_edit.
Json event_json(const operations::EventView& view);
// One session of a programme: {id, title, host, description, starts_at, ends_at, capacity,
// going_count, mine}.
Json programme_session_json(const ProgrammeSession& item);

// {name, description}, name required (a change is read field by field: competencies.cpp).
Status read_competency(const Json* body, Competency& out);
Status read_diary_entry(const Json* body, DiaryEntry& out);
Status read_weekly_review(const Json* body, WeeklyReview& out);
Status read_monthly_reflection(const Json* body, MonthlyReflection& out);
// Goals keep the `id` the client gave ("" when absent); assigning ids is the caller's.
Status read_learning_contract(const Json* body, LearningContract& out);
Status read_yearly_review(const Json* body, YearlyReview& out);

}  // namespace ritme::http
