// Full-text indexes, one per title language with the analyzer fit for it (stemming, stop words, CJK bigrams).
CREATE FULLTEXT INDEX product_text_en IF NOT EXISTS FOR (n:Product) ON EACH [n.title_en, n.description_en] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
CREATE FULLTEXT INDEX product_text_de IF NOT EXISTS FOR (n:Product) ON EACH [n.title_de, n.description_de] OPTIONS {indexConfig: {`fulltext.analyzer`: 'german'}};
CREATE FULLTEXT INDEX product_text_es IF NOT EXISTS FOR (n:Product) ON EACH [n.title_es, n.description_es] OPTIONS {indexConfig: {`fulltext.analyzer`: 'spanish'}};
CREATE FULLTEXT INDEX product_text_fr IF NOT EXISTS FOR (n:Product) ON EACH [n.title_fr, n.description_fr] OPTIONS {indexConfig: {`fulltext.analyzer`: 'french'}};
CREATE FULLTEXT INDEX product_text_pt IF NOT EXISTS FOR (n:Product) ON EACH [n.title_pt, n.description_pt] OPTIONS {indexConfig: {`fulltext.analyzer`: 'portuguese'}};
CREATE FULLTEXT INDEX product_text_zh IF NOT EXISTS FOR (n:Product) ON EACH [n.title_zh, n.description_zh] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX product_text_ja IF NOT EXISTS FOR (n:Product) ON EACH [n.title_ja, n.description_ja] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX category_names IF NOT EXISTS FOR (n:Category) ON EACH [n.name_en, n.name_de, n.name_es, n.name_pt, n.name_fr, n.name_zh, n.name_ja] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
CREATE FULLTEXT INDEX brand_names IF NOT EXISTS FOR (n:Brand) ON EACH [n.name, n.aliases_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
CREATE FULLTEXT INDEX category_wordings IF NOT EXISTS FOR (n:Wording) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
