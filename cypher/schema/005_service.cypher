// Customer service: uniqueness of orders, status steps, return policies, help articles, conversations, tickets; conversations found by shopper.
CREATE CONSTRAINT order_id IF NOT EXISTS FOR (n:Order) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT order_event_id IF NOT EXISTS FOR (n:OrderEvent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT return_policy_id IF NOT EXISTS FOR (n:ReturnPolicy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT help_article_id IF NOT EXISTS FOR (n:HelpArticle) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT conversation_id IF NOT EXISTS FOR (n:Conversation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ticket_id IF NOT EXISTS FOR (n:Ticket) REQUIRE n.id IS UNIQUE;
CREATE INDEX conversation_shopper IF NOT EXISTS FOR (n:Conversation) ON (n.shopper_id);
