-- Agency routing and delivery: one row per message of a case's agency feed, keyed (case, sequence):
-- sequence 1 is the NEW_CASE, each creditor command the next. The row is written in the same
-- transaction as the case's state and the outbox message to the agency's queue, and records how the
-- delivery went (QUEUED, DELIVERED, DEAD) so a redelivered message is never sent twice.
-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
create table agency_delivery (
    case_id            varchar(36)  not null references claim_case (case_id),
    seq                integer      not null,
    kind               varchar(32)  not null,
    agency_id          varchar(64)  not null,
    state              varchar(16)  not null,
    attempts           integer      not null,
    command_id         varchar(36),
    payload            varchar(1000000) not null,
    created_at         timestamp with time zone not null,
    delivered_at       timestamp with time zone,
    agency_case_number varchar(64),
    last_error         varchar(1000),
    primary key (case_id, seq)
);
create index ix_agency_delivery_agency_state on agency_delivery (agency_id, state);

-- The agency's own case number, once it has given one (a REST agency answers with it).
alter table claim_case add column agency_case_number varchar(64);
