"""Word lists and sentence templates the sample generator composes its names and text from."""

from __future__ import annotations

# Domains decide project subjects and compliance frameworks; departments map onto one.
DOMAINS = (
    "finance",
    "hr",
    "clinical",
    "infrastructure",
    "digital",
    "data",
    "security",
    "supply",
    "legal",
    "estates",
    "customer",
    "procurement",
)

# department_id, name, division, domain index
DEMO_DEPARTMENTS = (
    ("FIN", "Finance", "Corporate services", 0),
    ("HR", "Human Resources", "Corporate services", 1),
    ("CLIN", "Clinical Services", "Clinical operations", 2),
    ("INFRA", "Infrastructure & Operations", "Technology", 3),
    ("DIGI", "Digital Services", "Technology", 4),
    ("DATA", "Data & Analytics", "Technology", 5),
    ("SEC", "Information Security", "Technology", 6),
    ("SUPP", "Supply Chain", "Operations", 7),
)

# Larger tiers name departments "<area> <function>"; function index == domain index.
FUNCTIONS = (
    ("Finance", "Corporate services"),
    ("People", "Corporate services"),
    ("Clinical", "Clinical operations"),
    ("Technology", "Technology"),
    ("Digital", "Technology"),
    ("Data", "Technology"),
    ("Security", "Technology"),
    ("Logistics", "Operations"),
    ("Legal", "Corporate services"),
    ("Estates", "Operations"),
    ("Customer service", "Operations"),
    ("Procurement", "Corporate services"),
)
AREAS = ("Group", "North", "South", "East", "West", "Central", "Coastal", "Metro", "Rural")

SUBJECTS = (
    ("General ledger", "Accounts payable", "Budgeting and forecasting", "Expenses", "Treasury", "Billing"),
    (
        "Payroll",
        "Recruitment",
        "Learning management",
        "Time and attendance",
        "Workforce planning",
        "Onboarding",
    ),
    (
        "Electronic patient record",
        "Patient flow",
        "Theatre scheduling",
        "Pharmacy",
        "Telehealth",
        "Lab results",
    ),
    ("Data centre", "Network", "Storage", "Service desk", "Backup and recovery", "Telephony"),
    ("Customer portal", "Mobile app", "Online payments", "Website", "Chatbot", "Digital forms"),
    (
        "Data warehouse",
        "Master data",
        "Reporting platform",
        "Data catalogue",
        "Analytics workbench",
        "Data lake",
    ),
    (
        "Identity and access",
        "Endpoint protection",
        "Security operations",
        "Privileged access",
        "Email security",
    ),
    (
        "Warehouse management",
        "Fleet tracking",
        "Inventory",
        "Supplier portal",
        "Order management",
        "Demand planning",
    ),
    ("Contract management", "Case management", "E-discovery", "Records retention", "Legal matter tracking"),
    ("Building management", "Space booking", "Energy monitoring", "Facilities helpdesk", "Estate strategy"),
    ("Contact centre", "CRM", "Complaints handling", "Customer feedback", "Appointment booking"),
    ("E-procurement", "Contract register", "Spend analytics", "Supplier onboarding", "Purchase-to-pay"),
)
GENERIC_SUBJECTS = (
    "Document management",
    "Intranet",
    "Mobile workforce",
    "Robotic process automation",
    "Cloud hosting",
    "Office productivity",
    "Integration platform",
    "Legacy application",
)
PROJECT_TYPES = (
    "replacement",
    "upgrade",
    "migration",
    "automation",
    "consolidation",
    "implementation",
    "modernisation",
    "rollout",
    "redesign",
    "integration",
)

# Compliance: tag sets, and which a domain's mandatory projects carry.
TAG_SETS = (
    ("GDPR",),
    ("SOX",),
    ("SOX", "GDPR"),
    ("HIPAA",),
    ("HIPAA", "GDPR"),
    ("ISO27001",),
    ("ISO27001", "GDPR"),
)
DOMAIN_TAGS = ((1, 2), (0,), (3, 4, 3), (5, 6), (0,), (0, 6), (5, 6), (1, 0), (0,), (5,), (0,), (1, 2))
FRAMEWORKS = ("GDPR", "SOX", "HIPAA", "ISO27001")
CONTROLS = (
    ("GDPR-Art5", "GDPR-Art25", "GDPR-Art30", "GDPR-Art32", "GDPR-Art35"),
    ("SOX-302", "SOX-404", "SOX-409", "SOX-ITGC-Access", "SOX-ITGC-Change"),
    ("HIPAA-164.308", "HIPAA-164.310", "HIPAA-164.312", "HIPAA-164.314", "HIPAA-164.316"),
    ("ISO27001-A.5.15", "ISO27001-A.5.23", "ISO27001-A.8.8", "ISO27001-A.8.25", "ISO27001-A.8.32"),
)

OBJECTIVES = (
    ("OBJ1", "Improve patient and customer experience", 0.25),
    ("OBJ2", "Reduce the cost to serve", 0.20),
    ("OBJ3", "Modernise core technology", 0.15),
    ("OBJ4", "Strengthen security and compliance", 0.15),
    ("OBJ5", "Enable data-driven decisions", 0.15),
    ("OBJ6", "Grow digital services", 0.10),
)

PROGRAMME_THEMES = (
    "Finance transformation",
    "Cloud first",
    "Digital front door",
    "Workforce modernisation",
    "Data foundations",
    "Cyber resilience",
    "Core systems renewal",
    "Customer experience",
    "Operational excellence",
    "Regulatory compliance",
    "Estate rationalisation",
    "Automation at scale",
    "Network refresh",
    "Connected care",
    "Supply chain resilience",
    "Self-service",
    "Zero trust",
    "Analytics for all",
    "Legacy exit",
    "Hybrid working",
    "Net zero",
    "Procurement reform",
    "Service management",
    "Smarter working",
)

FIRST_NAMES = (
    "Aisha", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "James", "Kofi", "Laura",
    "Mateo", "Nadia", "Oliver", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wei", "Yusuf",
    "Zoe", "Adam", "Beatriz", "Chen", "Dana", "Emeka", "Fiona", "Gustav", "Hannah", "Ivan", "Julia", "Kamal",
)  # fmt: skip
SURNAMES = (
    "Ahmed", "Brown", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jansen", "Khan",
    "Lopez", "Murphy", "Novak", "Okafor", "Patel", "Quinn", "Rossi", "Smith", "Tanaka", "Usman", "Varga",
    "Walsh", "Xu", "Young", "Zhang", "Andersen", "Baker", "Clarke", "Diaz", "Edwards", "Fraser", "Green",
)  # fmt: skip

METHODOLOGIES = ("PRINCE2", "PMI", "Agile", "Hybrid")
ROLES = ("Project manager", "Business analyst", "Developer", "Tester", "Architect")

_CASE, _REQS, _DESIGN, _BUILD, _UAT, _LIVE = (
    "Business case approved",
    "Requirements signed off",
    "Design complete",
    "Build complete",
    "User acceptance testing complete",
    "Go-live",
)
MILESTONE_PLANS = {
    3: (_CASE, _BUILD, _LIVE),
    4: (_CASE, _DESIGN, _UAT, _LIVE),
    5: (_CASE, _REQS, _DESIGN, _UAT, _LIVE),
    6: (_CASE, _REQS, _DESIGN, _BUILD, _UAT, _LIVE),
}

RISK_CATEGORIES = (
    "Technical",
    "Resourcing",
    "Supplier",
    "Regulatory",
    "Financial",
    "Schedule",
    "Security",
    "Stakeholder",
    "Data",
)
RISK_CATEGORY_WEIGHTS = (0.18, 0.14, 0.12, 0.08, 0.1, 0.14, 0.08, 0.08, 0.08)
RISK_TITLES = (
    (
        "Legacy interfaces may not support the new message format",
        "Performance of the new platform may fall short at peak load",
        "Integration with the identity service may be more complex than planned",
    ),
    (
        "Key technical lead may leave before go-live",
        "Business users may not be released for testing",
        "Specialist skills may not be available when needed",
    ),
    (
        "Supplier may miss the contracted delivery date",
        "Supplier's product roadmap may drop a required feature",
        "Licence costs may rise at contract renewal",
    ),
    (
        "New regulatory guidance may change the requirements",
        "Audit may find the control design insufficient",
        "Data protection impact assessment may delay the build",
    ),
    (
        "Inflation may push costs above the approved budget",
        "Funding for the next phase may not be confirmed",
        "Exchange rate movements may raise supplier costs",
    ),
    (
        "Dependency on another project may delay the critical path",
        "Testing window may be squeezed by late delivery",
        "Change freeze may block the planned release",
    ),
    (
        "Penetration test may find critical vulnerabilities",
        "Third-party access may breach the security policy",
        "Unpatched components may be exposed after go-live",
    ),
    (
        "Senior stakeholders may disagree on the scope",
        "Users may resist the new way of working",
        "Sponsor attention may move to other priorities",
    ),
    (
        "Data migration may take longer than the cutover window",
        "Source data quality may be worse than assumed",
        "Reference data ownership may be unclear",
    ),
)
RESPONSES = ("Avoid", "Reduce", "Transfer", "Accept", "Share", "Exploit", "Enhance")
RESPONSE_WEIGHTS = (0.1, 0.55, 0.1, 0.15, 0.05, 0.03, 0.02)

ISSUE_TITLES = (
    "Test environment unavailable for two weeks",
    "Supplier delivered the interface late",
    "Key developer on long-term sick leave",
    "Defect backlog growing faster than fixes",
    "Data migration rehearsal failed reconciliation",
    "Requirements changed after design sign-off",
    "Licence procurement delayed by approvals",
    "Security review raised blocking findings",
    "Business testers not available as agreed",
    "Performance tests below the agreed target",
    "Cutover plan not approved by operations",
    "Budget code closed by finance in error",
    "Integration partner changed their API",
    "Training material not ready for pilot users",
    "Production hardware delivery slipped",
)
CHANGE_TITLES = (
    "Add reporting requirements from the regulator",
    "Extend pilot to a second site",
    "Replace the integration approach",
    "Defer the mobile release to phase 2",
    "Add single sign-on for external users",
    "Increase data migration scope to historic records",
    "Bring forward the go-live date",
    "Add accessibility improvements",
    "Change hosting to the new cloud landing zone",
    "Remove the legacy archive interface",
    "Add extra training for frontline staff",
    "Extend hypercare by one month",
)
SUMMARIES = (
    (
        "On track; milestones met this period.",
        "Progress as planned; no escalations.",
        "Delivery on plan and within budget.",
        "Good progress; next stage gate on schedule.",
    ),
    (
        "Some slippage in testing; recovery plan in place.",
        "Costs trending above plan; being reviewed with finance.",
        "Supplier delay under management; limited impact expected.",
        "Resourcing gap on the build team; mitigation agreed.",
    ),
    (
        "Critical path delayed; re-plan needed from the steering committee.",
        "Forecast exceeds budget; change request raised.",
        "Go-live at risk; escalated to the sponsor.",
        "Major supplier issue; contract remedies being considered.",
    ),
)

# name, measure, unit, value per unit of project budget
BENEFIT_TEMPLATES = (
    (
        ("Reduced licence costs", "Licence spend avoided", "GBP", 0.0),
        ("Lower operating costs", "Operating cost savings", "GBP", 0.0),
        ("Reduced agency spend", "Agency spend avoided", "GBP", 0.0),
        ("New digital revenue", "Additional revenue", "GBP", 0.0),
    ),
    (
        ("Staff time released", "Hours released", "hours", 0.0),
        ("Faster case processing", "Processing hours saved", "hours", 0.0),
        ("Less rework", "Rework hours avoided", "hours", 0.0),
    ),
    (
        ("More customers served online", "Customers using the new service", "customers", 1 / 40),
        ("Fewer security incidents", "Incidents avoided", "incidents", 1 / 20_000),
        ("Better data quality", "Records corrected", "records", 1 / 4),
        ("Skills uplift", "Staff trained", "people", 1 / 2_000),
    ),
)
BENEFIT_KINDS = ("Cashable", "Non-cashable", "Non-financial")

LESSON_CATEGORIES = (
    "Requirements",
    "Supplier management",
    "Testing",
    "Data migration",
    "Stakeholder engagement",
    "Governance",
    "Resourcing",
    "Estimation",
    "Security",
    "Change management",
)
LESSON_CATEGORY_WEIGHTS = (0.13, 0.12, 0.12, 0.1, 0.1, 0.09, 0.1, 0.1, 0.07, 0.07)
# per category: (effect, title, what happened, root cause, recommendation)
LESSONS = (
    (
        ("Negative", "Requirements signed off too early",
         "Requirements changed repeatedly after design sign-off.",
         "Business owners were not involved until late in analysis.",
         "Hold requirements workshops with named business owners before sign-off."),
        ("Negative", "Non-functional requirements missed",
         "Performance and archiving requirements surfaced during testing.",
         "The requirements template had no section for non-functional needs.",
         "Use the standard non-functional requirements checklist at initiation."),
        ("Positive", "Prototype clarified requirements",
         "A clickable prototype settled scope questions within two weeks.",
         "Users could react to screens instead of documents.",
         "Prototype key journeys before writing detailed requirements."),
    ),
    (
        ("Negative", "Supplier milestones not tied to payment",
         "The supplier missed three milestones without consequence.",
         "The contract paid on time spent, not on deliverables.",
         "Link supplier payments to accepted deliverables."),
        ("Negative", "Supplier staff changed mid-project",
         "The supplier replaced its lead consultant twice.",
         "Key supplier roles were not named in the contract.",
         "Name key supplier roles in the contract with a replacement clause."),
        ("Positive", "Joint supplier planning worked",
         "Weekly joint planning with the supplier kept delivery on track.",
         "Both teams shared one plan and one risk log.",
         "Run joint planning sessions with major suppliers from the start."),
    ),
    (
        ("Negative", "Test environment not ready in time",
         "Testing started three weeks late waiting for the test environment.",
         "Environment build was not on the critical path.",
         "Book and build test environments during planning, not execution."),
        ("Negative", "Too little regression testing",
         "Defects reappeared after each release.",
         "Regression tests were manual and often skipped.",
         "Automate regression tests for core journeys before the second release."),
        ("Positive", "Early user acceptance testing",
         "Users tested each sprint and found issues early.",
         "User acceptance testing was planned into every iteration.",
         "Involve business testers from the first iteration."),
    ),
    (
        ("Negative", "Data migration rehearsals started late",
         "The first data migration rehearsal failed two weeks before cutover.",
         "Data migration was treated as a technical task at the end.",
         "Start data migration rehearsals at least three months before go-live."),
        ("Negative", "Source data quality underestimated",
         "Cleansing of legacy records took twice the planned effort.",
         "Data quality was not profiled during planning.",
         "Profile source data quality before estimating data migration."),
        ("Positive", "Data migration dress rehearsal paid off",
         "Two full dress rehearsals made cutover uneventful.",
         "Rehearsals were timed and reconciled end to end.",
         "Plan at least two timed data migration rehearsals."),
    ),
    (
        ("Negative", "Frontline staff engaged too late",
         "Frontline teams resisted the new process at go-live.",
         "Stakeholder engagement focused on managers only.",
         "Include frontline representatives in design reviews."),
        ("Negative", "Sponsor rarely available",
         "Decisions waited weeks for the sponsor.",
         "The sponsor role was given to a very senior executive with no time.",
         "Agree sponsor time commitment and a delegate at initiation."),
        ("Positive", "Change champions network",
         "A network of champions answered most user questions locally.",
         "Each team nominated a champion early.",
         "Set up a change champions network for organisation-wide rollouts."),
    ),
    (
        ("Negative", "Steering committee met too rarely",
         "Escalations waited up to two months for a decision.",
         "Governance was set quarterly regardless of project risk.",
         "Match steering committee frequency to the project's risk."),
        ("Negative", "Stage gate criteria unclear",
         "The project passed a stage gate without an approved design.",
         "Gate criteria were not written down in advance.",
         "Publish stage gate criteria with the project plan."),
        ("Positive", "Tolerances delegated clearly",
         "The project manager resolved small changes without escalation.",
         "Time and cost tolerances were agreed with the board.",
         "Set explicit tolerances for the project manager."),
    ),
    (
        ("Negative", "Key person dependency",
         "Only one person understood the legacy interfaces.",
         "Knowledge was never documented or shared.",
         "Pair a second person with every key technical role."),
        ("Negative", "Business users not backfilled",
         "Subject matter experts had no time for the project.",
         "Their day jobs were not backfilled.",
         "Budget for backfilling business experts seconded to the project."),
        ("Positive", "Stable core team",
         "The core team stayed together from start to finish.",
         "Team members were allocated full time.",
         "Allocate core team members full time where possible."),
    ),
    (
        ("Negative", "Estimates ignored integration effort",
         "Integration work took three times the estimate.",
         "Estimates came from the supplier's product demo, not our landscape.",
         "Estimate integration effort bottom-up with the architects."),
        ("Negative", "No contingency in the budget",
         "Every small overrun needed a change request.",
         "Contingency was removed to win approval.",
         "Hold an explicit contingency based on the risk register."),
        ("Positive", "Reference class estimates",
         "Estimates based on similar past projects proved accurate.",
         "The PMO shared actuals from comparable projects.",
         "Use actuals from similar projects to check estimates."),
    ),
    (
        ("Negative", "Penetration test booked too late",
         "Critical penetration test findings delayed go-live by a month.",
         "Security testing was scheduled after user acceptance testing.",
         "Book the penetration test early and leave time to fix findings."),
        ("Negative", "Security requirements added late",
         "Security added new requirements during build.",
         "The security team was not consulted at design.",
         "Include a security architect in design authority reviews."),
        ("Positive", "Security by design",
         "Security reviews at each sprint avoided late surprises.",
         "A security champion sat in the delivery team.",
         "Embed a security champion in delivery teams."),
    ),
    (
        ("Negative", "Training delivered too early",
         "Users had forgotten the training by go-live.",
         "Training was scheduled before the final release date was known.",
         "Deliver training within two weeks of go-live."),
        ("Negative", "Business change underestimated",
         "Processes were not ready when the system went live.",
         "The project was run as an IT delivery only.",
         "Plan business change activities alongside the technical plan."),
        ("Positive", "Phased rollout reduced disruption",
         "Rolling out site by site let each wave learn from the last.",
         "Rollout was planned in waves with feedback loops.",
         "Roll out in waves and review after each wave."),
    ),
)  # fmt: skip
