// What the reports call an agreement's provider: shared by the vendor matrix
// (a column's heading) and the OSCAL export (the component's title).
#pragma once

#include <string>

#include "onus/document.hpp"

namespace onus::report {

// The provider's name as the agreement gives it, unless it is only a role
// word ("Provider", "Vendor": templates such as Common Paper and Bonterms
// name their parties by role), in which case the title says more; then the
// file's stem. Trimmed; "" only when the document has none of them.
std::string provider_label(const Document& doc);

}  // namespace onus::report
