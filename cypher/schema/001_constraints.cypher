// Uniqueness constraints on every id: loaders MERGE on these keys, so a reload is harmless.
CREATE CONSTRAINT product_id IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT brand_id IF NOT EXISTS FOR (n:Brand) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT category_id IF NOT EXISTS FOR (n:Category) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT shopper_id IF NOT EXISTS FOR (n:Shopper) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT review_id IF NOT EXISTS FOR (n:Review) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_code IF NOT EXISTS FOR (n:Country) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT currency_code IF NOT EXISTS FOR (n:Currency) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT model_version_id IF NOT EXISTS FOR (n:ModelVersion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT schema_migration_file IF NOT EXISTS FOR (n:SchemaMigration) REQUIRE n.file IS UNIQUE;
CREATE CONSTRAINT gowalla_user_id IF NOT EXISTS FOR (n:GowallaUser) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT gowalla_item_id IF NOT EXISTS FOR (n:GowallaItem) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT interaction_id IF NOT EXISTS FOR ()-[r:INTERACTED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT wording_id IF NOT EXISTS FOR (n:Wording) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT translation_id IF NOT EXISTS FOR (n:Translation) REQUIRE n.id IS UNIQUE;
