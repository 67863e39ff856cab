"""Relationship-first matching and rostering: small, consistent, local teams of carers (issue 5)."""
