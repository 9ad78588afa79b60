"""The economy data model, its generator and its readers and writers."""

from kurultai.economy.kyrgyz import kyrgyz_economy
from kurultai.economy.model import Catalogue, Economy, EconomyError
from kurultai.economy.ons import read_ons_workbook
from kurultai.economy.pymrio_io import from_pymrio
from kurultai.economy.synthetic import synthetic
from kurultai.economy.tables import read_economy, write_economy

__all__ = ["Catalogue", "Economy", "EconomyError", "from_pymrio", "kyrgyz_economy",
           "read_economy", "read_ons_workbook", "synthetic", "write_economy"]
