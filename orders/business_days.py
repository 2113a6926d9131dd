"""Colombian business days now live in marketplace.core, where accounts can reach them too."""

from marketplace.core.business_days import business_days_after, is_business_day

__all__ = ["business_days_after", "is_business_day"]
