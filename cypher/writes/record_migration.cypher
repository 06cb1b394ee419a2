// Remember that a schema file was applied, and which version of it (its sha256).
MERGE (m:SchemaMigration {file: $file})
ON CREATE SET m.applied_at = datetime()
WITH m
WHERE m.sha256 IS NULL OR m.sha256 <> $sha256
SET m.sha256 = $sha256, m.applied_at = datetime()
