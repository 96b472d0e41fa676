-- Eligibility: the decision's outcome on the case, and the waiting store (cases in state WAITING,
-- re-checked from recheck_on). The full decision is a case_event (ELIGIBILITY_DECIDED).
alter table claim_case add column recheck_on date;
alter table claim_case add column agency_id varchar(64);
alter table claim_case add column decided_at timestamp with time zone;
create index ix_claim_case_recheck on claim_case (state, recheck_on);
