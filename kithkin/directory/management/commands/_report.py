"""What the directory import commands print: counts, then every rejected record and why."""

from kithkin.directory.imports import OrukImport


def report(command, path: str, result: OrukImport, noun: str) -> None:
    def counts(table: dict) -> str:
        return ", ".join(f"{n:,} {kind.replace('_', ' ')}" for kind, n in sorted(table.items())) or "nothing"

    if result.written:
        command.stdout.write(f"{path}: read {result.read:,} {noun}; added {counts(result.created)}; "
                             f"updated {counts(result.updated)}; rejected {len(result.rejected):,}.")
    else:
        command.stdout.write(f"{path}: read {result.read:,} {noun}; {len(result.rejected):,} rejected, "
                             "so nothing was imported from this file (use --partial to import the rest).")
    for rejected in result.rejected:
        command.stdout.write(f"  rejected #{rejected.position} ({rejected.record_id}): {rejected.reason}")
