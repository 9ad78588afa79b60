"""Names of the Kyrgyz demo economy, marked for the translation catalogues.

The planning core builds the demo economy with English names (``kurultai.economy.kyrgyz``); the
pages show stored names through the ``tr`` filter, which finds them in the catalogues because they
are marked here. A test keeps this list equal to the names the core gives.
"""

from django.utils.translation import gettext_noop as _

SECTORS = (
    _("Agriculture, hunting, forestry and fishing"),
    _("Mining and quarrying"),
    _("Food, beverages and tobacco"),
    _("Textiles and textile products"),
    _("Leather, leather products and footwear"),
    _("Wood and products of wood and cork"),
    _("Pulp, paper, printing and publishing"),
    _("Coke, refined petroleum and nuclear fuel"),
    _("Chemicals and chemical products"),
    _("Rubber and plastics"),
    _("Other non-metallic mineral"),
    _("Basic metals and fabricated metal"),
    _("Machinery, not elsewhere classified"),
    _("Electrical and optical equipment"),
    _("Transport equipment"),
    _("Manufacturing, not elsewhere classified; recycling"),
    _("Electricity, gas and water supply"),
    _("Construction"),
    _("Sale and repair of motor vehicles and motorcycles; retail sale of fuel"),
    _("Wholesale trade, except of motor vehicles and motorcycles"),
    _("Retail trade and repair, except of motor vehicles and motorcycles"),
    _("Hotels and restaurants"),
    _("Inland transport"),
    _("Water transport"),
    _("Air transport"),
    _("Other supporting transport activities"),
    _("Post and telecommunications"),
    _("Financial intermediation"),
    _("Real estate activities"),
    _("Renting of machinery & equipment and other business activities"),
    _("Public administration and defence; compulsory social security"),
    _("Education"),
    _("Health and social work"),
    _("Other community, social and personal services"),
)
# The base techniques: one per sector, named by the sector's short name.
TECHNIQUES = (
    _("Agriculture (2022 Kyrgyz output, UK 2015 structure)"),
    _("Mining (2022 Kyrgyz output, UK 2015 structure)"),
    _("Food & beverages (2022 Kyrgyz output, UK 2015 structure)"),
    _("Textiles (2022 Kyrgyz output, UK 2015 structure)"),
    _("Leather (2022 Kyrgyz output, UK 2015 structure)"),
    _("Wood (2022 Kyrgyz output, UK 2015 structure)"),
    _("Paper (2022 Kyrgyz output, UK 2015 structure)"),
    _("Refined fuels (2022 Kyrgyz output, UK 2015 structure)"),
    _("Chemicals (2022 Kyrgyz output, UK 2015 structure)"),
    _("Rubber (2022 Kyrgyz output, UK 2015 structure)"),
    _("Other minerals (2022 Kyrgyz output, UK 2015 structure)"),
    _("Metals (2022 Kyrgyz output, UK 2015 structure)"),
    _("Other machinery (2022 Kyrgyz output, UK 2015 structure)"),
    _("Electricals (2022 Kyrgyz output, UK 2015 structure)"),
    _("Transport equipment (2022 Kyrgyz output, UK 2015 structure)"),
    _("Other manufacturing (2022 Kyrgyz output, UK 2015 structure)"),
    _("Utilities (2022 Kyrgyz output, UK 2015 structure)"),
    _("Construction (2022 Kyrgyz output, UK 2015 structure)"),
    _("Sale of motor vehicles (2022 Kyrgyz output, UK 2015 structure)"),
    _("Wholesale trade (2022 Kyrgyz output, UK 2015 structure)"),
    _("Retail trade & repair (2022 Kyrgyz output, UK 2015 structure)"),
    _("Hotels & restaurants (2022 Kyrgyz output, UK 2015 structure)"),
    _("Inland transport (2022 Kyrgyz output, UK 2015 structure)"),
    _("Water transport (2022 Kyrgyz output, UK 2015 structure)"),
    _("Air transport (2022 Kyrgyz output, UK 2015 structure)"),
    _("Other transport services (2022 Kyrgyz output, UK 2015 structure)"),
    _("Telecommunications (2022 Kyrgyz output, UK 2015 structure)"),
    _("Finance (2022 Kyrgyz output, UK 2015 structure)"),
    _("Real estate (2022 Kyrgyz output, UK 2015 structure)"),
    _("Other business services (2022 Kyrgyz output, UK 2015 structure)"),
    _("Public administration (2022 Kyrgyz output, UK 2015 structure)"),
    _("Education (2022 Kyrgyz output, UK 2015 structure)"),
    _("Social work (2022 Kyrgyz output, UK 2015 structure)"),
    _("Other personal services (2022 Kyrgyz output, UK 2015 structure)"),
)
RESOURCES = (_("Labour (wages)"), _("Imported intermediate inputs"))
UNITS = (_("million US$ (2022)"), _("million US$ of wages (2022)"))
DESCRIPTION = _(
    "Demo economy of the Kyrgyz Republic: 2022 sector totals from the ADB multi-regional "
    "input-output tables, with the flows between sectors borrowed from the UK's 2015 table "
    "(ONS) and balanced to the Kyrgyz totals by RAS, so its structure is British, not Kyrgyz."
)
