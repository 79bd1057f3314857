"""Book insights (经营洞察): pure math over plain numbers, with no storage and no Qt.

:mod:`.concentration` (二八: the top 20 %'s share, the Lorenz curve), :mod:`.rfm` (quintile
scores and the eight named segments), :mod:`.migration` (tier moves over 3/6/12 months) and
:mod:`.gaps` (product types a client may still be offered under suitability).
services/insights feeds them from one pass over the vault.
"""
