#pragma once
// The databases a store runs on: what the code that differs between them switches on.
namespace ritme::storage {

enum class Backend { sqlite, postgres };

}  // namespace ritme::storage
