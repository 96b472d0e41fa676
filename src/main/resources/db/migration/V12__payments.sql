-- Payments into creditors' accounts from bank files (Nets OCR giro, ISO 20022 camt.054), matched to
-- cases by the payment reference (KID) the claim carried. Portable between H2 and PostgreSQL.

-- the claim's KID (invoice.kid), for matching payments to cases
alter table claim_case add column payment_ref varchar(25);
create index ix_claim_case_payment_ref on claim_case (payment_ref);

-- one row per payment file taken (the same bytes from the same client are the same file)
create table payment_file (
    file_id        varchar(36)  not null primary key,
    content_sha256 varchar(64)  not null,
    client_id      varchar(64)  not null,
    file_name      varchar(255),
    format         varchar(16)  not null,
    channel        varchar(8)   not null,
    correlation_id varchar(64),
    payments       integer      not null,
    skipped        integer      not null,
    received_at    timestamp with time zone not null,
    constraint uq_payment_file_content unique (client_id, content_sha256)
);

-- each payment of a file and what became of it:
-- APPLIED (booked on a case not yet at an agency), SENT_TO_AGENCY (a DIRECT_PAYMENT command to the case's agency),
-- UNMATCHED (no case has its reference), REVIEW (matched, but not applied automatically: reason says why),
-- DUPLICATE (the same bank transaction came in an earlier file)
create table incoming_payment (
    payment_id     varchar(36)  not null primary key,
    file_id        varchar(36)  not null references payment_file (file_id),
    file_position  integer      not null,
    reference      varchar(35),
    bank_reference varchar(160) not null,
    amount         numeric(17,2),
    currency       varchar(3),
    paid_on        date,
    payer_name     varchar(140),
    state          varchar(16)  not null,
    case_id        varchar(36),
    command_id     varchar(36),
    reason         varchar(500),
    created_at     timestamp with time zone not null,
    constraint uq_incoming_payment_position unique (file_id, file_position)
);
create index ix_incoming_payment_bank_ref on incoming_payment (bank_reference);
create index ix_incoming_payment_case on incoming_payment (case_id);
