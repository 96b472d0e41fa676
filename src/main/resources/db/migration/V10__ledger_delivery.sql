-- The return path to ledgers: one row per ledger.feedback message, filed when it is consumed (in the
-- same database transaction as the outbox message to ledger.<source system>.outbound), keyed by the
-- message's identity (message_key: kind + the id of what it reports) so a copy is recognised. State:
-- QUEUED (on its way), DELIVERED, DEAD (dead-lettered to ledger.<system>.outbound.dlq), HELD (no
-- delivery configured for its source system: kept, released when one is), SKIPPED (a kind the return
-- path does not know, or not JSON: kept, visible, not delivered). feedback is the message as received.
-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
create table ledger_delivery (
    delivery_id    varchar(36)  not null primary key,
    message_key    varchar(200) not null,
    kind           varchar(40)  not null,
    event_type     varchar(64)  not null,
    source_system  varchar(64),
    case_id        varchar(36),
    correlation_id varchar(80),
    state          varchar(16)  not null,
    transport      varchar(16),
    status_code    varchar(64),
    status_mapped  boolean,
    attempts       integer      not null,
    feedback       varchar(1000000) not null,
    created_at     timestamp with time zone not null,
    delivered_at   timestamp with time zone,
    last_error     varchar(1000),
    constraint uq_ledger_delivery_message unique (message_key)
);
create index ix_ledger_delivery_state on ledger_delivery (state, source_system);
create index ix_ledger_delivery_case on ledger_delivery (case_id);
