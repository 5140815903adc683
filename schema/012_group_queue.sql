-- 012_group_queue.sql — the admin's queue of group applications in order.
--
-- The admin dashboard (/staff, 「登録申請中の団体（承認待ち）」,
-- groups_pending() in src/model/staff_lists.c) lists the oldest 50 groups
-- in 申請中 by
--     WHERE g.status = 'shinsei'
--     ORDER BY coalesce(g.applied_on, g.created_at), g.id LIMIT 50
-- Until now every request read all 申請中 groups and sorted them (987 at
-- large scale: most of the admin dashboard's 11 ms). This partial index
-- holds exactly those groups in that order, so the page reads its 50 and
-- stops. It is partial: a group leaves it when approved, and the other
-- statuses, the bulk of the table, cost nothing on their saves.
CREATE INDEX groups_pending_queue ON groups(coalesce(applied_on, created_at), id)
WHERE status = 'shinsei';
