// Make a staged version the active one of its shop (ids starting with its `shop` prefix): flip the active flags, one active version per shop; other shops' versions are left alone. Returns the version it retired (null if none), whose country tastes stay one activation longer.
MATCH (new:ModelVersion {id: $version, status: 'staged'})
CALL (new) {
  OPTIONAL MATCH (old:ModelVersion {active: true})
  WHERE old <> new AND coalesce(old.shop, '') = coalesce(new.shop, '')
  SET old.active = false, old.status = 'retired'
  RETURN head(collect(old.id)) AS retired
}
SET new.active = true, new.status = 'active', new.activated_at = datetime(),
    new.shop = coalesce(new.shop, '')
RETURN new.id AS id, new.shop AS shop, retired
