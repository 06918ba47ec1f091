#include "core/operations/catalogue.hpp"

namespace ritme::operations {

CatalogueView catalogue_view(Transaction& transaction, const std::vector<std::string>& on_record) {
    CatalogueView view;
    for (const Competency& competency : transaction.store.list_competencies()) {
        if (!competency.archived) view.choosable.insert(competency.id);
    }
    view.on_record.insert(on_record.begin(), on_record.end());
    return view;
}

Result<std::vector<Competency>> competency_catalogue(const Ports& ports) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<std::vector<Competency>> {
        return transaction.store.list_competencies();
    });
}

}  // namespace ritme::operations
