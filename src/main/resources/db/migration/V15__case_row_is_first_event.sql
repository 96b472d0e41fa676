-- A case's first history entry (CLAIM_RECEIVED, seq 1) is now read from the case row itself (created_at,
-- received_via, client_id, correlation_id: everything that entry held), so intake writes one row per claim
-- instead of two. The stored copies are removed so the history has one source; events go on from seq 2.
delete from case_event where seq = 1 and event_type = 'CLAIM_RECEIVED';
