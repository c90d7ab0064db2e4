-- CSV batches (CONTRACT 2.2): one row per imported batch, one per CSV row, and the money reserved for the whole
-- batch at import. A row is pending until its job is recorded (then submitted, with job_id); a row that an
-- earlier batch already completed is done_before and points at that job; a row refused at submission is failed.
create table batch (
    id            varchar(40)   primary key,
    user_id       varchar(200)  not null,
    source        varchar(2000) not null,
    intake_key    varchar(64)   not null,
    inputs_archived boolean     default false not null,
    state         varchar(20)   not null,
    estimate_usd  decimal(12, 4) not null,
    created_at    timestamp with time zone not null,
    finished_at   timestamp with time zone
);
create index batch_state_idx on batch (state);
create index batch_intake_key_idx on batch (intake_key);

create table batch_row (
    batch_id       varchar(40)    not null references batch (id),
    row_number     integer        not null,
    row_id         varchar(200)   not null,
    row_key        varchar(64)    not null,
    spec_json      varchar        not null,
    estimate_usd   decimal(12, 4) not null,
    state          varchar(20)    not null,
    job_id         varchar(40),
    error_code     varchar(40),
    error_message  varchar,
    primary key (batch_id, row_number)
);
create index batch_row_state_idx on batch_row (state);
create index batch_row_key_idx on batch_row (row_key);
create index batch_row_job_idx on batch_row (job_id);

-- What is still reserved for a batch's rows that have no job yet: each row's job draws its own hold from it
-- (the same columns as story_hold, so the ledger treats both alike).
create table batch_hold (
    batch_id    varchar(40)    primary key references batch (id),
    user_id     varchar(200)   not null,
    period      varchar(7)     not null,
    amount_usd  decimal(12, 4) not null,
    state       varchar(10)    not null
);
create index batch_hold_user_idx on batch_hold (user_id, period, state);
