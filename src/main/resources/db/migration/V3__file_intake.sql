-- File intake (SFTP drops): one row per file content per source, so a file is taken exactly once
-- however often it is uploaded or however often its processing is interrupted; rejected lines are
-- kept once per (file, line).
create table file_intake (
    source_id        varchar(64)  not null,
    content_sha256   varchar(64)  not null,
    file_name        varchar(255) not null,
    status           varchar(16)  not null,
    lines_total      bigint,
    claims_created   bigint,
    claims_existing  bigint,
    lines_rejected   bigint,
    started_at       timestamp with time zone not null,
    finished_at      timestamp with time zone,
    primary key (source_id, content_sha256)
);

alter table rejected_input add column file_sha256 varchar(64);
alter table rejected_input add column line_number bigint;
create unique index ux_rejected_input_file_line on rejected_input (file_sha256, line_number);
