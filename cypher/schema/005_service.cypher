// Uniqueness constraints for customer service: orders, their status steps, return policies, help articles.
CREATE CONSTRAINT order_id IF NOT EXISTS FOR (n:Order) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT order_event_id IF NOT EXISTS FOR (n:OrderEvent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT return_policy_id IF NOT EXISTS FOR (n:ReturnPolicy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT help_article_id IF NOT EXISTS FOR (n:HelpArticle) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT conversation_id IF NOT EXISTS FOR (n:Conversation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ticket_id IF NOT EXISTS FOR (n:Ticket) REQUIRE n.id IS UNIQUE;
