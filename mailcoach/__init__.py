"""mailcoach: coaches a draft email to a customer on readability, VIP framing and transparency.

    >>> import mailcoach
    >>> report = mailcoach.analyze("Hi Sam, thanks for writing. Your refund left today.")
    >>> sorted(report.scores.to_dict())
    ['overall', 'readability', 'transparency', 'vip']
"""
from .analyzer import analyze
from .config import Config, ConfigError, Thresholds
from .report import Contribution, Finding, Report, ScoreExplanation, Scores
from .rules import rules

__version__ = "0.1.0"
__all__ = ["analyze", "rules", "Config", "ConfigError", "Thresholds", "Report", "Finding", "Scores",
           "ScoreExplanation", "Contribution", "__version__"]
