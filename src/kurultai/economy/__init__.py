"""The economy data model, its generator and its readers and writers."""

from kurultai.economy.kyrgyz import kyrgyz_economy
from kurultai.economy.model import Catalogue, Economy, EconomyError
from kurultai.economy.synthetic import synthetic

__all__ = ["Catalogue", "Economy", "EconomyError", "kyrgyz_economy", "synthetic"]
