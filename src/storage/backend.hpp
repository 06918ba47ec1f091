#pragma once
// The two databases the store runs on.
namespace ritme::storage {

enum class Backend { sqlite, postgres };

}  // namespace ritme::storage
