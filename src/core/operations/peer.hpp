#pragma once
// The fixed colleague (vaste collega): invitations, the pair and its weekly meeting slot,
// what the peer shares (each opening recorded for its owner), the contract discussion,
// and what the person shares. Who may see what is decided in core/visibility.
//
// Reading what the peer shares answers "You have no fixed colleague." before anything
// about the request itself, so those operations take the period as read (a Result), and
// a command read from a request carries its first fault in `reading`.
#include <optional>
#include <string>
#include <vector>

#include "core/operations/levels.hpp"
#include "core/operations/operation.hpp"
#include "core/operations/people.hpp"
#include "core/social.hpp"

namespace ritme::operations {

// --- invitations --------------------------------------------------------------------------

struct InvitationSeen {
    PeerInvitation invitation;
    std::optional<User> from;  // none once erased
    std::optional<User> to;
};
// `email` as typed: the colleague it names (by their address) gets the invitation.
Result<InvitationSeen> invite_colleague(const Ports& ports, const User& person, const std::string& email);

struct Invitations {
    std::vector<InvitationSeen> incoming;  // oldest first
    std::vector<InvitationSeen> outgoing;
};
Result<Invitations> pending_invitations(const Ports& ports, const User& person);

// The two become each other's fixed colleague. Answers the person as stored now.
Result<Account> accept_invitation(const Ports& ports, const User& person, const std::string& invitation_id);
// The sender withdraws it, or the one it is addressed to declines it.
Status withdraw_or_decline_invitation(const Ports& ports, const User& person, const std::string& invitation_id);

// --- the pair -----------------------------------------------------------------------------

struct Pair {
    User peer;
    std::optional<PeerMeetingSlot> meeting;
};
Result<Pair> current_pair(const Ports& ports, const User& person);  // not_found without a peer

struct ChooseMeetingSlot {
    int weekday = 1;           // ISO 1 = Monday .. 7 = Sunday
    std::string time;          // "HH:MM" as typed
    int duration_minutes = 30;
    Status reading = ok_status();
};
// The slot for both of them, in the person's time zone.
Result<PeerMeetingSlot> choose_meeting_slot(const Ports& ports, const User& person, const ChooseMeetingSlot& command);

// Ends the pair for both: nothing either of them shared stays shared.
Status end_pair(const Ports& ports, const User& person);

// --- what the peer shares with the person ---------------------------------------------------

template <class Item>
struct FromPeer {
    User peer;
    Item item;
};
// The peer's shared entries: the query's days, limit and cursor (its person is the peer's).
Result<DiaryPage> peer_diary(const Ports& ports, const User& person, const Result<DiaryQuery>& query);
// Each of these records the opening for the peer.
Result<FromPeer<DiaryEntry>> open_peer_diary_entry(const Ports& ports, const User& person, const Result<Day>& day);
Result<FromPeer<CheckedWeek>> open_peer_week(const Ports& ports, const User& person, const Result<IsoWeek>& week);
Result<FromPeer<LearningContract>> open_peer_contract(const Ports& ports, const User& person,
                                                      const Result<Quarter>& quarter);

// The person's word on the contract the peer shared: a comment, an agreement, or both.
struct DiscussContract {
    Result<Quarter> quarter = Quarter{};
    std::string comment;
    bool agree = false;
    Status reading = ok_status();
};
Result<LearningContract> discuss_contract(const Ports& ports, const User& person, const DiscussContract& command);

// --- what the person shares -----------------------------------------------------------------

struct SharedItem {
    SharedKind kind = SharedKind::diary_entry;
    std::string period;
    Day starts{};                        // the period's first day
    std::optional<PeerOpening> opening;  // when the peer first and last opened it
};
// Newest period first (within one first day: the day, its week, its quarter); empty
// without a peer.
Result<std::vector<SharedItem>> shared_by_me(const Ports& ports, const User& person);

// What the fixed colleague's page shows.
struct PeerPage {
    Invitations invitations;
    std::optional<Pair> pair;
    std::vector<SharedItem> mine;
    std::vector<DiaryEntry> their_days;             // of the last year, newest first, at most 200
    std::vector<WeeklyReview> their_weeks;          // newest first
    std::vector<LearningContract> their_contracts;  // newest first
};
Result<PeerPage> peer_page(const Ports& ports, const User& person);

// --- inside the caller's transaction --------------------------------------------------------

// The person's current peer, if they have one that still exists.
std::optional<User> current_peer(Transaction& transaction, const User& person);
// The entries `peer` shares with the person that `query` names (its person is set here).
DiaryPage peer_shared_diary(Transaction& transaction, const User& person, const User& peer, DiaryQuery query);

}  // namespace ritme::operations
