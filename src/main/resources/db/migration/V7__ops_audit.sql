-- Operations (issue 8): every operator action on dead letters and routes, who did it, when and why.
-- A discarded message is kept here whole (properties and body), so a discard loses nothing.
-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
create table ops_audit (
    audit_id        varchar(36)   not null primary key,
    at              timestamp with time zone not null,
    client_id       varchar(64)   not null,
    action          varchar(32)   not null,
    queue_name      varchar(255),
    message_id      varchar(64),
    route_id        varchar(255),
    reason          varchar(1000),
    detail          varchar(1000),
    correlation_id  varchar(64),
    message_properties varchar(10000),
    message_body    bytea
);
-- newest first for GET /api/v1/ops/audit (audit ids are time-ordered)
create index ix_ops_audit_at on ops_audit (audit_id);
