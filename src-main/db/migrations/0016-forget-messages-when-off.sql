-- Messages are other people's words, kept only while messages are on: whatever turns them off for an account
-- (the user, or a reconnect without the messages permission) forgets its conversations, and their messages
-- with them (ON DELETE CASCADE). Postdeck's record of private replies sent holds no one else's words and stays.
CREATE TRIGGER forget_messages_when_off AFTER UPDATE OF messages_enabled ON accounts
WHEN NEW.messages_enabled = 0 AND OLD.messages_enabled = 1
BEGIN
  DELETE FROM conversations WHERE account_id = NEW.id;
END;
