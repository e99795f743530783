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
