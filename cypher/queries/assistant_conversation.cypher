// A conversation's state (last intent and slots) and the asker's country, language and currency; only the asker's own.
// :param conversation_id => 'c-1';
// :param shopper_id => null;
OPTIONAL MATCH (conv:Conversation {id: $conversation_id})
WITH conv, conv IS NOT NULL AND coalesce(conv.shopper_id, '') = coalesce($shopper_id, '') AS own
OPTIONAL MATCH (s:Shopper {id: $shopper_id})
RETURN CASE WHEN own THEN conv.intent END AS intent, CASE WHEN own THEN conv.slots END AS slots,
       conv IS NOT NULL AND NOT own AS someone_elses, s.country AS country,
       s.language AS language, s.currency AS currency, s IS NOT NULL AS known_shopper
