#include "core/operations/peer.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/clock_time.hpp"
#include "core/operations/people.hpp"
#include "core/rules.hpp"
#include "core/text.hpp"
#include "core/visibility.hpp"

namespace ritme::operations {
namespace {

constexpr std::size_t max_comment_length = 5000;
constexpr int min_meeting_minutes = 15;
constexpr int max_meeting_minutes = 240;
constexpr int shared_page = 200;  // the store's largest page

Error no_peer() {
    return Error{ErrorCode::not_found, "You have no fixed colleague."};
}

InvitationSeen seen(const PeerInvitation& invitation, PeopleById& people) {
    return {invitation, people(invitation.from_user_id), people(invitation.to_user_id)};
}

// The peer opened one of the owner's shared items: the owner will see when.
void record_opening(Transaction& transaction, const User& person, const std::string& owner_id, SharedKind kind,
                    std::string period, Timestamp now) {
    if (!counts_as_opening(person, owner_id)) return;
    PeerOpening opening;
    opening.owner_id = owner_id;
    opening.kind = kind;
    opening.period = std::move(period);
    opening.viewer_id = person.id;
    opening.first_opened_at = opening.last_opened_at = now;
    transaction.store.record_peer_opening(opening);
}

std::vector<SharedItem> shared_items(Transaction& transaction, const User& person) {
    Store& store = transaction.store;
    std::vector<SharedItem> items;
    DiaryQuery query;
    query.user_id = person.id;
    query.shared_only = true;
    query.limit = shared_page;
    while (true) {
        DiaryPage page = store.list_diary_entries(query);
        for (const DiaryEntry& entry : page.entries) {
            if (shared_now(entry)) items.push_back({SharedKind::diary_entry, format_day(entry.day), entry.day, {}});
        }
        if (!page.next_before || (query.before && *page.next_before >= *query.before)) break;
        query.before = page.next_before;
    }
    for (const WeeklyReview& review : store.list_weekly_reviews(person.id)) {
        if (shared_now(review)) {
            items.push_back({SharedKind::weekly_review, format_week(review.week), first_day(review.week), {}});
        }
    }
    for (const LearningContract& contract : store.list_learning_contracts(person.id)) {
        if (shared_now(contract)) {
            items.push_back(
                {SharedKind::learning_contract, format_quarter(contract.quarter), first_day(contract.quarter), {}});
        }
    }
    // Newest period first; within the same first day: the day, then its week, then its quarter.
    std::stable_sort(items.begin(), items.end(), [](const SharedItem& a, const SharedItem& b) {
        return std::tie(b.starts, a.kind) < std::tie(a.starts, b.kind);
    });
    return items;
}

std::vector<SharedItem> shared_by(Transaction& transaction, const User& person) {
    std::optional<User> peer = current_peer(transaction, person);
    if (!peer) return {};
    std::map<std::pair<SharedKind, std::string>, PeerOpening> openings;
    for (const PeerOpening& opening : transaction.store.list_peer_openings(person.id)) {
        if (opening.viewer_id == peer->id) openings[{opening.kind, opening.period}] = opening;
    }
    std::vector<SharedItem> items = shared_items(transaction, person);
    for (SharedItem& item : items) {
        if (auto found = openings.find({item.kind, item.period}); found != openings.end()) item.opening = found->second;
    }
    return items;
}

Invitations invitations_of(Transaction& transaction, const User& person) {
    PeopleById people(transaction);
    Invitations invitations;
    for (const PeerInvitation& invitation : transaction.store.list_peer_invitations(person.id)) {
        if (invitation.to_user_id == person.id) invitations.incoming.push_back(seen(invitation, people));
        if (invitation.from_user_id == person.id) invitations.outgoing.push_back(seen(invitation, people));
    }
    return invitations;
}

}  // namespace

std::optional<User> current_peer(Transaction& transaction, const User& person) {
    if (!person.peer_id || person.peer_id->empty()) return std::nullopt;
    return transaction.store.find_user(*person.peer_id);
}

DiaryPage peer_shared_diary(Transaction& transaction, const User& person, const User& peer, DiaryQuery query) {
    query.user_id = peer.id;
    query.shared_only = true;
    DiaryPage page = transaction.store.list_diary_entries(query);
    // The store answered shared entries only; the rule is asked all the same.
    std::erase_if(page.entries, [&](const DiaryEntry& entry) { return !may_read(person, entry); });
    return page;
}

// --- invitations --------------------------------------------------------------------------

Result<InvitationSeen> invite_colleague(const Ports& ports, const User& person, const std::string& email) {
    std::string address = normalise_email(email);
    if (address == person.email) {
        return validation_error("email", "must be a colleague's address, not your own");
    }
    PeerInvitation invitation;
    invitation.from_user_id = person.id;
    invitation.created_at = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<InvitationSeen> {
        std::optional<User> colleague = transaction.store.find_user_by_email(address);
        if (!colleague) return Error{ErrorCode::not_found, "Nobody here has that e-mail address."};
        invitation.id = ports.ids.new_id();
        invitation.to_user_id = colleague->id;
        Result<PeerInvitation> created = transaction.store.create_peer_invitation(invitation);
        if (!created) {
            Error error = created.error();
            if (error.code == ErrorCode::conflict) {
                error.message =
                    "One of you already has a fixed colleague, or an invitation between you two is waiting.";
            }
            return error;
        }
        PeopleById people(transaction);
        return seen(*created, people);
    });
}

Result<Invitations> pending_invitations(const Ports& ports, const User& person) {
    return reading(ports.store,
                   [&](Transaction& transaction) -> Result<Invitations> { return invitations_of(transaction, person); });
}

Result<Account> accept_invitation(const Ports& ports, const User& person, const std::string& invitation_id) {
    Timestamp now = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<Account> {
        std::optional<PeerInvitation> invitation = transaction.store.find_peer_invitation(invitation_id);
        if (!invitation || !may_accept(person, *invitation)) {
            return Error{ErrorCode::not_found, "No such invitation to you."};
        }
        if (Status accepted = transaction.store.accept_peer_invitation(invitation->id, person.id, now); !accepted) {
            Error error = accepted.error();
            if (error.code == ErrorCode::conflict) error.message = "One of you has a fixed colleague meanwhile.";
            return error;
        }
        return account_of(transaction, transaction.store.find_user(person.id).value_or(person));
    });
}

Status withdraw_or_decline_invitation(const Ports& ports, const User& person, const std::string& invitation_id) {
    return writing(ports.store, [&](Transaction& transaction) -> Status {
        Error not_found{ErrorCode::not_found, "No such invitation from or to you."};
        std::optional<PeerInvitation> invitation = transaction.store.find_peer_invitation(invitation_id);
        if (!invitation || !may_withdraw_or_decline(person, *invitation)) return not_found;
        if (!transaction.store.delete_peer_invitation(invitation->id)) return not_found;
        return ok_status();
    });
}

// --- the pair -----------------------------------------------------------------------------

Result<Pair> current_pair(const Ports& ports, const User& person) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<Pair> {
        std::optional<User> peer = current_peer(transaction, person);
        if (!peer) return no_peer();
        return Pair{std::move(*peer), transaction.store.peer_meeting_slot(person.id)};
    });
}

Result<PeerMeetingSlot> choose_meeting_slot(const Ports& ports, const User& person, const ChooseMeetingSlot& command) {
    return writing(ports.store, [&](Transaction& transaction) -> Result<PeerMeetingSlot> {
        if (!current_peer(transaction, person)) return no_peer();
        RITME_TRY(command.reading);
        if (command.weekday < 1 || command.weekday > 7) {
            return validation_error("weekday", "must be 1 (Monday) to 7 (Sunday)");
        }
        std::optional<int> minute = parse_clock_time(command.time);
        if (!minute) return validation_error("time", "must be a time of day written as HH:MM (09:30)");
        if (command.duration_minutes < min_meeting_minutes || command.duration_minutes > max_meeting_minutes) {
            return validation_error("duration_minutes", "must be 15 to 240 minutes");
        }
        PeerMeetingSlot slot;
        slot.weekday = command.weekday;
        slot.minute_of_day = *minute;
        slot.duration_minutes = command.duration_minutes;
        slot.timezone = person.timezone;
        if (!transaction.store.set_peer_meeting_slot(person.id, slot)) return no_peer();
        return slot;
    });
}

Status end_pair(const Ports& ports, const User& person) {
    Timestamp now = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Status {
        if (!transaction.store.end_pair(person.id, now)) return no_peer();
        return ok_status();
    });
}

// --- what the peer shares with the person ---------------------------------------------------

Result<DiaryPage> peer_diary(const Ports& ports, const User& person, const Result<DiaryQuery>& query) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<DiaryPage> {
        std::optional<User> peer = current_peer(transaction, person);
        if (!peer) return no_peer();
        RITME_TRY(query);
        return peer_shared_diary(transaction, person, *peer, *query);
    });
}

Result<FromPeer<DiaryEntry>> open_peer_diary_entry(const Ports& ports, const User& person, const Result<Day>& day) {
    Timestamp now = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<FromPeer<DiaryEntry>> {
        std::optional<User> peer = current_peer(transaction, person);
        if (!peer) return no_peer();
        RITME_TRY(day);
        std::optional<DiaryEntry> entry = transaction.store.find_diary_entry(peer->id, *day);
        if (!entry || !may_read(person, *entry)) {
            return Error{ErrorCode::not_found, "No shared diary entry for that day."};
        }
        record_opening(transaction, person, peer->id, SharedKind::diary_entry, format_day(*day), now);
        return FromPeer<DiaryEntry>{std::move(*peer), std::move(*entry)};
    });
}

Result<FromPeer<CheckedWeek>> open_peer_week(const Ports& ports, const User& person, const Result<IsoWeek>& week) {
    Timestamp now = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<FromPeer<CheckedWeek>> {
        std::optional<User> peer = current_peer(transaction, person);
        if (!peer) return no_peer();
        RITME_TRY(week);
        std::optional<WeeklyReview> review = transaction.store.find_weekly_review(peer->id, *week);
        if (!review || !may_read(person, *review)) {
            return Error{ErrorCode::not_found, "No shared peer review for that week."};
        }
        record_opening(transaction, person, peer->id, SharedKind::weekly_review, format_week(*week), now);
        std::vector<Day> check = transaction.store.diary_days(peer->id, first_day(*week), last_day(*week));
        Day today = ports.calendar.local_day(now, person.timezone);
        return FromPeer<CheckedWeek>{std::move(*peer), CheckedWeek{std::move(*review), std::move(check), today}};
    });
}

Result<FromPeer<LearningContract>> open_peer_contract(const Ports& ports, const User& person,
                                                      const Result<Quarter>& quarter) {
    Timestamp now = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<FromPeer<LearningContract>> {
        std::optional<User> peer = current_peer(transaction, person);
        if (!peer) return no_peer();
        RITME_TRY(quarter);
        std::optional<LearningContract> contract = transaction.store.find_learning_contract(peer->id, *quarter);
        if (!contract || !may_read(person, *contract)) {
            return Error{ErrorCode::not_found, "No shared Learning Contract for that quarter."};
        }
        record_opening(transaction, person, peer->id, SharedKind::learning_contract, format_quarter(*quarter), now);
        return FromPeer<LearningContract>{std::move(*peer), std::move(*contract)};
    });
}

Result<LearningContract> discuss_contract(const Ports& ports, const User& person, const DiscussContract& command) {
    Timestamp now = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<LearningContract> {
        std::optional<User> peer = current_peer(transaction, person);
        if (!peer) return no_peer();
        RITME_TRY(command.quarter);
        std::optional<LearningContract> contract =
            transaction.store.find_learning_contract(peer->id, *command.quarter);
        if (!contract || !may_discuss(person, *contract)) {
            return Error{ErrorCode::not_found, "No shared Learning Contract for that quarter."};
        }
        RITME_TRY(command.reading);
        if (is_blank(command.comment) && !command.agree) {
            return validation_error("comment", "must not be empty (unless you agree)");
        }
        if (text_length(command.comment) > max_comment_length) {
            return validation_error("comment", "must be at most 5000 characters");
        }
        contract->discussion.push_back(ContractComment{person.id, command.comment, command.agree, now});
        if (command.agree) contract->status = ContractStatus::agreed;
        contract->updated_at = now;
        contract->version += 1;  // the owner's open form no longer shows all of it
        return transaction.store.put_learning_contract(*contract);
    });
}

// --- what the person shares -----------------------------------------------------------------

Result<std::vector<SharedItem>> shared_by_me(const Ports& ports, const User& person) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<std::vector<SharedItem>> {
        return shared_by(transaction, person);
    });
}

Result<PeerPage> peer_page(const Ports& ports, const User& person) {
    Day today = ports.calendar.local_day(ports.clock.now(), person.timezone);
    return reading(ports.store, [&](Transaction& transaction) -> Result<PeerPage> {
        PeerPage shown;
        shown.invitations = invitations_of(transaction, person);
        std::optional<User> peer = current_peer(transaction, person);
        if (!peer) return shown;
        shown.pair = Pair{*peer, transaction.store.peer_meeting_slot(person.id)};
        shown.mine = shared_by(transaction, person);
        DiaryQuery query;
        query.from = add_days(today, -366);
        query.to = today;
        query.limit = shared_page;
        shown.their_days = peer_shared_diary(transaction, person, *peer, query).entries;
        std::vector<WeeklyReview> weeks = transaction.store.list_weekly_reviews(peer->id);
        for (auto week = weeks.rbegin(); week != weeks.rend(); ++week) {
            if (may_read(person, *week)) shown.their_weeks.push_back(std::move(*week));
        }
        std::vector<LearningContract> contracts = transaction.store.list_learning_contracts(peer->id);
        for (auto contract = contracts.rbegin(); contract != contracts.rend(); ++contract) {
            if (may_read(person, *contract)) shown.their_contracts.push_back(std::move(*contract));
        }
        return shown;
    });
}

}  // namespace ritme::operations
