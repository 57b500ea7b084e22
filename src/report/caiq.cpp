// The responsibility matrix as a CAIQ v4 / STA-04 style ownership sheet
// (onus/report_grc.hpp). The CCM placement and the questions are onus's,
// not CSA's: the Question IDs say so ("DSP-ONUS-DATA").
#include <cctype>
#include <map>

#include "onus/patterns.hpp"
#include "onus/report_formats.hpp"
#include "onus/report_grc.hpp"

namespace onus {
namespace {

constexpr std::size_t kQuoteLimit = 200;  // code points of clause text per evidence line

struct CcmPlace {
    const char* domain;    // onus domain id
    const char* code;      // CCM v4 domain code
    const char* ccm_name;  // CCM v4 domain name
    const char* question;  // onus's question
    const char* covers;    // what the customer carries when it holds the domain
};

// CCM v4 has no domain for application-hosting platforms or workloads: both
// sit with IVS (virtualisation, OS hardening), as network does.
const CcmPlace kPlaces[] = {
    {"application", "AIS", "Application & Interface Security",
     "Who is responsible for the security of the application service: secure development, application "
     "vulnerabilities and their patching, application configuration?",
     "the security of the application and its configuration"},
    {"platform", "IVS", "Infrastructure & Virtualization Security",
     "Who hardens, patches and updates the operating systems, runtimes, databases and managed platform software?",
     "hardening and patching of the platform software"},
    {"endpoint", "UEM", "Universal Endpoint Management",
     "Who secures the devices and systems that reach the service (workstations, mobile devices, browsers, the "
     "customer's connected systems)?",
     "the security of the devices and systems that reach the service"},
    {"data", "DSP", "Data Security and Privacy Lifecycle Management",
     "Who protects customer data: confidentiality, integrity, encryption, backups, retention, deletion, return, "
     "location, personal-data processing?",
     "the protection of its data (encryption, backups, retention, deletion)"},
    {"network", "IVS", "Infrastructure & Virtualization Security",
     "Who runs the network controls: firewalls, segmentation, security groups, DDoS protection, network "
     "monitoring, VPNs?",
     "its network controls and security-group rules"},
    {"identity", "IAM", "Identity & Access Management",
     "Who manages accounts, credentials, authentication and MFA, access rights, user provisioning and removal, "
     "and activity under an account?",
     "its accounts, credentials, access rights and what is done under them"},
    {"workloads", "IVS", "Infrastructure & Virtualization Security",
     "Who secures the virtual machines, containers, images and serverless functions run on the service, and "
     "their configuration?",
     "the security and configuration of the workloads it runs"},
    {"apis", "AIS", "Application & Interface Security",
     "Who secures the service's APIs, API keys and tokens, integrations, connectors, middleware and third-party "
     "add-ons?",
     "its API keys and tokens, integrations and add-ons"},
    {"infrastructure", "DCS", "Datacenter Security",
     "Who secures the data centres, physical access, hardware, host systems and the virtualisation layer?",
     "physical and host security"},
    {"compliance", "A&A", "Audit & Assurance",
     "Who provides audits, audit reports, certifications (SOC 2, ISO 27001), penetration tests and regulatory "
     "compliance?",
     "audits, certifications and its own regulatory compliance"},
    {"incident", "SEF", "Security Incident Management, E-Discovery, & Cloud Forensics",
     "Who detects security incidents, notifies the other party and within what time, cooperates and "
     "investigates?",
     "detecting and reporting security incidents"},
    {"availability", "BCR", "Business Continuity Management and Operational Resilience",
     "Who commits to uptime, maintenance windows, support response, disaster recovery and business continuity?",
     "the availability and continuity of its use of the service"},
};

const CcmPlace* place(const std::string& domain) {
    for (const CcmPlace& p : kPlaces)
        if (domain == p.domain) return &p;
    return nullptr;
}

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string join(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out;
}

const char* ownership(const std::string& holder) {
    if (holder == "provider") return "CSP-owned";
    if (holder == "customer") return "CSC-owned";
    if (holder == "shared") return "Shared CSP and CSC";
    if (holder == "conflict") return "Conflicting";
    return "Unassigned";
}

std::string csc_responsibilities(const MatrixCell& c, const CcmPlace& p, const std::string& model) {
    const std::string clauses = c.clauses.empty() ? "" : " (clauses " + join(c.clauses) + ")";
    if (c.holder == "provider") return "None stated: the agreement puts this on the CSP" + clauses + ".";
    if (c.holder == "customer") return std::string("The CSC is responsible for ") + p.covers + clauses + ".";
    if (c.holder == "shared")
        return std::string("The CSC shares responsibility for ") + p.covers + " with the CSP" + clauses + ".";
    if (c.holder == "conflict")
        return "Unclear: the agreement commits the CSP and disclaims onto the CSC" + clauses + ".";
    std::string out = "Not stated: no clause says who is responsible";
    if (!c.baseline.empty())
        out += " (the " + (model.empty() ? std::string("delivery") : model) + " model expects the " +
               (c.baseline == "provider" ? std::string("CSP") : std::string("CSC")) + ")";
    return out + "; clarify before signing.";
}

// The first `limit` code points of UTF-8 text, "…" when cut. Continuation
// bytes (10xxxxxx) never start a code point, so a cut before a lead byte is
// a clean one.
std::string cut(const std::string& text, std::size_t limit) {
    std::size_t points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (points++ == limit) return text.substr(0, i) + "\u2026";
    }
    return text;
}

std::string evidence(const MatrixCell& c, const std::map<std::string, const Clause*>& by_id) {
    std::string out;
    for (const std::string& id : c.clauses) {
        auto it = by_id.find(id);
        std::string text = it == by_id.end() ? "" : it->second->text;
        for (char& ch : text)
            if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
        out += (out.empty() ? "" : "\n") + id + (text.empty() ? "" : ": " + cut(text, kQuoteLimit));
    }
    return out;
}

void row(std::ostream& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
    out << "\r\n";
}

}  // namespace

void write_analysis_caiq(const Document& doc, const Analysis& a, std::ostream& out) {
    std::map<std::string, const Clause*> by_id;
    for (const Clause& c : doc.clauses) by_id.emplace(c.id, &c);
    row(out, {"Question ID", "Domain", "Question", "CSP Implementation Ownership", "CSC Responsibilities",
              "Clause evidence"});
    for (const std::string& domain : domain_ids()) {
        const CcmPlace* p = place(domain);
        auto it = a.matrix.find(domain);
        if (!p || it == a.matrix.end()) continue;
        const MatrixCell& c = it->second;
        row(out, {std::string(p->code) + "-ONUS-" + upper(domain), std::string(p->code) + " - " + p->ccm_name,
                  p->question, ownership(c.holder), csc_responsibilities(c, *p, a.model), evidence(c, by_id)});
    }
}

}  // namespace onus
