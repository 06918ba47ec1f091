#pragma once
// What every operation is given, and the one transaction it does its work in.
//
// An operation is one thing a person does or asks in the domain's words (save a diary
// entry, share a contract, ...). It takes a typed command, does its reads and its write
// in ONE transaction of the store, and answers a Result. An operation of a single store
// call needs no transaction of its own: every store method is atomic by itself. The JSON API, the web pages and
// the command line call operations and only translate to and from them.
#include <optional>
#include <utility>

#include "core/ports.hpp"
#include "core/result.hpp"
#include "core/store.hpp"

namespace ritme::operations {

// The outside world as an operation sees it: the store and the ports of core/ports.hpp.
struct Ports {
    Store& store;
    const Clock& clock;
    IdSource& ids;
    const ZoneCalendar& calendar;
};

// The store while an operation's transaction is open. A function that takes a
// `Transaction&` works inside its caller's transaction: it reads and writes through
// `store` only and never opens a transaction itself (transactions do not nest).
struct Transaction {
    Store& store;
};

// Runs `work(Transaction&)`, which answers a Result, as one transaction of `kind` and
// answers what it answered: committed when ok, not at all on an error. The work may run
// more than once, so it sets its results afresh each time and touches nothing but the
// store (take the time, the person and the like before it starts).
template <class Work>
auto in_transaction(Store& store, TransactionKind kind, Work&& work) {
    return ritme::in_transaction(store, kind, [&] {
        Transaction transaction{store};
        return work(transaction);
    });
}

// The version of an item a writer's edit is based on (the one they read): none writes over
// whatever is stored (a client that does not say), 0 says nothing was stored yet.
using BasedOn = std::optional<int>;

// precondition_failed when the stored item (its version; 0 for none) is not the one the
// edit is based on: saving would replace what the writer has not seen.
inline Status unchanged_since(BasedOn based_on, int stored_version) {
    if (based_on && *based_on != stored_version) {
        return Error{ErrorCode::precondition_failed,
                     "This was saved elsewhere in the meantime; nothing was replaced. Compare both texts and save "
                     "again."};
    }
    return ok_status();
}

// The version a save stores: one more than the stored item's, 1 for a new one.
template <class Item>
int next_version(const std::optional<Item>& stored) {
    return stored ? stored->version + 1 : 1;
}
template <class Item>
int stored_version(const std::optional<Item>& stored) {
    return stored ? stored->version : 0;
}

template <class Work>
auto reading(Store& store, Work&& work) {
    return in_transaction(store, TransactionKind::read, std::forward<Work>(work));
}

template <class Work>
auto writing(Store& store, Work&& work) {
    return in_transaction(store, TransactionKind::write, std::forward<Work>(work));
}

}  // namespace ritme::operations
