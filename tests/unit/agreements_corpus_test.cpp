// The real agreements in ../shared/corpus/agreements (Markdown with front
// matter, Liquid and inline HTML, as their publishers keep them): each
// extracts into numbered clauses with the markup gone, and the parties are
// found. Skips when the shared folder is absent.
#include <catch2/catch.hpp>

#include <filesystem>

#include "onus/ingest.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

const onus::Party* party(const onus::Document& doc, const std::string& role) {
    for (const onus::Party& p : doc.parties)
        if (p.role == role) return &p;
    return nullptr;
}

bool has_alias(const onus::Party* p, const std::string& alias) {
    if (!p) return false;
    for (const auto& a : p->aliases)
        if (a.text == alias) return true;
    return false;
}

}  // namespace

TEST_CASE("real agreements extract into clauses, markup gone, parties found", "[corpus][agreements]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    std::size_t files = 0;
    for (const auto& family : fs::directory_iterator(onus::test::shared_dir() / "corpus" / "agreements")) {
        if (!family.is_directory()) continue;
        std::string name = family.path().filename().string();
        for (const auto& version : fs::directory_iterator(family.path())) {
            INFO(version.path().string());
            onus::Document doc = onus::load(version.path().string());
            ++files;
            CHECK(doc.format == "markdown");
            std::size_t numbered = 0;
            for (const onus::Clause& c : doc.clauses) {
                if (!c.number.empty()) ++numbered;
                for (const char* markup : {"{%", "{{", "<a ", "<span", "</", "](http", "**"})
                    CHECK(c.text.find(markup) == std::string::npos);
            }
            // The GitHub SLA numbers nothing; every other agreement numbers its sections.
            if (name != "github-enterprise-cloud-sla") CHECK(numbered >= 10);
            CHECK(doc.clauses.size() >= 5);

            const onus::Party* provider = party(doc, "provider");
            const onus::Party* customer = party(doc, "customer");
            REQUIRE(provider);
            REQUIRE(customer);
            if (name.rfind("github", 0) == 0) {
                CHECK(provider->name.find("GitHub") != std::string::npos);
                CHECK(has_alias(provider, "GitHub"));
            } else {  // Common Paper and Bonterms speak of the roles
                CHECK(has_alias(provider, "Provider"));
                CHECK(has_alias(customer, "Customer"));
            }
            if (name == "github-terms-of-service") CHECK(has_alias(customer, "you"));
        }
    }
    CHECK(files == 37);
}

TEST_CASE("a Common Paper agreement has its sections and subsections as clauses", "[corpus][agreements]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    onus::Document doc = onus::load((onus::test::shared_dir() / "corpus" / "agreements" /
                                     "commonpaper-cloud-service-agreement" / "v-20241105-aaaa282-v2.1.md")
                                        .string());
    auto find = [&](const std::string& id) -> const onus::Clause* {
        for (const onus::Clause& c : doc.clauses)
            if (c.id == id) return &c;
        return nullptr;
    };
    const onus::Clause* service = find("1");
    const onus::Clause* accounts = find("1.3");
    REQUIRE(service);
    REQUIRE(accounts);
    CHECK(service->heading == "Service");
    CHECK(accounts->heading == "User Accounts");
    CHECK(accounts->text.find("Customer is responsible for all actions") != std::string::npos);
    REQUIRE(accounts->parent);
    CHECK(doc.clauses[*accounts->parent].id == "1");
}
