"""Each turn keeps what the learner's words did (question, offer, request, give_in, ...).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A database made from the models before migrations began (then stamped) has the column already.
    if "learner_move" in {column["name"] for column in sa.inspect(op.get_bind()).get_columns("turns")}:
        return
    with op.batch_alter_table("turns") as batch:
        batch.add_column(sa.Column("learner_move", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("turns") as batch:
        batch.drop_column("learner_move")
