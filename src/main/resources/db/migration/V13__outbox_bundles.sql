-- Messages added together to one destination (a file chunk's claims.received announcements, a
-- routing batch) are stored as one outbox row, a bundle the relay expands: one insert and one delete
-- instead of one per message. Portable between H2 and PostgreSQL.
alter table outbox_message add column message_count integer default 1 not null;
