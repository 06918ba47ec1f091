#pragma once
// What admins (learning coordinators) keep: the competency catalogue, and the counts of
// participation per level of the rhythm (never text, and no count small enough to point
// at a person).
#include <optional>
#include <string>
#include <string_view>

#include "core/operations/operation.hpp"

namespace ritme::operations {

// `typed`'s name (trimmed) and description make a new competency; conflict when the name
// is taken.
Result<Competency> add_competency(const Ports& ports, Competency typed);

// What a change gives; a field left empty stays as it is. Faults found reading the request
// (`reading`) are answered after "No such competency.".
struct CompetencyChanges {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<bool> archived;
    Status reading = ok_status();
};
Result<Competency> change_competency(const Ports& ports, const std::string& id, const CompetencyChanges& changes);

// Fewer people than this and a figure is withheld.
inline constexpr int smallest_group = 5;
// A count of `members` that an admin may see: none (withheld) when it points at fewer
// than smallest_group people either way: the count itself is below it (0 tells about
// everyone as much as 1 does), or the members it leaves out are (all of a small group).
// When the members themselves are fewer, every figure is withheld.
std::optional<int> shown_count(int members, int count);

// How many members keep each level in a period, the admin who asks not counted; each
// figure as shown_count gives it, the members only when they are smallest_group or more.
struct Participation {
    std::string period;  // as written in paths: "2026-11", "2026-Q4", ...
    Day from{};
    Day to{};
    std::optional<int> members;
    std::optional<int> wrote_diary;
    std::optional<int> held_peer_meeting;
    std::optional<int> wrote_reflection;
    std::optional<int> agreed_contract;
};
// `period` any kind of period (a day, week, month, quarter or year); none: the admin's
// current month. bad_request for anything else.
Result<Participation> participation(const Ports& ports, const User& admin, std::optional<std::string_view> period);

}  // namespace ritme::operations
