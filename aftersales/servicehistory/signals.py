"""What other applications hear about service entries, inside the transaction that stores them.

`entry_stored(entry, lines)`: a new entry (not a correction) with the order lines it stored; an
application whose lines were on the order (e.g. Technical campaigns) records what was done.
`entry_cancelled(entry)`: the entry no longer counts; such an application undoes that record.
`entry_corrected(entry, replaced)`: a correction stored `entry`, a new version that replaces
`replaced` (mileage and date stay; positions, lines and comment may change).
`entry_transferred(entry)`: the diagnosis tool confirmed it wrote `entry` into the vehicle.

Receivers run in the same transaction: when one raises, nothing is stored.
"""

from django.dispatch import Signal

entry_stored = Signal()
entry_cancelled = Signal()
entry_corrected = Signal()
entry_transferred = Signal()
