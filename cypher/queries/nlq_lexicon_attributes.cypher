// The distinct colour, material, size, gender and age-group values products carry.
MATCH (p:Product)
RETURN collect(DISTINCT p.colour) AS colour, collect(DISTINCT p.material) AS material,
       collect(DISTINCT p.size) AS size, collect(DISTINCT p.gender) AS gender,
       collect(DISTINCT p.age_group) AS age_group
