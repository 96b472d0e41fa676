-- EHF intake (issue 4): credit notes, the commands a credit leaves for agency routing, and the
-- attachments embedded in EHF documents. Portable between H2 (MODE=PostgreSQL) and PostgreSQL.

-- Every credit note taken, once per (creditor, credit note number): APPLIED to the case of the
-- invoice it names, HELD until that invoice arrives, or REVIEW when it cannot be applied as it is
-- (another currency than the case's). content_sha256 tells a resent credit note from a changed one.
create table credit_note (
    credit_note_id     varchar(36)   not null primary key,
    creditor_org       varchar(20)   not null,
    credit_note_number varchar(64)   not null,
    invoice_number     varchar(64)   not null,
    state              varchar(16)   not null,
    case_id            varchar(36)   references claim_case (case_id),
    currency           varchar(3)    not null,
    amount             numeric(17,2) not null,
    issue_date         date          not null,
    received_via       varchar(8)    not null,
    client_id          varchar(64)   not null,
    correlation_id     varchar(64)   not null,
    content_sha256     varchar(64)   not null,
    note               varchar(500),
    received_at        timestamp with time zone not null,
    applied_at         timestamp with time zone,
    constraint uq_credit_note unique (credit_note_number, creditor_org)
);
-- held credit notes are looked up by the invoice that arrives
create index ix_credit_note_invoice on credit_note (invoice_number, creditor_org, state);

-- What a later stage must still do to a case that has moved on, e.g. a credit on a case already
-- handed to agency routing: sent on as a command once routing exists (state PENDING until then).
create table case_command (
    command_id  varchar(36)  not null primary key,
    case_id     varchar(36)  not null references claim_case (case_id),
    kind        varchar(32)  not null,
    state       varchar(16)  not null,
    detail_json varchar(100000) not null,
    created_at  timestamp with time zone not null
);
create index ix_case_command_pending on case_command (state, created_at);

-- Documents embedded in EHF invoices (e.g. the invoice PDF), kept by the URI the claim references
-- (ehf-attachment:<document sha-256>/<index>), never inlined into queue messages.
create table ehf_attachment (
    uri         varchar(200) not null primary key,
    media_type  varchar(64)  not null,
    sha256      varchar(64)  not null,
    filename    varchar(255),
    content     bytea        not null,
    stored_at   timestamp with time zone not null
);
