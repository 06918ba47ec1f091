// The fixed colleague (vaste collega): invitations, the pair and its weekly meeting slot,
// what the peer shared (diary entries, weeks, the Learning Contract) with a record of each
// opening for its owner, the contract discussion, and what the caller shares (/me/shared).
// Each handler reads the request, calls its operation (core/operations/peer.hpp) and
// writes the answer.
#include <string>

#include "core/operations/peer.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"
#include "http/api/routes.hpp"
#include "http/json_body.hpp"

namespace ritme::http {
namespace {

using levels::api;
using levels::me;
using levels::period_param;
using levels::period_query;

std::string path(const char* rest) {
    return std::string(api) + rest;
}

// --- invitations ----------------------------------------------------------------------

Response invite(Call& call) {
    BodyReader in(call.body);
    in.allow_only({"email"});
    in.require("email");
    std::string email;
    in.text("email", email);
    if (Status read = in.status(); !read) return error_response(read.error());
    Result<operations::InvitationSeen> sent = operations::invite_colleague(ports(call.services), me(call), email);
    if (!sent) return error_response(sent.error());
    return json_response(201, invitation_json(*sent));
}

Response list_invitations(Call& call) {
    Result<operations::Invitations> pending = operations::pending_invitations(ports(call.services), me(call));
    if (!pending) return error_response(pending.error());
    Json incoming = Json::array();
    Json outgoing = Json::array();
    for (const operations::InvitationSeen& seen : pending->incoming) incoming.push_back(invitation_json(seen));
    for (const operations::InvitationSeen& seen : pending->outgoing) outgoing.push_back(invitation_json(seen));
    return json_response(200, {{"incoming", std::move(incoming)}, {"outgoing", std::move(outgoing)}});
}

Response accept_invitation(Call& call) {
    BodyReader in(call.body);
    in.allow_only({});
    if (Status read = in.status(); !read) return error_response(read.error());
    Result<operations::Account> accepted =
        operations::accept_invitation(ports(call.services), me(call), call.params.at("id"));
    if (!accepted) return error_response(accepted.error());
    return json_response(200, user_json(*accepted));
}

Response delete_invitation(Call& call) {
    Status deleted = operations::withdraw_or_decline_invitation(ports(call.services), me(call), call.params.at("id"));
    if (!deleted) return error_response(deleted.error());
    return no_content();
}

// --- the pair ---------------------------------------------------------------------------

Response get_pair(Call& call) {
    Result<operations::Pair> pair = operations::current_pair(ports(call.services), me(call));
    if (!pair) return error_response(pair.error());
    return json_response(200, pair_json(*pair));
}

Response put_meeting(Call& call) {
    BodyReader in(call.body);
    in.allow_only({"weekday", "time", "duration_minutes"});
    in.require("weekday");
    in.require("time");
    operations::ChooseMeetingSlot slot;
    in.integer("weekday", slot.weekday);
    in.text("time", slot.time);
    in.integer("duration_minutes", slot.duration_minutes);
    slot.reading = in.status();
    Result<PeerMeetingSlot> chosen = operations::choose_meeting_slot(ports(call.services), me(call), slot);
    if (!chosen) return error_response(chosen.error());
    return json_response(200, meeting_slot_json(*chosen));
}

Response end_pair(Call& call) {
    if (Status ended = operations::end_pair(ports(call.services), me(call)); !ended) {
        return error_response(ended.error());
    }
    return no_content();
}

// --- what the peer shared -----------------------------------------------------------------

// The diary query of /peer/diary (the peer's is the operation's to set).
Result<DiaryQuery> peer_diary_query(const Call& call) {
    Result<std::optional<Day>> from = period_query<Day>(call, "from");
    if (!from) return from.error();
    Result<std::optional<Day>> to = period_query<Day>(call, "to");
    if (!to) return to.error();
    Result<std::optional<Day>> cursor = period_query<Day>(call, "cursor");
    if (!cursor) return cursor.error();
    Result<int> limit = levels::page_size(call);
    if (!limit) return limit.error();
    DiaryQuery query;
    query.from = *from;
    query.to = *to;
    query.before = *cursor;
    query.limit = *limit;
    return query;
}

Response peer_diary(Call& call) {
    Result<DiaryPage> page = operations::peer_diary(ports(call.services), me(call), peer_diary_query(call));
    if (!page) return error_response(page.error());
    return json_text_response(200, levels::diary_page_text(*page));
}

Response peer_diary_entry(Call& call) {
    Result<operations::FromPeer<DiaryEntry>> found =
        operations::open_peer_diary_entry(ports(call.services), me(call), period_param<Day>(call, "day"));
    if (!found) return error_response(found.error());
    return json_response(200, diary_entry_json(found->item));
}

Response peer_week(Call& call) {
    Result<operations::FromPeer<operations::CheckedWeek>> found =
        operations::open_peer_week(ports(call.services), me(call), period_param<IsoWeek>(call, "week"));
    if (!found) return error_response(found.error());
    return json_response(200,
                         weekly_review_json(found->item.review, found->item.check, found->item.today, me(call).locale));
}

Response peer_contract(Call& call) {
    Result<operations::FromPeer<LearningContract>> found =
        operations::open_peer_contract(ports(call.services), me(call), period_param<Quarter>(call, "quarter"));
    if (!found) return error_response(found.error());
    return json_response(200, learning_contract_json(found->item, me(call).locale));
}

// The peer's word on a shared contract ("en vice versa"): a comment, an agreement, or both.
Response discuss_contract(Call& call) {
    operations::DiscussContract remark;
    remark.quarter = period_param<Quarter>(call, "quarter");
    BodyReader in(call.body);
    in.allow_only({"comment", "agree"});
    in.text("comment", remark.comment);
    in.boolean("agree", remark.agree);
    remark.reading = in.status();
    Result<LearningContract> discussed = operations::discuss_contract(ports(call.services), me(call), remark);
    if (!discussed) return error_response(discussed.error());
    return json_response(200, learning_contract_json(*discussed, me(call).locale));
}

// --- what I share ------------------------------------------------------------------------

Response my_shared(Call& call) {
    Result<std::vector<operations::SharedItem>> shared = operations::shared_by_me(ports(call.services), me(call));
    if (!shared) return error_response(shared.error());
    Json items = Json::array();
    for (const operations::SharedItem& item : *shared) items.push_back(shared_item_json(item));
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
