#include "core/operations/events.hpp"

#include <gtest/gtest.h>

#include "core/testing/world.hpp"

namespace ritme::operations {
namespace {

using namespace std::chrono_literals;

class EventOperations : public ::testing::Test {
protected:
    fakes::World world;
    User admin = world.person("admin", Role::admin);
    User alice = world.person("alice");
    User bob = world.person("bob");

    PlanEvent learning_day(int capacity = 0) {
        PlanEvent plan;
        plan.event.kind = EventKind::learning_day;
        plan.event.title = "Lerende organisatie dag";
        plan.event.starts_at = world.clock.now() + 24h * 7;
        plan.event.ends_at = plan.event.starts_at + 8h;
        if (capacity > 0) plan.event.capacity = capacity;
        return plan;
    }
};

TEST_F(EventOperations, OnlyAdminsPlanSolMeetingsBeforeAnythingElseIsChecked) {
    PlanEvent plan = learning_day();
    plan.event.kind = EventKind::sol_meeting;
    plan.reading = validation_error("title", "must be text");
    EXPECT_EQ(plan_event(world.ports, alice, plan).error().code, ErrorCode::forbidden);
    EXPECT_EQ(plan_event(world.ports, admin, plan).error().field, "title");
}

TEST_F(EventOperations, ASeriesHasAnOccurrenceEachMonth) {
    PlanEvent plan = learning_day();
    plan.event.kind = EventKind::sol_meeting;
    plan.repeat = EventRepeat{RepeatEvery::month, 3};
    Result<PlannedEvent> planned = plan_event(world.ports, admin, plan);
    ASSERT_TRUE(planned) << planned.error().message;
    EXPECT_EQ(planned->series.size(), 3U);
    EXPECT_EQ(planned->first.event.id, planned->series.front());
    EXPECT_EQ(planned->first.organiser->id, admin.id);
    EXPECT_TRUE(planned->first.may_change);
    EXPECT_EQ(list_events(world.ports, alice, {})->size(), 3U);
}

TEST_F(EventOperations, AFullEventRefusesOneMore) {
    Result<PlannedEvent> planned = plan_event(world.ports, alice, learning_day(1));
    ASSERT_TRUE(planned);
    std::string id = planned->first.event.id;
    Result<EventView> going = answer_rsvp(world.ports, alice, {id, RsvpStatus::going});
    ASSERT_TRUE(going);
    EXPECT_EQ(going->attendance.going_count, 1);
    Result<EventView> full = answer_rsvp(world.ports, bob, {id, RsvpStatus::going});
    ASSERT_FALSE(full);
    EXPECT_EQ(full.error().code, ErrorCode::conflict);
    EXPECT_EQ(full.error().message, "This event is full.");
    EXPECT_EQ(answer_rsvp(world.ports, bob, {"nope", RsvpStatus::going}).error().code, ErrorCode::not_found);
}

TEST_F(EventOperations, OnlyTheOrganiserOrAnAdminChangesAnEvent) {
    Result<PlannedEvent> planned = plan_event(world.ports, alice, learning_day());
    ASSERT_TRUE(planned);
    ChangeEvent change;
    change.event_id = planned->first.event.id;
    change.changes.title = "Nieuwe titel";
    change.reading = validation_error("capacity", "must be a whole number");
    EXPECT_EQ(change_event(world.ports, bob, change).error().code, ErrorCode::forbidden)
        << "a stranger is refused before the request is read";
    EXPECT_EQ(change_event(world.ports, alice, change).error().field, "capacity");
    change.reading = ok_status();
    Result<EventView> changed = change_event(world.ports, admin, change);
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->event.title, "Nieuwe titel");
    EXPECT_EQ(delete_event(world.ports, bob, change.event_id).error().code, ErrorCode::forbidden);
    EXPECT_TRUE(delete_event(world.ports, alice, change.event_id));
}

TEST_F(EventOperations, TheProgrammeMustFitTheDay) {
    Result<PlannedEvent> planned = plan_event(world.ports, alice, learning_day());
    ASSERT_TRUE(planned);
    const Event& day = planned->first.event;
    AddSession add;
    add.event_id = day.id;
    add.session.title = "Workshop";
    add.session.starts_at = day.starts_at + 1h;
    add.session.ends_at = day.starts_at + 2h;
    add.session.capacity = 1;
    Result<ProgrammeSession> session = add_session(world.ports, alice, add);
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_EQ(add_session(world.ports, bob, add).error().code, ErrorCode::forbidden);

    ChangeEvent shorter;
    shorter.event_id = day.id;
    shorter.changes.starts_at = day.starts_at + 90min;
    EXPECT_EQ(change_event(world.ports, alice, shorter).error().field, "starts_at");

    EXPECT_TRUE(sign_up(world.ports, bob, {day.id, session->session.id, true}));
    EXPECT_EQ(sign_up(world.ports, alice, {day.id, session->session.id, true}).error().message,
              "This session is full.");
    EXPECT_TRUE(remove_session(world.ports, alice, day.id, session->session.id));
    EXPECT_EQ(event_with_programme(world.ports, bob, day.id)->programme.size(), 0U);
}

TEST_F(EventOperations, TheNextEventsOnesGoesToAndTheOnesAttended) {
    PlanEvent past = learning_day();
    past.event.starts_at = world.clock.now() - 48h;
    past.event.ends_at = past.event.starts_at + 8h;
    Result<PlannedEvent> before = plan_event(world.ports, alice, past);
    ASSERT_TRUE(before);
    ASSERT_TRUE(world.store.set_rsvp(before->first.event.id, alice.id, RsvpStatus::going, world.clock.now()));
    Result<PlannedEvent> coming = plan_event(world.ports, alice, learning_day());
    ASSERT_TRUE(coming);
    ASSERT_TRUE(answer_rsvp(world.ports, alice, {coming->first.event.id, RsvpStatus::going}));

    Result<std::vector<EventView>> next = events_i_go_to(world.ports, alice, 92, 3);
    ASSERT_TRUE(next);
    ASSERT_EQ(next->size(), 1U);
    EXPECT_EQ(next->front().event.id, coming->first.event.id);
    Result<std::vector<EventView>> went = attended_events(world.ports, alice, std::nullopt);
    ASSERT_TRUE(went);
    ASSERT_EQ(went->size(), 1U);
    EXPECT_EQ(went->front().event.id, before->first.event.id);
    EXPECT_EQ(answer_rsvp(world.ports, bob, {before->first.event.id, RsvpStatus::going}).error().field, "status")
        << "an event that ended takes no answers";
}

TEST_F(EventOperations, AWindowMustEndAfterItStarts) {
    Result<std::vector<EventView>> refused =
        list_events(world.ports, alice, {world.clock.now(), world.clock.now() - 1h});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::bad_request);
    EXPECT_EQ(refused.error().field, "to");
}

}  // namespace
}  // namespace ritme::operations
