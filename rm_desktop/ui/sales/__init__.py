"""The 商机 area: the pipeline board (columns by stage, drag or keys to move), the
opportunity dialog, referrals with their conversion and the 输送 walk-in."""

__all__ = ["sales_page"]
