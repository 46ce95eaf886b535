"""Evaluation and the verdict: facts in, findings with their legal basis and reasons out."""

from netralitas.evaluation.evaluator import Evaluator
from netralitas.evaluation.verdict import Verdict

__all__ = ["Evaluator", "Verdict"]
