"""jixiao (绩效): budget performance targets — declare, review, publish."""

__version__ = "0.1.0"
