-- SFTP batch delivery to agencies: a batch file is recorded (its deterministic file name and its
-- messages, in file order) before it is uploaded, so a crash between the upload and marking it
-- uploaded re-uploads the same file under the same name (the agency recognises it) and loses nothing.
-- Receipt files read back from the agency are kept with what became of them.
-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
create table agency_batch (
    batch_id       varchar(100) not null primary key,
    agency_id      varchar(64)  not null,
    batch_no       integer      not null,
    file_name      varchar(255) not null,
    state          varchar(16)  not null,   -- PENDING (recorded, upload not confirmed), UPLOADED, RECEIPTED
    message_count  integer      not null,
    created_at     timestamp with time zone not null,
    uploaded_at    timestamp with time zone,
    receipt_at     timestamp with time zone,
    constraint uq_agency_batch_no unique (agency_id, batch_no),
    constraint uq_agency_batch_file unique (agency_id, file_name)
);
create index ix_agency_batch_agency_state on agency_batch (agency_id, state);

-- which batch file carries a delivery row, and where in it
alter table agency_delivery add column batch_id varchar(100);
alter table agency_delivery add column batch_position integer;
create index ix_agency_delivery_batch on agency_delivery (batch_id);

create table agency_receipt (
    receipt_id   varchar(36)  not null primary key,
    agency_id    varchar(64)  not null,
    file_name    varchar(255) not null,
    received_at  timestamp with time zone not null,
    batch_id     varchar(100),
    outcome      varchar(16)  not null,     -- APPLIED, UNKNOWN_BATCH, MALFORMED
    detail       varchar(4000),
    content      varchar(1000000)
);
create index ix_agency_receipt_agency on agency_receipt (agency_id, received_at);
