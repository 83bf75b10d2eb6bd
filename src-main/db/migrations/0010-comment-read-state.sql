-- Read state is the creator's own and changes only when they open or mark a comment. The account's own
-- comments (its replies, sent from Postdeck or the Instagram app) are never unread. Every other read mark is
-- kept as it was. The unread count is asked on every change, so unread rows get their own small index.
UPDATE comments SET read = 1
WHERE read = 0 AND username = (SELECT accounts.username FROM accounts WHERE accounts.id = comments.account_id);
CREATE INDEX comments_unread ON comments (account_id) WHERE read = 0;
