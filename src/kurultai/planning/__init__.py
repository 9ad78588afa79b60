"""Balance, valuations, optimal plans and their certificates."""

from kurultai.planning.balance import balance, gross_output, output_multipliers, valuations
from kurultai.planning.certificate import Certificate, certify, upper_bound
from kurultai.planning.highs import PlanningError
from kurultai.planning.plan import Plan
from kurultai.planning.solve import METHODS, solve

__all__ = ["Certificate", "METHODS", "Plan", "PlanningError", "balance", "certify",
           "gross_output", "output_multipliers", "solve", "upper_bound", "valuations"]
