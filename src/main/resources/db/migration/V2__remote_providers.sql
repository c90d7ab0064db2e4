-- Remote providers: what is needed to follow a prediction (handles such as fal's status_url), the provider's
-- own status, the next status call or download attempt, and the overall deadline. Plus the upload cache.
alter table job add column handles_json varchar;
alter table job add column provider_status varchar(80);
alter table job add column queue_position integer;
alter table job add column output_url varchar(4000);
alter table job add column next_attempt_at timestamp with time zone;
alter table job add column attempts integer default 0 not null;
alter table job add column deadline_at timestamp with time zone;
create index job_next_attempt_idx on job (state, next_attempt_at);

create table upload_cache (
    provider    varchar(40)   not null,
    sha256      varchar(64)   not null,
    url         varchar(4000) not null,
    expires_at  timestamp with time zone not null,
    primary key (provider, sha256)
);
