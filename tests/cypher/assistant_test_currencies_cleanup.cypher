// Remove the assistant tests' own currencies (codes no real currency uses), so no shared rate is touched.
MATCH (cur:Currency) WHERE cur.code IN $codes
DETACH DELETE cur
