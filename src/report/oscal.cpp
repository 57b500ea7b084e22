// OSCAL 1.1.2 component definition of the responsibility matrix
// (onus/report_grc.hpp has the layout and the UUID scheme).
#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/uuid.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <cctype>
#include <filesystem>

#include "onus/patterns.hpp"
#include "onus/report_grc.hpp"
#include "report/naming.hpp"
#include "report/json.hpp"

namespace onus {
namespace {

constexpr const char* kNamespace = "https://onus.example/ns";
constexpr const char* kSource = "onus:responsibility-model";
constexpr const char* kOscalVersion = "1.1.2";
constexpr const char* kEpoch = "1970-01-01T00:00:00Z";

#ifndef ONUS_VERSION
#define ONUS_VERSION "0.0.0"
#endif

// Version 5 UUIDs under onus's own namespace, itself a version 5 UUID of a
// URL: anyone can recompute them, and no two tools share them by accident.
class UuidMaker {
public:
    UuidMaker() : ns_(boost::uuids::name_generator_sha1(boost::uuids::ns::url())("https://onus.example/ns/oscal")) {}
    std::string operator()(const std::string& name) const {
        return boost::uuids::to_string(boost::uuids::name_generator_sha1(ns_)(name));
    }

private:
    boost::uuids::uuid ns_;
};

const char* domain_title(const std::string& domain) {
    static const std::pair<const char*, const char*> titles[] = {
        {"application", "Application security"},
        {"platform", "Platform security"},
        {"endpoint", "Endpoint security"},
        {"data", "Data security and protection"},
        {"network", "Network security"},
        {"identity", "User security (identity and access)"},
        {"workloads", "Containers and cloud workloads"},
        {"apis", "APIs and middleware"},
        {"infrastructure", "Physical infrastructure and virtualization"},
        {"compliance", "Compliance and assurance"},
        {"incident", "Incident response and breach notification"},
        {"availability", "Availability and resilience"},
    };
    for (const auto& [id, title] : titles)
        if (domain == id) return title;
    return "Security domain";
}

// OSCAL strings (titles, prop values) may not be empty nor start or end
// with whitespace: an agreement's title can do both.
std::string trimmed(const std::string& s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

std::string party_name(const Document& doc, const std::string& role) {
    for (const Party& p : doc.parties)
        if (p.role == role) return trimmed(p.name);
    return "";
}

std::string component_title(const Document& doc) {
    std::string label = report::provider_label(doc);
    return label.empty() ? "Cloud service" : label;
}

std::string join(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out;
}

Json prop(const std::string& name, const std::string& value) {
    return {{"name", name}, {"ns", kNamespace}, {"value", value}};
}

std::string holder_sentence(const MatrixCell& c, const std::string& provider) {
    const std::string by = c.clauses.empty() ? "" : " (clauses " + join(c.clauses) + ")";
    const std::string who = provider.empty() ? "the provider" : "the provider, " + provider + ",";
    if (c.holder == "provider") return "Held by " + who + " under the agreement" + by + ".";
    if (c.holder == "customer") return "Held by the customer under the agreement" + by + ".";
    if (c.holder == "shared") return "Shared: the agreement binds both the provider and the customer" + by + ".";
    if (c.holder == "conflict")
        return "In conflict: the provider commits to a control that another clause disclaims onto the customer" +
               by + ".";
    return "Unassigned: no clause of the agreement says who is responsible.";
}

std::string baseline_sentence(const MatrixCell& c, const std::string& model) {
    const std::string m = model.empty() ? "The delivery model" : "The " + model + " model";
    if (c.baseline.empty()) return m + " sets no default holder.";
    std::string s = m + " puts it on the " + c.baseline;
    if (c.status == "agrees") return s + ", and the agreement agrees.";
    if (c.status == "deviates") return s + ": the agreement departs from that.";
    if (c.status == "silent") return s + ": a gray area to clarify.";
    return s + ".";
}

Json implemented_requirement(const UuidMaker& uuid, const std::string& component, const std::string& domain,
                             const MatrixCell& c, const Analysis& a, const std::string& provider) {
    const std::string description = std::string(domain_title(domain)) + ". " + holder_sentence(c, provider) +
                                    " " + baseline_sentence(c, a.model);

    Json roles = Json::array();
    const bool provider_role = c.holder == "provider" || c.holder == "shared" || c.holder == "conflict";
    const bool customer_role = c.holder == "customer" || c.holder == "shared" || c.holder == "conflict";
    if (provider_role) roles.push_back({{"role-id", "provider"}});
    if (customer_role) roles.push_back({{"role-id", "customer"}});

    Json r{{"uuid", uuid("implemented-requirement\n" + component + "\n" + domain)},
           {"control-id", "onus-" + domain},
           {"description", description},
           {"props", Json::array({prop("responsibility", c.holder),
                                  prop("baseline", c.baseline.empty() ? "none" : c.baseline),
                                  prop("status", c.status)})}};
    // OSCAL arrays may not be empty: an unassigned domain has no roles key.
    if (!roles.empty()) r["responsible-roles"] = roles;
    if (!c.clauses.empty()) r["remarks"] = "clauses: " + join(c.clauses);
    return r;
}

Json component_json(const UuidMaker& uuid, const Document& doc, const Analysis& a) {
    const std::string title = component_title(doc);
    const std::string provider = party_name(doc, "provider");
    Json requirements = Json::array();
    for (const std::string& domain : domain_ids()) {
        auto it = a.matrix.find(domain);
        if (it == a.matrix.end()) continue;
        requirements.push_back(implemented_requirement(uuid, title, domain, it->second, a, provider));
    }

    std::string agreement = trimmed(doc.title).empty() ? "the agreement" : "\"" + trimmed(doc.title) + "\"";
    std::string model = a.model.empty() ? "an unknown delivery model"
                                        : "the " + a.model + " delivery model" +
                                              (a.model_guessed ? " (guessed from the agreement's wording)" : "");
    Json implementation{
        {"uuid", uuid("control-implementation\n" + title + "\n" + kSource)},
        {"source", kSource},
        {"description", "Who holds each of onus's 12 security responsibility domains under " + agreement +
                            ", read from its clauses and measured against " + model + "."},
        {"implemented-requirements", requirements}};

    Json props = Json::array();
    if (!a.model.empty()) props.push_back(prop("delivery-model", a.model));
    if (!trimmed(doc.path).empty()) props.push_back(prop("source-document", trimmed(doc.path)));
    if (!trimmed(doc.format).empty()) props.push_back(prop("source-format", trimmed(doc.format)));

    Json component{{"uuid", uuid("component\n" + title)},
                   {"type", "service"},
                   {"title", title},
                   {"description", "The cloud service governed by " + agreement +
                                       ", as its responsibility matrix shows: the provider's and the customer's "
                                       "security responsibilities, domain by domain."}};
    if (!props.empty()) component["props"] = props;
    component["control-implementations"] = Json::array({implementation});
    return component;
}

Json metadata_json(const Document& doc, const OscalOptions& options) {
    std::string title = "Responsibility matrix: " + component_title(doc);
    return {{"title", title},
            {"last-modified", options.last_modified.empty() ? kEpoch : options.last_modified},
            {"version", ONUS_VERSION},
            {"oscal-version", kOscalVersion},
            {"roles", Json::array({{{"id", "provider"}, {"title", "Cloud service provider"}},
                                   {{"id", "customer"}, {"title", "Cloud service customer"}}})}};
}

}  // namespace

void write_analysis_oscal(const Document& doc, const Analysis& a, std::ostream& out, const OscalOptions& options) {
    const UuidMaker uuid;
    Json metadata = metadata_json(doc, options);
    Json components = Json::array({component_json(uuid, doc, a)});

    // The document's identity is its content: metadata without the date,
    // and the components.
    Json identity = metadata;
    identity.erase("last-modified");
    std::string content = Json{{"metadata", identity}, {"components", components}}.dump(
        -1, ' ', false, Json::error_handler_t::replace);

    Json definition{{"uuid", uuid("component-definition\n" + content)},
                    {"metadata", metadata},
                    {"components", components}};
    write_json(Json{{"component-definition", definition}}, out);
}

}  // namespace onus
