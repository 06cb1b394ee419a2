// Shop events (issue 12): one key per session, impression event and daily aggregate; indexes for session merge and retention.
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (n:Session) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT impression_id IF NOT EXISTS FOR (n:Impression) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT served_list_id IF NOT EXISTS FOR (n:ServedList) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_day_key IF NOT EXISTS FOR (n:EventDay) REQUIRE n.key IS UNIQUE;
CREATE INDEX session_shopper IF NOT EXISTS FOR (n:Session) ON (n.shopperId);
CREATE INDEX impression_session IF NOT EXISTS FOR (n:Impression) ON (n.sessionId);
CREATE INDEX impression_shopper IF NOT EXISTS FOR (n:Impression) ON (n.shopperId);
CREATE INDEX impression_at IF NOT EXISTS FOR (n:Impression) ON (n.at);
CREATE INDEX interaction_at IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON (r.at);
