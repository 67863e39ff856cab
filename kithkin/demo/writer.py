"""Fast, batched writes for the synthetic load.

Rows are plain dicts (or tuples in `columns` order) with their primary keys given up front, so a contact's
conversations and events can point at it before it is written, and nothing has to be read back.

On PostgreSQL the rows go by COPY from a second thread, so the database works through one batch while
Python makes the next: on 2 cores that halves the time (see benchmarks/frontdoor/README.md; COPY alone
is about six times faster than bulk_create). Foreign keys are checked as each batch lands (SET
CONSTRAINTS ALL IMMEDIATE) rather than all at commit, so that work overlaps too. Other databases get
bulk_create in batches. Either way every row goes through the database's own constraints (foreign
keys, NOT NULL, lengths, uniqueness), in the caller's transaction; nothing is dropped or switched off.
"""

import queue
import threading
from operator import itemgetter

from django.core.management.color import no_style
from django.db import connections
from django.db.models import Max, Model

BATCH_SIZE = 5000
COPY_BATCH_SIZE = 20000


class Writer:
    def __init__(self, using: str = "default", batch_size: int | None = None, use_copy: bool | None = None):
        self.using = using
        self.connection = connections[using]
        self.use_copy = self.connection.vendor == "postgresql" if use_copy is None else use_copy
        self.batch_size = batch_size or (COPY_BATCH_SIZE if self.use_copy else BATCH_SIZE)
        self.columns: dict[type[Model], tuple[str, ...]] = {}
        self.defaults: dict[type[Model], dict[str, object]] = {}
        self.getters: dict[type[Model], itemgetter] = {}
        self.pending: dict[type[Model], list[tuple]] = {}
        self.written: dict[type[Model], int] = {}
        self.next_ids: dict[type[Model], int] = {}
        self.waiting = 0
        self.copier: _Copier | None = None

    def register(self, model: type[Model]) -> None:
        """Register parents before children: rows are written in registration order."""
        fields = model._meta.concrete_fields
        self.columns[model] = tuple(f.attname for f in fields)
        self.defaults[model] = {f.attname: _default(f) for f in fields}
        self.getters[model] = itemgetter(*self.columns[model])
        self.pending[model] = []
        self.written[model] = 0
        self.next_ids[model] = (model._default_manager.using(self.using).aggregate(m=Max("pk"))["m"] or 0) + 1

    def new_id(self, model: type[Model]) -> int:
        value = self.next_ids[model]
        self.next_ids[model] = value + 1
        return value

    def add(self, model: type[Model], row: dict) -> None:
        values = self.defaults[model].copy()
        values.update(row)
        self.add_tuple(model, self.getters[model](values))

    def add_tuple(self, model: type[Model], row: tuple) -> None:
        """A row already in `columns` order: the fast path for the millions of contact events."""
        self.pending[model].append(row)
        self.waiting += 1
        if self.waiting >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Send what is waiting, in registration order, so parents are written before their children."""
        batch = [(model, rows) for model, rows in self.pending.items() if rows]
        for model, rows in batch:
            self.pending[model] = []
            self.written[model] += len(rows)
        self.waiting = 0
        if not batch:
            return
        if self.use_copy:
            if self.copier is None:
                self.copier = _Copier(self)
            self.copier.send(batch)
        else:
            for model, rows in batch:
                objects = [model(**dict(zip(self.columns[model], row, strict=True))) for row in rows]
                model._default_manager.using(self.using).bulk_create(objects, batch_size=BATCH_SIZE)

    def finish(self) -> None:
        """Write the rest, wait for it, and move the id sequences past the ids we gave out ourselves."""
        self.flush()
        if self.copier is not None:
            self.copier.close()
            self.copier = None
        statements = self.connection.ops.sequence_reset_sql(no_style(), list(self.columns))
        if statements:
            with self.connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    def abandon(self) -> None:
        """Stop the copying thread after a failure (the caller's transaction rolls the rows back)."""
        if self.copier is not None:
            self.copier.close(raise_errors=False)
            self.copier = None


def _default(field):
    if field.has_default():
        return field.get_default()
    return "" if field.empty_strings_allowed and not field.null else None


class _Copier:
    """COPY batches on the caller's own PostgreSQL connection (so in its transaction), from a thread.

    The calling thread must not use the connection until close(): it only makes rows meanwhile.
    psycopg connections are thread-safe, and the queue is short, so memory stays bounded.
    """

    def __init__(self, writer: Writer):
        self.writer = writer
        connection = writer.connection
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self.raw = connection.connection  # the psycopg connection under Django's wrapper
        self.statements = {}
        for model, columns in writer.columns.items():
            quote = connection.ops.quote_name
            self.statements[model] = (f"COPY {quote(model._meta.db_table)} "  # noqa: S608 - names from models
                                      f"({', '.join(quote(c) for c in columns)}) FROM STDIN")
        self.queue: queue.Queue = queue.Queue(maxsize=3)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="seed-demo-copy", daemon=True)
        self.thread.start()

    def send(self, batch) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(batch)

    def close(self, raise_errors: bool = True) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None and raise_errors:
            raise self.error

    def _run(self) -> None:
        with self.raw.cursor() as cursor:
            while (batch := self.queue.get()) is not None:
                if self.error is not None:
                    continue  # drain, so the producer never blocks; it raises on its next send
                try:
                    for model, rows in batch:
                        with cursor.copy(self.statements[model]) as copy:
                            for row in rows:
                                copy.write_row(row)
                except BaseException as exc:  # noqa: BLE001 - handed to the producer thread
                    self.error = exc
