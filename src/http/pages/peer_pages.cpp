// The fixed colleague (vaste collega): inviting one, the pair and its weekly meeting slot,
// ending it, what I share and when the peer opened it, and reading what the peer shared
// with me: a diary day, a week, the Learning Contract with its discussion. Every read and
// change is an operation of core/operations/peer.hpp, which records each opening and
// answers "not found" for what is not shared.
#include <algorithm>
#include <charconv>
#include <string>

#include "core/clock_time.hpp"
#include "core/operations/catalogue.hpp"
#include "core/operations/peer.hpp"
#include "http/pages/markdown.hpp"
#include "http/pages/page.hpp"
#include "http/pages/when.hpp"

namespace ritme::http::pages {
namespace {

struct Weekday {
    int number;
    const char* name;
};
constexpr Weekday weekdays[] = {{1, N_("Monday")}, {2, N_("Tuesday")},  {3, N_("Wednesday")}, {4, N_("Thursday")},
                                {5, N_("Friday")}, {6, N_("Saturday")}, {7, N_("Sunday")}};

std::optional<int> number_of(std::string_view text) {
    int value = 0;
    auto [end, fault] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (fault != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

mstch::array weekday_options(const Page& page, int chosen) {
    mstch::array options;
    for (const Weekday& day : weekdays) {
        options.push_back(mstch::map{{"number", day.number}, {"name", page.t(day.name)}, {"selected", day.number == chosen}});
    }
    return options;
}

std::string weekday_name(const Page& page, int number) {
    return number >= 1 && number <= 7 ? page.t(weekdays[number - 1].name) : std::string();
}

const char* kind_name(SharedKind kind) {
    if (kind == SharedKind::diary_entry) return N_("Diary day");
    if (kind == SharedKind::weekly_review) return N_("Week");
    return N_("Learning Contract");
}

std::string own_href(SharedKind kind, const std::string& period) {
    if (kind == SharedKind::diary_entry) return "/diary/" + period;
    if (kind == SharedKind::weekly_review) return "/weeks/" + period;
    return "/contracts/" + period;
}

std::string moment_or_nothing(const Page& page, const std::optional<Timestamp>& at) {
    return at ? moment_text(page, *at) : std::string();
}

// --- /peer ------------------------------------------------------------------------------

Response show_peer(Page& page, mstch::map data, int status) {
    data["title"] = page.t("Fixed colleague");
    Result<operations::PeerPage> shown = operations::peer_page(page.ports(), page.user());
    if (!shown) return page.error_page(shown.error());
    auto invitation_items = [&](const std::vector<operations::InvitationSeen>& list, bool incoming) {
        mstch::array items;
        for (const operations::InvitationSeen& item : list) {
            const std::optional<User>& other = incoming ? item.from : item.to;
            items.push_back(mstch::map{{"id", item.invitation.id},
                                       {"name", other ? other->name : std::string()},
                                       {"since", moment_text(page, item.invitation.created_at)}});
        }
        return items;
    };
    mstch::array incoming = invitation_items(shown->invitations.incoming, true);
    mstch::array outgoing = invitation_items(shown->invitations.outgoing, false);
    data["incoming"] = incoming;
    data["has_incoming"] = !incoming.empty();
    data["outgoing"] = outgoing;
    data["has_outgoing"] = !outgoing.empty();

    if (!shown->pair) return page.render("peer", std::move(data), status);
    const operations::Pair& pair = *shown->pair;
    data["has_peer"] = true;
    data["peer_name"] = pair.peer.name;
    data["peer_email"] = pair.peer.email;

    // The weekly meeting: as chosen, or (after a refused change) as typed.
    int weekday = 1;
    std::string time = "09:00";
    int duration = 30;
    if (pair.meeting) {
        weekday = pair.meeting->weekday;
        time = format_clock_time(pair.meeting->minute_of_day);
        duration = pair.meeting->duration_minutes;
        data["meeting_text"] = weekday_name(page, weekday) + " " + time + " (" + std::to_string(duration) + " " +
                               page.t("minutes") + ")";
    }
    if (data.count("typed_weekday")) weekday = number_of(page.form.get("weekday")).value_or(weekday);
    data["weekdays"] = weekday_options(page, weekday);
    if (!data.count("meeting_time")) data["meeting_time"] = time;
    if (!data.count("meeting_duration")) data["meeting_duration"] = std::to_string(duration);

    // What I share, and when the peer opened it.
    mstch::array mine;
    for (const operations::SharedItem& item : shown->mine) {
        std::optional<Timestamp> first, last;
        if (item.opening) {
            first = item.opening->first_opened_at;
            last = item.opening->last_opened_at;
        }
        mine.push_back(mstch::map{{"kind", page.t(kind_name(item.kind))},
                                  {"period", item.period},
                                  {"href", own_href(item.kind, item.period)},
                                  {"opened", last.has_value()},
                                  {"first_opened", moment_or_nothing(page, first)},
                                  {"last_opened", moment_or_nothing(page, last)}});
    }
    data["mine"] = mine;
    data["has_mine"] = !mine.empty();

    // What the peer shares with me: diary days, weeks and contracts.
    mstch::array theirs;
    for (const DiaryEntry& entry : shown->their_days) {
        std::string day = format_day(entry.day);
        theirs.push_back(mstch::map{{"kind", page.t("Diary day")},
                                    {"period", day},
                                    {"summary", entry.key_learning},
                                    {"href", "/peer/diary/" + day}});
    }
    for (const WeeklyReview& week : shown->their_weeks) {
        theirs.push_back(mstch::map{{"kind", page.t("Week")},
                                    {"period", format_week(week.week)},
                                    {"summary", week.plan.situation},
                                    {"href", "/peer/weeks/" + format_week(week.week)}});
    }
    for (const LearningContract& contract : shown->their_contracts) {
        theirs.push_back(mstch::map{{"kind", page.t("Learning Contract")},
                                    {"period", format_quarter(contract.quarter)},
                                    {"summary", contract.aims},
                                    {"href", "/peer/contracts/" + format_quarter(contract.quarter)}});
    }
    data["theirs"] = theirs;
    data["has_theirs"] = !theirs.empty();
    return page.render("peer", std::move(data), status);
}

Response get_peer(Page& page) {
    mstch::map data;
    for (const char* notice : {"invited", "accepted", "declined", "withdrawn", "ended", "meeting_saved"}) {
        if (page.request.query_value(notice)) data[notice] = true;
    }
    return show_peer(page, std::move(data), 200);
}

Response post_invitation(Page& page) {
    Result<operations::InvitationSeen> sent =
        operations::invite_colleague(page.ports(), page.user(), trim(page.form.get("email")));
    if (sent) return redirect("/peer?invited=1");
    ErrorCode code = sent.error().code;
    FieldError error = field_error(sent.error());
    if (code == ErrorCode::not_found) {
        error = {"email", N_("No one uses Ritme here with this e-mail address.")};
    } else if (code == ErrorCode::conflict) {
        error = {"email", N_("One of you has a fixed colleague already, or an invitation between you is waiting.")};
    } else {
        error.field = "email";
    }
    mstch::map data{{"invite_email", page.form.get("email")}};
    put_errors(page, data, {error});
    return show_peer(page, std::move(data),
                     code == ErrorCode::not_found ? 404 : code == ErrorCode::conflict ? 409 : 422);
}

Response post_accept(Page& page) {
    Result<operations::Account> accepted = operations::accept_invitation(page.ports(), page.user(), page.params.at("id"));
    if (accepted) return redirect("/peer?accepted=1");
    bool conflict = accepted.error().code == ErrorCode::conflict;
    mstch::map data;
    if (conflict) {
        put_errors(page, data, {{"", N_("One of you has a fixed colleague meanwhile.")}});
    } else {
        put_errors(page, data, {{"", N_("This invitation is no longer open.")}});
    }
    return show_peer(page, std::move(data), conflict ? 409 : 404);
}

Response post_invitation_delete(Page& page) {
    if (operations::withdraw_or_decline_invitation(page.ports(), page.user(), page.params.at("id"))) {
        return redirect(page.form.get("side") == "incoming" ? "/peer?declined=1" : "/peer?withdrawn=1");
    }
    mstch::map data;
    put_errors(page, data, {{"", N_("This invitation is no longer open.")}});
    return show_peer(page, std::move(data), 404);
}

Response post_meeting(Page& page) {
    const Form& form = page.form;
    std::vector<FieldError> errors;
    std::optional<int> weekday = number_of(form.get("weekday"));
    std::string duration_text = trim(form.get("duration_minutes"));
    std::optional<int> duration = duration_text.empty() ? std::optional<int>(30) : number_of(duration_text);
    if (!weekday) errors.push_back({"weekday", N_("must be a day from Monday to Sunday")});
    if (!duration) errors.push_back({"duration_minutes", N_("must be a number of minutes from 15 to 240")});
    if (errors.empty()) {
        operations::ChooseMeetingSlot slot{*weekday, trim(form.get("time")), *duration};
        Result<PeerMeetingSlot> saved = operations::choose_meeting_slot(page.ports(), page.user(), slot);
        if (saved) return redirect("/peer?meeting_saved=1");
        if (saved.error().code == ErrorCode::not_found) return redirect("/peer");
        errors.push_back(field_error(saved.error()));
    }
    mstch::map data{{"typed_weekday", true},
                    {"meeting_time", form.get("time")},
                    {"meeting_duration", form.get("duration_minutes")}};
    put_errors(page, data, errors);
    return show_peer(page, std::move(data), 422);
}

Response post_end(Page& page) {
    if (!page.form.has("confirm")) {
        mstch::map data{{"end_open", true}};
        put_errors(page, data, {{"confirm", N_("Tick the box to confirm that you want to end the pair.")}});
        return show_peer(page, std::move(data), 422);
    }
    (void)operations::end_pair(page.ports(), page.user());
    return redirect("/peer?ended=1");
}

// --- what the peer shared ---------------------------------------------------------------

Response not_shared(const Page& page) {
    return page.error_page(404, page.t("Your fixed colleague has not shared this with you."));
}

std::vector<Competency> catalogue_of(const Page& page) {
    Result<std::vector<Competency>> catalogue = operations::competency_catalogue(page.ports());
    return catalogue ? std::move(*catalogue) : std::vector<Competency>{};
}

mstch::array competency_names(const std::vector<Competency>& catalogue, const std::vector<std::string>& ids) {
    mstch::array names;
    for (const std::string& id : ids) {
        auto found = std::find_if(catalogue.begin(), catalogue.end(),
                                  [&](const Competency& competency) { return competency.id == id; });
        if (found != catalogue.end()) names.push_back(found->name);
    }
    return names;
}

Response get_peer_diary(Page& page) {
    std::optional<Day> day = parse_day(page.params.at("day"));
    if (!day) return not_shared(page);
    Result<operations::FromPeer<DiaryEntry>> found = operations::open_peer_diary_entry(page.ports(), page.user(), *day);
    if (!found) return not_shared(page);
    const DiaryEntry& entry = found->item;
    mstch::array tags;
    for (const std::string& tag : entry.tags) tags.push_back(tag);
    mstch::map data{{"title", page.t("Diary day of your fixed colleague") + " " + format_day(*day)},
                    {"day", format_day(*day)},
                    {"day_text", day_text(page, *day)},
                    {"peer_name", found->peer.name},
                    {"key_learning", entry.key_learning},
                    {"moments_html", markdown_to_html(entry.learning_moments)},
                    {"handling_html", markdown_to_html(entry.handling)},
                    {"has_handling", !entry.handling.empty()},
                    {"competencies", competency_names(catalogue_of(page), entry.competency_ids)},
                    {"tags", tags},
                    {"week", format_week(week_of(*day))}};
    return page.render("peer_diary", std::move(data));
}

Response get_peer_week(Page& page) {
    std::optional<IsoWeek> week = parse_week(page.params.at("week"));
    if (!week) return not_shared(page);
    Result<operations::FromPeer<operations::CheckedWeek>> found =
        operations::open_peer_week(page.ports(), page.user(), *week);
    if (!found) return not_shared(page);
    mstch::map data = peer_week_data(found->item, catalogue_of(page));
    data["title"] = page.t("Week of your fixed colleague") + " " + format_week(*week);
    data["week"] = format_week(*week);
    data["peer_name"] = found->peer.name;
    return page.render("peer_week", std::move(data));
}

Response show_peer_contract(Page& page, Quarter quarter, const operations::FromPeer<LearningContract>& shared,
                            mstch::map data, int status) {
    const LearningContract& contract = shared.item;
    mstch::array goals;
    for (const ContractGoal& goal : contract.goals) {
        goals.push_back(mstch::map{{"text", goal.text},
                                   {"measure", goal.measure},
                                   {"deadline", goal.deadline ? format_day(*goal.deadline) : std::string()}});
    }
    mstch::array discussion;
    bool i_agreed = false;
    for (const ContractComment& comment : contract.discussion) {
        if (comment.by == page.user().id && comment.agree) i_agreed = true;
        discussion.push_back(discussion_item(page, comment, shared.peer.name));
    }
    data["title"] = page.t("Learning Contract of your fixed colleague") + " " + format_quarter(quarter);
    data["quarter"] = format_quarter(quarter);
    data["peer_name"] = shared.peer.name;
    data["where_from"] = contract.where_from;
    data["where_now"] = contract.where_now;
    data["aims"] = contract.aims;
    data["approach"] = contract.approach;
    data["evidence"] = contract.evidence;
    data["competencies"] = competency_names(catalogue_of(page), contract.competency_ids);
    data["goals"] = goals;
    data["has_goals"] = !goals.empty();
    data["discussion"] = discussion;
    data["has_discussion"] = !discussion.empty();
    data["agreed"] = contract.status == ContractStatus::agreed;
    data["i_agreed"] = i_agreed;
    for (const char* notice : {"commented", "agreed_now"}) {
        if (page.request.query_value(notice)) data[notice] = true;
    }
    return page.render("peer_contract", std::move(data), status);
}

Response get_peer_contract(Page& page) {
    std::optional<Quarter> quarter = parse_quarter(page.params.at("quarter"));
    if (!quarter) return not_shared(page);
    Result<operations::FromPeer<LearningContract>> found =
        operations::open_peer_contract(page.ports(), page.user(), *quarter);
    if (!found) return not_shared(page);
    return show_peer_contract(page, *quarter, *found, {}, 200);
}

Response post_discussion(Page& page) {
    std::optional<Quarter> quarter = parse_quarter(page.params.at("quarter"));
    if (!quarter) return not_shared(page);
    bool agree = page.form.get("action") == "agree";
    operations::DiscussContract remark;
    remark.quarter = *quarter;
    remark.comment = page.form.get("comment");
    remark.agree = agree;
    Result<LearningContract> answered = operations::discuss_contract(page.ports(), page.user(), remark);
    if (answered) {
        return redirect("/peer/contracts/" + format_quarter(*quarter) + (agree ? "?agreed_now=1" : "?commented=1"));
    }
    Result<operations::FromPeer<LearningContract>> found =
        operations::open_peer_contract(page.ports(), page.user(), *quarter);
    if (!found) return not_shared(page);
    FieldError error = field_error(answered.error());
    if (error.field.empty() || error.field == "agree") error.field = "comment";
    mstch::map data{{"comment", page.form.get("comment")}};
    put_errors(page, data, {error});
    return show_peer_contract(page, *quarter, *found, std::move(data), 422);
}

}  // namespace

std::string competency_name(const std::vector<Competency>& catalogue, const std::string& id) {
    for (const Competency& competency : catalogue) {
        if (competency.id == id) return competency.name;
    }
    return {};
}

mstch::map peer_week_data(const operations::CheckedWeek& week, const std::vector<Competency>& catalogue) {
    const WeeklyReview& review = week.review;
    auto day_or_nothing = [](const std::optional<Day>& day) { return day ? format_day(*day) : std::string(); };
    mstch::array check;
    for (Day day : week.check) check.push_back(format_day(day));
    return mstch::map{{"held", review.peer_meeting.held},
                      {"meeting_day", day_or_nothing(review.peer_meeting.day)},
                      {"meeting_notes", review.peer_meeting.notes},
                      {"competency", competency_name(catalogue, review.plan.competency_id)},
                      {"situation", review.plan.situation},
                      {"approach", review.plan.approach},
                      {"measure", review.plan.measure},
                      {"deadline", day_or_nothing(review.plan.deadline)},
                      {"act", review.act},
                      {"check", check},
                      {"has_check", !check.empty()}};
}

mstch::map discussion_item(const Page& page, const ContractComment& comment, const std::string& peer_name) {
    std::string who = page.t("an earlier fixed colleague");
    if (comment.by == page.user().id) {
        who = page.t("You");
    } else if (page.user().peer_id && comment.by == *page.user().peer_id) {
        who = peer_name;
    }
    return mstch::map{{"who", who}, {"comment", comment.comment}, {"agree", comment.agree}, {"at", moment_text(page, comment.at)}};
}

void add_peer_pages(PageRoutes& routes) {
    routes.add({"GET", "/peer", Access::member, get_peer});
    routes.add({"POST", "/peer/invitations", Access::member, post_invitation});
    routes.add({"POST", "/peer/invitations/{id}/accept", Access::member, post_accept});
    routes.add({"POST", "/peer/invitations/{id}/delete", Access::member, post_invitation_delete});
    routes.add({"POST", "/peer/meeting", Access::member, post_meeting});
    routes.add({"POST", "/peer/end", Access::member, post_end});
    routes.add({"GET", "/peer/diary/{day}", Access::member, get_peer_diary});
    routes.add({"GET", "/peer/weeks/{week}", Access::member, get_peer_week});
    routes.add({"GET", "/peer/contracts/{quarter}", Access::member, get_peer_contract});
    routes.add({.method = "POST",
                .pattern = "/peer/contracts/{quarter}/discussion",
                .handler = post_discussion,
                .keeps_text = true});
}

}  // namespace ritme::http::pages
