// The trash's one page action: the "Undo" button right after a delete puts the item back
// and shows its page (operations/trash.hpp).
#include "core/operations/trash.hpp"
#include "http/pages/page.hpp"

namespace ritme::http::pages {
namespace {

// Where a level's item of that period is shown.
std::string page_of(const TrashedItem& item) {
    switch (item.kind) {
        case DraftKind::diary:
            return "/diary/" + item.period;
        case DraftKind::week:
            return "/weeks/" + item.period;
        case DraftKind::month:
            return "/months/" + item.period;
        case DraftKind::contract:
            return "/contracts/" + item.period;
        case DraftKind::year:
            return "/years/" + item.period;
    }
    return "/";
}

Response post_restore(Page& page) {
    Result<TrashedItem> restored = operations::restore_from_trash(page.ports(), page.user(), page.params.at("id"));
    if (restored) return redirect(page_of(*restored) + "?restored=1");
    if (restored.error().code == ErrorCode::conflict) {
        return page.error_page(409, page.t("That period has a new item since this one was deleted, so it was not "
                                           "restored. Delete or change the new one first."));
    }
    return page.error_page(404, page.t("There is no such deleted item (any more)."));
}

}  // namespace

void add_trash_pages(PageRoutes& routes) {
    routes.add({"POST", "/trash/{id}/restore", Access::member, post_restore});
}

}  // namespace ritme::http::pages
