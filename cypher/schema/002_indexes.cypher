// Range indexes for the filters the shop runs most: price, rating, kind and time of interactions.
CREATE INDEX product_price IF NOT EXISTS FOR (n:Product) ON (n.price);
CREATE INDEX product_avg_rating IF NOT EXISTS FOR (n:Product) ON (n.avg_rating);
CREATE INDEX category_level IF NOT EXISTS FOR (n:Category) ON (n.level);
CREATE INDEX shopper_country IF NOT EXISTS FOR (n:Shopper) ON (n.country);
CREATE INDEX interaction_kind IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON (r.kind);
CREATE INDEX interaction_at IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON (r.at);
CREATE INDEX review_lang IF NOT EXISTS FOR (n:Review) ON (n.lang);
CREATE INDEX model_version_active IF NOT EXISTS FOR (n:ModelVersion) ON (n.active);
CREATE INDEX gowalla_user_index IF NOT EXISTS FOR (n:GowallaUser) ON (n.index);
CREATE INDEX gowalla_item_index IF NOT EXISTS FOR (n:GowallaItem) ON (n.index);
