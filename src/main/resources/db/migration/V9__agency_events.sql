-- The return path from agencies (issue 7): every agency event taken on a case, the payments and
-- settlements among them in report-ready tables, the agencies' open questions to creditors, and the
-- inputs that could not be placed on any case. Portable between H2 (MODE=PostgreSQL) and PostgreSQL.

-- One row per (case, agency sequence): APPLIED (in the case's state and history), HELD (arrived before an
-- earlier sequence; applied when the gap is filled) or ILLEGAL (the case's state does not allow it: reason).
create table agency_event (
    event_id          varchar(36)   not null primary key,
    case_id           varchar(36)   not null references claim_case (case_id),
    agency_id         varchar(64)   not null,
    agency_sequence   integer       not null,
    event_type        varchar(40)   not null,
    occurred_at       timestamp with time zone not null,
    received_at       timestamp with time zone not null,
    channel           varchar(8)    not null,
    status            varchar(16)   not null,
    reason            varchar(1000),
    recorded_at       timestamp with time zone,
    state_after       varchar(32),
    outstanding_after numeric(17,2),
    content_sha256    varchar(64)   not null,
    payload           varchar(100000) not null,
    constraint uq_agency_event_sequence unique (case_id, agency_sequence)
);
create index ix_agency_event_status on agency_event (status, case_id);

-- The highest agency sequence applied (or refused as illegal) per case: the next one expected is this + 1.
alter table claim_case add column agency_sequence integer not null default 0;

-- PAYMENT_RECEIVED events applied: what the debtor paid the agency, and the part of it that went to the
-- principal (the case's outstanding amount went down by exactly that).
create table agency_payment (
    event_id          varchar(36)   not null primary key references agency_event (event_id),
    case_id           varchar(36)   not null references claim_case (case_id),
    agency_id         varchar(64)   not null,
    creditor_org      varchar(20)   not null,
    currency          varchar(3)    not null,
    paid_on           date          not null,
    amount            numeric(17,2) not null,
    principal         numeric(17,2) not null,
    outstanding_after numeric(17,2) not null,
    recorded_at       timestamp with time zone not null
);
create index ix_agency_payment_creditor on agency_payment (creditor_org, paid_on);

-- SETTLEMENT events applied: the remittance (oppgjør) of one case, one row per settlement, for the weekly
-- remittance report per creditor (sum by creditor_org and the week of settled_on):
--   paid = to_creditor + fees + vat (checked); interest is the part of to_creditor that is interest;
--   to_creditor is negative when the agency charges the creditor (e.g. its fee for a withdrawn case).
create table agency_settlement (
    event_id     varchar(36)   not null primary key references agency_event (event_id),
    case_id      varchar(36)   not null references claim_case (case_id),
    agency_id    varchar(64)   not null,
    creditor_org varchar(20)   not null,
    currency     varchar(3)    not null,
    settled_on   date          not null,
    paid         numeric(17,2) not null,
    to_creditor  numeric(17,2) not null,
    interest     numeric(17,2) not null,
    fees         numeric(17,2) not null,
    vat          numeric(17,2) not null,
    recorded_at  timestamp with time zone not null
);
create index ix_agency_settlement_creditor on agency_settlement (creditor_org, settled_on);

-- An agency's question to the creditor (AWAITING_CREDITOR_DECISION): answered once, with an ANSWER command.
create table agency_question (
    case_id     varchar(36)  not null references claim_case (case_id),
    question_id varchar(64)  not null,
    event_id    varchar(36)  not null references agency_event (event_id),
    kind        varchar(20)  not null,
    text        varchar(2000),
    state       varchar(16)  not null,
    asked_at    timestamp with time zone not null,
    answer      varchar(16),
    answered_at timestamp with time zone,
    command_id  varchar(36),
    primary key (case_id, question_id)
);

-- Agency inputs that name no case of that agency, are not events at all, or contradict an event taken
-- (same sequence, other content): kept whole, with the reason, for operations.
create table agency_event_rejection (
    rejection_id    varchar(36)  not null primary key,
    agency_id       varchar(64)  not null,
    channel         varchar(8)   not null,
    case_id         varchar(36),
    agency_sequence integer,
    code            varchar(32)  not null,
    reason          varchar(2000) not null,
    payload         varchar(1000000) not null,
    received_at     timestamp with time zone not null
);
create index ix_agency_event_rejection_agency on agency_event_rejection (agency_id, received_at);
