"""Sổ tay làm theo gương Bác: one module per responsibility (access, years and plans,
commitments and versions, warnings, reviews, stats, report files, demo data)."""
