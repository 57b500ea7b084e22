#!/usr/bin/env python3
"""Write the sample agreements in samples/ (run from anywhere):

    python3 scripts/make_samples.py [--out DIR]

One data structure (agreement()) feeds every writer, so the DOCX, Flat OPC,
Markdown and text versions carry the same clause numbers and words. The DOCX
numbers are real Word automatic numbering; the Markdown and text files type
the same labels ("4.", "4.1", "(a)", "(i)") that Word renders.

Version 1 carries tracked changes by "A. Reviewer" (DOCX and Flat OPC); the
Markdown, text and expected files show it with every change accepted.
Version 2 is version 1 with every change accepted plus the edits listed in
V2_CHANGES (and in samples/README.md).
"""

import argparse
import os
import re
import sys
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docxgen  # noqa: E402

TITLE = "Northwind Cloud Services Agreement"
HEADER = "Northwind Cloud, Inc. \u2013 Cloud Services Agreement \u2013 Confidential"
AUTHOR = "Northwind Legal"
CREATED = "2024-05-01T09:00:00Z"


def q(term):
    """A defined term in curly quotes."""
    return "\u201c" + term + "\u201d"


# Block kinds: title, p (unnumbered body), h (level 0 heading, Heading1),
# sh (level 1 heading, Heading2), s (level 1 body paragraph, direct numPr),
# a (level 2 item), i (level 3 item), table.
# Each block: dict(kind, text | rows, id=None, change=None ("ins"/"del")).

def B(kind, text, id=None, change=None):
    return {"kind": kind, "text": text, "id": id, "change": change}


def agreement(version):
    v1 = version == 1
    b = []
    add = b.append

    add(B("title", TITLE))
    add(B("p", "This Northwind Cloud Services Agreement (the %s) is entered into as of the Effective Date "
               "between Northwind Cloud, Inc., a Delaware corporation with its principal office at 400 Harbor "
               "Way, Seattle, Washington (%s, %s or %s), and the customer identified in the Order Form "
               "(%s or %s). Provider and Customer are each a %s and together the %s."
               % (q("Agreement"), q("Provider"), q("we"), q("us"), q("Customer"), q("you"), q("Party"),
                  q("Parties"))))
    add(B("p", "The Parties agree as follows:"))

    # 1 -------------------------------------------------------------------
    add(B("h", "Definitions", "defs"))
    add(B("s", "%s means the administrative account through which Customer accesses and manages the "
               "Services." % q("Account")))
    add(B("s", "%s means an employee or contractor of Customer whom Customer permits to use the Services "
               "under Customer\u2019s Account." % q("Authorized User")))
    add(B("s", "%s means all data, files, software and other materials that Customer or its Authorized "
               "Users upload to, store in or process with the Services." % q("Customer Content")))
    add(B("s", "%s means Provider\u2019s then-current technical and security documentation for the "
               "Services, as published at docs.northwind.example." % q("Documentation")))
    add(B("s", "%s means the ordering document, signed by both Parties, that identifies the Services, "
               "the fees, the hosting region and the subscription term (the %s)."
               % (q("Order Form"), q("Subscription Term"))))
    add(B("s", "%s means the hardware, networks, data centers, operating systems, virtualization layer "
               "and managed runtime environments that Provider uses to deliver the Services." % q("Platform")))
    add(B("s", "%s means a confirmed breach of security leading to the accidental or unlawful "
               "destruction, loss, alteration, unauthorized disclosure of, or access to, Customer Content "
               "on the Platform." % q("Security Incident")))
    add(B("s", "%s means the Northwind hosted applications (software as a service) and the Northwind "
               "application platform (platform as a service) described in the Order Form and the "
               "Documentation." % q("Services")))
    add(B("s", "%s means a third party engaged by Provider that processes Customer Content in order to "
               "provide the Services." % q("Subprocessor")))

    # 2 -------------------------------------------------------------------
    add(B("h", "The Services", "svc"))
    add(B("s", "**Provision of the Services.** Subject to this Agreement, Provider will make the Services "
               "available to Customer during the Subscription Term in accordance with the Documentation."))
    add(B("s", "**Delivery models.** The Services are delivered as:"))
    add(B("a", "software as a service, in which Provider operates the application, the Platform and all "
               "underlying infrastructure, and Customer configures and uses the application; and"))
    add(B("a", "platform as a service, in which Provider operates the Platform and Customer deploys, "
               "configures and operates its own applications on it."))
    add(B("s", "**Shared responsibility.** Security of the Services is shared between the Parties. "
               "Provider is responsible for the security of the Platform and of the Services as delivered. "
               "Customer is responsible for security in its use of the Services, including everything it "
               "deploys, configures or stores on the Platform, as further set out in Section {ref:cust} "
               "and Section {ref:prov}.", "svc.shared"))
    add(B("s", "**Changes to the Services.** Provider may update the Services from time to time, provided "
               "that Provider {-will-}{+shall+} not materially decrease the overall security of the "
               "Services during the Subscription Term."))

    # 3 -------------------------------------------------------------------
    add(B("h", "Customer Responsibilities", "cust"))
    if v1:
        add(B("s", "**Accounts and credentials.** Customer is responsible for maintaining the "
                   "confidentiality of its Account credentials and for all activities that occur under its "
                   "Account.{+ Customer shall not share Account credentials between individuals.+}"))
    else:  # pure rewording: same party, same obligation
        add(B("s", "**Accounts and credentials.** Customer must keep its Account credentials confidential "
                   "and is responsible for all activities that occur under its Account. Customer shall not "
                   "share Account credentials between individuals."))
    add(B("s", "**Authentication.** Customer shall:", "cust.auth"))
    add(B("a", "require multi-factor authentication for every Authorized User who has administrative "
               "privileges;"))
    add(B("a", "revoke the access of any Authorized User who no longer requires it {-promptly-}{+within "
               "twenty-four (24) hours+};"))
    add(B("a", "ensure that each Authorized User completes security awareness training each year;",
          change="del"))
    add(B("a", "notify Provider without undue delay if Customer becomes aware of any unauthorized use of "
               "its Account or credentials."))
    add(B("s", "**User access.** Customer is solely responsible for granting, reviewing and removing the "
               "access rights of its Authorized Users, including the assignment of roles and permissions "
               "within the Services."))
    add(B("s", "**Endpoints and devices.** Customer shall secure the computers, mobile devices, browsers "
               "and local networks that it and its Authorized Users use to access the Services, including "
               "by keeping them patched and protected against malware."))
    add(B("s", "**Configuration.** Customer is responsible for configuring the Services in accordance with "
               "the Documentation, including:", "cust.config"))
    add(B("a", "the access control lists, firewall rules and network settings that Customer can set in "
               "the Services;"))
    add(B("a", "the storage buckets, databases and logging options that Customer creates; and"))
    add(B("a", "for platform as a service, the security of the applications, code, libraries and "
               "containers that Customer deploys, including:"))
    add(B("i", "patching and updating its own application dependencies; and"))
    add(B("i", "protecting the secrets, certificates and passwords that its applications use."))
    add(B("s", "**Customer Content and backups.** Customer is responsible for the legality, accuracy and "
               "integrity of Customer Content and, except as set out in Section {ref:prov.backup}, for "
               "making and testing its own backups of Customer Content.", "cust.content"))
    add(B("s", "**Acceptable use.** Customer must not, and shall ensure that its Authorized Users do not:"))
    add(B("a", "probe, scan or test the vulnerability of the Platform, except as permitted under Section "
               "{ref:comp.pentest};"))
    add(B("a", "circumvent or disable any security control of the Services; or"))
    add(B("a", "use the Services to store or distribute malware."))

    # 4 -------------------------------------------------------------------
    add(B("h", "Provider Security", "prov"))
    add(B("s", "**Security program.** Provider shall implement and maintain an information security "
               "program with administrative, technical and physical safeguards designed to protect the "
               "Services and Customer Content, as described in the Documentation."))
    add(B("s", "**Application security and patching.** Provider is responsible for the security of the "
               "Northwind applications and shall:"))
    add(B("a", "follow a secure development lifecycle, including code review and automated security "
               "testing, for all changes to the Services;"))
    add(B("a", "apply security patches to the Services and the Platform within thirty (30) days of their "
               "release, or within seven (7) days for vulnerabilities rated critical; and"))
    add(B("a", "scan the Platform for vulnerabilities at least monthly."))
    add(B("s", "**Platform hardening.** Provider shall harden the operating systems, hypervisors and "
               "managed runtimes of the Platform in line with industry-standard benchmarks and shall "
               "monitor them for unauthorized changes. Provider is responsible for the security of the "
               "storage systems of the Platform" +
          ("." if v1 else ", except for Customer-configured storage.")))
    add(B("s", "**Network security.** Provider shall protect the Platform network with firewalls, network "
               "segmentation and intrusion detection, and shall maintain distributed denial-of-service "
               "(DDoS) mitigation for the public endpoints of the Services. Customer remains responsible "
               "for the network rules it configures under Section {ref:cust.config}."))
    add(B("s", "**Physical security.** The Platform is hosted in data centers operated by Provider or its "
               "Subprocessors. Provider shall ensure that those data centers restrict physical access to "
               "authorized personnel, are monitored by video surveillance and maintain redundant power and "
               "environmental controls."))
    add(B("s", "**Encryption.** Provider " +
          ("shall encrypt" if v1 else "will use commercially reasonable efforts to encrypt") +
          " Customer Content at rest using AES-256 or a stronger algorithm, and shall encrypt Customer "
          "Content in transit over public networks using TLS 1.2 or higher.", "prov.enc"))
    add(B("s", "**Key management.** Provider manages the encryption keys for Customer Content by default, "
               "stores them in hardware security modules and rotates them at least annually. If Customer "
               "elects to use customer-managed keys, Customer is responsible for the generation, rotation, "
               "backup and revocation of those keys, and Provider is not responsible for any loss of "
               "access to Customer Content that results from Customer\u2019s key management."))
    add(B("s", "**Backups.** " + ("Provider" if v1 else "Customer") +
          " shall back up Customer Content stored in managed databases daily and retain each backup for "
          "thirty (30) days.", "prov.backup"))
    if v1:  # removed in version 2
        add(B("s", "**Personnel.** Provider shall ensure that its personnel with access to Customer Content "
                   "are bound by written confidentiality obligations and receive security training at least "
                   "annually.", "prov.personnel"))

    # 5 -------------------------------------------------------------------
    add(B("h", "Data Protection", "data"))
    add(B("s", "**Processing on instructions.** Provider shall process Customer Content only on Customer\u2019s "
               "documented instructions, including those given through Customer\u2019s configuration of the "
               "Services, and only as necessary to provide the Services, except where otherwise required "
               "by applicable law."))
    add(B("s", "**Subprocessors.** Provider may engage Subprocessors, provided that Provider:"))
    add(B("a", "maintains a current list of its Subprocessors in the Documentation;"))
    add(B("a", "gives Customer at least thirty (30) days\u2019 notice before engaging a new Subprocessor; and"))
    add(B("a", "imposes on each Subprocessor data protection obligations no less protective than those in "
               "this Agreement and remains responsible for the performance of its Subprocessors."))
    add(B("s", "**Data location.** Provider shall store Customer Content at rest only in the hosting region "
               "selected in the Order Form. Customer is responsible for any transfer of Customer Content "
               "out of that region that Customer initiates."))
    add(B("s", "**Return and deletion.** For thirty (30) days after termination of this Agreement, Customer "
               "may export Customer Content using the Services. Provider shall delete Customer Content from "
               "the Platform within thirty (30) days after the end of that export period, except to the "
               "extent that applicable law requires Provider to retain it.", "data.delete"))
    add(B("s", "**Records.** Provider shall keep records of its processing of Customer Content and make "
               "them available to Customer on reasonable request.", change="ins"))

    # 6 -------------------------------------------------------------------
    add(B("h", "Security Incidents", "inc"))
    hours = "forty-eight (48)" if v1 else "seventy-two (72)"
    add(B("s", "**Notification.** Provider shall notify Customer {-promptly-}{+without undue delay and in any "
               "event within " + hours + " hours+} after becoming aware of a Security Incident.", "inc.notify"))
    add(B("s", "**Content of notice.** The notice will describe, to the extent known to Provider:"))
    add(B("a", "the nature of the Security Incident;"))
    add(B("a", "the categories of Customer Content affected; and"))
    add(B("a", "the measures taken or proposed by Provider to address it."))
    add(B("s", "**Cooperation.** Provider shall reasonably cooperate with Customer and take reasonable "
               "steps to contain, investigate and remediate the Security Incident. Customer is responsible "
               "for notifying its own end users and any regulator to which Customer reports."))
    add(B("s", "**Customer-caused incidents.** The obligations of Provider under this Section {ref:inc} do "
               "not apply to incidents caused by Customer or its Authorized Users, including the use of "
               "compromised Customer credentials."))
    add(B("s", "**No admission.** Notification of a Security Incident by Provider is not an "
               "acknowledgement of fault or liability."))

    # 7 -------------------------------------------------------------------
    add(B("h", "Compliance and Audits", "comp"))
    add(B("s", "**Certifications.** Provider shall maintain a SOC 2 Type II report{^The SOC 2 Type II report "
               "covers the Security, Availability and Confidentiality trust services criteria and is "
               "issued each year by an independent auditor.} and ISO/IEC 27001 certification for the "
               "Services throughout the Subscription Term."))
    add(B("s", "**Audit reports.** On Customer\u2019s written request, no more than once in any twelve (12) "
               "month period, Provider will provide its most recent SOC 2 Type II report and ISO/IEC 27001 "
               "certificate, which are Provider\u2019s confidential information."))
    add(B("s", "**Penetration testing.**", "comp.pentest"))
    add(B("a", "Provider shall engage an independent third party to perform penetration testing of the "
               "Services at least annually and shall remediate critical findings."))
    add(B("a", "Customer may perform penetration testing of its own applications on the Platform, provided "
               "that Customer notifies Provider at least five (5) business days in advance and follows the "
               "testing rules in the Documentation. Customer must not test the Platform itself or the "
               "environments of other customers."))
    add(B("s", "**Customer compliance.** Customer is responsible for determining whether the Services meet "
               "the legal and regulatory requirements that apply to Customer and to Customer Content."))

    # APIs (section 8 in version 1; moved after Support in version 2) ------
    apis = [
        B("h", "Application Programming Interfaces", "api"),
        B("s", "**API access.** Provider makes application programming interfaces (%s) available for Customer "
               "to manage the Services and integrate them with its systems." % q("APIs")),
        B("s", "**API keys.** Customer is responsible for generating, storing, rotating and revoking its API "
               "keys and access tokens, and for all calls made with them. Provider is not responsible for "
               "unauthorized access that results from Customer\u2019s failure to protect its API keys.",
          "api.keys"),
        B("s", "**Rate limits.** Provider may apply rate limits to the APIs as set out in the Documentation. "
               "Customer must not attempt to circumvent rate limits. Requests rejected because of rate "
               "limiting do not count as Downtime under Section {ref:sla}."),
    ]
    if v1:
        b.extend(apis)

    # SLA ------------------------------------------------------------------
    uptime = "99.9%" if v1 else "99.5%"
    add(B("h", "Service Level Agreement", "sla"))
    add(B("sh", "Availability", "sla.avail"))
    add(B("p", "Provider will use commercially reasonable efforts to make each Service available with a "
               "Monthly Uptime Percentage of at least " + uptime + " during each calendar month (the %s). "
               "%s means the total minutes in the month minus the minutes of Downtime, divided by the total "
               "minutes in the month. %s means a period during which the core functions of a Service are "
               "unavailable to all of Customer\u2019s Authorized Users, as measured by Provider."
               % (q("Service Level"), q("Monthly Uptime Percentage"), q("Downtime"))))
    add(B("sh", "Service Credits", "sla.credits"))
    add(B("p", "If Provider does not meet the Service Level in a calendar month, Customer will be eligible "
               "for a service credit, calculated as a percentage of the monthly fees for the affected "
               "Service, as follows:"))
    add({"kind": "table", "id": "sla.table", "change": None, "rows": [
        ["Credit tier", "Monthly Uptime Percentage", "Service Credit"],
        ["Tier 1", "Less than " + uptime + " but at least 99.0%", "10%"],
        ["Tier 2", "Less than 99.0% but at least 95.0%", "25%"],
        ["Tier 3", "Less than 95.0%", "50%"],
        [("Service credits for any month shall not exceed 50% of the monthly fees for the affected "
          "Service.", 3)],
    ]})
    add(B("sh", "Maintenance", "sla.maint"))
    add(B("p", "Provider may perform scheduled maintenance during the maintenance windows published in the "
               "Documentation. Provider will give Customer at least seventy-two (72) hours\u2019 notice of "
               "scheduled maintenance that is expected to cause Downtime, and may perform emergency "
               "maintenance without notice where needed to protect the security of the Services."))
    add(B("sh", "Exclusions", "sla.excl"))
    add(B("p", "The Service Level does not apply to Downtime caused by:"))
    add(B("a", "scheduled or emergency maintenance under Section {ref:sla.maint};"))
    add(B("a", "factors outside the reasonable control of Provider, including force majeure events and "
               "internet failures beyond the network of Provider;"))
    add(B("a", "the applications, configurations, equipment or acts of Customer or its Authorized Users; or"))
    add(B("a", "suspension of the Services in accordance with this Agreement."))
    add(B("sh", "Claims", "sla.claims"))
    add(B("p", "To receive a service credit, Customer must submit a claim to Provider\u2019s support team "
               "within thirty (30) days after the end of the month in which the Downtime occurred. Customer "
               "forfeits any service credit it does not claim in time."))
    add(B("sh", "Sole remedy", "sla.remedy"))
    add(B("p", "Except as set out in Section {ref:term.cause}, the service credits under this Section "
               "{ref:sla} are Customer\u2019s sole and exclusive remedy for any failure by Provider to meet "
               "the Service Level."))

    # Support ---------------------------------------------------------------
    add(B("h", "Support", "sup"))
    add(B("s", "**Support channels.** Provider will provide support through its support portal and by email "
               "24 hours a day, 7 days a week."))
    add(B("s", "**Response times.** Provider will use commercially reasonable efforts to respond to support "
               "requests within the following times:"))
    add(B("a", "Severity 1 (a Service is unavailable, or a Security Incident is suspected): one (1) hour;"))
    add(B("a", "Severity 2 (a major function is impaired): four (4) hours; and"))
    add(B("a", "Severity 3 (a minor issue or a question): one (1) business day."))
    add(B("s", "**Customer cooperation.** Customer shall give Provider the information reasonably needed to "
               "diagnose and resolve its support requests."))

    if not v1:
        b.extend(apis)

    # Disclaimers -----------------------------------------------------------
    add(B("h", "Disclaimers", "disc"))
    add(B("s", "**Efforts.** Except as expressly set out in this Agreement, Provider will use commercially "
               "reasonable efforts to provide the Services, and the Services are provided %s."
               % q("as is")))
    add(B("s", "**Backups.** Provider is not responsible for Customer\u2019s backups. Except as set out in "
               "Section {ref:prov.backup}, Customer is solely responsible for backing up Customer Content."))
    add(B("s", "**Customer risk.** Customer\u2019s use of third-party integrations, beta features and "
               "customer-managed keys is at Customer\u2019s own risk."))
    add(B("s", "**No other warranties.** TO THE MAXIMUM EXTENT PERMITTED BY LAW, PROVIDER DISCLAIMS ALL OTHER "
               "WARRANTIES, EXPRESS OR IMPLIED, INCLUDING WARRANTIES OF MERCHANTABILITY, FITNESS FOR A "
               "PARTICULAR PURPOSE AND NON-INFRINGEMENT."))

    # Liability -------------------------------------------------------------
    add(B("h", "Limitation of Liability", "liab"))
    add(B("s", "**Exclusion of damages.** Neither Party will be liable for any indirect, incidental, special, "
               "consequential or punitive damages, or for lost profits or revenues, even if advised of "
               "their possibility.", "liab.excl"))
    add(B("s", "**Cap.** The total liability of each Party arising out of this Agreement will not exceed the "
               "fees paid by Customer for the Services in the twelve (12) months before the event giving "
               "rise to the liability.", "liab.cap"))
    add(B("s", "**Exceptions.** Sections {ref:liab.excl} and {ref:liab.cap} do not apply to:"))
    add(B("a", "a breach by either Party of its confidentiality obligations;"))
    add(B("a", "the payment obligations of Customer; or"))
    add(B("a", "the gross negligence or wilful misconduct of either Party."))

    # Term ------------------------------------------------------------------
    add(B("h", "Term and Termination", "term"))
    add(B("s", "**Term.** This Agreement starts on the Effective Date and continues until every Subscription "
               "Term has expired or been terminated."))
    add(B("s", "**Termination for cause.** Either Party may terminate this Agreement by written notice if the "
               "other Party materially breaches it and does not cure the breach within thirty (30) days "
               "after receiving notice of it. Customer may also terminate an affected Service if Provider "
               "fails to meet the Service Level in three (3) consecutive months.", "term.cause"))
    add(B("s", "**Effect of termination.** On termination, the right of Customer to use the Services ends "
               "and Section {ref:data.delete} applies to Customer Content. Sections {ref:disc} and "
               "{ref:liab} and this Section {ref:term.effect} survive termination.", "term.effect"))
    add(B("p", "Accepted and agreed by the Parties as of the Effective Date."))

    if not v1:
        b = accept_all(b)
    return resolve(b)


V2_CHANGES = [
    ("Section 6.1 (Notification)", "the incident notice deadline goes from forty-eight (48) hours to "
     "seventy-two (72) hours."),
    ("Section 4.6 (Encryption)", "\u201cProvider shall encrypt Customer Content at rest\u201d becomes "
     "\u201cProvider will use commercially reasonable efforts to encrypt Customer Content at rest\u201d "
     "(a firm obligation becomes an efforts obligation; encryption in transit is unchanged)."),
    ("Section 4.8 (Backups)", "party swapped: \u201cProvider shall back up Customer Content stored in managed "
     "databases\u201d becomes \u201cCustomer shall back up ...\u201d."),
    ("Section 4.3 (Platform hardening)", "new exception: Provider is responsible for the security of the "
     "storage systems of the Platform \u201c, except for Customer-configured storage\u201d."),
    ("Section 4.9 (Personnel)", "obligation removed (Provider\u2019s personnel confidentiality and training "
     "obligation); no other clause is renumbered by this."),
    ("Section 9.1 (Availability) and the service credit table", "the Service Level goes from 99.9% to 99.5% "
     "monthly uptime; tier 1 of the table reads \u201cLess than 99.5% but at least 99.0%\u201d."),
    ("Section 8 (Application Programming Interfaces)", "moved after Support and renumbered: it becomes "
     "Section 10 (8.1-8.3 become 10.1-10.3); Service Level Agreement 9 becomes 8 and Support 10 becomes 9; "
     "cross-references follow (e.g. \u201cSection 9\u201d in the rate limits clause now reads "
     "\u201cSection 8\u201d, \u201cthis Section 9\u201d in 9.6 Sole remedy becomes 8.6)."),
    ("Section 3.1 (Accounts and credentials)", "pure rewording, no shift: \u201cCustomer is responsible for "
     "maintaining the confidentiality of its Account credentials and for all activities ...\u201d becomes "
     "\u201cCustomer must keep its Account credentials confidential and is responsible for all activities "
     "...\u201d."),
]

V1_TRACKED = [
    "2.4: \u201cwill\u201d deleted, \u201cshall\u201d inserted (Provider shall not materially decrease "
    "security).",
    "3.1: sentence inserted: \u201cCustomer shall not share Account credentials between individuals.\u201d",
    "3.2(b): \u201cpromptly\u201d deleted, \u201cwithin twenty-four (24) hours\u201d inserted.",
    "3.2(c) (reject view): the numbered item \u201censure that each Authorized User completes security "
    "awareness training each year;\u201d deleted as a whole paragraph, paragraph mark included; in the "
    "accept view the next item becomes (c).",
    "5.5: whole numbered paragraph inserted (Records).",
    "6.1: \u201cpromptly\u201d deleted, \u201cwithout undue delay and in any event within forty-eight (48) "
    "hours\u201d inserted.",
]


# --------------------------------------------------------------------------
# Accept view, numbering labels, cross-references

def accept_markup(text):
    text = re.sub(r"\{-.*?-\}", "", text)
    return re.sub(r"\{\+(.*?)\+\}", r"\1", text)


def accept_all(blocks):
    out = []
    for blk in blocks:
        if blk.get("change") == "del":
            continue
        nb = dict(blk, change=None)
        if "text" in nb and nb["text"] is not None:
            nb["text"] = accept_markup(nb["text"])
        out.append(nb)
    return out


LEVEL = {"h": 0, "sh": 1, "s": 1, "a": 2, "i": 3}
FMT = [("decimal", "{0}."), ("decimal", "{0}.{1}"), ("lowerLetter", "({2})"), ("lowerRoman", "({3})")]


def resolve(blocks):
    """Compute each block's label as Word renders it in the accept view
    (deleted paragraphs take no number) and the full reference ("4.2(a)"),
    then replace {ref:id} in the texts."""
    counters = [0, 0, 0, 0]
    refs = {}
    for blk in blocks:
        lvl = LEVEL.get(blk["kind"])
        blk["label"] = ""
        if lvl is None or blk.get("change") == "del":
            continue
        counters[lvl] += 1
        for k in range(lvl + 1, 4):
            counters[k] = 0
        vals = [docxgen.format_number(counters[k], FMT[k][0]) if counters[k] else "" for k in range(4)]
        blk["label"] = FMT[lvl][1].format(*vals)
        full = vals[0] + ("." + vals[1] if lvl >= 1 else "")
        full += "".join("(%s)" % vals[k] for k in range(2, lvl + 1))
        blk["ref"] = full
        if blk.get("id"):
            refs[blk["id"]] = full

    def sub(m):
        return refs[m.group(1)]
    for blk in blocks:
        if blk.get("text"):
            blk["text"] = re.sub(r"\{ref:([\w.]+)\}", sub, blk["text"])
    return blocks


# --------------------------------------------------------------------------
# Writers

def build_docx(blocks):
    doc = docxgen.Document(title=TITLE, header=HEADER, author=AUTHOR, created=CREATED)
    for blk in blocks:
        k = blk["kind"]
        if k == "table":
            doc.table(blk["rows"], header=True, widths=[1560, 4800, 3000])
        elif k == "title":
            doc.paragraph(blk["text"], style="Title")
        elif k == "h":
            doc.paragraph(blk["text"], style="Heading1", change=blk["change"])
        elif k == "sh":
            doc.paragraph(blk["text"], style="Heading2", change=blk["change"])
        elif k == "s":
            doc.paragraph(blk["text"], num=(1, 1), change=blk["change"])
        elif k in ("a", "i"):
            doc.paragraph(blk["text"], style="ListParagraph", num=(1, LEVEL[k]), change=blk["change"])
        else:
            doc.paragraph(blk["text"], change=blk["change"])
    return doc


def _cell_text(c):
    return c[0] if isinstance(c, tuple) else c


def expected_text(blocks):
    """Accept view: one line per paragraph, "LABEL TEXT"; table rows with
    cells joined by tabs (a merged cell is one cell). Footnote reference
    marks are not part of the text; footnotes and the header are not listed."""
    lines = []
    for blk in accept_all(blocks):
        if blk["kind"] == "table":
            for row in blk["rows"]:
                lines.append("\t".join(_cell_text(c) for c in row))
            continue
        text = docxgen.plain_text(blk["text"])
        lines.append((blk["label"] + " " + text) if blk["label"] else text)
    return "\n".join(lines) + "\n"


def _md_inline(text, notes):
    out = []
    for kind, t in docxgen.tokenize(text):
        if kind == "bold":
            out.append("**" + t + "**")
        elif kind == "italic":
            out.append("*" + t + "*")
        elif kind == "note":
            notes.append(t)
            out.append("[^%d]" % len(notes))
        elif kind == "del":
            continue
        else:
            out.append(t)
    return "".join(out)


def markdown(blocks):
    out, notes = [], []
    for blk in accept_all(blocks):
        k = blk["kind"]
        if k == "table":
            rows = blk["rows"]
            ncols = len(rows[0])
            for r, row in enumerate(rows):
                cells = []
                for c in row:
                    cells.append(_cell_text(c).replace("|", "\\|"))
                    if isinstance(c, tuple):
                        cells += [""] * (c[1] - 1)
                out.append("| " + " | ".join(cells) + " |")
                if r == 0:
                    out.append("|" + "|".join(["---"] * ncols) + "|")
            out.append("")
            continue
        text = _md_inline(blk["text"], notes)
        if k == "title":
            out.append("# " + text)
        elif k == "h":
            out.append("## %s %s" % (blk["label"], text))
        elif k == "sh":
            out.append("### %s %s" % (blk["label"], text))
        elif blk["label"]:
            out.append("%s %s" % (blk["label"], text))
        else:
            out.append(text)
        out.append("")
    for i, n in enumerate(notes, 1):
        out.append("[^%d]: %s" % (i, n))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


INDENT = {"a": 4, "i": 8}
GLUE = "\x00"


def plain(blocks, width=72):
    out, notes = [], []
    for blk in accept_all(blocks):
        k = blk["kind"]
        if k == "table":
            rows = [[_cell_text(c) for c in row] for row in blk["rows"]]
            widths = [max(len(r[i]) for r in rows if len(r) == len(rows[0])) for i in range(len(rows[0]))]
            for row in rows:
                if len(row) == len(widths):
                    out.append("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
                    if row is rows[0]:
                        out.append("  ".join("-" * w for w in widths))
                else:
                    out.extend(textwrap.wrap(row[0], width, break_long_words=False, break_on_hyphens=False))
            out.append("")
            continue
        parts = []
        for kind, t in docxgen.tokenize(blk["text"]):
            if kind == "note":
                notes.append(t)
                parts.append("[%d]" % len(notes))
            elif kind != "del":
                parts.append(t)
        # Keep a number or a parenthesis with the word before it, so that no
        # wrapped line starts with something a reader could take for a label
        # ("Section\n4." or "\n(30) days").
        text = re.sub(r" (?=[\d(])", GLUE, "".join(parts))
        if blk["label"]:
            text = blk["label"] + " " + text
        ind = " " * INDENT.get(k, 0)
        hang = ind + " " * (len(blk["label"]) + 1) if k in INDENT else ""
        out.extend(textwrap.wrap(text, width, initial_indent=ind, subsequent_indent=hang,
                                 break_long_words=False, break_on_hyphens=False))
        out.append("")
    if notes:
        out.append("-" * 20)
        for i, n in enumerate(notes, 1):
            out.extend(textwrap.wrap("[%d] %s" % (i, n), width, subsequent_indent="    ",
                                     break_long_words=False, break_on_hyphens=False))
        out.append("")
    return "\n".join(out).replace(GLUE, " ").rstrip("\n") + "\n"


def labels(blocks):
    return [blk["label"] for blk in accept_all(blocks) if blk.get("label")]


def readme(v1, v2):
    lines = [
        "# Sample agreements",
        "",
        "Generated by `python3 scripts/make_samples.py` (Python 3 standard library only; the DOCX writer",
        "is `scripts/docxgen.py`). Output is deterministic: running the script again gives byte-identical",
        "files. Do not edit these files by hand; change the script and regenerate.",
        "",
        "The agreement (\u201cNorthwind Cloud Services Agreement\u201d, Northwind Cloud, Inc. as Provider and the",
        "customer as Customer) is original text written for this project. One data structure in",
        "`make_samples.py` feeds every writer, so all formats have the same clause numbers and words.",
        "",
        "| File | What it is |",
        "|---|---|",
        "| `northwind-csa.docx` | Version 1 as DOCX: real Word automatic numbering (numbering.xml, `%1.`, "
        "`%1.%2`, `(%3)` lowerLetter, `(%4)` lowerRoman, suffix space), Heading1/Heading2 numbered through "
        "the style's numPr, other clauses through direct numPr; the service credit table (header row, one "
        "merged row via gridSpan); one footnote; a header; tracked changes by \u201cA. Reviewer\u201d. |",
        "| `northwind-csa.xml` | The same document as Flat OPC (`pkg:package`, Word's \u201cWord XML "
        "Document\u201d). |",
        "| `northwind-csa.md` | Version 1 (changes accepted) as CommonMark with a GFM table and a footnote "
        "(`[^1]`); labels typed: `## 4. Provider Security`, `4.2 **Application security...**`, `(a) ...`. |",
        "| `northwind-csa.txt` | Version 1 (changes accepted) as plain text wrapped at 72 columns, labels "
        "typed, items indented, footnote as `[1]` listed at the end. |",
        "| `northwind-csa.expected.txt` | The text a DOCX reader should produce for `northwind-csa.docx` "
        "(and `.xml`) in the accept view: one line per body paragraph, `LABEL TEXT` with one space, table "
        "rows with cells joined by tabs (the merged row is one cell). Footnote reference marks are not in "
        "the text; footnote text and the header are not listed. |",
        "| `northwind-csa.odt` | Version 1 (changes accepted) as ODT, written by `scripts/odtgen.py`: "
        "outline numbering shared by headings and numbered paragraphs, the table, the footnote. |",
        "| `northwind-csa.akn.xml` | Version 1 (changes accepted) as Akoma Ntoso, written by "
        "`scripts/xmlgen.py`: sections with `num`, `heading` and `content`. |",
        "| `northwind-csa.generic.xml` | Version 1 (changes accepted) as XML of a simple schema of our own "
        "(`clause n=...`, `title`, `text`), written by `scripts/xmlgen.py`. |",
        "| `northwind-csa-v2.docx` | Version 2 as DOCX (no tracked changes), with the edits below. |",
        "| `northwind-csa-v2.md` | Version 2 as Markdown. |",
        "| `northwind-csa-v2.expected.txt` | Expected reader text for `northwind-csa-v2.docx`. |",
        "",
        "## Tracked changes in version 1 (DOCX and Flat OPC)",
        "",
        "All by \u201cA. Reviewer\u201d, dated 2024-05-14T10:00:00Z. Labels below are accept-view labels.",
        "",
    ]
    lines += ["- " + c for c in V1_TRACKED]
    lines += [
        "",
        "## Changes from version 1 to version 2",
        "",
        "Version 2 starts from version 1 with every tracked change accepted, then makes these edits",
        "(section numbers are version 1's unless stated):",
        "",
    ]
    lines += ["%d. **%s**: %s" % (i, w, c) for i, (w, c) in enumerate(V2_CHANGES, 1)]
    lines += [
        "",
        "## Numbering labels",
        "",
        "Version 1 (accept view), in order:",
        "",
        "    " + " ".join(labels(v1)),
        "",
        "Version 2:",
        "",
        "    " + " ".join(labels(v2)),
        "",
    ]
    return "\n".join(lines)


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "samples"))
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    os.makedirs(out, exist_ok=True)

    v1 = agreement(1)
    v2 = agreement(2)
    d1 = build_docx(v1)
    d1.write_docx(os.path.join(out, "northwind-csa.docx"))
    d1.write_flat_opc(os.path.join(out, "northwind-csa.xml"))
    write_text(os.path.join(out, "northwind-csa.md"), markdown(v1))
    write_text(os.path.join(out, "northwind-csa.txt"), plain(v1))
    write_text(os.path.join(out, "northwind-csa.expected.txt"), expected_text(v1))
    build_docx(v2).write_docx(os.path.join(out, "northwind-csa-v2.docx"))
    write_text(os.path.join(out, "northwind-csa-v2.md"), markdown(v2))
    write_text(os.path.join(out, "northwind-csa-v2.expected.txt"), expected_text(v2))
    write_text(os.path.join(out, "README.md"), readme(v1, v2))
    # The ODT and XML writers live in their own modules; they read the
    # agreement from this one.
    import odtgen
    import xmlgen
    with open(os.path.join(out, "northwind-csa.odt"), "wb") as f:
        f.write(odtgen.odt_bytes(agreement(1)))
    blocks = accept_all(agreement(1))
    write_text(os.path.join(out, "northwind-csa.akn.xml"), xmlgen.akoma_ntoso(blocks))
    write_text(os.path.join(out, "northwind-csa.generic.xml"), xmlgen.generic(blocks))
    words = len(expected_text(v1).split())
    print("wrote %s (%d words, %d numbered paragraphs)" % (out, words, len(labels(v1))))


if __name__ == "__main__":
    main()
