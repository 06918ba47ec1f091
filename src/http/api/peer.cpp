// The fixed colleague (vaste collega): invitations, the pair and its weekly meeting slot,
// what the peer shared (diary entries, weeks, the Learning Contract) with a record of each
// opening for its owner, the contract discussion, and what the caller shares (/me/shared).
// Who may see what is decided in core/visibility; this file only asks.
#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "core/clock_time.hpp"
#include "core/rules.hpp"
#include "core/text.hpp"
#include "core/visibility.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"
#include "http/api/routes.hpp"
#include "http/api/user_json.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"

namespace ritme::http {
namespace {

using levels::api;
using levels::me;
using levels::not_found;
using levels::now;
using levels::period_param;
using levels::period_query;

constexpr std::size_t max_comment_length = 5000;
constexpr int min_meeting_minutes = 15;
constexpr int max_meeting_minutes = 240;
constexpr int default_meeting_minutes = 30;

std::string path(const char* rest) {
    return std::string(api) + rest;
}

Response fault(const Status& status) {
    return error_response(status.error());
}

Response no_peer() {
    return not_found("You have no fixed colleague.");
}

// {id, name} of a person, or null once they are erased.
Json person_ref(Store& store, const std::string& id) {
    std::optional<User> person = store.find_user(id);
    if (!person) return nullptr;
    return Json{{"id", person->id}, {"name", person->name}};
}

Json invitation_json(Store& store, const PeerInvitation& invitation) {
    return {{"id", invitation.id},
            {"from", person_ref(store, invitation.from_user_id)},
            {"to", person_ref(store, invitation.to_user_id)},
            {"created_at", timestamp_json(invitation.created_at)}};
}

Json meeting_json(const std::optional<PeerMeetingSlot>& slot) {
    if (!slot) return nullptr;
    return {{"weekday", slot->weekday},
            {"time", format_clock_time(slot->minute_of_day)},
            {"duration_minutes", slot->duration_minutes},
            {"timezone", slot->timezone}};
}

// The caller's current peer, if they have one that still exists.
std::optional<User> current_peer(const Call& call) {
    const User& user = me(call);
    if (!user.peer_id || user.peer_id->empty()) return std::nullopt;
    return call.services.store.find_user(*user.peer_id);
}

// The peer opened one of the owner's shared items: the owner will see when.
void record_opening(Call& call, const std::string& owner_id, SharedKind kind, std::string period) {
    if (!counts_as_opening(me(call), owner_id)) return;
    PeerOpening opening;
    opening.owner_id = owner_id;
    opening.kind = kind;
    opening.period = std::move(period);
    opening.viewer_id = me(call).id;
    opening.first_opened_at = opening.last_opened_at = now(call);
    call.services.store.record_peer_opening(opening);
}

// --- invitations ----------------------------------------------------------------------

Response invite(Call& call) {
    const User& user = me(call);
    Store& store = call.services.store;
    BodyReader in(call.body);
    in.allow_only({"email"});
    in.require("email");
    std::string email;
    in.text("email", email);
    if (Status read = in.status(); !read) return fault(read);
    email = normalise_email(email);
    if (email == user.email) return fault(validation_error("email", "must be a colleague's address, not your own"));
    std::optional<User> colleague = store.find_user_by_email(email);
    if (!colleague) return not_found("Nobody here has that e-mail address.");

    PeerInvitation invitation;
    invitation.id = call.services.ids.new_id();
    invitation.from_user_id = user.id;
    invitation.to_user_id = colleague->id;
    invitation.created_at = now(call);
    Result<PeerInvitation> created = store.create_peer_invitation(invitation);
    if (!created) {
        Error error = created.error();
        if (error.code == ErrorCode::conflict) {
            error.message =
                "One of you already has a fixed colleague, or an invitation between you two is waiting.";
        }
        return error_response(error);
    }
    return json_response(201, invitation_json(store, *created));
}

Response list_invitations(Call& call) {
    const User& user = me(call);
    Store& store = call.services.store;
    Json incoming = Json::array();
    Json outgoing = Json::array();
    for (const PeerInvitation& invitation : store.list_peer_invitations(user.id)) {
        if (invitation.to_user_id == user.id) incoming.push_back(invitation_json(store, invitation));
        if (invitation.from_user_id == user.id) outgoing.push_back(invitation_json(store, invitation));
    }
    return json_response(200, {{"incoming", std::move(incoming)}, {"outgoing", std::move(outgoing)}});
}

Response accept_invitation(Call& call) {
    Store& store = call.services.store;
    BodyReader in(call.body);
    in.allow_only({});
    if (Status read = in.status(); !read) return fault(read);
    std::optional<PeerInvitation> invitation = store.find_peer_invitation(call.params.at("id"));
    if (!invitation || !may_accept(me(call), *invitation)) return not_found("No such invitation to you.");
    if (Status accepted = store.accept_peer_invitation(invitation->id, me(call).id, now(call)); !accepted) {
        Error error = accepted.error();
        if (error.code == ErrorCode::conflict) error.message = "One of you has a fixed colleague meanwhile.";
        return error_response(error);
    }
    std::optional<User> updated = store.find_user(me(call).id);
    return json_response(200, user_json(updated ? *updated : me(call), store));
}

Response delete_invitation(Call& call) {
    Store& store = call.services.store;
    std::optional<PeerInvitation> invitation = store.find_peer_invitation(call.params.at("id"));
    if (!invitation || !may_withdraw_or_decline(me(call), *invitation)) {
        return not_found("No such invitation from or to you.");
    }
    if (!store.delete_peer_invitation(invitation->id)) return not_found("No such invitation from or to you.");
    return no_content();
}

// --- the pair ---------------------------------------------------------------------------

Response get_pair(Call& call) {
    std::optional<User> peer = current_peer(call);
    if (!peer) return no_peer();
    return json_response(200, {{"peer", {{"id", peer->id}, {"name", peer->name}, {"email", peer->email}}},
                               {"meeting", meeting_json(call.services.store.peer_meeting_slot(me(call).id))}});
}

Response put_meeting(Call& call) {
    const User& user = me(call);
    if (!current_peer(call)) return no_peer();
    BodyReader in(call.body);
    in.allow_only({"weekday", "time", "duration_minutes"});
    in.require("weekday");
    in.require("time");
    PeerMeetingSlot slot;
    std::string time;
    slot.duration_minutes = default_meeting_minutes;
    in.integer("weekday", slot.weekday);
    in.text("time", time);
    in.integer("duration_minutes", slot.duration_minutes);
    if (Status read = in.status(); !read) return fault(read);
    if (slot.weekday < 1 || slot.weekday > 7) {
        return fault(validation_error("weekday", "must be 1 (Monday) to 7 (Sunday)"));
    }
    std::optional<int> minute = parse_clock_time(time);
    if (!minute) return fault(validation_error("time", "must be a time of day written as HH:MM (09:30)"));
    slot.minute_of_day = *minute;
    if (slot.duration_minutes < min_meeting_minutes || slot.duration_minutes > max_meeting_minutes) {
        return fault(validation_error("duration_minutes", "must be 15 to 240 minutes"));
    }
    slot.timezone = user.timezone;
    if (!call.services.store.set_peer_meeting_slot(user.id, slot)) return no_peer();
    return json_response(200, meeting_json(slot));
}

Response end_pair(Call& call) {
    if (!call.services.store.end_pair(me(call).id, now(call))) return no_peer();
    return no_content();
}

// --- what the peer shared -----------------------------------------------------------------

Response peer_diary(Call& call) {
    std::optional<User> peer = current_peer(call);
    if (!peer) return no_peer();
    Result<std::optional<Day>> from = period_query<Day>(call, "from");
    if (!from) return error_response(from.error());
    Result<std::optional<Day>> to = period_query<Day>(call, "to");
    if (!to) return error_response(to.error());
    Result<std::optional<Day>> cursor = period_query<Day>(call, "cursor");
    if (!cursor) return error_response(cursor.error());
    Result<int> limit = levels::page_size(call);
    if (!limit) return error_response(limit.error());

    DiaryQuery query;
    query.user_id = peer->id;
    query.shared_only = true;
    query.from = *from;
    query.to = *to;
    query.before = *cursor;
    query.limit = *limit;
    DiaryPage page = call.services.store.list_diary_entries(query);
    // The store already answered shared entries only; the rule is asked all the same.
    std::erase_if(page.entries, [&](const DiaryEntry& entry) { return !may_read(me(call), entry); });
    return json_text_response(200, levels::diary_page_text(page));
}

Response peer_diary_entry(Call& call) {
    std::optional<User> peer = current_peer(call);
    if (!peer) return no_peer();
    Result<Day> day = period_param<Day>(call, "day");
    if (!day) return error_response(day.error());
    std::optional<DiaryEntry> entry = call.services.store.find_diary_entry(peer->id, *day);
    if (!entry || !may_read(me(call), *entry)) return not_found("No shared diary entry for that day.");
    record_opening(call, peer->id, SharedKind::diary_entry, format_day(*day));
    return json_response(200, diary_entry_json(*entry));
}

Response peer_week(Call& call) {
    std::optional<User> peer = current_peer(call);
    if (!peer) return no_peer();
    Result<IsoWeek> week = period_param<IsoWeek>(call, "week");
    if (!week) return error_response(week.error());
    Store& store = call.services.store;
    std::optional<WeeklyReview> review = store.find_weekly_review(peer->id, *week);
    if (!review || !may_read(me(call), *review)) return not_found("No shared peer review for that week.");
    record_opening(call, peer->id, SharedKind::weekly_review, format_week(*week));
    std::vector<Day> check = store.diary_days(peer->id, first_day(*week), last_day(*week));
    return json_response(200, weekly_review_json(*review, check, me(call).locale));
}

Response peer_contract(Call& call) {
    std::optional<User> peer = current_peer(call);
    if (!peer) return no_peer();
    Result<Quarter> quarter = period_param<Quarter>(call, "quarter");
    if (!quarter) return error_response(quarter.error());
    std::optional<LearningContract> contract = call.services.store.find_learning_contract(peer->id, *quarter);
    if (!contract || !may_read(me(call), *contract)) {
        return not_found("No shared Learning Contract for that quarter.");
    }
    record_opening(call, peer->id, SharedKind::learning_contract, format_quarter(*quarter));
    return json_response(200, learning_contract_json(*contract, me(call).locale));
}

// The peer's word on a shared contract ("en vice versa"): a comment, an agreement, or both.
Response discuss_contract(Call& call) {
    std::optional<User> peer = current_peer(call);
    if (!peer) return no_peer();
    Result<Quarter> quarter = period_param<Quarter>(call, "quarter");
    if (!quarter) return error_response(quarter.error());
    Store& store = call.services.store;
    std::optional<LearningContract> contract = store.find_learning_contract(peer->id, *quarter);
    if (!contract || !may_discuss(me(call), *contract)) {
        return not_found("No shared Learning Contract for that quarter.");
    }

    BodyReader in(call.body);
    in.allow_only({"comment", "agree"});
    ContractComment comment;
    comment.by = me(call).id;
    in.text("comment", comment.comment);
    in.boolean("agree", comment.agree);
    if (Status read = in.status(); !read) return fault(read);
    if (is_blank(comment.comment) && !comment.agree) {
        return fault(validation_error("comment", "must not be empty (unless you agree)"));
    }
    if (text_length(comment.comment) > max_comment_length) {
        return fault(validation_error("comment", "must be at most 5000 characters"));
    }
    comment.at = now(call);
    contract->discussion.push_back(std::move(comment));
    if (contract->discussion.back().agree) contract->status = ContractStatus::agreed;
    contract->updated_at = now(call);
    LearningContract stored = store.put_learning_contract(*contract);
    return json_response(200, learning_contract_json(stored, me(call).locale));
}

// --- what I share ------------------------------------------------------------------------

struct SharedItem {
    SharedKind kind;
    std::string period;
    Day starts{};  // the period's first day, for the order
};

std::vector<SharedItem> shared_items(Store& store, const User& user) {
    std::vector<SharedItem> items;
    DiaryQuery query;
    query.user_id = user.id;
    query.shared_only = true;
    query.limit = 200;
    while (true) {
        DiaryPage page = store.list_diary_entries(query);
        for (const DiaryEntry& entry : page.entries) {
            if (shared_now(entry)) items.push_back({SharedKind::diary_entry, format_day(entry.day), entry.day});
        }
        if (!page.next_before || (query.before && *page.next_before >= *query.before)) break;
        query.before = page.next_before;
    }
    for (const WeeklyReview& review : store.list_weekly_reviews(user.id)) {
        if (shared_now(review)) {
            items.push_back({SharedKind::weekly_review, format_week(review.week), first_day(review.week)});
        }
    }
    for (const LearningContract& contract : store.list_learning_contracts(user.id)) {
        if (shared_now(contract)) {
            items.push_back(
                {SharedKind::learning_contract, format_quarter(contract.quarter), first_day(contract.quarter)});
        }
    }
    // Newest period first; within the same first day: the day, then its week, then its quarter.
    std::stable_sort(items.begin(), items.end(), [](const SharedItem& a, const SharedItem& b) {
        return std::tie(b.starts, a.kind) < std::tie(a.starts, b.kind);
    });
    return items;
}

Response my_shared(Call& call) {
    const User& user = me(call);
    Store& store = call.services.store;
    Json items = Json::array();
    std::optional<User> peer = current_peer(call);
    if (!peer) return json_response(200, {{"items", std::move(items)}});

    std::map<std::pair<SharedKind, std::string>, PeerOpening> openings;
    for (const PeerOpening& opening : store.list_peer_openings(user.id)) {
        if (opening.viewer_id == peer->id) openings[{opening.kind, opening.period}] = opening;
    }
    for (const SharedItem& item : shared_items(store, user)) {
        auto found = openings.find({item.kind, item.period});
        bool opened = found != openings.end();
        items.push_back({{"kind", to_string(item.kind)},
                         {"period", item.period},
                         {"first_opened_at", opened ? timestamp_json(found->second.first_opened_at) : Json(nullptr)},
                         {"last_opened_at", opened ? timestamp_json(found->second.last_opened_at) : Json(nullptr)}});
    }
    return json_response(200, {{"items", std::move(items)}});
}

}  // namespace

void add_peer_routes(Router& router) {
    router.add({"POST", path("/peer/invitations"), Access::member, invite,
                "Invite a colleague, by e-mail address, to become your fixed colleague (vaste collega)"});
    router.add({"GET", path("/peer/invitations"), Access::member, list_invitations,
                "Your pending invitations: the ones you received and the ones you sent"});
    router.add({"POST", path("/peer/invitations/{id}/accept"), Access::member, accept_invitation,
                "Accept an invitation: the two of you become each other's fixed colleague"});
    router.add({"DELETE", path("/peer/invitations/{id}"), Access::member, delete_invitation,
                "Withdraw an invitation you sent, or decline one you received"});
    router.add({"GET", path("/peer"), Access::member, get_pair,
                "Your fixed colleague and the weekly peer meeting slot you chose together"});
    router.add({"PUT", path("/peer/meeting"), Access::member, put_meeting,
                "Choose the weekly peer meeting slot (weekday, time, duration) for both of you"});
    router.add({"DELETE", path("/peer"), Access::member, end_pair,
                "End the pair for both: nothing either of you shared stays shared"});
    router.add({"GET", path("/peer/diary"), Access::member, peer_diary,
                "The diary entries your fixed colleague shared with you, newest first (from, to, limit, cursor)"});
    router.add({"GET", path("/peer/diary/{day}"), Access::member, peer_diary_entry,
                "A diary entry your fixed colleague shared with you (the opening is recorded for them)"});
    router.add({"GET", path("/peer/weeks/{week}"), Access::member, peer_week,
                "A week's peer review your fixed colleague shared with you (the opening is recorded)"});
    router.add({"GET", path("/peer/contracts/{quarter}"), Access::member, peer_contract,
                "The Learning Contract your fixed colleague shared with you (the opening is recorded)"});
    router.add({"POST", path("/peer/contracts/{quarter}/discussion"), Access::member, discuss_contract,
                "Comment on, or agree to, the Learning Contract your fixed colleague shared with you"});
    router.add({"GET", path("/me/shared"), Access::member, my_shared,
                "Everything you share with your fixed colleague now, with when they first and last opened it"});
}

}  // namespace ritme::http
