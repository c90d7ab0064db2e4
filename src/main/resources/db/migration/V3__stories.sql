-- Stories (CONTRACT 6): one row per story, one per shot, the jobs each shot ran (keyframe and video, retries
-- included), and the money reserved for the whole story before its first paid shot.
create table story (
    id               varchar(40)   primary key,
    user_id          varchar(200)  not null,
    source           varchar(2000) not null,
    intake_key       varchar(64),
    state            varchar(20)   not null,
    spec_json        varchar       not null,
    plan_json        varchar       not null,
    estimate_usd     decimal(12, 4) not null,
    preview_made     boolean       default false not null,
    error_code       varchar(40),
    error_message    varchar,
    inputs_archived  boolean       default false not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    finished_at      timestamp with time zone
);
create index story_state_idx on story (state);
create index story_intake_key_idx on story (intake_key);

create table story_shot (
    story_id       varchar(40)   not null references story (id),
    shot_id        varchar(64)   not null,
    position       integer       not null,
    state          varchar(20)   not null,
    keyframe       varchar(4000),
    keyframe_note  varchar,
    fallback       varchar,
    last_frame     varchar(4000),
    primary key (story_id, shot_id)
);

create table story_job (
    story_id    varchar(40)  not null references story (id),
    step        varchar(80)  not null,
    job_id      varchar(40)  not null references job (id),
    created_at  timestamp with time zone not null,
    primary key (story_id, job_id)
);
create index story_job_step_idx on story_job (story_id, step);

-- What is still reserved for a story's shots that have no job yet: each shot job draws its own hold from it.
create table story_hold (
    story_id    varchar(40)    primary key references story (id),
    user_id     varchar(200)   not null,
    period      varchar(7)     not null,
    amount_usd  decimal(12, 4) not null,
    state       varchar(10)    not null
);
create index story_hold_user_idx on story_hold (user_id, period, state);
