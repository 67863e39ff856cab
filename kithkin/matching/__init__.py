"""Relationship-first matching and rostering: small, consistent, local teams of carers (issue 5).

Registers of carers (personal assistants, micro-providers, agency staff, Shared Lives carers) and of what
people prefer; ranked matches with reasons; Shared Lives proposals; and weekly rosters that keep each
person's team small and local."""
